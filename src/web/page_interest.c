/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * page_interest.c: /{event}/interest, participants' interest for the
 * organisers: stars per session against the room's capacity, demand by
 * theme and by hour of the day as inline SVG bar charts (with the same
 * numbers in tables, for screen readers), and the session pairs most
 * often starred together, which the timetable optimiser keeps apart.
 */
#include "web/agenda_web.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store_agenda.h"
#include "util/util.h"
#include "web/html.h"
#include "web/i18n.h"
#include "web/layout.h"
#include "web/route.h"

#define TOP_SESSIONS 50
#define TOP_PAIRS    20

struct bar {
	const char *label;
	size_t value;
};

/* A horizontal bar chart; the table next to it carries the numbers. */
static void
svg_bars(struct buf *b, const char *id, const char *title,
    const struct bar *bars, size_t n)
{
	size_t max = 1, i;
	int h = (int)n * 22 + 10;

	for (i = 0; i < n; i++)
		if (bars[i].value > max)
			max = bars[i].value;
	html_printf(b,
	    "<svg class=\"chart\" role=\"img\" aria-labelledby=\"%s\" "
	    "viewBox=\"0 0 600 %d\" width=\"600\" height=\"%d\">"
	    "<title id=\"%s\">%s</title>\n",
	    id, h, h, id, title);
	for (i = 0; i < n; i++) {
		int w = (int)(bars[i].value * 380 / max);
		int y = (int)i * 22 + 5;

		html_printf(b,
		    "<text x=\"0\" y=\"%d\" class=\"label\">%s</text>"
		    "<rect x=\"200\" y=\"%d\" width=\"%d\" height=\"16\"/>"
		    "<text x=\"%d\" y=\"%d\">%z</text>\n",
		    y + 13, bars[i].label, y, w, 205 + w, y + 13,
		    bars[i].value);
	}
	html_raw(b, "</svg>\n");
}

static void
bar_table(struct request *req, struct buf *b, const char *head,
    const struct bar *bars, size_t n)
{
	size_t i;

	html_printf(b,
	    "<details><summary>%s</summary><table><thead><tr><th scope=\"col\">"
	    "%s</th><th scope=\"col\">%s</th></tr></thead><tbody>\n",
	    head, head, i18n(req->lang, MSG_AG_STARS));
	for (i = 0; i < n; i++)
		html_printf(b,
		    "<tr><th scope=\"row\">%s</th><td>%z</td></tr>\n",
		    bars[i].label, bars[i].value);
	html_raw(b, "</tbody></table></details>\n");
}

static const struct agenda *sort_ag;
static const size_t *sort_stars;

static int
by_stars(const void *x, const void *y)
{
	size_t a = *(const size_t *)x, c = *(const size_t *)y;

	if (sort_stars[a] != sort_stars[c])
		return sort_stars[a] < sort_stars[c] ? 1 : -1;
	return a < c ? -1 : a > c;
}

static void
top_sessions(struct request *req, struct buf *b, const struct agenda_view *v,
    const size_t *stars)
{
	const struct agenda *ag = &v->ag;
	size_t *order = xcalloc(ag->nsessions + 1, sizeof(*order));
	size_t i;

	for (i = 0; i < ag->nsessions; i++)
		order[i] = i;
	sort_ag = ag;
	sort_stars = stars;
	qsort(order, ag->nsessions, sizeof(*order), by_stars);
	html_printf(b,
	    "<div class=\"scroll\" tabindex=\"0\" role=\"region\" "
	    "aria-labelledby=\"top\"><table id=\"top-table\">"
	    "<caption id=\"top\">%s</caption><thead><tr>"
	    "<th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
	    "<th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
	    "<th scope=\"col\">%s</th></tr></thead><tbody>\n",
	    i18n(req->lang, MSG_AG_INTEREST_LEAD),
	    i18n(req->lang, MSG_AG_AGENDA), i18n(req->lang, MSG_ROOM),
	    i18n(req->lang, MSG_AG_STARS), i18n(req->lang, MSG_CAPACITY),
	    i18n(req->lang, MSG_AG_FILL));
	for (i = 0; i < ag->nsessions && i < TOP_SESSIONS; i++) {
		const struct agenda_session *s = &ag->sessions[order[i]];
		int cap = ag->rooms[s->room].capacity;
		size_t st = stars[order[i]];

		if (st == 0)
			break;
		html_raw(b,
		    cap > 0 && st > (size_t)cap ? "<tr class=\"over\">"
						: "<tr>");
		html_printf(b,
		    "<th scope=\"row\"><a href=\"/%u/sessions/%u\">%s</a>"
		    "</th><td>%s</td><td>%z</td>",
		    v->slug, s->guid, s->title, ag->rooms[s->room].name, st);
		if (cap > 0)
			html_printf(b, "<td>%d</td><td>%d%%%s%s</td></tr>\n",
			    cap, (int)(st * 100 / (size_t)cap),
			    st > (size_t)cap ? " — " : "",
			    st > (size_t)cap ? i18n(req->lang, MSG_AG_OVER)
					     : "");
		else
			html_printf(b, "<td>%s</td><td>–</td></tr>\n",
			    i18n(req->lang, MSG_AG_UNKNOWN));
	}
	html_raw(b, "</tbody></table></div>\n");
	free(order);
}

void
page_interest(struct request *req, struct response *resp)
{
	const struct agenda_view *v;
	const struct agenda *ag;
	struct buf *b = &resp->body, t;
	size_t *stars, registered = 0, starring = 0, total = 0, i, n;
	struct star_pair *pairs = NULL;
	struct bar *bars;
	size_t by_hour[24] = { 0 };
	char hours[24][6];

	if ((v = agenda_view_get(req, resp, req->seg[0])) == NULL)
		return;
	ag = &v->ag;
	stars = xcalloc(ag->nsessions + 1, sizeof(*stars));
	if (store_agenda_stars(req->st, &v->ev, ag, stars) != STORE_OK ||
	    store_agenda_pairs(req->st, &v->ev, ag, TOP_PAIRS, &pairs, &n) !=
		STORE_OK ||
	    store_agenda_participants(
		req->st, &v->ev, &registered, &starring) != STORE_OK) {
		free(stars);
		free(pairs);
		page_error(req, resp, 500);
		return;
	}
	resp->status = 200;
	resp->cache_control = "private, no-cache";
	buf_init(&t, 256);
	buf_addf(&t, "%s — %s", i18n(req->lang, MSG_AG_INTEREST), ag->title);
	layout_begin(req, resp, t.s, &v->ev);
	agenda_assets(b);
	for (i = 0; i < ag->nsessions; i++)
		total += stars[i];
	html_printf(b,
	    "<h1>%s <span class=\"sub\">%s</span></h1>\n"
	    "<ul class=\"stats\"><li><strong>%z</strong> %s</li>"
	    "<li><strong>%z</strong> %s</li><li><strong>%z</strong> %s</li>"
	    "</ul>\n",
	    i18n(req->lang, MSG_AG_INTEREST), ag->title, registered,
	    i18n(req->lang, MSG_AG_REGISTERED), starring,
	    i18n(req->lang, MSG_AG_STARRING), total,
	    i18n(req->lang, MSG_AG_STARS));
	if (total == 0) {
		html_printf(
		    b, "<p>%s</p>\n", i18n(req->lang, MSG_AG_NO_INTEREST));
		goto done;
	}
	top_sessions(req, b, v, stars);
	/* demand by theme */
	bars = xcalloc(ag->ntracks + 1, sizeof(*bars));
	for (i = 0; i < ag->ntracks; i++)
		bars[i].label = ag->tracks[i].name;
	for (i = 0; i < ag->nsessions; i++)
		if (ag->sessions[i].track != AGENDA_NONE)
			bars[ag->sessions[i].track].value += stars[i];
	html_printf(b, "<h2 id=\"by-theme\">%s</h2>\n",
	    i18n(req->lang, MSG_AG_BY_THEME));
	svg_bars(b, "chart-theme", i18n(req->lang, MSG_AG_BY_THEME), bars,
	    ag->ntracks);
	bar_table(req, b, i18n(req->lang, MSG_THEME), bars, ag->ntracks);
	free(bars);
	/* demand by hour of the day */
	for (i = 0; i < ag->nsessions; i++)
		by_hour[ag->sessions[i].start_min / 60 % 24] += stars[i];
	{
		struct bar hb[24];
		size_t first = 24, last = 0, k = 0;

		for (i = 0; i < 24; i++) {
			snprintf(hours[i], sizeof(hours[i]), "%02zu:00", i);
			if (by_hour[i] > 0) {
				first = i < first ? i : first;
				last = i;
			}
		}
		for (i = first; i <= last && i < 24; i++) {
			hb[k].label = hours[i];
			hb[k++].value = by_hour[i];
		}
		html_printf(b, "<h2 id=\"by-hour\">%s</h2>\n",
		    i18n(req->lang, MSG_AG_BY_HOUR));
		svg_bars(
		    b, "chart-hour", i18n(req->lang, MSG_AG_BY_HOUR), hb, k);
		bar_table(req, b, i18n(req->lang, MSG_AG_HOUR), hb, k);
	}
	/* pairs */
	html_printf(b,
	    "<h2 id=\"pairs\">%s</h2>\n<p>%s</p>\n<ol class=\"pairs\">\n",
	    i18n(req->lang, MSG_AG_PAIRS), i18n(req->lang, MSG_AG_PAIRS_LEAD));
	for (i = 0; i < n; i++)
		html_printf(b,
		    "<li><a href=\"/%u/sessions/%u\">%s</a> + <a "
		    "href=\"/%u/sessions/%u\">%s</a>: <strong>%z</strong> "
		    "%s</li>\n",
		    v->slug, ag->sessions[pairs[i].a].guid,
		    ag->sessions[pairs[i].a].title, v->slug,
		    ag->sessions[pairs[i].b].guid,
		    ag->sessions[pairs[i].b].title, pairs[i].count,
		    i18n(req->lang, MSG_AG_BOTH));
	html_raw(b, "</ol>\n");
done:
	layout_end(req, resp, &v->ev);
	buf_release(&t);
	free(stars);
	free(pairs);
}
