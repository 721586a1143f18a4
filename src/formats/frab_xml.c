/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * frab_xml.c: schedule.xml in and out, with libxml2's streaming
 * xmlTextReader (no tree: a 2 MB file is read in one pass) and
 * xmlTextWriter.
 */
#include "formats/frab_xml.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/xmlreader.h>
#include <libxml/xmlwriter.h>

#include "util/utf8.h"
#include "util/util.h"

#ifndef CABILDO_VERSION
#define CABILDO_VERSION "dev"
#endif

/* ---- reading ---- */

struct pending {
	int line;
	int64_t ext_id;
	char *guid;
	char *date, *start, *duration, *room, *title, *subtitle, *track;
	char *type, *language, *abstract, *description, *url;
	size_t persons[AGENDA_MAX_PERSONS_PER_SESSION];
	size_t npersons;
	bool active;
};

struct reader {
	xmlTextReaderPtr r;
	const char *file;
	struct agenda *ag;
	struct buf *warn, *err;
	enum agenda_read_err status;
	char *path[AGENDA_DEPTH_MAX + 1];
	int64_t day_date;
	bool have_day;
	char *room_name;
	struct pending ev;
	int offset_seen;
	bool has_offset;
	int day_change;
};

static void
pending_release(struct pending *p)
{
	free(p->guid);
	free(p->date);
	free(p->start);
	free(p->duration);
	free(p->room);
	free(p->title);
	free(p->subtitle);
	free(p->track);
	free(p->type);
	free(p->language);
	free(p->abstract);
	free(p->description);
	free(p->url);
	memset(p, 0, sizeof(*p));
}

static void
on_error(void *arg, const char *msg, xmlParserSeverities sev,
    xmlTextReaderLocatorPtr loc)
{
	struct reader *rd = arg;
	size_t n;
	int ln;

	if (sev == XML_PARSER_SEVERITY_WARNING ||
	    sev == XML_PARSER_SEVERITY_VALIDITY_WARNING)
		return;
	if (rd->status != AGENDA_READ_OK)
		return;
	rd->status = AGENDA_READ_SYNTAX;
	n = strcspn(msg, "\n");
	ln = xmlTextReaderLocatorLineNumber(loc);
	if (ln <= 0)
		ln = xmlTextReaderGetParserLineNumber(rd->r);
	buf_addf(
	    rd->err, "%s:%d: %.*s", rd->file, ln > 0 ? ln : 1, (int)n, msg);
}

static int
line(struct reader *rd)
{
	return xmlTextReaderGetParserLineNumber(rd->r);
}

static void
fail(struct reader *rd, enum agenda_read_err e, const char *what)
{
	if (rd->status != AGENDA_READ_OK)
		return;
	rd->status = e;
	buf_addf(rd->err, "%s:%d: %s", rd->file, line(rd), what);
}

/* The element's text content, trimmed of nothing; NULL on error. */
static char *
text_of(struct reader *rd)
{
	xmlChar *x = xmlTextReaderReadString(rd->r);
	char *s;
	size_t n;

	if (x == NULL)
		return xstrdup("");
	n = strlen((const char *)x);
	if (n > AGENDA_TEXT_MAX) {
		xmlFree(x);
		fail(rd, AGENDA_READ_TOOBIG, "text longer than 256 KiB");
		return NULL;
	}
	s = xstrndup((const char *)x, n);
	xmlFree(x);
	return s;
}

static char *
attr(struct reader *rd, const char *name)
{
	xmlChar *x = xmlTextReaderGetAttribute(rd->r, (const xmlChar *)name);
	char *s;

	if (x == NULL)
		return NULL;
	s = xstrdup((const char *)x);
	xmlFree(x);
	return s;
}

/* Trimmed copy for names and codes. */
static char *
trimmed(const char *s)
{
	size_t a = 0, b = strlen(s);

	while (a < b &&
	    (s[a] == ' ' || s[a] == '\n' || s[a] == '\t' || s[a] == '\r'))
		a++;
	while (b > a &&
	    (s[b - 1] == ' ' || s[b - 1] == '\n' || s[b - 1] == '\t' ||
		s[b - 1] == '\r'))
		b--;
	return xstrndup(s + a, b - a);
}

static void
set_field(char **slot, char *value)
{
	free(*slot);
	*slot = value;
}

static bool
is(const char *a, const char *b)
{
	return a != NULL && strcmp(a, b) == 0;
}

static void
conference_field(struct reader *rd, const char *name)
{
	struct agenda *ag = rd->ag;
	char *v, *t;
	int64_t d;
	int m;

	if (is(name, "track")) {
		char *n = attr(rd, "name"), *color = attr(rd, "color");
		size_t k;

		if (n == NULL && (v = text_of(rd)) != NULL) {
			n = trimmed(v);
			free(v);
		}
		if (n != NULL && *n != '\0') {
			k = agenda_track_intern(ag, n);
			if (color != NULL && strlen(color) == 7 &&
			    color[0] == '#' && ag->tracks[k].color == NULL) {
				ag->tracks[k].color = color;
				color = NULL;
			}
		}
		free(n);
		free(color);
		return;
	}
	if ((v = text_of(rd)) == NULL)
		return;
	t = trimmed(v);
	free(v);
	if (is(name, "acronym"))
		set_field(&ag->slug, t), t = NULL;
	else if (is(name, "title"))
		set_field(&ag->title, t), t = NULL;
	else if (is(name, "subtitle") && *t != '\0')
		set_field(&ag->subtitle, t), t = NULL;
	else if (is(name, "venue") && *t != '\0')
		set_field(&ag->venue, t), t = NULL;
	else if (is(name, "city") && *t != '\0')
		set_field(&ag->city, t), t = NULL;
	else if ((is(name, "base_url") || is(name, "url")) && *t != '\0' &&
	    ag->url == NULL)
		set_field(&ag->url, t), t = NULL;
	else if (is(name, "time_zone_name") && *t != '\0')
		set_field(&ag->timezone, t), t = NULL;
	else if (is(name, "start") && strlen(t) >= 10) {
		t[10] = '\0';
		if (parse_date(t, &d))
			ag->start_date = d;
	} else if (is(name, "end") && strlen(t) >= 10) {
		t[10] = '\0';
		if (parse_date(t, &d))
			ag->end_date = d;
	} else if (is(name, "day_change") && agenda_parse_duration(t, &m)) {
		rd->day_change = m;
		ag->day_change_min = m;
	} else if (is(name, "timeslot_duration") &&
	    agenda_parse_duration(t, &m) && m > 0) {
		ag->timeslot_min = m;
	}
	free(t);
}

static void
event_begin(struct reader *rd)
{
	char *id = attr(rd, "id");
	int64_t v;

	pending_release(&rd->ev);
	rd->ev.active = true;
	rd->ev.line = line(rd);
	if (id != NULL && parse_i64(id, 1, INT64_MAX, &v))
		rd->ev.ext_id = v;
	free(id);
	rd->ev.guid = attr(rd, "guid");
}

static void
event_field(struct reader *rd, const char *name)
{
	static const struct {
		const char *name;
		size_t off;
	} fields[] = {
		{ "date", offsetof(struct pending, date) },
		{ "start", offsetof(struct pending, start) },
		{ "duration", offsetof(struct pending, duration) },
		{ "room", offsetof(struct pending, room) },
		{ "title", offsetof(struct pending, title) },
		{ "subtitle", offsetof(struct pending, subtitle) },
		{ "track", offsetof(struct pending, track) },
		{ "type", offsetof(struct pending, type) },
		{ "language", offsetof(struct pending, language) },
		{ "abstract", offsetof(struct pending, abstract) },
		{ "description", offsetof(struct pending, description) },
		{ "url", offsetof(struct pending, url) },
	};
	size_t i;
	char *v;

	for (i = 0; i < ARRAY_SIZE(fields); i++) {
		if (!is(name, fields[i].name))
			continue;
		if ((v = text_of(rd)) != NULL)
			set_field(
			    (char **)(void *)((char *)&rd->ev + fields[i].off),
			    v);
		return;
	}
}

static void
event_person(struct reader *rd)
{
	char *id = attr(rd, "id"), *v = text_of(rd), *name;
	int64_t ext = 0;

	if (v == NULL) {
		free(id);
		return;
	}
	name = trimmed(v);
	free(v);
	if (id != NULL && !parse_i64(id, 1, INT64_MAX, &ext))
		ext = 0;
	free(id);
	if (*name == '\0') {
		free(name);
		return;
	}
	if (rd->ev.npersons == AGENDA_MAX_PERSONS_PER_SESSION) {
		buf_addf(rd->warn,
		    "%s:%d: skipped person '%s': more than %d "
		    "in one event\n",
		    rd->file, line(rd), name, AGENDA_MAX_PERSONS_PER_SESSION);
	} else {
		rd->ev.persons[rd->ev.npersons++] =
		    agenda_person_intern(rd->ag, ext, name);
	}
	free(name);
}

static char *
nonempty(char *s)
{
	char *t;

	if (s == NULL)
		return NULL;
	t = trimmed(s);
	if (*t == '\0') {
		free(t);
		return NULL;
	}
	return t;
}

static void
skip_event(struct reader *rd, const char *why)
{
	buf_addf(rd->warn, "%s:%d: skipped event '%.80s': %s\n", rd->file,
	    rd->ev.line, rd->ev.title != NULL ? rd->ev.title : "", why);
}

static void
event_end(struct reader *rd)
{
	struct pending *p = &rd->ev;
	struct agenda *ag = rd->ag;
	struct agenda_session *s;
	char *room = nonempty(p->room), *track;
	int64_t date = 0;
	int minute = 0, dur = 0, off;
	bool has_off = false;
	size_t i;

	if (room == NULL)
		room = nonempty(rd->room_name);
	if (p->date != NULL && *p->date != '\0') {
		char *d = trimmed(p->date);
		bool ok =
		    agenda_parse_datetime(d, &date, &minute, &off, &has_off);

		free(d);
		if (!ok) {
			skip_event(rd, "bad <date>");
			goto out;
		}
		if (has_off && !rd->has_offset) {
			rd->offset_seen = off;
			rd->has_offset = true;
		}
	} else if (p->start != NULL && rd->have_day &&
	    agenda_parse_duration(p->start, &minute) && minute < 24 * 60) {
		date = rd->day_date + (minute < rd->day_change ? 1 : 0);
	} else {
		skip_event(rd, "no <date>, or no <start> within a <day>");
		goto out;
	}
	if (p->duration == NULL || !agenda_parse_duration(p->duration, &dur)) {
		skip_event(rd, "no valid <duration>");
		goto out;
	}
	if (room == NULL) {
		skip_event(rd, "no room");
		goto out;
	}
	if (p->title == NULL) {
		skip_event(rd, "no <title>");
		goto out;
	}
	if (ag->nsessions >= AGENDA_MAX_SESSIONS) {
		fail(rd, AGENDA_READ_TOOBIG, "more than 20000 events");
		goto out;
	}
	s = agenda_session_add(ag);
	s->ext_id = p->ext_id;
	if (p->guid != NULL)
		snprintf(s->guid, sizeof(s->guid), "%.36s", p->guid);
	s->title = p->title;
	p->title = NULL;
	s->subtitle = nonempty(p->subtitle);
	s->abstract = p->abstract;
	p->abstract = NULL;
	s->description = p->description;
	p->description = NULL;
	s->type = nonempty(p->type);
	s->language = nonempty(p->language);
	s->url = nonempty(p->url);
	track = nonempty(p->track);
	if (track != NULL)
		s->track = agenda_track_intern(ag, track);
	free(track);
	s->room = agenda_room_intern(ag, room);
	s->date = date;
	s->start_min = minute;
	s->duration_min = dur;
	s->day = rd->have_day ? rd->day_date : date;
	for (i = 0; i < p->npersons; i++)
		agenda_session_add_person(s, p->persons[i]);
out:
	free(room);
	pending_release(p);
}

static void
element(struct reader *rd, int depth, const char *name, bool empty)
{
	const char *p1 = rd->path[1], *p2 = rd->path[2];

	if (depth == 0) {
		if (!is(name, "schedule"))
			fail(rd, AGENDA_READ_INVALID,
			    "the root element is not <schedule>");
		return;
	}
	if (depth == 1 && is(name, "day")) {
		char *d = attr(rd, "date");

		rd->have_day = d != NULL && parse_date(d, &rd->day_date);
		if (!rd->have_day)
			buf_addf(rd->warn,
			    "%s:%d: <day> without a valid date\n", rd->file,
			    line(rd));
		free(d);
		return;
	}
	if (depth == 2 && is(p1, "conference")) {
		conference_field(rd, name);
		return;
	}
	if (depth == 2 && is(p1, "tracks") && is(name, "track")) {
		conference_field(rd, name);
		return;
	}
	if (depth == 2 && is(p1, "day") && is(name, "room")) {
		free(rd->room_name);
		rd->room_name = attr(rd, "name");
		return;
	}
	if (is(name, "event") && is(p1, "day") &&
	    (depth == 2 || (depth == 3 && is(p2, "room")))) {
		if (depth == 2) {
			free(rd->room_name);
			rd->room_name = NULL;
		}
		event_begin(rd);
		if (empty) {
			skip_event(rd, "empty <event>");
			pending_release(&rd->ev);
		}
		return;
	}
	if (!rd->ev.active)
		return;
	if (is(rd->path[depth - 1], "event"))
		event_field(rd, name);
	else if (is(name, "person") && is(rd->path[depth - 1], "persons"))
		event_person(rd);
}

enum agenda_read_err
frab_xml_read(const char *text, size_t len, const char *file, struct agenda *ag,
    struct buf *warn, struct buf *err)
{
	struct reader rd;
	int ret = 1, type, depth, i;
	const char *name;

	memset(&rd, 0, sizeof(rd));
	rd.file = file;
	rd.ag = ag;
	rd.warn = warn;
	rd.err = err;
	if (len > AGENDA_FILE_MAX || len > INT32_MAX) {
		buf_addf(err, "%s: larger than %zu MiB", file,
		    AGENDA_FILE_MAX >> 20);
		return AGENDA_READ_TOOBIG;
	}
	/* No NOENT (no entity substitution), no DTDLOAD, no network. */
	rd.r = xmlReaderForMemory(
	    text, (int)len, file, NULL, XML_PARSE_NONET | XML_PARSE_NOXINCNODE);
	if (rd.r == NULL) {
		buf_addf(err, "%s:1: cannot start the XML reader", file);
		return AGENDA_READ_SYNTAX;
	}
	xmlTextReaderSetErrorHandler(rd.r, on_error, &rd);
	while (rd.status == AGENDA_READ_OK &&
	    (ret = xmlTextReaderRead(rd.r)) == 1) {
		type = xmlTextReaderNodeType(rd.r);
		depth = xmlTextReaderDepth(rd.r);
		if (type == XML_READER_TYPE_DOCUMENT_TYPE ||
		    type == XML_READER_TYPE_ENTITY_REFERENCE ||
		    type == XML_READER_TYPE_ENTITY) {
			fail(&rd, AGENDA_READ_INVALID,
			    "DOCTYPE and entities are not accepted");
			break;
		}
		if (depth > AGENDA_DEPTH_MAX) {
			fail(&rd, AGENDA_READ_TOOBIG,
			    "elements nested deeper than 32");
			break;
		}
		if (type == XML_READER_TYPE_END_ELEMENT) {
			if (rd.ev.active && depth >= 2 &&
			    is(rd.path[depth], "event"))
				event_end(&rd);
			continue;
		}
		if (type != XML_READER_TYPE_ELEMENT)
			continue;
		name = (const char *)xmlTextReaderConstLocalName(rd.r);
		free(rd.path[depth]);
		rd.path[depth] = xstrdup(name != NULL ? name : "");
		for (i = depth + 1; i <= AGENDA_DEPTH_MAX && rd.path[i]; i++) {
			free(rd.path[i]);
			rd.path[i] = NULL;
		}
		element(&rd, depth, rd.path[depth],
		    xmlTextReaderIsEmptyElement(rd.r) == 1);
	}
	if (rd.status == AGENDA_READ_OK && ret != 0 && ret != 1)
		fail(&rd, AGENDA_READ_SYNTAX, "malformed XML");
	if (rd.status == AGENDA_READ_OK && rd.path[0] == NULL)
		fail(&rd, AGENDA_READ_INVALID, "no <schedule> element");
	xmlFreeTextReader(rd.r);
	pending_release(&rd.ev);
	free(rd.room_name);
	for (i = 0; i <= AGENDA_DEPTH_MAX; i++)
		free(rd.path[i]);
	if (rd.status != AGENDA_READ_OK)
		return rd.status;
	if (ag->title == NULL)
		ag->title = xstrdup(ag->slug != NULL ? ag->slug : file);
	if (ag->slug == NULL || *ag->slug == '\0') {
		char key[64];

		agenda_keyify(ag->title, key, sizeof(key));
		free(ag->slug);
		ag->slug = xstrdup(key);
	}
	agenda_import_finish(ag, rd.offset_seen, rd.has_offset, file, warn);
	return AGENDA_READ_OK;
}

/* ---- writing ---- */

/* XML 1.0 forbids most C0 controls even as references. */
static const char *
xml_clean(const char *s, struct buf *tmp)
{
	const char *p;

	if (s == NULL)
		return "";
	for (p = s; *p != '\0'; p++)
		if ((unsigned char)*p < 0x20 && *p != '\t' && *p != '\n' &&
		    *p != '\r')
			break;
	if (*p == '\0')
		return s;
	buf_reset(tmp);
	for (p = s; *p != '\0'; p++) {
		if ((unsigned char)*p < 0x20 && *p != '\t' && *p != '\n' &&
		    *p != '\r')
			buf_addstr(tmp, "\xef\xbf\xbd");
		else
			buf_addc(tmp, *p);
	}
	return tmp->s;
}

static void
elem(xmlTextWriterPtr w, const char *name, const char *value, struct buf *tmp)
{
	xmlTextWriterWriteElement(
	    w, (const xmlChar *)name, (const xmlChar *)xml_clean(value, tmp));
}

static void
attr_w(xmlTextWriterPtr w, const char *name, const char *value, struct buf *tmp)
{
	xmlTextWriterWriteAttribute(
	    w, (const xmlChar *)name, (const xmlChar *)xml_clean(value, tmp));
}

static bool
http_url(const char *s)
{
	return s != NULL &&
	    (strncmp(s, "http://", 7) == 0 || strncmp(s, "https://", 8) == 0);
}

static bool
key_is_slug(const char *k)
{
	return k[0] >= 'a' && k[0] <= 'z' && k[1] != '\0';
}

static void
write_conference(
    xmlTextWriterPtr w, const struct agenda *ag, size_t ndays, struct buf *tmp)
{
	char d[11], acr[72], n[24];
	size_t i;

	xmlTextWriterStartElement(w, (const xmlChar *)"conference");
	snprintf(acr, sizeof(acr), "%s", ag->slug);
	for (i = 0; acr[i] != '\0'; i++)
		;
	while (i < 4)
		acr[i++] = '_', acr[i] = '\0';
	elem(w, "acronym", acr, tmp);
	elem(w, "title", ag->title, tmp);
	format_date(ag->start_date, d);
	elem(w, "start", d, tmp);
	format_date(ag->end_date, d);
	elem(w, "end", d, tmp);
	snprintf(n, sizeof(n), "%zu", ndays);
	elem(w, "days", n, tmp);
	snprintf(n, sizeof(n), "%02d:%02d", ag->timeslot_min / 60,
	    ag->timeslot_min % 60);
	elem(w, "timeslot_duration", n, tmp);
	if (http_url(ag->url))
		elem(w, "base_url", ag->url, tmp);
	if (ag->timezone != NULL)
		elem(w, "time_zone_name", ag->timezone, tmp);
	for (i = 0; i < ag->ntracks; i++) {
		const struct agenda_track *t = &ag->tracks[i];

		xmlTextWriterStartElement(w, (const xmlChar *)"track");
		attr_w(w, "name", t->name, tmp);
		if (t->color != NULL && strlen(t->color) == 7)
			attr_w(w, "color", t->color, tmp);
		if (key_is_slug(t->key))
			attr_w(w, "slug", t->key, tmp);
		xmlTextWriterEndElement(w);
	}
	xmlTextWriterEndElement(w);
}

static void
write_event(xmlTextWriterPtr w, const struct agenda *ag,
    const struct agenda_session *s, int64_t id, struct buf *tmp)
{
	struct buf t;
	char n[32];
	size_t i;

	buf_init(&t, 0);
	xmlTextWriterStartElement(w, (const xmlChar *)"event");
	snprintf(n, sizeof(n), "%lld", (long long)id);
	attr_w(w, "id", n, tmp);
	attr_w(w, "guid", s->guid, tmp);
	agenda_iso_local(ag, s->date, s->start_min, &t);
	elem(w, "date", t.s, tmp);
	snprintf(
	    n, sizeof(n), "%02d:%02d", s->start_min / 60, s->start_min % 60);
	elem(w, "start", n, tmp);
	snprintf(n, sizeof(n), "%02d:%02d", s->duration_min / 60,
	    s->duration_min % 60);
	elem(w, "duration", n, tmp);
	elem(w, "room", s->room != AGENDA_NONE ? ag->rooms[s->room].name : "",
	    tmp);
	elem(w, "title", s->title, tmp);
	elem(w, "subtitle", s->subtitle, tmp);
	elem(w, "track",
	    s->track != AGENDA_NONE ? ag->tracks[s->track].name : "", tmp);
	elem(w, "type", s->type, tmp);
	elem(w, "language", s->language, tmp);
	elem(w, "abstract", s->abstract, tmp);
	elem(w, "description", s->description, tmp);
	if (http_url(s->url))
		elem(w, "url", s->url, tmp);
	xmlTextWriterStartElement(w, (const xmlChar *)"persons");
	for (i = 0; i < s->npersons; i++) {
		const struct agenda_person *p = &ag->persons[s->persons[i]];

		xmlTextWriterStartElement(w, (const xmlChar *)"person");
		snprintf(n, sizeof(n), "%lld",
		    (long long)(p->ext_id > 0 ? p->ext_id : p->id));
		if (p->ext_id > 0 || p->id > 0)
			attr_w(w, "id", n, tmp);
		xmlTextWriterWriteString(
		    w, (const xmlChar *)xml_clean(p->name, tmp));
		xmlTextWriterEndElement(w);
	}
	xmlTextWriterEndElement(w);
	xmlTextWriterEndElement(w);
	buf_release(&t);
}

void
frab_xml_write(const struct agenda *ag, struct buf *out)
{
	xmlBufferPtr xb = xmlBufferCreate();
	xmlTextWriterPtr w = xmlNewTextWriterMemory(xb, 0);
	int64_t *days = NULL, *ids = agenda_export_ids(ag);
	size_t ndays = agenda_days(ag, &days), di, i, j, r;
	struct buf tmp, t;
	char n[24];

	buf_init(&tmp, 0);
	buf_init(&t, 0);
	xmlTextWriterSetIndent(w, 1);
	xmlTextWriterSetIndentString(w, (const xmlChar *)"  ");
	xmlTextWriterStartDocument(w, "1.0", "UTF-8", NULL);
	xmlTextWriterStartElement(w, (const xmlChar *)"schedule");
	xmlTextWriterStartElement(w, (const xmlChar *)"generator");
	attr_w(w, "name", "cabildo", &tmp);
	attr_w(w, "version", CABILDO_VERSION, &tmp);
	xmlTextWriterEndElement(w);
	elem(w, "version", "1.0", &tmp);
	write_conference(w, ag, ndays, &tmp);
	for (di = 0, i = 0; di < ndays; di++) {
		size_t first = i, last;
		int64_t smin = INT64_MAX, emax = INT64_MIN;

		while (i < ag->nsessions && ag->sessions[i].day == days[di])
			i++;
		last = i;
		for (j = first; j < last; j++) {
			int64_t st = agenda_session_start(&ag->sessions[j]);

			if (st < smin)
				smin = st;
			if (st + ag->sessions[j].duration_min > emax)
				emax = st + ag->sessions[j].duration_min;
		}
		xmlTextWriterStartElement(w, (const xmlChar *)"day");
		snprintf(n, sizeof(n), "%zu", di + 1);
		attr_w(w, "index", n, &tmp);
		format_date(days[di], n);
		attr_w(w, "date", n, &tmp);
		buf_reset(&t);
		agenda_iso_local(ag, smin / 1440, (int)(smin % 1440), &t);
		attr_w(w, "start", t.s, &tmp);
		buf_reset(&t);
		agenda_iso_local(ag, emax / 1440, (int)(emax % 1440), &t);
		attr_w(w, "end", t.s, &tmp);
		for (r = 0; r < ag->nrooms; r++) {
			bool any = false;

			for (j = first; j < last; j++) {
				if (ag->sessions[j].room != r)
					continue;
				if (!any) {
					xmlTextWriterStartElement(
					    w, (const xmlChar *)"room");
					char guid[AGENDA_GUID_LEN + 1],
					    seed[80];

					snprintf(seed, sizeof(seed), "room:%s",
					    ag->rooms[r].key);
					agenda_guid_make(ag->slug, seed, guid);
					attr_w(
					    w, "name", ag->rooms[r].name, &tmp);
					attr_w(w, "guid", guid, &tmp);
					any = true;
				}
				write_event(
				    w, ag, &ag->sessions[j], ids[j], &tmp);
			}
			if (any)
				xmlTextWriterEndElement(w);
		}
		xmlTextWriterEndElement(w);
	}
	if (ndays == 0) {
		/* nothing placed yet: the XSD still wants one <day> */
		xmlTextWriterStartElement(w, (const xmlChar *)"day");
		attr_w(w, "index", "1", &tmp);
		format_date(ag->start_date, n);
		attr_w(w, "date", n, &tmp);
		agenda_iso_local(ag, ag->start_date, 0, &t);
		attr_w(w, "start", t.s, &tmp);
		attr_w(w, "end", t.s, &tmp);
		xmlTextWriterEndElement(w);
	}
	xmlTextWriterEndElement(w);
	xmlTextWriterEndDocument(w);
	xmlFreeTextWriter(w);
	buf_add(out, (const char *)xmlBufferContent(xb),
	    (size_t)xmlBufferLength(xb));
	xmlBufferFree(xb);
	buf_release(&tmp);
	buf_release(&t);
	free(days);
	free(ids);
}
