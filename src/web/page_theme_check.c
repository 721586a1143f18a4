/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * page_theme_check.c: "/{event}/proposals/themes", for organisers (issue
 * 7).  Lists the proposals filed under a theme other than the one the
 * classifier confidently suggests, each with a button to take the
 * suggestion or keep the filed theme (either way an organiser's decision,
 * which also trains the classifier), and the groups of similar proposals
 * at a threshold the organiser moves, candidates for one joint session.
 * Each group is a form that merges its ticked proposals into the one the
 * organiser keeps (POST action=merge, target, merge...; store_merge, so
 * audit-logged like the decisions page's merge), then comes back here.
 */
#include "web/route.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store_select.h"
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
#define MERGE_MAX    32 /* proposals in one merge, as the decisions page */

/* A similarity threshold in hundredths, e.g. "0.45"; -1 when bad. */
static double
parse_threshold(const char *v)
{
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

static double
read_threshold(const struct request *req)
{
	return parse_threshold(kv_get(&req->query, "sim"));
}

/*
 * Merges the ticked proposals of a group into the target, the one that
 * carries on as the joint session, and comes back to the groups.
 */
static void
merge_post(struct request *req, struct response *resp, const struct event *ev)
{
	const char *ts = form_get(req->form, "target");
	double sim = parse_threshold(form_get(req->form, "sim"));
	size_t n = form_count(req->form, "merge"), i, k = 0;
	int64_t target, others[MERGE_MAX], id;
	struct buf msg;
	enum store_err e;
	char to[256];

	if (ts == NULL || !parse_i64(ts, 1, INT64_MAX, &target) ||
	    n > MERGE_MAX || sim < 0) {
		auth_error_page(req, resp, 400, "target, merge, sim");
		return;
	}
	for (i = 0; i < n; i++) {
		if (!parse_i64(form_get_nth(req->form, "merge", i), 1,
			INT64_MAX, &id)) {
			auth_error_page(req, resp, 400, "merge");
			return;
		}
		if (id != target)
			others[k++] = id;
	}
	buf_init(&msg, 512);
	e = store_merge(
	    req->st, ev->id, target, others, k, req->user->person_id, &msg);
	if (e == STORE_OK) {
		snprintf(to, sizeof(to),
		    "/%s/proposals/themes?sim=%.2f&merged=%lld#similar",
		    ev->slug, sim, (long long)target);
		auth_redirect(resp, to);
	} else {
		page_error_text(req, resp,
		    e == STORE_ERR_NOTFOUND         ? 404
			: e == STORE_ERR_CONSTRAINT ? 422
						    : 500,
		    msg.s);
	}
	buf_release(&msg);
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

/* After a merge: which joint session it made, linked to the decisions. */
static void
merged_status(struct buf *b, struct request *req, const struct event *ev)
{
	const char *v = kv_get(&req->query, "merged");
	int64_t id;

	if (v == NULL || !parse_i64(v, 1, INT64_MAX, &id))
		return;
	html_printf(b,
	    "<p role=\"status\" id=\"tc-merged\">%s: %s <a "
	    "href=\"/%u/organise/decisions#p%l\">#%l</a></p>\n",
	    i18n(req->lang, MSG_DEC_MERGE),
	    i18n(req->lang, MSG_DEC_MERGED_INTO), ev->slug, id, id);
}

/*
 * The merge form of group j: every member ticked, the joint session it
 * already has (or its first member) carrying on.
 */
static void
merge_form_begin(struct buf *b, struct request *req, struct response *resp,
    const struct event *ev, size_t j, const char *sim)
{
	html_printf(b,
	    "<form method=\"post\" action=\"/%u/proposals/themes\" "
	    "class=\"merge-group\" id=\"group-%z\">",
	    ev->slug, j);
	csrf_field(req, resp, b);
	html_printf(
	    b, "<input type=\"hidden\" name=\"sim\" value=\"%s\">\n", sim);
}

static void
merge_form_end(struct buf *b, struct request *req, const struct theme_check *c,
    const size_t *num, size_t j)
{
	size_t i, keep = c->n;

	for (i = 0; i < c->n; i++)
		if (num[i] == j &&
		    (keep == c->n || (c->joint[i] && !c->joint[keep])))
			keep = i;
	html_printf(b,
	    "<p><label for=\"group-%z-target\">%s</label> <select "
	    "id=\"group-%z-target\" name=\"target\">",
	    j, i18n(req->lang, MSG_DEC_MERGE_INTO), j);
	for (i = 0; i < c->n; i++)
		if (num[i] == j)
			html_printf(b, "<option value=\"%l\"%s>#%l %s</option>",
			    c->p[i].id, i == keep ? " selected" : "",
			    c->p[i].id, c->p[i].title);
	html_printf(b,
	    "</select> <button type=\"submit\" name=\"action\" "
	    "value=\"merge\">%s</button></p></form>\n",
	    i18n(req->lang, MSG_DEC_MERGE));
}

static void
groups(struct buf *b, struct request *req, struct response *resp,
    const struct event *ev, const struct theme_check *c, double threshold)
{
	size_t *group = xcalloc(c->n + 1, sizeof(*group));
	size_t *sizes = xcalloc(c->n + 1, sizeof(*sizes));
	size_t *num = xcalloc(c->n + 1, sizeof(*num));
	size_t *member = xcalloc(c->n + 1, sizeof(*member));
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
	merged_status(b, req, ev);
	html_printf(b, "<p role=\"status\"><strong>%z</strong> %s</p>\n", ng,
	    i18n(req->lang, MSG_TC_GROUPS));
	for (i = 0; i < c->n; i++)
		if (sizes[group[i]] >= 2 && num[group[i]] == 0)
			num[group[i]] = ++shown;
	for (i = 0; i < c->n; i++)
		member[i] = sizes[group[i]] >= 2 ? num[group[i]] : 0;
	if (shown > GROUPS_SHOWN)
		shown = GROUPS_SHOWN;
	if (shown > 0)
		html_printf(b, "<p>%s</p>\n<ol class=\"groups\">\n",
		    i18n(req->lang, MSG_DEC_MERGE_HINT));
	for (j = 1; j <= shown; j++) {
		html_raw(b, "<li>");
		merge_form_begin(b, req, resp, ev, j, value);
		html_raw(b, "<ul>\n");
		for (i = 0; i < c->n; i++) {
			const struct proposal_text *p = &c->p[i];

			if (member[i] != j)
				continue;
			html_printf(b,
			    "<li><input type=\"checkbox\" name=\"merge\" "
			    "value=\"%l\" checked aria-label=\"%s: %s\"> "
			    "<a href=\"/%u/proposals/%l\">%s</a> "
			    "<span class=\"meta\">#%l · %s · %d%%</span></li>\n",
			    p->id, i18n(req->lang, MSG_DEC_SELECT), p->title,
			    ev->slug, p->id, p->title, p->id,
			    p->theme >= 0 ? l10n_get(&ev->themes[p->theme].name,
						req->lang)
					  : "—",
			    (int)(best[i] * 100 + 0.5));
		}
		html_raw(b, "</ul>\n");
		merge_form_end(b, req, c, member, j);
		html_raw(b, "</li>\n");
	}
	if (shown > 0)
		html_raw(b, "</ol>\n");
	free(group);
	free(sizes);
	free(num);
	free(member);
	free(best);
}

void
page_theme_check(struct request *req, struct response *resp)
{
	struct event ev;
	const struct theme_check *c;
	double threshold;

	if (!layout_load_event(req, resp, req->seg[0], &ev))
		return;
	if (req->method == HTTP_POST) {
		const char *action = form_get(req->form, "action");

		if (action != NULL && strcmp(action, "merge") == 0)
			merge_post(req, resp, &ev);
		else
			confirm_post(req, resp, &ev);
		event_release(&ev);
		return;
	}
	if ((threshold = read_threshold(req)) < 0) {
		auth_error_page(req, resp, 400, "sim: 0.20 .. 0.95");
		event_release(&ev);
		return;
	}
	/* Cached until the next commit, shared with the proposals list. */
	if ((c = theme_check_cached(req->st, &ev, THEME_CHECK_CONFIDENT)) ==
	    NULL) {
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
	mismatches(&resp->body, req, resp, &ev, c);
	groups(&resp->body, req, resp, &ev, c, threshold);
	layout_end(req, resp, &ev);
	event_release(&ev);
}
