/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * page_agenda.c: the public agenda /{event}/agenda, by day, as a list or
 * a grid of rooms by time, filtered by theme, format, language, room,
 * interpretation (the session's proposal asks for it), step-free rooms and
 * text with a plain GET form (no JavaScript needed); "now and next"
 * /{event}/now; and a participant's agenda /{event}/me/{token} from the
 * sessions they starred.  Starring itself is web/js/agenda.js, kept in
 * localStorage until the participant registers.
 */
#include "web/agenda_web.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "formats/agenda_io.h"
#include "store/store_agenda.h"
#include "util/util.h"
#include "web/html.h"
#include "web/i18n.h"
#include "web/layout.h"
#include "web/route.h"

#define QUERY_MAX 200

struct filter {
	int64_t day; /* 0: the default day; -1: every day */
	bool grid;
	const char *theme, *format, *language, *room, *q;
	bool interpretation; /* only sessions with interpretation */
	bool step_free;      /* only sessions in step-free rooms */
};

void
agenda_assets(struct buf *b)
{
	html_raw(b,
	    "<link rel=\"stylesheet\" href=\"/static/agenda.css\">\n"
	    "<script src=\"/static/agenda.js\" defer></script>\n");
}

static const char *
param(const struct request *req, const char *name)
{
	const char *v = kv_get(&req->query, name);

	return v != NULL && *v != '\0' && strlen(v) <= QUERY_MAX ? v : NULL;
}

/* A checkbox of the filter form: "1" when ticked. */
static bool
flag(const struct request *req, const char *name)
{
	const char *v = param(req, name);

	return v != NULL && strcmp(v, "1") == 0;
}

static void
speakers(struct buf *b, const struct agenda_view *v,
    const struct agenda_session *s, bool links)
{
	size_t i;

	for (i = 0; i < s->npersons; i++) {
		const struct agenda_person *p = &v->ag.persons[s->persons[i]];

		if (i > 0)
			html_raw(b, ", ");
		if (links)
			html_printf(b, "<a href=\"/%u/speakers/%l\">%s</a>",
			    v->slug, p->id, p->name);
		else
			html_txt(b, p->name);
	}
}

void
agenda_session_li(struct request *req, struct buf *b,
    const struct agenda_view *v, size_t i, bool with_day)
{
	const struct agenda_session *s = &v->ag.sessions[i];
	const struct agenda_track *t =
	    s->track != AGENDA_NONE ? &v->ag.tracks[s->track] : NULL;
	struct buf tm;
	char d[11], dt[32];
	int64_t date = s->date;
	int minute = s->start_min;

	buf_init(&tm, 256);
	agenda_norm(&date, &minute);
	format_date(date, d);
	if (with_day) {
		i18n_day_heading(&tm, req->lang, s->day);
		buf_addstr(&tm, ", ");
	}
	agenda_time_range(&tm, s);
	snprintf(dt, sizeof(dt), "%sT%02d:%02d", d, minute / 60, minute % 60);
	html_printf(b,
	    "<li class=\"session%s%s\" data-guid=\"%s\">"
	    "<p class=\"when\"><time datetime=\"%s\">%s</time> · %s</p>",
	    t != NULL ? " t-" : "", t != NULL ? t->key : "", s->guid, dt, tm.s,
	    v->ag.rooms[s->room].name);
	html_printf(b, "<h3><a href=\"/%u/sessions/%u\">%s</a></h3>", v->slug,
	    s->guid, s->title);
	html_raw(b, "<p class=\"meta\">");
	if (t != NULL)
		html_printf(b, "<span class=\"track\">%s</span>", t->name);
	if (s->type != NULL)
		html_printf(b, "%s%s", t != NULL ? " · " : "",
		    agenda_type_name(v, s->type, req->lang));
	if (s->language != NULL)
		html_printf(b, " · <span lang=\"%s\">%s</span>", s->language,
		    s->language);
	if (s->npersons > 0) {
		html_raw(b, " · ");
		speakers(b, v, s, false);
	}
	html_raw(b, "</p>");
	participant_star_button(req, b, v, i);
	html_raw(b, "</li>\n");
	buf_release(&tm);
}

/* ASCII case-insensitive substring search. */
static bool
contains(const char *hay, const char *needle)
{
	size_t n = strlen(needle);

	for (; hay != NULL && *hay != '\0'; hay++)
		if (strncasecmp(hay, needle, n) == 0)
			return true;
	return false;
}

static bool
matches(const struct agenda_view *v, const struct agenda_session *s,
    const struct filter *f)
{
	const struct agenda *ag = &v->ag;
	size_t i;

	if (f->day > 0 && s->day != f->day)
		return false;
	if (f->theme != NULL &&
	    (s->track == AGENDA_NONE ||
		strcmp(ag->tracks[s->track].key, f->theme) != 0))
		return false;
	if (f->format != NULL &&
	    (s->type == NULL || strcmp(s->type, f->format) != 0))
		return false;
	if (f->language != NULL &&
	    (s->language == NULL || strcmp(s->language, f->language) != 0))
		return false;
	if (f->room != NULL && strcmp(ag->rooms[s->room].key, f->room) != 0)
		return false;
	if (f->interpretation && !s->interpretation)
		return false;
	if (f->step_free && !ag->rooms[s->room].step_free)
		return false;
	if (f->q == NULL)
		return true;
	if (contains(s->title, f->q) || contains(s->subtitle, f->q) ||
	    contains(s->abstract, f->q))
		return true;
	for (i = 0; i < s->npersons; i++)
		if (contains(ag->persons[s->persons[i]].name, f->q))
			return true;
	return false;
}

/* The agenda URL with f's filters, and day and view overridden. */
static void
agenda_url(struct buf *u, const char *slug, const struct filter *f, int64_t day,
    bool grid)
{
	char d[11];

	buf_reset(u);
	buf_addc(u, '/');
	html_url_arg(u, slug);
	buf_addstr(u, "/agenda?day=");
	if (day < 0) {
		buf_addstr(u, "all");
	} else {
		format_date(day, d);
		buf_addstr(u, d);
	}
	buf_addstr(u, grid ? "&view=grid" : "&view=list");
#define ADD(name, val)                       \
	if ((val) != NULL) {                 \
		buf_addstr(u, "&" name "="); \
		html_url_arg(u, (val));      \
	}
	ADD("theme", f->theme)
	ADD("format", f->format)
	ADD("language", f->language)
	ADD("room", f->room)
	ADD("q", f->q)
#undef ADD
	if (f->interpretation)
		buf_addstr(u, "&interpretation=1");
	if (f->step_free)
		buf_addstr(u, "&step_free=1");
}

static void
option(struct buf *b, const char *value, const char *label, const char *current)
{
	html_printf(b, "<option value=\"%s\"", value);
	if (current != NULL && strcmp(current, value) == 0)
		html_raw(b, " selected");
	html_printf(b, ">%s</option>", label);
}

/* Distinct non-NULL strings of a session field, in first-seen order. */
static size_t
distinct(const struct agenda *ag, bool type, const char **out, size_t max)
{
	size_t i, j, n = 0;

	for (i = 0; i < ag->nsessions && n < max; i++) {
		const char *s =
		    type ? ag->sessions[i].type : ag->sessions[i].language;

		if (s == NULL)
			continue;
		for (j = 0; j < n && strcmp(out[j], s) != 0; j++)
			;
		if (j == n)
			out[n++] = s;
	}
	return n;
}

static void
filter_form(struct request *req, struct buf *b, const struct agenda_view *v,
    const struct filter *f)
{
	const struct agenda *ag = &v->ag;
	const char *vals[64];
	struct buf u;
	size_t i, n;
	char d[11];

	buf_init(&u, 1024);
	html_printf(b,
	    "<form class=\"filters\" method=\"get\" action=\"/%u/agenda\" "
	    "role=\"search\" aria-label=\"%s\">\n",
	    v->slug, i18n(req->lang, MSG_AG_FILTERS));
	if (f->day < 0) {
		html_raw(
		    b, "<input type=\"hidden\" name=\"day\" value=\"all\">");
	} else if (f->day > 0) {
		format_date(f->day, d);
		html_printf(
		    b, "<input type=\"hidden\" name=\"day\" value=\"%s\">", d);
	}
	html_printf(b, "<input type=\"hidden\" name=\"view\" value=\"%s\">\n",
	    f->grid ? "grid" : "list");
	html_printf(b,
	    "<div><label for=\"f-theme\">%s</label> <select id=\"f-theme\" "
	    "name=\"theme\">",
	    i18n(req->lang, MSG_THEME));
	option(b, "", i18n(req->lang, MSG_AG_ALL), f->theme);
	for (i = 0; i < ag->ntracks; i++)
		option(b, ag->tracks[i].key, ag->tracks[i].name, f->theme);
	html_raw(b, "</select></div>\n");
	n = distinct(ag, true, vals, ARRAY_SIZE(vals));
	html_printf(b,
	    "<div><label for=\"f-format\">%s</label> <select id=\"f-format\" "
	    "name=\"format\">",
	    i18n(req->lang, MSG_FORMAT));
	option(b, "", i18n(req->lang, MSG_AG_ALL), f->format);
	for (i = 0; i < n; i++)
		option(b, vals[i], agenda_type_name(v, vals[i], req->lang),
		    f->format);
	html_raw(b, "</select></div>\n");
	n = distinct(ag, false, vals, ARRAY_SIZE(vals));
	html_printf(b,
	    "<div><label for=\"f-language\">%s</label> <select "
	    "id=\"f-language\" name=\"language\">",
	    i18n(req->lang, MSG_AG_SESSION_LANG));
	option(b, "", i18n(req->lang, MSG_AG_ALL), f->language);
	for (i = 0; i < n; i++) {
		enum lang l;

		option(b, vals[i],
		    lang_parse(vals[i], strlen(vals[i]), &l) ? lang_name(l)
							     : vals[i],
		    f->language);
	}
	html_raw(b, "</select></div>\n");
	html_printf(b,
	    "<div><label for=\"f-room\">%s</label> <select id=\"f-room\" "
	    "name=\"room\">",
	    i18n(req->lang, MSG_ROOM));
	option(b, "", i18n(req->lang, MSG_AG_ALL), f->room);
	for (i = 0; i < ag->nrooms; i++)
		option(b, ag->rooms[i].key, ag->rooms[i].name, f->room);
	html_raw(b, "</select></div>\n");
	html_printf(b,
	    "<fieldset class=\"checks\"><legend>%s</legend>"
	    "<div><input type=\"checkbox\" id=\"f-interpretation\" "
	    "name=\"interpretation\" value=\"1\"%s> <label "
	    "for=\"f-interpretation\">%s</label></div>"
	    "<div><input type=\"checkbox\" id=\"f-step-free\" "
	    "name=\"step_free\" value=\"1\"%s> <label "
	    "for=\"f-step-free\">%s</label></div></fieldset>\n",
	    i18n(req->lang, MSG_AG_ACCESS), f->interpretation ? " checked" : "",
	    i18n(req->lang, MSG_AG_INTERPRETATION),
	    f->step_free ? " checked" : "", i18n(req->lang, MSG_AG_STEP_FREE));
	html_printf(b,
	    "<div><label for=\"f-q\">%s</label> <input id=\"f-q\" name=\"q\" "
	    "type=\"search\" maxlength=\"200\" value=\"%s\" "
	    "placeholder=\"%s\"></div>\n",
	    i18n(req->lang, MSG_AG_SEARCH), f->q != NULL ? f->q : "",
	    i18n(req->lang, MSG_AG_SEARCH_HINT));
	buf_reset(&u);
	{
		struct filter none = { 0 };

		agenda_url(&u, v->slug, &none, f->day, f->grid);
	}
	html_printf(b,
	    "<div class=\"actions\"><button type=\"submit\">%s</button> "
	    "<a href=\"%s\">%s</a></div>\n",
	    i18n(req->lang, MSG_AG_APPLY), u.s, i18n(req->lang, MSG_AG_CLEAR));
	html_printf(b,
	    "<div class=\"js-only\" hidden><input type=\"checkbox\" "
	    "id=\"f-starred\"> <label for=\"f-starred\">%s</label></div>\n"
	    "</form>\n",
	    i18n(req->lang, MSG_AG_ONLY_STARRED));
	buf_release(&u);
}

static void
current(struct buf *b, bool yes)
{
	if (yes)
		html_raw(b, " aria-current=\"page\"");
}

static void
day_nav(struct request *req, struct buf *b, const struct agenda_view *v,
    const struct filter *f, const int64_t *days, size_t ndays)
{
	struct buf u, t;
	size_t i;

	buf_init(&u, 1024);
	buf_init(&t, 128);
	html_printf(b, "<nav class=\"days\" aria-label=\"%s\"><ul>\n",
	    i18n(req->lang, MSG_AG_DAYS));
	for (i = 0; i < ndays; i++) {
		agenda_url(&u, v->slug, f, days[i], f->grid);
		buf_reset(&t);
		i18n_day_heading(&t, req->lang, days[i]);
		html_printf(b, "<li><a href=\"%s\"", u.s);
		current(b, days[i] == f->day);
		html_printf(b, ">%s</a></li>\n", t.s);
	}
	agenda_url(&u, v->slug, f, -1, false);
	html_printf(b, "<li><a href=\"%s\"", u.s);
	current(b, f->day < 0);
	html_printf(
	    b, ">%s</a></li>\n</ul></nav>\n", i18n(req->lang, MSG_AG_ALL));
	html_printf(b, "<nav class=\"views\" aria-label=\"%s\"><ul>",
	    i18n(req->lang, MSG_AG_VIEW));
	agenda_url(&u, v->slug, f, f->day, false);
	html_printf(b, "<li><a href=\"%s\"", u.s);
	current(b, !f->grid);
	html_printf(b, ">%s</a></li>", i18n(req->lang, MSG_AG_LIST));
	if (f->day >= 0) {
		agenda_url(&u, v->slug, f, f->day, true);
		html_printf(b, "<li><a href=\"%s\"", u.s);
		current(b, f->grid);
		html_printf(b, ">%s</a></li>", i18n(req->lang, MSG_AG_GRID));
	}
	html_printf(b, "<li><a href=\"/%u/now\">%s</a></li></ul></nav>\n",
	    v->slug, i18n(req->lang, MSG_AG_NOW_NEXT));
	buf_release(&u);
	buf_release(&t);
}

static size_t
list_view(struct request *req, struct buf *b, const struct agenda_view *v,
    const struct filter *f)
{
	const struct agenda *ag = &v->ag;
	struct buf t;
	int64_t last_day = INT64_MIN;
	size_t i, n = 0;

	buf_init(&t, 256);
	for (i = 0; i < ag->nsessions; i++) {
		const struct agenda_session *s = &ag->sessions[i];

		if (!matches(v, s, f))
			continue;
		if (s->day != last_day) {
			char d[11];

			if (last_day != INT64_MIN)
				html_raw(b, "</ol>\n");
			buf_reset(&t);
			i18n_day_heading(&t, req->lang, s->day);
			format_date(s->day, d);
			html_printf(b,
			    "<h2 id=\"d%s\">%s</h2>\n<ol class=\"agenda\">\n",
			    d, t.s);
			last_day = s->day;
		}
		agenda_session_li(req, b, v, i, false);
		n++;
	}
	if (n > 0)
		html_raw(b, "</ol>\n");
	buf_release(&t);
	return n;
}

static size_t
grid_view(struct request *req, struct buf *b, const struct agenda_view *v,
    const struct filter *f)
{
	const struct agenda *ag = &v->ag;
	bool *room_used = xcalloc(ag->nrooms + 1, sizeof(*room_used));
	int64_t *starts = xcalloc(ag->nsessions + 1, sizeof(*starts));
	size_t i, r, k, n = 0, nstarts = 0;
	struct buf t;

	buf_init(&t, 256);
	for (i = 0; i < ag->nsessions; i++)
		if (matches(v, &ag->sessions[i], f)) {
			int64_t st = agenda_session_start(&ag->sessions[i]);

			room_used[ag->sessions[i].room] = true;
			if (nstarts == 0 || starts[nstarts - 1] != st)
				starts[nstarts++] = st;
			n++;
		}
	if (n == 0)
		goto out;
	i18n_day_heading(&t, req->lang, f->day);
	html_printf(b,
	    "<div class=\"scroll\" tabindex=\"0\" role=\"region\" "
	    "aria-labelledby=\"grid-caption\"><table class=\"agenda-grid\">"
	    "<caption id=\"grid-caption\">%s</caption>\n<thead><tr>"
	    "<th scope=\"col\">%s</th>",
	    t.s, i18n(req->lang, MSG_TIME));
	for (r = 0; r < ag->nrooms; r++)
		if (room_used[r])
			html_printf(
			    b, "<th scope=\"col\">%s</th>", ag->rooms[r].name);
	html_raw(b, "</tr></thead>\n<tbody>\n");
	for (k = 0; k < nstarts; k++) {
		int m = (int)(((starts[k] % 1440) + 1440) % 1440);

		html_printf(b, "<tr><th scope=\"row\">%d%d:%d%d</th>", m / 600,
		    m / 60 % 10, m % 60 / 10, m % 10);
		for (r = 0; r < ag->nrooms; r++) {
			if (!room_used[r])
				continue;
			html_raw(b, "<td>");
			for (i = 0; i < ag->nsessions; i++) {
				const struct agenda_session *s =
				    &ag->sessions[i];

				if (s->room != r ||
				    agenda_session_start(s) != starts[k] ||
				    !matches(v, s, f))
					continue;
				buf_reset(&t);
				agenda_time_range(&t, s);
				html_printf(b,
				    "<div class=\"session%s%s\" "
				    "data-guid=\"%s\"><a href=\"/%u/sessions/"
				    "%u\">%s</a> <span class=\"meta\">%s</span>",
				    s->track != AGENDA_NONE ? " t-" : "",
				    s->track != AGENDA_NONE
					? ag->tracks[s->track].key
					: "",
				    s->guid, v->slug, s->guid, s->title, t.s);
				participant_star_button(req, b, v, i);
				html_raw(b, "</div>");
			}
			html_raw(b, "</td>");
		}
		html_raw(b, "</tr>\n");
	}
	html_raw(b, "</tbody></table></div>\n");
out:
	free(room_used);
	free(starts);
	buf_release(&t);
	return n;
}

static void
open_data(struct request *req, struct buf *b, const char *slug)
{
	html_printf(b,
	    "<section aria-labelledby=\"open-data\"><h2 id=\"open-data\">%s</h2>"
	    "<ul class=\"downloads\">"
	    "<li><a href=\"/%u/schedule.xml\">schedule.xml</a> (frab)</li>"
	    "<li><a href=\"/%u/schedule.json\">schedule.json</a> (c3voc)</li>"
	    "<li><a href=\"/%u/schedule.ics\">%s</a></li>"
	    "<li><a href=\"/%u/sessions.csv\">%s</a></li>"
	    "<li><a href=\"/api/v1/events/%u/sessions\">%s</a></li>"
	    "<li><a href=\"/%u/datapackage.json\">%s</a></li></ul></section>\n",
	    i18n(req->lang, MSG_AG_OPEN_DATA), slug, slug, slug,
	    i18n(req->lang, MSG_AG_CALENDAR), slug,
	    i18n(req->lang, MSG_AG_TABLE), slug, i18n(req->lang, MSG_AG_API),
	    slug, i18n(req->lang, MSG_AG_PACKAGE));
}

/* The local minute now in the event's zone, or from ?at=. */
static int64_t
local_now(const struct request *req, const struct agenda *ag)
{
	const char *at = param(req, "at");
	int64_t date, utc;
	int minute, off;
	bool has;

	if (at != NULL && agenda_parse_datetime(at, &date, &minute, &off, &has))
		return date * 1440 + minute;
	utc = (int64_t)time(NULL) / 60;
	off = agenda_offset(ag, utc / 1440, (int)(utc % 1440));
	return utc + off;
}

void
page_agenda(struct request *req, struct response *resp)
{
	const struct agenda_view *v;
	struct buf *b = &resp->body, t;
	struct filter f;
	int64_t *days = NULL, now;
	size_t ndays, i, n;
	const char *day, *view;

	if ((v = agenda_view_get(req, resp, req->seg[0])) == NULL)
		return;
	memset(&f, 0, sizeof(f));
	f.theme = param(req, "theme");
	f.format = param(req, "format");
	f.language = param(req, "language");
	f.room = param(req, "room");
	f.q = param(req, "q");
	f.interpretation = flag(req, "interpretation");
	f.step_free = flag(req, "step_free");
	view = param(req, "view");
	f.grid = view != NULL && strcmp(view, "grid") == 0;
	ndays = agenda_days(&v->ag, &days);
	day = param(req, "day");
	if (day != NULL && strcmp(day, "all") == 0) {
		f.day = -1;
		f.grid = false;
	} else if (day != NULL && parse_date(day, &f.day)) {
		for (i = 0; i < ndays && days[i] != f.day; i++)
			;
		if (i == ndays) {
			free(days);
			page_error(req, resp, 404);
			return;
		}
	} else if (ndays > 0) {
		/* today during the event, else the first day */
		now = local_now(req, &v->ag) / 1440;
		f.day = days[0];
		for (i = 0; i < ndays; i++)
			if (days[i] == now)
				f.day = now;
	}
	resp->status = 200;
	/* the bytes depend only on the target, language and database */
	resp->cacheable = day != NULL;
	buf_init(&t, 256);
	buf_addf(&t, "%s — %s", i18n(req->lang, MSG_AG_AGENDA), v->ag.title);
	layout_begin(req, resp, t.s, &v->ev);
	agenda_assets(b);
	html_printf(b, "<h1>%s <span class=\"sub\">%s</span></h1>\n",
	    i18n(req->lang, MSG_AG_AGENDA), v->ag.title);
	if (v->ag.nsessions == 0) {
		html_printf(
		    b, "<p>%s</p>\n", i18n(req->lang, MSG_AG_NOT_PLACED));
	} else {
		day_nav(req, b, v, &f, days, ndays);
		filter_form(req, b, v, &f);
		html_printf(b,
		    "<p class=\"js-only note\" hidden>%s</p>\n<div "
		    "id=\"sessions\">\n",
		    i18n(req->lang, MSG_AG_STAR_NOTE));
		participant_marks_begin(req, resp, v);
		n = f.grid ? grid_view(req, b, v, &f)
			   : list_view(req, b, v, &f);
		participant_marks_end();
		if (n == 0)
			html_printf(b, "<p role=\"status\">%s</p>\n",
			    i18n(req->lang, MSG_AG_NO_SESSIONS));
		html_raw(b, "</div>\n");
		open_data(req, b, v->slug);
	}
	layout_end(req, resp, &v->ev);
	buf_release(&t);
	free(days);
}

void
page_now(struct request *req, struct response *resp)
{
	const struct agenda_view *v;
	const struct agenda *ag;
	struct buf *b = &resp->body, t;
	int64_t now;
	size_t i, shown = 0;
	bool any = false;

	if ((v = agenda_view_get(req, resp, req->seg[0])) == NULL)
		return;
	ag = &v->ag;
	now = local_now(req, ag);
	resp->status = 200;
	resp->cache_control = "no-cache";
	buf_init(&t, 256);
	buf_addf(&t, "%s — %s", i18n(req->lang, MSG_AG_NOW_NEXT), ag->title);
	layout_begin(req, resp, t.s, &v->ev);
	agenda_assets(b);
	html_printf(b,
	    "<h1>%s <span class=\"sub\">%s</span></h1>\n"
	    "<p><a href=\"/%u/agenda\">%s</a></p>\n"
	    "<h2 id=\"now\">%s</h2>\n<ol class=\"agenda\">\n",
	    i18n(req->lang, MSG_AG_NOW_NEXT), ag->title, v->slug,
	    i18n(req->lang, MSG_AG_BACK), i18n(req->lang, MSG_AG_NOW));
	for (i = 0; i < ag->nsessions; i++) {
		const struct agenda_session *s = &ag->sessions[i];
		int64_t st = agenda_session_start(s);

		if (st <= now && now < st + s->duration_min) {
			agenda_session_li(req, b, v, i, false);
			any = true;
		}
	}
	html_raw(b, "</ol>\n");
	if (!any)
		html_printf(
		    b, "<p>%s</p>\n", i18n(req->lang, MSG_AG_NOTHING_NOW));
	html_printf(b, "<h2 id=\"next\">%s</h2>\n<ol class=\"agenda\">\n",
	    i18n(req->lang, MSG_AG_NEXT));
	{
		/* the first session after now in each room, soonest first */
		bool *seen = xcalloc(ag->nrooms + 1, sizeof(*seen));
		int64_t first = INT64_MAX;

		for (i = 0; i < ag->nsessions; i++) {
			int64_t st = agenda_session_start(&ag->sessions[i]);

			if (st > now && st < first)
				first = st;
		}
		for (i = 0; i < ag->nsessions && shown < 30; i++) {
			const struct agenda_session *s = &ag->sessions[i];
			int64_t st = agenda_session_start(s);

			/* within two hours of the next start */
			if (st <= now || st > first + 120 || seen[s->room])
				continue;
			seen[s->room] = true;
			agenda_session_li(
			    req, b, v, i, st / 1440 != now / 1440);
			shown++;
		}
		free(seen);
	}
	html_raw(b, "</ol>\n");
	if (shown == 0)
		html_printf(
		    b, "<p>%s</p>\n", i18n(req->lang, MSG_AG_NOTHING_NEXT));
	layout_end(req, resp, &v->ev);
	buf_release(&t);
}

void
page_my_agenda(struct request *req, struct response *resp)
{
	const struct agenda_view *v;
	const char *token = req->seg[2];
	struct buf *b = &resp->body;
	bool *marks;
	size_t i, n = 0;
	enum store_err e;

	if (strlen(token) != CALENDAR_TOKEN_LEN ||
	    strspn(token, "0123456789abcdef") != CALENDAR_TOKEN_LEN) {
		page_error(req, resp, 404);
		return;
	}
	if ((v = agenda_view_get(req, resp, req->seg[0])) == NULL)
		return;
	marks = xcalloc(v->ag.nsessions + 1, sizeof(*marks));
	e = store_calendar_token_sessions(
	    req->st, &v->ev, &v->ag, token, marks);
	if (e != STORE_OK) {
		free(marks);
		page_error(req, resp, e == STORE_ERR_NOTFOUND ? 404 : 500);
		return;
	}
	resp->status = 200;
	resp->cache_control = "private, no-cache";
	layout_begin(req, resp, i18n(req->lang, MSG_AG_MY_AGENDA), &v->ev);
	agenda_assets(b);
	html_printf(b,
	    "<h1>%s <span class=\"sub\">%s</span></h1>\n"
	    "<p><a href=\"/%u/me/%u.ics\">%s</a></p>\n<ol class=\"agenda\">\n",
	    i18n(req->lang, MSG_AG_MY_AGENDA), v->ag.title, v->slug, token,
	    i18n(req->lang, MSG_AG_MY_FEED));
	for (i = 0; i < v->ag.nsessions; i++)
		if (marks[i]) {
			agenda_session_li(req, b, v, i, true);
			n++;
		}
	html_raw(b, "</ol>\n");
	if (n == 0)
		html_printf(b, "<p>%s</p>\n", i18n(req->lang, MSG_AG_NO_STARS));
	layout_end(req, resp, &v->ev);
	free(marks);
}
