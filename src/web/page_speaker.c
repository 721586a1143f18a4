/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * page_speaker.c: /{event}/speakers/{id}, a speaker's sessions in the
 * published agenda.  Only the public name is shown: e-mail, gender and
 * other personal data never reach this page.
 */
#include "web/agenda_web.h"

#include <string.h>

#include "util/util.h"
#include "web/html.h"
#include "web/i18n.h"
#include "web/layout.h"
#include "web/route.h"

void
page_speaker(struct request *req, struct response *resp)
{
	const struct agenda_view *v;
	const struct agenda *ag;
	struct buf *b = &resp->body;
	int64_t id;
	size_t i, j, p;

	if (!parse_i64(req->seg[2], 1, INT64_MAX, &id)) {
		page_error(req, resp, 404);
		return;
	}
	if ((v = agenda_view_get(req, resp, req->seg[0])) == NULL)
		return;
	ag = &v->ag;
	for (p = 0; p < ag->npersons && ag->persons[p].id != id; p++)
		;
	if (p == ag->npersons) {
		page_error(req, resp, 404);
		return;
	}
	resp->status = 200;
	resp->cacheable = true;
	layout_begin(req, resp, ag->persons[p].name, &v->ev);
	agenda_assets(b);
	html_printf(b,
	    "<p class=\"kicker\"><a href=\"/%u/agenda\">%s</a></p>\n"
	    "<h1>%s</h1>\n<p class=\"meta\">%s</p>\n"
	    "<h2 id=\"sessions\">%s</h2>\n<ol class=\"agenda\">\n",
	    v->slug, i18n(req->lang, MSG_AG_BACK), ag->persons[p].name,
	    i18n(req->lang, MSG_AG_SPEAKER),
	    i18n(req->lang, MSG_AG_SESSIONS_OF));
	for (i = 0; i < ag->nsessions; i++)
		for (j = 0; j < ag->sessions[i].npersons; j++)
			if (ag->sessions[i].persons[j] == p) {
				agenda_session_li(req, b, v, i, true);
				break;
			}
	html_raw(b, "</ol>\n");
	layout_end(req, resp, &v->ev);
}
