/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * page_theme_check.c: "/{event}/proposals/themes", for organisers (issue
 * 7).  Lists the proposals filed under a theme other than the one the
 * classifier confidently suggests, each with a button to take the
 * suggestion or keep the filed theme (either way an organiser's decision,
 * which also trains the classifier), and the groups of similar proposals
 * at a threshold the organiser moves, candidates for one joint session.
 */
#include "web/route.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store_text.h"
#include "util/util.h"
#include "web/auth.h"
#include "web/csrf.h"
#include "web/form.h"
#include "web/html.h"
#include "web/i18n.h"
#include "web/layout.h"
#include "web/request.h"
#include "web/theme_check.h"

#define SIM_DEFAULT  0.5
#define GROUPS_SHOWN 60

/* A similarity threshold in hundredths from the query, e.g. "0.45". */
static double
read_threshold(const struct request *req)
{
	const char *v = kv_get(&req->query, "sim");
	int64_t pct;

	if (v == NULL)
		return SIM_DEFAULT;
	if (strncmp(v, "0.", 2) == 0 && strlen(v) <= 4 &&
	    parse_i64(v + 2, 0, 99, &pct))
		pct = strlen(v) == 3 ? pct * 10 : pct;
	else
		return -1;
	if (pct < 20 || pct > 95)
		return -1;
	return (double)pct / 100.0;
}

static void
confirm_post(struct request *req, struct response *resp, const struct event *ev)
{
	const char *id_s = form_get(req->form, "id");
	const char *key = form_get(req->form, "theme");
	int64_t id;
	long t;
	char to[256];
	enum store_err e;

	if (id_s == NULL || !parse_i64(id_s, 1, INT64_MAX, &id) ||
	    key == NULL || (t = event_theme_find(ev, key)) < 0) {
		auth_error_page(req, resp, 400, "id, theme");
		return;
	}
	e = store_proposal_theme_confirm(
	    req->st, ev, id, (size_t)t, req->user->person_id, NULL);
	if (e != STORE_OK) {
		page_error(req, resp, e == STORE_ERR_NOTFOUND ? 404 : 500);
		return;
	}
	snprintf(to, sizeof(to), "/%s/proposals/themes#mismatches", ev->slug);
	auth_redirect(resp, to);
}

static void
theme_button(struct buf *b, struct request *req, struct response *resp,
    const struct event *ev, int64_t id, size_t theme, enum msg label)
{
	html_printf(b,
	    "<form method=\"post\" action=\"/%u/proposals/themes\" "
	    "class=\"inline\">",
	    ev->slug);
	csrf_field(req, resp, b);
	html_printf(b,
	    "<input type=\"hidden\" name=\"id\" value=\"%l\">"
	    "<input type=\"hidden\" name=\"theme\" value=\"%s\">"
	    "<button type=\"submit\" class=\"secondary\">%s</button></form>",
	    id, ev->themes[theme].key, i18n(req->lang, label));
}

static void
mismatches(struct buf *b, struct request *req, struct response *resp,
    const struct event *ev, const struct theme_check *c)
{
	size_t i;

	html_printf(b, "<h2 id=\"mismatches\">%s (%z)</h2>\n",
	    i18n(req->lang, MSG_TC_MISMATCHES), c->nmismatch);
	if (c->nmismatch == 0) {
		html_printf(b, "<p>%s</p>\n", i18n(req->lang, MSG_TC_NONE));
		return;
	}
	html_printf(b,
	    "<div class=\"scroll\"><table class=\"proposals\">\n<thead><tr>"
	    "<th scope=\"col\">#</th><th scope=\"col\">%s</th>"
	    "<th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
	    "<th scope=\"col\">%s</th></tr></thead>\n<tbody>\n",
	    i18n(req->lang, MSG_CFP_F_TITLE), i18n(req->lang, MSG_TC_FILED),
	    i18n(req->lang, MSG_TC_SUGGESTED), i18n(req->lang, MSG_TC_ACTION));
	for (i = 0; i < c->n; i++) {
		const struct proposal_text *p = &c->p[i];

		if (!c->mismatch[i])
			continue;
		html_printf(b,
		    "<tr><td>%l</td><td><a href=\"/%u/proposals/%l\">%s</a>"
		    "</td><td>%s</td><td>%s (%d%%)</td><td>",
		    p->id, ev->slug, p->id, p->title,
		    l10n_get(&ev->themes[p->theme].name, req->lang),
		    l10n_get(&ev->themes[c->best[i]].name, req->lang),
		    (int)(c->share[i] * 100 + 0.5));
		theme_button(b, req, resp, ev, p->id, c->best[i], MSG_TC_USE);
		html_raw(b, " ");
		theme_button(
		    b, req, resp, ev, p->id, (size_t)p->theme, MSG_TC_KEEP);
		html_raw(b, "</td></tr>\n");
	}
	html_raw(b, "</tbody>\n</table></div>\n");
}

static void
groups(struct buf *b, struct request *req, const struct event *ev,
    const struct theme_check *c, double threshold)
{
	size_t *group = xcalloc(c->n + 1, sizeof(*group));
	size_t *sizes = xcalloc(c->n + 1, sizeof(*sizes));
	size_t *num = xcalloc(c->n + 1, sizeof(*num));
	double *best = xcalloc(c->n + 1, sizeof(*best));
	size_t ng, shown = 0, i, j;
	char value[16];

	snprintf(value, sizeof(value), "%.2f", threshold);
	html_printf(
	    b, "<h2 id=\"similar\">%s</h2>\n", i18n(req->lang, MSG_TC_SIMILAR));
	html_printf(b,
	    "<form method=\"get\" action=\"/%u/proposals/themes#similar\">"
	    "<div class=\"field\"><label for=\"f-sim\">%s</label>"
	    "<p class=\"hint\" id=\"f-sim-hint\">%s</p>"
	    "<input type=\"number\" id=\"f-sim\" name=\"sim\" min=\"0.2\" "
	    "max=\"0.95\" step=\"0.05\" value=\"%s\" "
	    "aria-describedby=\"f-sim-hint\"></div>"
	    "<p><button type=\"submit\">%s</button></p></form>\n",
	    ev->slug, i18n(req->lang, MSG_TC_THRESHOLD),
	    i18n(req->lang, MSG_TC_THRESHOLD_HINT), value,
	    i18n(req->lang, MSG_TC_SHOW));
	ng = theme_check_groups(
	    c, ev->default_lang, threshold, group, sizes, best);
	html_printf(b, "<p role=\"status\"><strong>%z</strong> %s</p>\n", ng,
	    i18n(req->lang, MSG_TC_GROUPS));
	for (i = 0; i < c->n; i++)
		if (sizes[group[i]] >= 2 && num[group[i]] == 0)
			num[group[i]] = ++shown;
	if (shown > GROUPS_SHOWN)
		shown = GROUPS_SHOWN;
	if (shown > 0)
		html_raw(b, "<ol class=\"groups\">\n");
	for (j = 1; j <= shown; j++) {
		html_raw(b, "<li><ul>\n");
		for (i = 0; i < c->n; i++) {
			const struct proposal_text *p = &c->p[i];

			if (num[group[i]] != j)
				continue;
			html_printf(b,
			    "<li><a href=\"/%u/proposals/%l\">%s</a> "
			    "<span class=\"meta\">#%l · %s · %d%%</span></li>\n",
			    ev->slug, p->id, p->title, p->id,
			    p->theme >= 0 ? l10n_get(&ev->themes[p->theme].name,
						req->lang)
					  : "—",
			    (int)(best[i] * 100 + 0.5));
		}
		html_raw(b, "</ul></li>\n");
	}
	if (shown > 0)
		html_raw(b, "</ol>\n");
	free(group);
	free(sizes);
	free(num);
	free(best);
}

void
page_theme_check(struct request *req, struct response *resp)
{
	struct event ev;
	struct theme_check c;
	double threshold;

	if (!layout_load_event(req, resp, req->seg[0], &ev))
		return;
	if (req->method == HTTP_POST) {
		confirm_post(req, resp, &ev);
		event_release(&ev);
		return;
	}
	if ((threshold = read_threshold(req)) < 0) {
		auth_error_page(req, resp, 400, "sim: 0.20 .. 0.95");
		event_release(&ev);
		return;
	}
	if (!theme_check_load(req->st, &ev, THEME_CHECK_CONFIDENT, &c)) {
		page_error(req, resp, 500);
		event_release(&ev);
		return;
	}
	resp->status = 200;
	resp->cache_control = "no-store";
	layout_begin(req, resp, i18n(req->lang, MSG_TC_TITLE), &ev);
	html_printf(&resp->body,
	    "<nav class=\"crumbs\" aria-label=\"%s\"><a href=\"/%u/\">%s</a> › "
	    "<a href=\"/%u/proposals/\">%s</a></nav>\n<h1>%s</h1>\n"
	    "<p>%s</p>\n",
	    i18n(req->lang, MSG_BACK_TO_EVENT), ev.slug,
	    l10n_get(&ev.name, req->lang), ev.slug,
	    i18n(req->lang, MSG_PROP_LIST), i18n(req->lang, MSG_TC_TITLE),
	    i18n(req->lang, MSG_TC_INTRO));
	mismatches(&resp->body, req, resp, &ev, &c);
	groups(&resp->body, req, &ev, &c, threshold);
	layout_end(req, resp, &ev);
	theme_check_release(&c);
	event_release(&ev);
}
