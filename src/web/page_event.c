/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * page_event.c: "/{event}/", an event's home: what, when, where, its
 * themes, formats, rooms and time grid.
 */
#include "web/route.h"

#include "core/person.h"
#include "store/store.h"
#include "web/html.h"
#include "web/i18n.h"
#include "web/layout.h"

static void
facts(struct request *req, struct buf *b, const struct event *ev,
    const struct event_counts *c)
{
	const struct country *country = country_find(ev->venue_country);
	struct buf t;

	buf_init(&t, 256);
	i18n_date_range(&t, req->lang, ev->start_date, ev->end_date);
	html_printf(b,
	    "<dl class=\"facts\">\n<div><dt>%s</dt><dd>%s</dd></div>\n"
	    "<div><dt>%s</dt><dd>%s, %s%s%s</dd></div>\n"
	    "<div><dt>%s</dt><dd>%s</dd></div>\n</dl>\n",
	    i18n(req->lang, MSG_DATES), t.s, i18n(req->lang, MSG_VENUE),
	    l10n_get(&ev->venue_name, req->lang), ev->venue_city,
	    country != NULL ? ", " : "",
	    country != NULL ? country->name[req->lang] : "",
	    i18n(req->lang, MSG_TIMEZONE), ev->timezone);
	buf_release(&t);
	html_printf(b,
	    "<section aria-labelledby=\"glance\">\n<h2 id=\"glance\">%s</h2>\n"
	    "<ul class=\"stats\">\n"
	    "<li><strong>%z</strong> %s</li>\n<li><strong>%z</strong> %s</li>\n"
	    "<li><strong>%z</strong> %s</li>\n<li><strong>%z</strong> %s</li>\n"
	    "</ul>\n</section>\n",
	    i18n(req->lang, MSG_AT_A_GLANCE), c->proposals,
	    i18n(req->lang, MSG_PROPOSALS), c->speakers,
	    i18n(req->lang, MSG_SPEAKER_COUNT), c->countries,
	    i18n(req->lang, MSG_COUNTRIES), c->participants,
	    i18n(req->lang, MSG_PARTICIPANTS));
}

static void
themes(struct request *req, struct buf *b, const struct event *ev,
    const struct event_counts *c)
{
	size_t i;

	html_printf(b,
	    "<section aria-labelledby=\"themes\">\n<h2 id=\"themes\">%s</h2>\n"
	    "<ol class=\"themes\">\n",
	    i18n(req->lang, MSG_THEMES));
	for (i = 0; i < ev->nthemes; i++) {
		const struct theme *t = &ev->themes[i];

		html_printf(b,
		    "<li class=\"theme t-%s\"><h3><a "
		    "href=\"/%u/themes/%u\">%s</a></h3>\n<p>%s</p>\n"
		    "<p class=\"meta\">%z %s</p></li>\n",
		    t->key, ev->slug, t->key, l10n_get(&t->name, req->lang),
		    l10n_get(&t->description, req->lang), c->per_theme[i],
		    i18n(req->lang, MSG_PROPOSALS_IN_THEME));
	}
	html_raw(b, "</ol>\n</section>\n");
}

static void
formats(struct request *req, struct buf *b, const struct event *ev)
{
	size_t i;

	html_printf(b,
	    "<section aria-labelledby=\"formats\">\n"
	    "<h2 id=\"formats\">%s</h2>\n<div class=\"scroll\">"
	    "<table>\n<thead><tr><th scope=\"col\">%s</th>"
	    "<th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead>\n"
	    "<tbody>\n",
	    i18n(req->lang, MSG_FORMATS), i18n(req->lang, MSG_FORMAT),
	    i18n(req->lang, MSG_DURATION), i18n(req->lang, MSG_SPEAKERS));
	for (i = 0; i < ev->nformats; i++) {
		const struct format *f = &ev->formats[i];

		html_printf(b, "<tr><th scope=\"row\">%s",
		    l10n_get(&f->name, req->lang));
		if (f->shares_slot)
			html_printf(b, " <span class=\"meta\">(%s)</span>",
			    i18n(req->lang, MSG_SHARES_SLOT));
		html_printf(b, "</th><td>%d %s</td><td>", f->duration_min,
		    i18n(req->lang, MSG_MINUTES));
		if (f->min_speakers == f->max_speakers)
			html_printf(b, "%d", f->min_speakers);
		else
			html_printf(
			    b, "%d–%d", f->min_speakers, f->max_speakers);
		html_raw(b, "</td></tr>\n");
	}
	html_raw(b, "</tbody>\n</table></div>\n</section>\n");
}

static void
rooms(struct request *req, struct buf *b, const struct event *ev)
{
	const char *yes = i18n(req->lang, MSG_YES),
		   *no = i18n(req->lang, MSG_NO);
	size_t i;

	html_printf(b,
	    "<section aria-labelledby=\"rooms\">\n<h2 id=\"rooms\">%s</h2>\n"
	    "<div class=\"scroll\"><table>\n<thead><tr><th scope=\"col\">%s</th>"
	    "<th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
	    "<th scope=\"col\">%s</th></tr></thead>\n<tbody>\n",
	    i18n(req->lang, MSG_ROOMS), i18n(req->lang, MSG_ROOM),
	    i18n(req->lang, MSG_CAPACITY),
	    i18n(req->lang, MSG_INTERPRETATION_BOOTH),
	    i18n(req->lang, MSG_STEP_FREE));
	for (i = 0; i < ev->nrooms; i++) {
		const struct room *r = &ev->rooms[i];

		html_printf(b,
		    "<tr><th scope=\"row\">%s</th><td>%d</td><td>%s</td>"
		    "<td>%s</td></tr>\n",
		    l10n_get(&r->name, req->lang), r->capacity,
		    r->interpretation_booth ? yes : no,
		    r->step_free ? yes : no);
	}
	html_raw(b, "</tbody>\n</table></div>\n</section>\n");
}

static void
grid(struct request *req, struct buf *b, const struct event *ev)
{
	static const enum msg kind_msg[SLOT__MAX] = {
		[SLOT_SESSION] = MSG_SLOT_SESSION,
		[SLOT_PLENARY] = MSG_SLOT_PLENARY,
		[SLOT_BREAK] = MSG_SLOT_BREAK,
	};
	struct buf t;
	size_t i, j;

	buf_init(&t, 256);
	html_printf(b,
	    "<section aria-labelledby=\"grid\">\n<h2 id=\"grid\">%s</h2>\n",
	    i18n(req->lang, MSG_TIME_GRID));
	for (i = 0; i < ev->ndays; i++) {
		const struct day *d = &ev->days[i];

		buf_reset(&t);
		i18n_day_heading(&t, req->lang, d->date);
		html_printf(b,
		    "<h3>%s</h3>\n<table class=\"grid\">\n<thead><tr>"
		    "<th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
		    "</tr></thead>\n<tbody>\n",
		    t.s, i18n(req->lang, MSG_TIME),
		    i18n(req->lang, MSG_ACTIVITY));
		for (j = 0; j < d->nslots; j++) {
			const struct slot *s = &d->slots[j];
			const char *label = l10n_get(&s->label, req->lang);

			buf_reset(&t);
			i18n_time(&t, s->start_min);
			buf_addstr(&t, "–");
			i18n_time(&t, s->end_min);
			html_printf(b,
			    "<tr class=\"slot-%s\"><th scope=\"row\">%s</th>"
			    "<td>%s</td></tr>\n",
			    slot_kind_name(s->kind), t.s,
			    *label != '\0'
				? label
				: i18n(req->lang, kind_msg[s->kind]));
		}
		html_raw(b, "</tbody>\n</table>\n");
	}
	html_raw(b, "</section>\n");
	buf_release(&t);
}

void
page_event(struct request *req, struct response *resp)
{
	struct event ev;
	struct event_counts counts;
	struct buf *b = &resp->body;
	const char *tagline;

	if (!layout_load_event(req, resp, req->seg[0], &ev))
		return;
	if (store_event_counts(req->st, &ev, &counts) != STORE_OK) {
		event_release(&ev);
		page_error(req, resp, 500);
		return;
	}
	resp->status = 200;
	resp->cacheable = true;
	layout_begin(req, resp, l10n_get(&ev.name, req->lang), &ev);
	html_printf(b, "<h1>%s</h1>\n", l10n_get(&ev.name, req->lang));
	tagline = l10n_get(&ev.tagline, req->lang);
	if (*tagline != '\0')
		html_printf(b, "<p class=\"lead\">%s</p>\n", tagline);
	facts(req, b, &ev, &counts);
	themes(req, b, &ev, &counts);
	formats(req, b, &ev);
	rooms(req, b, &ev);
	grid(req, b, &ev);
	layout_end(req, resp, &ev);
	event_counts_release(&counts);
	event_release(&ev);
}
