/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * page_schedule_editor.c: "/{event}/schedule/editor", the organisers'
 * grid of rooms x session slots holding the stored timetable.  The page
 * carries what the script needs to check clashes live (each session's
 * speakers, needs and audience; each room's capacity and features) in
 * data attributes; web/js/schedule-editor.js moves sessions by drag and
 * drop or by keyboard, shows each clash with its reason, undoes, and
 * prints the plan as JSON.  The grid holds the current (newest)
 * timetable version.  Two forms post the plan (a hidden "plan" field the
 * script refreshes; filled here too, so a plain submit works) to
 * page_schedule_versions.c: save as a new version, and re-optimise around
 * the sessions whose "pin" box is ticked (those locked now start ticked).
 */
#include "web/route.h"

#include <stdlib.h>

#include "solve/timetable.h"
#include "store/store.h"
#include "store/store_timetable.h"
#include "web/csrf.h"
#include "web/html.h"
#include "web/i18n.h"
#include "web/layout.h"

static void
item_card(struct buf *b, const struct store_timetable *t, int i,
    const char *pin_label)
{
	const struct tt_item *it = &t->items[i];
	int k;

	html_printf(b,
	    "<li class=\"tt-item\" tabindex=\"0\" draggable=\"true\" "
	    "id=\"tt-i%d\" data-session=\"%l\" data-needs=\"%d\" "
	    "data-audience=\"%d\" data-shared=\"%d\" data-speakers=\"",
	    i, t->session_id[i], (int)it->needs, it->audience,
	    it->shared ? 1 : 0);
	for (k = 0; k < it->nspeakers; k++)
		html_printf(b, "%s%d", k ? " " : "", it->speakers[k]);
	html_printf(b,
	    "\">%s <span class=\"tt-meta\">%d min · %d</span> "
	    "<label class=\"tt-pin\"><input type=\"checkbox\" name=\"pin\" "
	    "form=\"tt-reopt\" value=\"%l\"%s> %s</label></li>\n",
	    it->name != NULL ? it->name : "?", it->minutes, it->audience,
	    t->session_id[i], it->fixed_room >= 0 ? " checked" : "", pin_label);
}

/* The plan of the grid, as page_schedule_versions.c reads it. */
static void
plan_json(struct buf *b, const struct store_timetable *t)
{
	int i;

	buf_addstr(b, "{\"sessions\": [");
	for (i = 0; i < t->in.nitems; i++)
		buf_addf(b,
		    "%s{\"session\": %lld, \"room\": %d, \"slot\": %d, "
		    "\"order\": %d}",
		    i ? ", " : "", (long long)t->session_id[i],
		    t->current.place[i].room, t->current.place[i].unit,
		    t->current.place[i].order);
	buf_addstr(b, "]}");
}

static void
grid(struct buf *b, struct request *req, const struct event *ev,
    const struct store_timetable *t)
{
	int r, u, i, lastday = -1;

	html_raw(b,
	    "<div class=\"tt-scroll\"><table class=\"tt-grid\">\n"
	    "<thead><tr><th scope=\"col\"></th>");
	for (r = 0; r < t->in.nrooms; r++)
		html_printf(b,
		    "<th scope=\"col\">%s <span class=\"tt-meta\">%d%s%s</span>"
		    "</th>",
		    l10n_get(&ev->rooms[r].name, req->lang),
		    t->rooms[r].capacity,
		    t->rooms[r].features & TT_NEED_BOOTH ? " ◐" : "",
		    t->rooms[r].features & TT_NEED_STEP_FREE ? " ♿" : "");
	html_raw(b, "</tr></thead>\n<tbody>\n");
	for (u = 0; u < t->in.nunits; u++) {
		if (t->units[u].day != lastday) {
			lastday = t->units[u].day;
			html_printf(b,
			    "<tr class=\"tt-day\"><th scope=\"rowgroup\" "
			    "colspan=\"%d\">",
			    t->in.nrooms + 1);
			i18n_day_heading(b, req->lang, t->day_date[lastday]);
			html_raw(b, "</th></tr>\n");
		}
		html_raw(b, "<tr><th scope=\"row\">");
		i18n_time(b, t->units[u].start_min);
		html_raw(b, "–");
		i18n_time(b, t->units[u].start_min + t->units[u].len_min);
		html_raw(b, "</th>");
		for (r = 0; r < t->in.nrooms; r++) {
			html_printf(b,
			    "<td><ul class=\"tt-cell\" data-room=\"%d\" "
			    "data-unit=\"%d\" data-capacity=\"%d\" "
			    "data-features=\"%d\" data-minutes=\"%d\">",
			    r, u, t->rooms[r].capacity,
			    (int)t->rooms[r].features, t->units[u].len_min);
			for (i = 0; i < t->in.nitems; i++)
				if (t->current.place[i].room == r &&
				    t->current.place[i].unit == u)
					item_card(b, t, i,
					    i18n(req->lang, MSG_TT_PIN));
			html_raw(b, "</ul></td>");
		}
		html_raw(b, "</tr>\n");
	}
	html_raw(b, "</tbody></table></div>\n");
}

/* Replaces t->current with the newest version's placements, if any. */
static bool
current_version(
    struct request *req, const struct event *ev, struct store_timetable *t)
{
	struct tt_version *v = NULL;
	struct tt_assign a = { 0 };
	size_t n = 0;
	bool ok;

	if (store_tt_versions(req->st, ev->id, &v, &n) != STORE_OK) {
		free(v);
		return false;
	}
	ok = n == 0 ||
	    store_tt_version_assign(req->st, ev->id, t, v[0].id, &a) ==
		STORE_OK;
	if (ok && n > 0)
		tt_assign_copy(&t->current, &a);
	tt_assign_release(&a);
	free(v);
	return ok;
}

/* A form posting the plan to /{event}/schedule/{action}. */
static void
plan_form(struct request *req, struct response *resp, const char *slug,
    const struct store_timetable *t, const char *id, const char *action,
    enum msg label)
{
	struct buf *b = &resp->body;
	struct buf plan;

	buf_init(&plan, 4096);
	plan_json(&plan, t);
	html_printf(b,
	    "<form method=\"post\" id=\"%s\" class=\"tt-inline tt-plan-form\" "
	    "action=\"/%u/schedule/%s\">",
	    id, slug, action);
	csrf_field(req, resp, b);
	html_printf(b,
	    "<input type=\"hidden\" name=\"plan\" class=\"tt-plan-field\" "
	    "value=\"%s\"><button type=\"submit\">%s</button></form>\n",
	    plan.s, i18n(req->lang, label));
	buf_release(&plan);
}

void
page_schedule_editor(struct request *req, struct response *resp)
{
	struct event ev;
	struct store_timetable t;
	struct tt_report rep = { 0 };
	struct buf *b = &resp->body;
	int i;

	if (!layout_load_event(req, resp, req->seg[0], &ev))
		return;
	if (store_timetable_load(req->st, &ev, false, &t, NULL) != STORE_OK) {
		store_timetable_release(&t);
		event_release(&ev);
		page_error(req, resp, 500);
		return;
	}
	if (!current_version(req, &ev, &t)) {
		store_timetable_release(&t);
		event_release(&ev);
		page_error(req, resp, 500);
		return;
	}
	timetable_check(&t.in, &t.current, &rep);
	resp->status = 200;
	layout_begin(req, resp, i18n(req->lang, MSG_TT_EDITOR_TITLE), &ev);
	html_raw(b,
	    "<link rel=\"stylesheet\" "
	    "href=\"/static/schedule-editor.css\">\n"
	    "<script src=\"/static/schedule-editor.js\" defer>"
	    "</script>\n");
	html_printf(b,
	    "<nav class=\"crumbs\" aria-label=\"%s\"><a href=\"/%u/\">%s</a>"
	    "</nav>\n<h1>%s</h1>\n<p class=\"lead\">%s</p>\n<p>%s</p>\n",
	    i18n(req->lang, MSG_BACK_TO_EVENT), ev.slug,
	    l10n_get(&ev.name, req->lang), i18n(req->lang, MSG_TT_EDITOR_TITLE),
	    i18n(req->lang, MSG_TT_EDITOR_LEAD), i18n(req->lang, MSG_TT_KEYS));
	html_printf(b, "<p class=\"tt-costs\">%s: %s %l, %s %l</p>\n",
	    i18n(req->lang, MSG_TT_COSTS), "hard", rep.cost.hard, "soft",
	    rep.cost.soft);
	html_printf(b,
	    "<section id=\"tt-editor\" data-msg-room=\"%s\" "
	    "data-msg-speaker=\"%s\" data-msg-needs=\"%s\" "
	    "data-msg-capacity=\"%s\" data-msg-none=\"%s\">\n",
	    i18n(req->lang, MSG_TT_ROOM_CLASH),
	    i18n(req->lang, MSG_TT_SPEAKER_CLASH),
	    i18n(req->lang, MSG_TT_NEEDS), i18n(req->lang, MSG_TT_CAPACITY),
	    i18n(req->lang, MSG_TT_NO_CLASH));
	html_printf(b,
	    "<p><button type=\"button\" id=\"tt-undo\">%s</button> "
	    "<button type=\"button\" id=\"tt-plan\">%s</button></p>\n",
	    i18n(req->lang, MSG_TT_UNDO), i18n(req->lang, MSG_TT_PLAN));
	html_raw(b, "<div class=\"tt-actions\">");
	plan_form(req, resp, ev.slug, &t, "tt-save", "save", MSG_TT_SAVE);
	plan_form(
	    req, resp, ev.slug, &t, "tt-reopt", "reoptimise", MSG_TT_REOPT);
	html_printf(b, "<a href=\"/%u/schedule/versions\">%s</a></div>\n",
	    ev.slug, i18n(req->lang, MSG_TT_VERSIONS));
	html_printf(b,
	    "<h2>%s</h2>\n<ul id=\"tt-clashes\" aria-live=\"polite\"></ul>\n",
	    i18n(req->lang, MSG_TT_CLASHES));
	grid(b, req, &ev, &t);
	html_printf(b,
	    "<h2>%s</h2>\n<ul class=\"tt-cell tt-unplaced\" "
	    "data-room=\"-1\" data-unit=\"-1\">",
	    i18n(req->lang, MSG_TT_UNPLACED));
	for (i = 0; i < t.in.nitems; i++)
		if (t.current.place[i].room < 0)
			item_card(b, &t, i, i18n(req->lang, MSG_TT_PIN));
	html_raw(b,
	    "</ul>\n<textarea id=\"tt-plan-out\" readonly hidden "
	    "rows=\"8\" cols=\"60\"></textarea>\n</section>\n");
	layout_end(req, resp, &ev);
	tt_report_release(&rep);
	store_timetable_release(&t);
	event_release(&ev);
}
