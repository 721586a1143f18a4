/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * page_select.c: balanced selection for organisers (issue 6).
 *
 *   GET  /{event}/organise/selection   the quota form (the saved
 *        settings), the newest run: GLPK's status, gap and objective,
 *        which quotas bind, the balance of the accepted set, and every
 *        candidate with its score and pin
 *   POST the same, action=run (save the quotas, solve, save the run),
 *        confirm or discard (run=ID), pin (proposal=ID, pin=accept|
 *        reject|none)
 *
 * A quota that is not a number in range is refused (422) with the field
 * named, and nothing is saved.  When the quotas cannot all hold the page
 * names the conflicting ones (422) and no run is saved.
 */
#include "web/route.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "solve/select.h"
#include "store/store.h"
#include "store/store_select.h"
#include "util/util.h"
#include "web/auth.h"
#include "web/csrf.h"
#include "web/form.h"
#include "web/html.h"
#include "web/i18n.h"
#include "web/layout.h"

#define SEL_WEB_SECONDS 10
#define SEL_WEB_MAX     100000

static void
begin(struct request *req, struct response *resp, const struct event *ev,
    int status)
{
	resp->status = status;
	resp->cache_control = "no-store";
	layout_begin(req, resp, i18n(req->lang, MSG_SEL_TITLE), ev);
	html_printf(&resp->body,
	    "<nav class=\"crumbs\" aria-label=\"%s\"><a href=\"/%u/\">%s</a> › "
	    "<a href=\"/%u/organise/decisions\">%s</a></nav>\n<h1>%s</h1>\n"
	    "<p>%s</p>\n",
	    i18n(req->lang, MSG_BACK_TO_EVENT), ev->slug,
	    l10n_get(&ev->name, req->lang), ev->slug,
	    i18n(req->lang, MSG_DEC_NAV), i18n(req->lang, MSG_SEL_TITLE),
	    i18n(req->lang, MSG_SEL_LEAD));
}

static void
num(char *out, size_t n, double v, int digits)
{
	snprintf(out, n, "%.*f", digits, v);
}

/* A number input with its label. */
static void
input(struct buf *b, const char *name, const char *label, const char *value,
    const char *step)
{
	html_printf(b,
	    "<p><label for=\"f-%s\">%s</label> <input id=\"f-%s\" name=\"%s\" "
	    "type=\"number\" min=\"0\" step=\"%s\" value=\"%s\"></p>\n",
	    name, label, name, name, step, value);
}

static void
int_input(struct buf *b, const char *name, const char *label, int v)
{
	char s[32];

	snprintf(s, sizeof(s), "%d", v);
	input(b, name, label, s, "1");
}

static void
bounds_rows(struct buf *b, struct request *req, const char *kind,
    const char *key, const char *name, int mn, int mx)
{
	char smin[16] = "", smax[16] = "";

	if (mn > 0)
		snprintf(smin, sizeof(smin), "%d", mn);
	if (mx >= 0)
		snprintf(smax, sizeof(smax), "%d", mx);
	html_printf(b,
	    "<tr><th scope=\"row\">%s</th><td><input name=\"%s_min.%s\" "
	    "type=\"number\" min=\"0\" step=\"1\" value=\"%s\" "
	    "aria-label=\"%s %s\"></td><td><input name=\"%s_max.%s\" "
	    "type=\"number\" min=\"0\" step=\"1\" value=\"%s\" "
	    "aria-label=\"%s %s\"></td></tr>\n",
	    name, kind, key, smin, name, i18n(req->lang, MSG_SEL_MIN), kind,
	    key, smax, name, i18n(req->lang, MSG_SEL_MAX));
}

static void
quota_form(struct request *req, struct response *resp, const struct event *ev,
    const struct select_settings *s)
{
	struct buf *b = &resp->body;
	char v[32];
	size_t i;

	html_printf(b,
	    "<form method=\"post\" action=\"/%u/organise/selection\" "
	    "class=\"sel-quotas\">\n",
	    ev->slug);
	csrf_field(req, resp, b);
	html_printf(b, "<fieldset><legend>%s</legend>\n<p>%s</p>\n",
	    i18n(req->lang, MSG_SEL_QUOTAS), i18n(req->lang, MSG_SEL_OFF_HINT));
	num(v, sizeof(v), s->min_women, 2);
	input(b, "min_women", i18n(req->lang, MSG_SEL_MIN_WOMEN), v, "0.01");
	num(v, sizeof(v), s->min_mixed, 2);
	input(b, "min_mixed", i18n(req->lang, MSG_SEL_MIN_MIXED), v, "0.01");
	int_input(b, "min_countries", i18n(req->lang, MSG_SEL_MIN_COUNTRIES),
	    s->min_countries);
	int_input(
	    b, "max_per_org", i18n(req->lang, MSG_SEL_MAX_ORG), s->max_per_org);
	int_input(b, "max_per_speaker", i18n(req->lang, MSG_SEL_MAX_SPEAKER),
	    s->max_per_speaker);
	int_input(
	    b, "capacity", i18n(req->lang, MSG_SEL_CAPACITY), s->capacity);
	int_input(
	    b, "waitlist", i18n(req->lang, MSG_SEL_WAITLIST), s->waitlist);
	html_printf(b,
	    "<table class=\"sel-bounds\"><caption>%s, %s</caption><thead><tr>"
	    "<th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
	    "<th scope=\"col\">%s</th></tr></thead><tbody>\n",
	    i18n(req->lang, MSG_THEMES), i18n(req->lang, MSG_FORMATS),
	    i18n(req->lang, MSG_SEL_QUOTA), i18n(req->lang, MSG_SEL_MIN),
	    i18n(req->lang, MSG_SEL_MAX));
	for (i = 0; i < ev->nthemes; i++)
		bounds_rows(b, req, "theme", ev->themes[i].key,
		    l10n_get(&ev->themes[i].name, req->lang), s->theme_min[i],
		    s->theme_max[i]);
	for (i = 0; i < ev->nformats; i++)
		bounds_rows(b, req, "format", ev->formats[i].key,
		    l10n_get(&ev->formats[i].name, req->lang), s->format_min[i],
		    s->format_max[i]);
	html_printf(b,
	    "</tbody></table>\n</fieldset>\n<p><button type=\"submit\" "
	    "name=\"action\" value=\"run\" id=\"sel-run\">%s</button></p>\n"
	    "</form>\n",
	    i18n(req->lang, MSG_SEL_RUN));
}

/* A share 0..1, a count 0..max; empty means 0.  false: bad. */
static bool
field_share(const struct form *f, const char *name, double *out)
{
	const char *s = form_get(f, name);
	char *end;
	double v;

	if (s == NULL || s[0] == '\0') {
		*out = 0;
		return true;
	}
	errno = 0;
	v = strtod(s, &end);
	if (errno != 0 || end == s || *end != '\0' || !(v >= 0 && v <= 1))
		return false;
	*out = v;
	return true;
}

static bool
field_count(const struct form *f, const char *name, int empty, int *out)
{
	const char *s = form_get(f, name);
	int64_t v;

	if (s == NULL || s[0] == '\0') {
		*out = empty;
		return true;
	}
	if (!parse_i64(s, 0, SEL_WEB_MAX, &v))
		return false;
	*out = (int)v;
	return true;
}

/* Reads the posted quotas into s; on a bad field names it in err. */
static bool
read_quotas(const struct form *f, const struct event *ev,
    struct select_settings *s, struct buf *err)
{
	static const char *const counts[] = { "min_countries", "max_per_org",
		"max_per_speaker", "capacity", "waitlist" };
	int *to[ARRAY_SIZE(counts)] = { &s->min_countries, &s->max_per_org,
		&s->max_per_speaker, &s->capacity, &s->waitlist };
	char name[EVENT_KEY_MAX + 16];
	size_t i;

	if (!field_share(f, "min_women", &s->min_women)) {
		buf_addstr(err, "min_women");
		return false;
	}
	if (!field_share(f, "min_mixed", &s->min_mixed)) {
		buf_addstr(err, "min_mixed");
		return false;
	}
	for (i = 0; i < ARRAY_SIZE(counts); i++)
		if (!field_count(f, counts[i], 0, to[i]) ||
		    (to[i] == &s->waitlist &&
			s->waitlist > SELECT_WAITLIST_MAX)) {
			buf_addstr(err, counts[i]);
			return false;
		}
	for (i = 0; i < ev->nthemes + ev->nformats; i++) {
		bool th = i < ev->nthemes;
		size_t k = th ? i : i - ev->nthemes;
		const char *key = th ? ev->themes[k].key : ev->formats[k].key;
		int *mn = th ? &s->theme_min[k] : &s->format_min[k];
		int *mx = th ? &s->theme_max[k] : &s->format_max[k];

		snprintf(name, sizeof(name), "%s_min.%s",
		    th ? "theme" : "format", key);
		if (!field_count(f, name, 0, mn)) {
			buf_addstr(err, name);
			return false;
		}
		snprintf(name, sizeof(name), "%s_max.%s",
		    th ? "theme" : "format", key);
		if (!field_count(f, name, -1, mx)) {
			buf_addstr(err, name);
			return false;
		}
	}
	return true;
}

static void
share(char *out, size_t n, size_t a, size_t b)
{
	snprintf(out, n, "%zu / %zu (%.0f%%)", a, b,
	    b > 0 ? 100.0 * (double)a / (double)b : 0.0);
}

static void
summary(struct buf *b, struct request *req, const struct event *ev,
    const struct store_selection *sel, const bool *accepted)
{
	struct select_summary sum;
	char v[64];
	size_t i;

	select_summary(sel, accepted, &sum);
	html_printf(b,
	    "<h2 id=\"balance\">%s</h2>\n<table class=\"sel-balance\">"
	    "<caption>%s</caption><tbody>\n",
	    i18n(req->lang, MSG_SEL_BALANCE), i18n(req->lang, MSG_SEL_BALANCE));
	for (i = 0; i < ev->nthemes; i++)
		html_printf(b,
		    "<tr><th scope=\"row\">%s: %s</th><td>%z</td></tr>\n",
		    i18n(req->lang, MSG_THEME),
		    l10n_get(&ev->themes[i].name, req->lang), sum.per_theme[i]);
	for (i = 0; i < ev->nformats; i++)
		html_printf(b,
		    "<tr><th scope=\"row\">%s: %s</th><td>%z</td></tr>\n",
		    i18n(req->lang, MSG_FORMAT),
		    l10n_get(&ev->formats[i].name, req->lang),
		    sum.per_format[i]);
	share(v, sizeof(v), sum.mixed_panels, sum.panels);
	html_printf(b, "<tr><th scope=\"row\">%s</th><td>%s</td></tr>\n",
	    i18n(req->lang, MSG_SEL_MIXED_PANELS), v);
	share(v, sizeof(v), sum.women_slots, sum.speaker_slots);
	html_printf(b,
	    "<tr><th scope=\"row\">%s</th><td id=\"sel-women\">%s</td></tr>\n",
	    i18n(req->lang, MSG_SEL_WOMEN), v);
	share(v, sizeof(v), sum.state_slots, sum.speaker_slots);
	html_printf(b, "<tr><th scope=\"row\">%s</th><td>%s</td></tr>\n",
	    i18n(req->lang, MSG_SEL_STATE_SHARE), v);
	html_printf(b,
	    "<tr><th scope=\"row\">%s</th><td>%z</td></tr>\n"
	    "<tr><th scope=\"row\">%s</th><td>%z</td></tr>\n"
	    "<tr><th scope=\"row\">%s</th><td>%z %s</td></tr>\n",
	    i18n(req->lang, MSG_COUNTRIES), sum.ncountries,
	    i18n(req->lang, MSG_SEL_ORGS), sum.norgs,
	    i18n(req->lang, MSG_SEL_MOST_ORG), sum.max_org_count,
	    sum.max_org ? sum.max_org : "");
	snprintf(
	    v, sizeof(v), "%ld / %ld", sum.minutes_used, sel->minutes_capacity);
	html_printf(b, "<tr><th scope=\"row\">%s</th><td>%s</td></tr>\n",
	    i18n(req->lang, MSG_SEL_ROOM_TIME), v);
	html_raw(b, "</tbody></table>\n");
	select_summary_release(&sum);
}

/* The quotas of a run: the binding ones first in a list, then all. */
static void
quotas_table(struct buf *b, struct request *req, const struct select_run *r)
{
	size_t i, nb = 0;
	char v[32], bd[32];

	html_printf(b, "<h2 id=\"binding\">%s</h2>\n",
	    i18n(req->lang, MSG_SEL_BINDING));
	for (i = 0; i < r->nquotas; i++)
		nb += r->quotas[i].binds;
	if (nb == 0)
		html_printf(
		    b, "<p>%s</p>\n", i18n(req->lang, MSG_SEL_NONE_BIND));
	else {
		html_raw(b, "<ul id=\"sel-binding\">\n");
		for (i = 0; i < r->nquotas; i++)
			if (r->quotas[i].binds)
				html_printf(
				    b, "<li>%s</li>\n", r->quotas[i].name);
		html_raw(b, "</ul>\n");
	}
	if (r->nquotas == 0)
		return;
	html_printf(b,
	    "<table class=\"sel-quota-table\"><caption>%s</caption><thead><tr>"
	    "<th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
	    "<th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead>"
	    "<tbody>\n",
	    i18n(req->lang, MSG_SEL_QUOTAS), i18n(req->lang, MSG_SEL_QUOTA),
	    i18n(req->lang, MSG_SEL_VALUE), i18n(req->lang, MSG_SEL_BOUND),
	    i18n(req->lang, MSG_SEL_STATE));
	for (i = 0; i < r->nquotas; i++) {
		const struct select_run_quota *q = &r->quotas[i];

		snprintf(v, sizeof(v), "%g", q->value);
		snprintf(bd, sizeof(bd), "%g", q->bound);
		html_printf(b,
		    "<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>\n",
		    q->name, v, bd,
		    i18n(req->lang,
			q->binds        ? MSG_SEL_BINDS
			    : q->active ? MSG_SEL_ACTIVE
					: MSG_SEL_SLACK));
	}
	html_raw(b, "</tbody></table>\n");
}

static void
run_action(struct request *req, struct response *resp, const struct event *ev,
    int64_t run, const char *action, enum msg label)
{
	struct buf *b = &resp->body;

	html_printf(b,
	    "<form method=\"post\" action=\"/%u/organise/selection\" "
	    "class=\"inline\">",
	    ev->slug);
	csrf_field(req, resp, b);
	html_printf(b,
	    "<input type=\"hidden\" name=\"run\" value=\"%l\">"
	    "<button type=\"submit\" name=\"action\" value=\"%s\" "
	    "id=\"sel-%s\">%s</button></form>\n",
	    run, action, action, i18n(req->lang, label));
}

static void
pin_form(struct request *req, struct response *resp, const struct event *ev,
    int64_t id, const char *title, enum sel_pin pin)
{
	static const enum msg labels[SEL_PIN__MAX] = { MSG_SEL_PIN_NONE,
		MSG_SEL_PIN_ACCEPT, MSG_SEL_PIN_REJECT };
	static const char *const keys[SEL_PIN__MAX] = { "none", "accept",
		"reject" };
	struct buf *b = &resp->body;
	int k;

	html_printf(b,
	    "<form method=\"post\" action=\"/%u/organise/selection\" "
	    "class=\"inline\">",
	    ev->slug);
	csrf_field(req, resp, b);
	html_printf(b,
	    "<input type=\"hidden\" name=\"proposal\" value=\"%l\">"
	    "<select name=\"pin\" aria-label=\"%s: %s\">",
	    id, i18n(req->lang, MSG_SEL_PIN), title);
	for (k = 0; k < SEL_PIN__MAX; k++)
		html_printf(b, "<option value=\"%s\"%s>%s</option>", keys[k],
		    (enum sel_pin)k == pin ? " selected" : "",
		    i18n(req->lang, labels[k]));
	html_printf(b,
	    "</select> <button type=\"submit\" name=\"action\" "
	    "value=\"pin\">%s</button></form>",
	    i18n(req->lang, MSG_SEL_PIN));
}

/* Pins any sent proposal by its number, also one without reviews, which
 * is not among the candidates until it is pinned. */
static void
pin_number_form(
    struct request *req, struct response *resp, const struct event *ev)
{
	static const enum msg labels[SEL_PIN__MAX] = { MSG_SEL_PIN_NONE,
		MSG_SEL_PIN_ACCEPT, MSG_SEL_PIN_REJECT };
	static const char *const keys[SEL_PIN__MAX] = { "none", "accept",
		"reject" };
	struct buf *b = &resp->body;
	int k;

	html_printf(b,
	    "<form method=\"post\" action=\"/%u/organise/selection\" "
	    "id=\"sel-pin-number\"><fieldset><legend>%s</legend>",
	    ev->slug, i18n(req->lang, MSG_SEL_PIN_BY_NUMBER));
	csrf_field(req, resp, b);
	html_printf(b,
	    "<label for=\"sel-pin-id\">%s</label> <input type=\"number\" "
	    "id=\"sel-pin-id\" name=\"proposal\" min=\"1\" required> "
	    "<label for=\"sel-pin-what\">%s</label> <select "
	    "id=\"sel-pin-what\" name=\"pin\">",
	    i18n(req->lang, MSG_SEL_PROPOSAL_NUMBER),
	    i18n(req->lang, MSG_SEL_PIN));
	for (k = SEL_PIN_ACCEPT; k < SEL_PIN__MAX; k++)
		html_printf(b, "<option value=\"%s\">%s</option>", keys[k],
		    i18n(req->lang, labels[k]));
	html_printf(b, "<option value=\"%s\">%s</option>", keys[SEL_PIN_NONE],
	    i18n(req->lang, labels[SEL_PIN_NONE]));
	html_printf(b,
	    "</select> <button type=\"submit\" name=\"action\" "
	    "value=\"pin\">%s</button></fieldset></form>\n",
	    i18n(req->lang, MSG_SEL_PIN));
}

static void
candidates(struct request *req, struct response *resp, const struct event *ev,
    const struct store_selection *sel, const bool *accepted)
{
	struct buf *b = &resp->body;
	char z[32];
	size_t i;

	html_printf(b,
	    "<h2 id=\"candidates\">%s</h2>\n<p>%s: %z</p>\n"
	    "<table class=\"sel-candidates\"><caption>%s</caption><thead><tr>"
	    "<th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
	    "<th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
	    "<th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
	    "<th scope=\"col\">%s</th></tr></thead><tbody>\n",
	    i18n(req->lang, MSG_SEL_CANDIDATES),
	    i18n(req->lang, MSG_SEL_UNREVIEWED), sel->unreviewed,
	    i18n(req->lang, MSG_SEL_CANDIDATES), i18n(req->lang, MSG_PROPOSALS),
	    i18n(req->lang, MSG_THEME), i18n(req->lang, MSG_FORMAT),
	    i18n(req->lang, MSG_SEL_REVIEWS), i18n(req->lang, MSG_SEL_SCORE),
	    i18n(req->lang, MSG_SEL_ACCEPTED), i18n(req->lang, MSG_SEL_PIN));
	for (i = 0; i < sel->in.nitems; i++) {
		const struct sel_item *it = &sel->items[i];

		snprintf(z, sizeof(z), "%+.2f", sel->z[i]);
		html_printf(b,
		    "<tr id=\"p%l\" data-accepted=\"%s\"><td><a href=\"/%u/proposals/%l\">%s</a>"
		    "</td><td>%s</td><td>%s</td><td>%z</td><td>%s</td>"
		    "<td>%s</td><td>",
		    sel->proposal_id[i],
		    accepted != NULL && accepted[i] ? "1" : "0", ev->slug,
		    sel->proposal_id[i], sel->title[i],
		    l10n_get(&ev->themes[it->theme].name, req->lang),
		    l10n_get(&ev->formats[it->format].name, req->lang),
		    sel->nreviews[i], z,
		    accepted == NULL  ? ""
			: accepted[i] ? i18n(req->lang, MSG_YES)
				      : i18n(req->lang, MSG_NO));
		pin_form(req, resp, ev, sel->proposal_id[i], sel->title[i],
		    sel->pin[i]);
		html_raw(b, "</td></tr>\n");
	}
	html_raw(b, "</tbody></table>\n");
	pin_number_form(req, resp, ev);
}

/* The whole page; error (a message) and res (an infeasible result) may
 * be NULL. */
static void
render(struct request *req, struct response *resp, const struct event *ev,
    const struct select_settings *s, const char *error,
    const struct sel_result *res, int status)
{
	struct buf *b = &resp->body;
	struct store_selection sel;
	struct select_run run;
	bool *accepted = NULL, have_run;
	char gap[32], obj[32];

	if (store_select_load(req->st, ev, s, &sel, NULL) != STORE_OK) {
		page_error(req, resp, 500);
		return;
	}
	have_run = store_select_run_latest(req->st, ev->id, &run) == STORE_OK;
	begin(req, resp, ev, status);
	if (error != NULL || res != NULL) {
		html_printf(b,
		    "<div class=\"error-summary\" role=\"alert\" "
		    "id=\"sel-error\"><h2>%s</h2><p>%s</p></div>\n",
		    i18n(req->lang,
			res != NULL ? MSG_SEL_INFEASIBLE : MSG_SEL_BAD_NUMBER),
		    res != NULL && res->message != NULL ? res->message : error);
		if (res != NULL) {
			size_t i;

			html_raw(b, "<ul id=\"sel-conflict\">\n");
			for (i = 0; i < res->nquotas; i++)
				if (res->quotas[i].conflict)
					html_printf(b, "<li>%s</li>\n",
					    res->quotas[i].name);
			html_raw(b, "</ul>\n");
		}
	}
	quota_form(req, resp, ev, s);
	html_printf(
	    b, "<h2 id=\"result\">%s</h2>\n", i18n(req->lang, MSG_SEL_RESULT));
	if (!have_run)
		html_printf(b, "<p>%s</p>\n", i18n(req->lang, MSG_SEL_NO_RUN));
	else {
		accepted = xcalloc(sel.in.nitems + 1, sizeof(bool));
		store_select_run_accepted(req->st, run.id, &sel, accepted);
		num(gap, sizeof(gap), 100 * run.gap, 2);
		num(obj, sizeof(obj), run.objective, 3);
		html_printf(b,
		    "<p id=\"sel-run-state\" data-run=\"%l\" data-status=\"%s\">"
		    "%s</p>\n<dl class=\"sel-figures\"><dt>%s</dt><dd "
		    "id=\"sel-glpk\">%s</dd><dt>%s</dt><dd>%s%%</dd><dt>%s</dt>"
		    "<dd>%s</dd><dt>%s</dt><dd id=\"sel-accepted\">%z</dd></dl>"
		    "\n",
		    run.id, run.status,
		    i18n(req->lang,
			strcmp(run.status, "confirmed") == 0 ? MSG_SEL_CONFIRMED
			    : strcmp(run.status, "discarded") == 0
			    ? MSG_SEL_DISCARDED
			    : MSG_SEL_PROPOSED),
		    i18n(req->lang, MSG_SEL_STATUS), run.glpk_status,
		    i18n(req->lang, MSG_SEL_GAP), gap,
		    i18n(req->lang, MSG_SEL_OBJECTIVE), obj,
		    i18n(req->lang, MSG_SEL_ACCEPTED), run.naccepted);
		if (strcmp(run.status, "proposed") == 0) {
			run_action(
			    req, resp, ev, run.id, "confirm", MSG_SEL_CONFIRM);
			run_action(
			    req, resp, ev, run.id, "discard", MSG_SEL_DISCARD);
		}
		quotas_table(b, req, &run);
		summary(b, req, ev, &sel, accepted);
	}
	candidates(req, resp, ev, &sel, accepted);
	layout_end(req, resp, ev);
	free(accepted);
	if (have_run)
		select_run_release(&run);
	store_selection_release(&sel);
}

static void
redirect(struct response *resp, const struct event *ev, const char *path,
    int64_t anchor)
{
	char to[256];

	if (anchor > 0)
		snprintf(to, sizeof(to), "/%s/organise/%s#p%lld", ev->slug,
		    path, (long long)anchor);
	else
		snprintf(to, sizeof(to), "/%s/organise/%s", ev->slug, path);
	auth_redirect(resp, to);
}

static void
post_run(struct request *req, struct response *resp, const struct event *ev,
    struct select_settings *s)
{
	struct store_selection sel;
	struct sel_result res;
	struct sel_options opt = {
		.time_limit = SEL_WEB_SECONDS, .gains = true, .gain_budget = 5
	};
	struct buf err;
	int64_t run;

	buf_init(&err, 256);
	if (!read_quotas(req->form, ev, s, &err)) {
		render(req, resp, ev, s, err.s, NULL, 422);
		buf_release(&err);
		return;
	}
	buf_release(&err);
	if (store_select_load(req->st, ev, s, &sel, NULL) != STORE_OK) {
		page_error(req, resp, 500);
		return;
	}
	sel_result_init(&res);
	select_solve(&sel.in, &sel.q, &opt, &res);
	if (res.status != SEL_OPTIMAL && res.status != SEL_FEASIBLE) {
		render(req, resp, ev, s, sel_status_str(res.status), &res, 422);
	} else if (store_select_settings_save(
		       req->st, ev, s, req->user->person_id) != STORE_OK ||
	    store_select_run_save(req->st, ev, &sel, &res, s,
		req->user->person_id, &run) != STORE_OK) {
		page_error(req, resp, 500);
	} else {
		redirect(resp, ev, "selection#result", 0);
	}
	sel_result_release(&res);
	store_selection_release(&sel);
}

static void
post(struct request *req, struct response *resp, const struct event *ev,
    struct select_settings *s)
{
	const char *action = form_get(req->form, "action");
	const char *rs = form_get(req->form, "run");
	const char *ps = form_get(req->form, "proposal");
	const char *pin = form_get(req->form, "pin");
	int64_t actor = req->user->person_id, id = 0;
	enum store_err e;

	if (action == NULL) {
		page_error(req, resp, 400);
		return;
	}
	if (strcmp(action, "run") == 0) {
		post_run(req, resp, ev, s);
		return;
	}
	if (strcmp(action, "confirm") == 0 || strcmp(action, "discard") == 0) {
		if (rs == NULL || !parse_i64(rs, 1, INT64_MAX, &id)) {
			page_error(req, resp, 400);
			return;
		}
		e = action[0] == 'c'
		    ? store_select_run_confirm(
			  req->st, ev, id, s->waitlist, actor, NULL)
		    : store_select_run_discard(req->st, ev->id, id, actor);
		if (e == STORE_OK)
			redirect(resp, ev,
			    action[0] == 'c' ? "decisions" : "selection", 0);
		else
			page_error(req, resp,
			    e == STORE_ERR_NOTFOUND         ? 404
				: e == STORE_ERR_CONSTRAINT ? 409
							    : 500);
		return;
	}
	if (strcmp(action, "pin") == 0 && ps != NULL && pin != NULL &&
	    parse_i64(ps, 1, INT64_MAX, &id)) {
		enum sel_pin p = strcmp(pin, "accept") == 0 ? SEL_PIN_ACCEPT
		    : strcmp(pin, "reject") == 0            ? SEL_PIN_REJECT
		    : strcmp(pin, "none") == 0              ? SEL_PIN_NONE
							    : SEL_PIN__MAX;

		e = p == SEL_PIN__MAX
		    ? STORE_ERR_CONSTRAINT
		    : store_select_pin(req->st, ev->id, id, p, actor);
		if (e == STORE_OK)
			redirect(resp, ev, "selection", id);
		else if (e == STORE_ERR_NOTFOUND)
			render(req, resp, ev, s,
			    i18n(req->lang, MSG_SEL_NO_PROPOSAL), NULL, 404);
		else
			page_error(
			    req, resp, e == STORE_ERR_CONSTRAINT ? 422 : 500);
		return;
	}
	if (strcmp(action, "pin") == 0) {
		/* a number that is none (empty, 0, letters) */
		render(req, resp, ev, s, i18n(req->lang, MSG_SEL_NO_PROPOSAL),
		    NULL, 422);
		return;
	}
	page_error(req, resp, 400);
}

void
page_select(struct request *req, struct response *resp)
{
	struct select_settings s;
	struct event ev;

	if (!layout_load_event(req, resp, req->seg[0], &ev))
		return;
	if (store_select_settings_load(req->st, &ev, &s) != STORE_OK) {
		page_error(req, resp, 500);
		goto out;
	}
	if (req->method == HTTP_POST)
		post(req, resp, &ev, &s);
	else
		render(req, resp, &ev, &s, NULL, NULL, 200);
	select_settings_release(&s);
out:
	event_release(&ev);
}
