/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * page_session.c: /{event}/sessions/{guid}, one session of the published
 * agenda: when and where, theme, format, language, speakers and the
 * abstract (Markdown, rendered by cmark in safe mode: raw HTML and
 * unsafe links are dropped); /{event}/sessions/{guid}.ics is the same
 * session as a calendar file.
 */
#include "web/agenda_web.h"

#include <stdlib.h>
#include <string.h>

#include <cmark.h>

#include "util/util.h"
#include "web/html.h"
#include "web/i18n.h"
#include "web/layout.h"
#include "web/route.h"

static void
markdown(struct buf *b, const char *text)
{
	char *out;

	if (text == NULL || *text == '\0')
		return;
	out = cmark_markdown_to_html(
	    text, strlen(text), CMARK_OPT_SAFE | CMARK_OPT_NOBREAKS);
	/* cmark escaped the text and, with CMARK_OPT_SAFE, dropped raw
	 * HTML and javascript: links: its output is trusted markup. */
	html_raw(b, out);
	free(out);
}

static void
fact(struct buf *b, const char *term, const char *value)
{
	html_printf(b, "<div><dt>%s</dt><dd>%s</dd></div>\n", term, value);
}

void
page_session(struct request *req, struct response *resp)
{
	const struct agenda_view *v;
	const struct agenda_session *s;
	struct buf *b = &resp->body, t;
	char guid[AGENDA_GUID_LEN + 1];
	const char *seg = req->seg[2];
	size_t n = strlen(seg), i;
	bool ics = n == AGENDA_GUID_LEN + 4 && strcmp(seg + n - 4, ".ics") == 0;
	long k;

	if (n != AGENDA_GUID_LEN && !ics) {
		page_error(req, resp, 404);
		return;
	}
	memcpy(guid, seg, AGENDA_GUID_LEN);
	guid[AGENDA_GUID_LEN] = '\0';
	if ((v = agenda_view_get(req, resp, req->seg[0])) == NULL)
		return;
	if ((k = agenda_find_guid(&v->ag, guid)) < 0) {
		page_error(req, resp, 404);
		return;
	}
	if (ics) {
		agenda_session_ics(req, resp, v, (size_t)k);
		return;
	}
	s = &v->ag.sessions[k];
	resp->status = 200;
	resp->cacheable = true;
	layout_begin(req, resp, s->title, &v->ev);
	agenda_assets(b);
	html_printf(b,
	    "<p class=\"kicker\"><a href=\"/%u/agenda\">%s</a></p>\n"
	    "<article class=\"session-page\" data-guid=\"%s\">\n<h1>%s</h1>\n",
	    v->slug, i18n(req->lang, MSG_AG_BACK), s->guid, s->title);
	if (s->subtitle != NULL)
		html_printf(b, "<p class=\"lead\">%s</p>\n", s->subtitle);
	buf_init(&t, 256);
	html_raw(b, "<dl class=\"facts\">\n");
	i18n_day_heading(&t, req->lang, s->day);
	buf_addstr(&t, ", ");
	agenda_time_range(&t, s);
	fact(b, i18n(req->lang, MSG_AG_WHEN), t.s);
	fact(b, i18n(req->lang, MSG_ROOM), v->ag.rooms[s->room].name);
	if (s->track != AGENDA_NONE)
		fact(
		    b, i18n(req->lang, MSG_THEME), v->ag.tracks[s->track].name);
	if (s->type != NULL)
		fact(b, i18n(req->lang, MSG_FORMAT),
		    agenda_type_name(v, s->type, req->lang));
	if (s->language != NULL) {
		enum lang l;

		fact(b, i18n(req->lang, MSG_AG_SESSION_LANG),
		    lang_parse(s->language, strlen(s->language), &l)
			? lang_name(l)
			: s->language);
	}
	html_raw(b, "</dl>\n");
	if (s->npersons > 0) {
		html_printf(b,
		    "<h2 id=\"speakers\">%s</h2>\n<ul class=\"speakers\">\n",
		    i18n(req->lang, MSG_SPEAKERS));
		for (i = 0; i < s->npersons; i++) {
			const struct agenda_person *p =
			    &v->ag.persons[s->persons[i]];

			html_printf(b,
			    "<li><a href=\"/%u/speakers/%l\">%s</a></li>\n",
			    v->slug, p->id, p->name);
		}
		html_raw(b, "</ul>\n");
	}
	if (s->abstract != NULL && *s->abstract != '\0') {
		html_printf(b,
		    "<h2 id=\"abstract\">%s</h2>\n<div class=\"abstract\">\n",
		    i18n(req->lang, MSG_AG_ABSTRACT));
		markdown(b, s->abstract);
		html_raw(b, "</div>\n");
	}
	html_printf(b,
	    "<p class=\"actions\"><a href=\"/%u/sessions/%u.ics\">%s</a></p>\n",
	    v->slug, s->guid, i18n(req->lang, MSG_AG_ADD_CALENDAR));
	participant_marks_begin(req, resp, v);
	participant_star_button(req, b, v, (size_t)k);
	participant_marks_end();
	html_raw(b, "</article>\n");
	layout_end(req, resp, &v->ev);
	buf_release(&t);
}
