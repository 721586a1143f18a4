/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * page_proposals.c: the organisers' view of the call: "/{ev}/proposals/"
 * lists every proposal but drafts, filtered by theme, format, language,
 * status, country and full text, with counts per theme, format, sector,
 * gender and country drawn as small inline SVG bar charts; the same
 * selection exports as CSV and JSON.  Gender and e-mail are personal
 * data: only organisers reach these routes (ACCESS_ORGANISER).
 */
#include "web/route.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "core/person.h"
#include "store/store_proposal.h"
#include "util/util.h"
#include "web/fields.h"
#include "web/cfp_questions.h"
#include "web/html.h"
#include "web/i18n.h"
#include "web/layout.h"
#include "web/theme_check.h"
#include "web/page_cfp.h"

#define QUERY_MAX   200 /* bytes of a text search */
#define CHART_BARS  12
#define CHART_WIDTH 360

/* Query parameters that name something real; the rest are ignored. */
static void
read_filter(struct request *req, const struct event *ev, struct cfp_filter *f)
{
	const char *v;
	enum proposal_status s;
	enum lang l;

	memset(f, 0, sizeof(*f));
	if ((v = kv_get(&req->query, "theme")) != NULL &&
	    event_theme_find(ev, v) >= 0)
		f->theme = v;
	if ((v = kv_get(&req->query, "format")) != NULL &&
	    event_format_find(ev, v) >= 0)
		f->format = v;
	if ((v = kv_get(&req->query, "language")) != NULL &&
	    lang_parse(v, strlen(v), &l))
		f->language = v;
	if ((v = kv_get(&req->query, "status")) != NULL &&
	    proposal_status_parse(v, &s) && s != PROPOSAL_DRAFT)
		f->status = v;
	if ((v = kv_get(&req->query, "country")) != NULL &&
	    country_find(v) != NULL)
		f->country = v;
	if ((v = kv_get(&req->query, "q")) != NULL && *v != '\0' &&
	    strlen(v) <= QUERY_MAX)
		f->query = v;
	if ((v = kv_get(&req->query, "mix")) != NULL &&
	    (strcmp(v, "mixed") == 0 || strcmp(v, "state") == 0 ||
		strcmp(v, "non-state") == 0))
		f->sector_mix = v;
}

static bool
load(struct request *req, struct response *resp, struct event *ev,
    struct cfp_filter *f, struct cfp_row **rows, size_t *n)
{
	if (!layout_load_event(req, resp, req->seg[0], ev))
		return false;
	read_filter(req, ev, f);
	if (store_cfp_list(req->st, ev->id, f, rows, n) != STORE_OK) {
		event_release(ev);
		page_error(req, resp, 500);
		return false;
	}
	return true;
}

/* ---- counting and charts ---- */

struct tally {
	const char *key[256];
	size_t count[256];
	size_t n;
};

static void
tally_add(struct tally *t, const char *key)
{
	size_t i;

	if (key == NULL || *key == '\0')
		key = "—";
	for (i = 0; i < t->n; i++) {
		if (strcmp(t->key[i], key) == 0) {
			t->count[i]++;
			return;
		}
	}
	if (t->n < ARRAY_SIZE(t->key)) {
		t->key[t->n] = key;
		t->count[t->n++] = 1;
	}
}

static void
tally_sort(struct tally *t)
{
	size_t i, j;

	/* Insertion sort, most first: at most a few hundred keys. */
	for (i = 1; i < t->n; i++) {
		const char *k = t->key[i];
		size_t c = t->count[i];

		for (j = i; j > 0 && t->count[j - 1] < c; j--) {
			t->key[j] = t->key[j - 1];
			t->count[j] = t->count[j - 1];
		}
		t->key[j] = k;
		t->count[j] = c;
	}
}

/* Label of a key in its dimension, in the page's language. */
static const char *
label_of(const struct event *ev, enum lang lang, int dim, const char *key)
{
	const struct country *c;
	long i;

	switch (dim) {
	case 0:
		i = event_theme_find(ev, key);
		return i >= 0 ? l10n_get(&ev->themes[i].name, lang) : key;
	case 1:
		i = event_format_find(ev, key);
		return i >= 0 ? l10n_get(&ev->formats[i].name, lang) : key;
	case 4:
		c = country_find(key);
		return c != NULL ? c->name[lang] : key;
	default:
		return key;
	}
}

static void
chart(struct buf *b, struct request *req, const struct event *ev, int dim,
    enum msg title, struct tally *t)
{
	size_t i, n, max = 1;
	int h;

	tally_sort(t);
	n = t->n < CHART_BARS ? t->n : CHART_BARS;
	for (i = 0; i < n; i++)
		if (t->count[i] > max)
			max = t->count[i];
	h = (int)n * 20 + 4;
	html_printf(b,
	    "<figure class=\"chart\">\n<figcaption>%s %s</figcaption>\n"
	    "<svg role=\"img\" aria-labelledby=\"chart-%d\" viewBox=\"0 0 "
	    "%d %d\" width=\"%d\" height=\"%d\" class=\"bars\">\n"
	    "<title id=\"chart-%d\">%s %s: ",
	    i18n(req->lang, MSG_PROP_BY), i18n(req->lang, title), dim,
	    CHART_WIDTH, h, CHART_WIDTH, h, dim, i18n(req->lang, MSG_PROP_BY),
	    i18n(req->lang, title));
	for (i = 0; i < n; i++)
		html_printf(b, "%s%s %z", i ? "; " : "",
		    label_of(ev, req->lang, dim, t->key[i]), t->count[i]);
	html_raw(b, "</title>\n");
	for (i = 0; i < n; i++) {
		int y = (int)i * 20 + 2;
		int w = (int)(t->count[i] * 160 / max);

		html_printf(b,
		    "<text x=\"0\" y=\"%d\" font-size=\"11\">%s</text>"
		    "<rect x=\"150\" y=\"%d\" width=\"%d\" height=\"14\" "
		    "fill=\"#0b5394\"></rect>"
		    "<text x=\"%d\" y=\"%d\" font-size=\"11\">%z</text>\n",
		    y + 12, label_of(ev, req->lang, dim, t->key[i]), y,
		    w > 0 ? w : 1, 150 + (w > 0 ? w : 1) + 4, y + 12,
		    t->count[i]);
	}
	html_raw(b, "</svg>\n</figure>\n");
}

static void
charts(struct buf *b, struct request *req, const struct event *ev,
    const struct cfp_row *rows, size_t n)
{
	static const enum msg titles[5] = { MSG_THEME, MSG_FORMAT,
		MSG_PROP_SECTOR, MSG_PROP_GENDER, MSG_PROP_COUNTRY };
	struct tally *t = xcalloc(5, sizeof(*t));
	size_t i;
	int d;

	for (i = 0; i < n; i++) {
		tally_add(&t[0], rows[i].theme);
		tally_add(&t[1], rows[i].format);
		tally_add(&t[2], rows[i].sector);
		tally_add(&t[3], rows[i].gender);
		tally_add(&t[4], rows[i].country);
	}
	html_raw(b, "<div class=\"charts\">\n");
	for (d = 0; d < 5; d++)
		chart(b, req, ev, d, titles[d], &t[d]);
	html_raw(b, "</div>\n");
	free(t);
}

/* ---- the list ---- */

static void
filter_form(struct buf *b, struct request *req, const struct event *ev,
    const struct cfp_filter *f)
{
	static const char *const statuses[] = { "submitted", "accepted",
		"rejected", "waitlisted", "withdrawn", "confirmed" };
	struct field_option opt[64];
	size_t i, n;
	enum proposal_status s;

	html_printf(b,
	    "<form method=\"get\" action=\"/%u/proposals/\" class=\"filters\" "
	    "role=\"search\">\n",
	    ev->slug);
	n = ev->nthemes < 64 ? ev->nthemes : 64;
	for (i = 0; i < n; i++) {
		opt[i].key = ev->themes[i].key;
		opt[i].label = l10n_get(&ev->themes[i].name, req->lang);
	}
	field_select(b, NULL, "theme", i18n(req->lang, MSG_THEME), opt, n,
	    f->theme, i18n(req->lang, MSG_PROP_ANY), 0);
	n = ev->nformats < 64 ? ev->nformats : 64;
	for (i = 0; i < n; i++) {
		opt[i].key = ev->formats[i].key;
		opt[i].label = l10n_get(&ev->formats[i].name, req->lang);
	}
	field_select(b, NULL, "format", i18n(req->lang, MSG_FORMAT), opt, n,
	    f->format, i18n(req->lang, MSG_PROP_ANY), 0);
	for (i = 0; i < ev->nlanguages; i++) {
		opt[i].key = lang_code(ev->languages[i]);
		opt[i].label = lang_name(ev->languages[i]);
	}
	field_select(b, NULL, "language", i18n(req->lang, MSG_CFP_F_LANGUAGE),
	    opt, ev->nlanguages, f->language, i18n(req->lang, MSG_PROP_ANY), 0);
	for (i = 0; i < ARRAY_SIZE(statuses); i++) {
		proposal_status_parse(statuses[i], &s);
		opt[i].key = statuses[i];
		opt[i].label = cfp_status_label(req->lang, s);
	}
	field_select(b, NULL, "status", i18n(req->lang, MSG_CFP_STATUS), opt,
	    ARRAY_SIZE(statuses), f->status, i18n(req->lang, MSG_PROP_ANY), 0);
	n = ogp_americas_count < 64 ? ogp_americas_count : 64;
	for (i = 0; i < n; i++) {
		opt[i].key = ogp_americas[i].code;
		opt[i].label = ogp_americas[i].name[req->lang];
	}
	field_select(b, NULL, "country", i18n(req->lang, MSG_PROP_COUNTRY), opt,
	    n, f->country, i18n(req->lang, MSG_PROP_ANY), 0);
	opt[0].key = "mixed";
	opt[0].label = i18n(req->lang, MSG_PROP_MIX_MIXED);
	opt[1].key = "state";
	opt[1].label = i18n(req->lang, MSG_PROP_MIX_STATE);
	opt[2].key = "non-state";
	opt[2].label = i18n(req->lang, MSG_PROP_MIX_NONSTATE);
	field_select(b, NULL, "mix", i18n(req->lang, MSG_PROP_MIX), opt, 3,
	    f->sector_mix, i18n(req->lang, MSG_PROP_ANY), 0);
	field_input(b, NULL, "q", i18n(req->lang, MSG_PROP_SEARCH), f->query,
	    NULL, "off", 0);
	html_printf(b, "<p><button type=\"submit\">%s</button></p>\n</form>\n",
	    i18n(req->lang, MSG_PROP_FILTER));
}

/* The current query string, for the export links. */
static void
query_string(struct buf *b, const struct cfp_filter *f)
{
	const char *names[] = { "theme", "format", "language", "status",
		"country", "mix", "q" };
	const char *vals[] = { f->theme, f->format, f->language, f->status,
		f->country, f->sector_mix, f->query };
	size_t i;
	bool first = true;

	for (i = 0; i < ARRAY_SIZE(names); i++) {
		if (vals[i] == NULL)
			continue;
		buf_addstr(b, first ? "?" : "&");
		buf_addstr(b, names[i]);
		buf_addc(b, '=');
		html_url_arg(b, vals[i]);
		first = false;
	}
}

void
page_proposals(struct request *req, struct response *resp)
{
	struct cfp_filter f;
	struct cfp_row *rows = NULL;
	struct event ev;
	struct buf *b = &resp->body, qs;
	const struct theme_check *tc;
	enum proposal_status s;
	size_t n = 0, i;

	if (!load(req, resp, &ev, &f, &rows, &n))
		return;
	/* The classifier's view, to mark doubtful themes; the list still
	 * shows if it fails.  Cached until the next commit. */
	tc = theme_check_cached(req->st, &ev, THEME_CHECK_CONFIDENT);
	resp->status = 200;
	resp->cache_control = "no-store";
	layout_begin(req, resp, i18n(req->lang, MSG_PROP_LIST), &ev);
	html_printf(b,
	    "<nav class=\"crumbs\" aria-label=\"%s\"><a href=\"/%u/\">%s</a>"
	    "</nav>\n<h1>%s</h1>\n",
	    i18n(req->lang, MSG_BACK_TO_EVENT), ev.slug,
	    l10n_get(&ev.name, req->lang), i18n(req->lang, MSG_PROP_LIST));
	filter_form(b, req, &ev, &f);
	buf_init(&qs, 2048);
	query_string(&qs, &f);
	/* qs holds only %-encoded values and our own names. */
	html_printf(b, "<p role=\"status\"><strong>%z</strong> %s · %s: ", n,
	    i18n(req->lang, MSG_PROP_MATCHES),
	    i18n(req->lang, MSG_PROP_EXPORT));
	html_printf(b, "<a href=\"/%u/proposals.csv", ev.slug);
	html_txt(b, qs.s);
	html_printf(b, "\">CSV</a> · <a href=\"/%u/proposals.json", ev.slug);
	html_txt(b, qs.s);
	html_raw(b, "\">JSON</a></p>\n");
	buf_release(&qs);
	if (tc != NULL)
		html_printf(b,
		    "<p><a href=\"/%u/proposals/themes\">%z %s</a></p>\n",
		    ev.slug, tc->nmismatch, i18n(req->lang, MSG_TC_LINK));
	charts(b, req, &ev, rows, n);
	html_printf(b,
	    "<div class=\"scroll\"><table class=\"proposals\">\n<thead><tr>"
	    "<th scope=\"col\">#</th><th scope=\"col\">%s</th>"
	    "<th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
	    "<th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
	    "<th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
	    "</tr></thead>\n<tbody>\n",
	    i18n(req->lang, MSG_CFP_F_TITLE), i18n(req->lang, MSG_THEME),
	    i18n(req->lang, MSG_FORMAT), i18n(req->lang, MSG_CFP_F_LANGUAGE),
	    i18n(req->lang, MSG_SPEAKERS), i18n(req->lang, MSG_PROP_COUNTRY),
	    i18n(req->lang, MSG_CFP_STATUS));
	for (i = 0; i < n; i++) {
		const struct cfp_row *r = &rows[i];
		long k = tc != NULL ? theme_check_find(tc, r->id) : -1;

		if (!proposal_status_parse(r->status, &s))
			s = PROPOSAL_SUBMITTED;
		html_printf(b,
		    "<tr><td>%l</td><td><a href=\"/%u/proposals/%l\">%s</a>"
		    "</td><td>%s",
		    r->id, ev.slug, r->id, r->title,
		    r->theme != NULL ? label_of(&ev, req->lang, 0, r->theme)
				     : "—");
		if (k >= 0 && tc->mismatch[k])
			html_printf(b,
			    "<br><span class=\"mismatch\">%s %s</span>",
			    i18n(req->lang, MSG_TC_MARK),
			    l10n_get(&ev.themes[tc->best[k]].name, req->lang));
		html_printf(b,
		    "</td><td>%s</td>"
		    "<td>%s</td><td>%s (%d)<br><span class=\"meta\">%s</span>"
		    "</td><td>%s</td><td>%s</td></tr>\n",
		    label_of(&ev, req->lang, 1, r->format), r->language,
		    r->name != NULL ? r->name : "—", r->nspeakers,
		    r->organisation, r->country,
		    cfp_status_label(req->lang, s));
	}
	html_raw(b, "</tbody>\n</table></div>\n");
	layout_end(req, resp, &ev);
	cfp_rows_free(rows, n);
	event_release(&ev);
}

/* ---- exports ---- */

/* One CSV field (RFC 4180); a leading = + - @ is defused for
 * spreadsheets, which would run it as a formula. */
static void
csv_field(struct buf *b, const char *s, bool last)
{
	bool defuse;

	if (s == NULL)
		s = "";
	/* inside the quotes, or the field is no longer RFC 4180 */
	defuse = s[0] != '\0' && strchr("=+-@\t\r", s[0]) != NULL;
	if (strpbrk(s, ",\"\r\n") != NULL) {
		buf_addc(b, '"');
		if (defuse)
			buf_addc(b, '\'');
		for (; *s != '\0'; s++) {
			if (*s == '"')
				buf_addc(b, '"');
			buf_addc(b, *s);
		}
		buf_addc(b, '"');
	} else {
		if (defuse)
			buf_addc(b, '\'');
		buf_addstr(b, s);
	}
	buf_addstr(b, last ? "\r\n" : ",");
}

void
page_proposals_csv(struct request *req, struct response *resp)
{
	struct cfp_filter f;
	struct cfp_row *rows = NULL;
	struct cfp_answer_row *ans = NULL;
	struct event ev;
	struct buf *b = &resp->body, col;
	const char **qids = NULL;
	char num[32];
	size_t n = 0, i, na = 0, nq = 0, k, from = 0;

	if (!load(req, resp, &ev, &f, &rows, &n))
		return;
	if (store_cfp_answers(req->st, ev.id, &ans, &na) != STORE_OK) {
		cfp_answer_rows_free(ans, na);
		cfp_rows_free(rows, n);
		event_release(&ev);
		page_error(req, resp, 500);
		return;
	}
	cfp_questions_columns(&ev, ans, na, &qids, &nq);
	resp->status = 200;
	resp->content_type = "text/csv; charset=utf-8";
	resp->cache_control = "no-store";
	buf_addstr(b,
	    "id,title,format,theme,language,status,speaker,"
	    "organisation,sector,country,gender,speakers,"
	    "submitted_at");
	/* One column per question, "q:<id>", as the CSV import reads. */
	buf_init(&col, 0);
	for (k = 0; k < nq; k++) {
		buf_reset(&col);
		buf_addf(&col, "q:%s", qids[k]);
		buf_addc(b, ',');
		csv_field(b, col.s, false);
		buf_truncate(b, b->len - 1);
	}
	buf_release(&col);
	buf_addstr(b, "\r\n");
	for (i = 0; i < n; i++) {
		const struct cfp_row *r = &rows[i];

		snprintf(num, sizeof(num), "%lld", (long long)r->id);
		csv_field(b, num, false);
		csv_field(b, r->title, false);
		csv_field(b, r->format, false);
		csv_field(b, r->theme, false);
		csv_field(b, r->language, false);
		csv_field(b, r->status, false);
		csv_field(b, r->name, false);
		csv_field(b, r->organisation, false);
		csv_field(b, r->sector, false);
		csv_field(b, r->country, false);
		csv_field(b, r->gender, false);
		snprintf(num, sizeof(num), "%d", r->nspeakers);
		csv_field(b, num, false);
		csv_field(b, r->submitted_at, nq == 0);
		for (k = 0; k < nq; k++)
			csv_field(b,
			    cfp_answer_lookup(ans, na, &from, r->id, qids[k]),
			    k + 1 == nq);
	}
	free(qids);
	cfp_answer_rows_free(ans, na);
	cfp_rows_free(rows, n);
	event_release(&ev);
}

static void
add_str(cJSON *o, const char *name, const char *v)
{
	if (v != NULL)
		cJSON_AddStringToObject(o, name, v);
	else
		cJSON_AddNullToObject(o, name);
}

/* A multiple-choice answer ("a,b" as stored) is ["a", "b"]; any other,
 * and one to a question since removed, is the stored string. */
static void
add_answer(const struct event *ev, cJSON *o, const struct cfp_answer_row *a)
{
	long k = event_question_find(ev, a->question);
	const char *v = a->value;
	cJSON *arr;
	size_t m;

	if (k < 0 || ev->questions[k].kind != QUESTION_CHOICE ||
	    !ev->questions[k].multiple) {
		cJSON_AddStringToObject(o, a->question, v);
		return;
	}
	arr = cJSON_AddArrayToObject(o, a->question);
	while (*v != '\0') {
		m = strcspn(v, ",");
		if (m > 0) {
			char *key = xstrndup(v, m);

			cJSON_AddItemToArray(arr, cJSON_CreateString(key));
			free(key);
		}
		v += m;
		if (*v == ',')
			v++;
	}
}

void
page_proposals_json(struct request *req, struct response *resp)
{
	struct cfp_filter f;
	struct cfp_row *rows = NULL;
	struct cfp_answer_row *ans = NULL;
	struct event ev;
	cJSON *root, *list, *o, *a;
	char *text;
	size_t n = 0, i, na = 0, j = 0;

	if (!load(req, resp, &ev, &f, &rows, &n))
		return;
	if (store_cfp_answers(req->st, ev.id, &ans, &na) != STORE_OK) {
		cfp_answer_rows_free(ans, na);
		cfp_rows_free(rows, n);
		event_release(&ev);
		page_error(req, resp, 500);
		return;
	}
	root = cJSON_CreateObject();
	cJSON_AddStringToObject(root, "event", ev.slug);
	list = cJSON_AddArrayToObject(root, "proposals");
	for (i = 0; i < n; i++) {
		const struct cfp_row *r = &rows[i];

		o = cJSON_CreateObject();
		cJSON_AddNumberToObject(o, "id", (double)r->id);
		add_str(o, "title", r->title);
		add_str(o, "format", r->format);
		add_str(o, "theme", r->theme);
		add_str(o, "language", r->language);
		add_str(o, "status", r->status);
		add_str(o, "speaker", r->name);
		add_str(o, "organisation", r->organisation);
		add_str(o, "sector", r->sector);
		add_str(o, "country", r->country);
		add_str(o, "gender", r->gender);
		cJSON_AddNumberToObject(o, "speakers", r->nspeakers);
		add_str(o, "submitted_at", r->submitted_at);
		/* The organiser's questions: {"id": "value"}, answered ones;
		 * several choices are an array of option keys. */
		a = cJSON_AddObjectToObject(o, "answers");
		while (j < na && ans[j].proposal_id < r->id)
			j++;
		for (; j < na && ans[j].proposal_id == r->id; j++)
			add_answer(&ev, a, &ans[j]);
		cJSON_AddItemToArray(list, o);
	}
	text = cJSON_PrintUnformatted(root);
	resp->status = 200;
	resp->content_type = "application/json";
	resp->cache_control = "no-store";
	buf_addstr(&resp->body, text != NULL ? text : "{}");
	buf_addc(&resp->body, '\n');
	cJSON_free(text);
	cJSON_Delete(root);
	cfp_answer_rows_free(ans, na);
	cfp_rows_free(rows, n);
	event_release(&ev);
}

/* ---- one proposal, with its history ---- */

static void
fact(struct buf *b, const char *term, const char *value)
{
	html_printf(b, "<div><dt>%s</dt><dd>%s</dd></div>\n", term,
	    value != NULL && *value != '\0' ? value : "—");
}

static void
history(struct buf *b, struct request *req, const struct event *ev, int64_t id)
{
	struct cfp_change *h = NULL;
	size_t n = 0, i;

	if (store_cfp_history(req->st, ev->id, id, &h, &n) != STORE_OK)
		return;
	html_printf(b,
	    "<section aria-labelledby=\"history\"><h2 id=\"history\">%s</h2>\n"
	    "<table>\n<thead><tr><th scope=\"col\">%s</th>"
	    "<th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr>"
	    "</thead>\n<tbody>\n",
	    i18n(req->lang, MSG_PROP_HISTORY), i18n(req->lang, MSG_TIME),
	    i18n(req->lang, MSG_AUTH_NAME), i18n(req->lang, MSG_ACTIVITY));
	for (i = 0; i < n; i++)
		html_printf(b,
		    "<tr><td>%s</td><td>%s</td><td>%s <code>%s</code></td>"
		    "</tr>\n",
		    h[i].at, h[i].actor != NULL ? h[i].actor : "—", h[i].action,
		    h[i].detail != NULL ? h[i].detail : "");
	html_raw(b, "</tbody>\n</table>\n</section>\n");
	cfp_history_free(h, n);
}

void
page_proposal(struct request *req, struct response *resp)
{
	struct cfp_proposal p;
	struct event ev;
	struct buf *b = &resp->body, list;
	int64_t id;
	long k;
	size_t i;

	if (!parse_i64(req->seg[2], 1, INT64_MAX, &id)) {
		page_error(req, resp, 404);
		return;
	}
	if (!layout_load_event(req, resp, req->seg[0], &ev))
		return;
	/* Unsent drafts are their authors' business. */
	if (store_cfp_load(req->st, ev.id, id, &p) != STORE_OK ||
	    p.status == PROPOSAL_DRAFT) {
		cfp_proposal_release(&p);
		event_release(&ev);
		page_error(req, resp, 404);
		return;
	}
	resp->status = 200;
	resp->cache_control = "no-store";
	layout_begin(req, resp, p.title, &ev);
	html_printf(b,
	    "<nav class=\"crumbs\" aria-label=\"%s\"><a href=\"/%u/"
	    "proposals/\">%s</a></nav>\n<h1>%s</h1>\n<dl class=\"facts\">\n",
	    i18n(req->lang, MSG_BACK_TO_EVENT), ev.slug,
	    i18n(req->lang, MSG_PROP_LIST), p.title);
	fact(b, i18n(req->lang, MSG_CFP_STATUS),
	    cfp_status_label(req->lang, p.status));
	fact(b, i18n(req->lang, MSG_FORMAT),
	    label_of(&ev, req->lang, 1, p.format));
	fact(b, i18n(req->lang, MSG_THEME),
	    p.theme != NULL ? label_of(&ev, req->lang, 0, p.theme) : NULL);
	buf_init(&list, 4096);
	for (i = 0; i < p.nsecondary; i++) {
		k = event_theme_find(&ev, p.secondary[i]);
		buf_addf(&list, "%s%s", i ? "; " : "",
		    k >= 0 ? l10n_get(&ev.themes[k].name, req->lang)
			   : p.secondary[i]);
	}
	fact(b, i18n(req->lang, MSG_CFP_F_SECONDARY), list.s);
	fact(b, i18n(req->lang, MSG_CFP_F_LANGUAGE), p.language);
	fact(b, i18n(req->lang, MSG_CFP_F_INTERP),
	    i18n(req->lang, p.interpretation ? MSG_YES : MSG_NO));
	buf_reset(&list);
	for (i = 0; i < p.ncospeakers; i++)
		buf_addf(&list, "%s%s", i ? "; " : "", p.cospeakers[i]);
	fact(b, i18n(req->lang, MSG_CFP_F_COSPEAKERS), list.s);
	buf_release(&list);
	html_raw(b, "</dl>\n");
	html_printf(b,
	    "<h2>%s</h2>\n<p>%s</p>\n<h2>%s</h2>\n<p class=\"pre\">%s"
	    "</p>\n",
	    i18n(req->lang, MSG_CFP_F_ABSTRACT), p.abstract,
	    i18n(req->lang, MSG_CFP_F_DESCRIPTION), p.description);
	cfp_questions_facts(req, b, &ev, &p);
	history(b, req, &ev, id);
	layout_end(req, resp, &ev);
	cfp_proposal_release(&p);
	event_release(&ev);
}
