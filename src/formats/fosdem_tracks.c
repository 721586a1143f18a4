/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * fosdem_tracks.c: <event> elements of a schedule.xml through libxml2's
 * tree API; the files are a few megabytes.
 */
#include "formats/fosdem_tracks.h"

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <stdlib.h>
#include <string.h>

#include "util/util.h"

static bool
named(const xmlNode *n, const char *name)
{
	return n->type == XML_ELEMENT_NODE &&
	    strcmp((const char *)n->name, name) == 0;
}

/* Appends the text of child `name` of ev, and a newline, to b. */
static void
add_child(struct buf *b, const xmlNode *ev, const char *name)
{
	const xmlNode *c;

	for (c = ev->children; c != NULL; c = c->next) {
		if (named(c, name)) {
			xmlChar *t = xmlNodeGetContent(c);

			if (t != NULL && *t != '\0') {
				buf_addstr(b, (const char *)t);
				buf_addc(b, '\n');
			}
			xmlFree(t);
			return;
		}
	}
}

static void
walk(const xmlNode *n, struct labelled_docs *out, struct buf *text,
    struct buf *track)
{
	for (; n != NULL; n = n->next) {
		if (!named(n, "event")) {
			if (n->type == XML_ELEMENT_NODE)
				walk(n->children, out, text, track);
			continue;
		}
		buf_reset(text);
		buf_reset(track);
		add_child(text, n, "title");
		add_child(text, n, "subtitle");
		add_child(text, n, "abstract");
		add_child(text, n, "description");
		add_child(track, n, "track");
		while (track->len > 0 &&
		    (track->s[track->len - 1] == '\n' ||
			track->s[track->len - 1] == ' '))
			buf_truncate(track, track->len - 1);
		if (text->len > 0 && track->len > 0 && !text->overflow)
			labelled_docs_add(out, text->s, track->s);
	}
}

bool
fosdem_tracks_read(const char *path, struct labelled_docs *out, struct buf *err)
{
	char *data = NULL;
	size_t len;
	enum read_err re;
	xmlDoc *doc;
	struct buf text, track;

	if ((re = read_file(path, FOSDEM_XML_MAX, &data, &len)) != READ_OK) {
		buf_addf(err, "%s: %s", path, read_strerror(re));
		return false;
	}
	doc = xmlReadMemory(data, (int)len, path, NULL,
	    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	free(data);
	if (doc == NULL) {
		const xmlError *e = xmlGetLastError();

		buf_addf(err, "%s:%d: not well-formed XML", path,
		    e != NULL ? e->line : 0);
		return false;
	}
	buf_init(&text, (size_t)1 << 20);
	buf_init(&track, 1024);
	walk(xmlDocGetRootElement(doc), out, &text, &track);
	buf_release(&text);
	buf_release(&track);
	xmlFreeDoc(doc);
	return true;
}
