/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * page_review_admin.c: the organisers' side of reviewing (issue 6).
 * "/{ev}/reviewers/" lists the reviewers and the conflicts of interest,
 * with the forms to invite a reviewer (an account with the reviewer role;
 * the invitation goes through the outbox) and to run the assignment;
 * "/{ev}/reviewers/progress" shows progress per reviewer and per
 * proposal, with the raw mean and median beside the mean of z-scores per
 * reviewer (core/score_norm.h), which corrects for severity.
 */
#include "web/route.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/score_norm.h"
#include "solve/assign.h"
#include "store/store_account.h"
#include "store/store_review.h"
#include "util/util.h"
#include "web/auth.h"
#include "web/csrf.h"
#include "web/fields.h"
#include "web/form.h"
#include "web/html.h"
#include "web/i18n.h"
#include "web/layout.h"
#include "web/page_review.h"

#define CONFLICTS_SHOWN 500

static const char *
source_label(enum lang lang, enum conflict_source s)
{
	return i18n(lang,
	    s == CONFLICT_REVIEWER        ? MSG_RA_SRC_REVIEWER
		: s == CONFLICT_ORGANISER ? MSG_RA_SRC_ORGANISER
					  : MSG_RA_SRC_AUTO);
}

static void
begin(struct request *req, struct response *resp, const struct event *ev,
    enum msg title, int status)
{
	struct buf *b = &resp->body;

	resp->status = status;
	resp->cache_control = "no-store";
	layout_begin(req, resp, i18n(req->lang, title), ev);
	html_printf(b,
	    "<nav class=\"crumbs\" aria-label=\"%s\"><a href=\"/%u/\">%s</a> "
	    "› <a href=\"/%u/reviewers/\">%s</a></nav>\n<h1>%s</h1>\n",
	    i18n(req->lang, MSG_BACK_TO_EVENT), ev->slug,
	    l10n_get(&ev->name, req->lang), ev->slug,
	    i18n(req->lang, MSG_RA_TITLE), i18n(req->lang, title));
}

static void
reviewers_table(struct request *req, struct buf *b, const struct event *ev,
    const struct reviewer_profile *r, size_t n)
{
	size_t i, t, main_n;

	html_printf(b,
	    "<section aria-labelledby=\"rev-h\">\n<h2 id=\"rev-h\">%s (%z)"
	    "</h2>\n<table>\n<thead><tr><th scope=\"col\">%s</th><th "
	    "scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">"
	    "%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th><th "
	    "scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">"
	    "%s</th></tr></thead>\n<tbody>\n",
	    i18n(req->lang, MSG_RA_REVIEWERS), n,
	    i18n(req->lang, MSG_RA_REVIEWER), i18n(req->lang, MSG_AUTH_EMAIL),
	    i18n(req->lang, MSG_PROP_SECTOR), i18n(req->lang, MSG_RV_MAIN),
	    i18n(req->lang, MSG_RA_STATUS), i18n(req->lang, MSG_RA_ASSIGNED),
	    i18n(req->lang, MSG_RA_DRAFTS), i18n(req->lang, MSG_RV_SUBMITTED),
	    i18n(req->lang, MSG_RA_CONFLICTS));
	for (i = 0; i < n; i++) {
		html_printf(b,
		    "<tr><td>%s<br><span class=\"meta\">%s</span>"
		    "</td><td>%s</td><td>%s</td><td>",
		    r[i].name, r[i].organisation, r[i].email, r[i].sector);
		main_n = 0;
		for (t = 0; t < r[i].nthemes && t < ev->nthemes; t++)
			if (r[i].expertise[t] == EXPERTISE_MAIN)
				html_printf(b, "%s%s", main_n++ ? ", " : "",
				    l10n_get(&ev->themes[t].name, req->lang));
		html_printf(b,
		    "</td><td>%s</td><td>%z</td><td>%z</td><td>%z</td><td>%z"
		    "</td></tr>\n",
		    i18n(req->lang,
			r[i].accepted ? MSG_RA_STATUS_ACTIVE
				      : MSG_RA_STATUS_INVITED),
		    r[i].assigned, r[i].drafts, r[i].submitted, r[i].conflicts);
	}
	html_raw(b, "</tbody>\n</table>\n</section>\n");
}

static void
conflicts_table(struct request *req, struct buf *b, const struct event *ev,
    const struct conflict_row *c, size_t n)
{
	size_t i;

	html_printf(b,
	    "<section aria-labelledby=\"coi-h\">\n<h2 id=\"coi-h\">%s (%z)"
	    "</h2>\n",
	    i18n(req->lang, MSG_RA_CONFLICTS), n);
	if (n == 0) {
		html_printf(b, "<p>%s</p>\n</section>\n",
		    i18n(req->lang, MSG_RA_NO_CONFLICTS));
		return;
	}
	html_printf(b,
	    "<table>\n<thead><tr><th scope=\"col\">%s</th><th scope=\"col\">"
	    "%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr>"
	    "</thead>\n<tbody>\n",
	    i18n(req->lang, MSG_RA_REVIEWER), i18n(req->lang, MSG_RA_PROPOSAL),
	    i18n(req->lang, MSG_RA_SOURCE), i18n(req->lang, MSG_RV_REASON));
	for (i = 0; i < n && i < CONFLICTS_SHOWN; i++)
		html_printf(b,
		    "<tr><td>%s</td><td><a href=\"/%u/proposals/%l\">%s</a>"
		    "</td><td>%s</td><td>%s</td></tr>\n",
		    c[i].reviewer_name, ev->slug, c[i].proposal_id, c[i].title,
		    source_label(req->lang, c[i].source),
		    review_coi_label(req->lang, c[i].reason));
	html_raw(b, "</tbody>\n</table>\n</section>\n");
}

/* A conflict declared by the organisers: reviewer, proposal, reason. */
static void
conflict_form(struct request *req, struct response *resp,
    const struct event *ev, const struct reviewer_profile *r, size_t n)
{
	struct buf *b = &resp->body;
	struct field_option *opt = xcalloc(n ? n : 1, sizeof(*opt));
	struct buf *ids = xcalloc(n ? n : 1, sizeof(*ids));
	size_t i;

	for (i = 0; i < n; i++) {
		buf_init(&ids[i], 32);
		buf_addf(&ids[i], "%lld", (long long)r[i].person_id);
		opt[i].key = ids[i].s;
		opt[i].label = r[i].name;
	}
	html_printf(b,
	    "<section aria-labelledby=\"declare-h\">\n<h2 id=\"declare-h\">"
	    "%s</h2>\n<form method=\"post\" action=\"/%u/reviewers/"
	    "conflict\">\n",
	    i18n(req->lang, MSG_RV_DECLARE), ev->slug);
	csrf_field(req, resp, b);
	field_select(b, NULL, "reviewer", i18n(req->lang, MSG_RA_REVIEWER), opt,
	    n, NULL, "—", FIELD_REQUIRED);
	field_input(b, NULL, "proposal", i18n(req->lang, MSG_RA_PROPOSAL), NULL,
	    NULL, "off", FIELD_REQUIRED);
	field_input(b, NULL, "reason", i18n(req->lang, MSG_RV_REASON), NULL,
	    NULL, "off", FIELD_REQUIRED);
	html_printf(b,
	    "<p><button type=\"submit\">%s</button></p>\n</form>\n</section>\n",
	    i18n(req->lang, MSG_RV_DECLARE));
	for (i = 0; i < n; i++)
		buf_release(&ids[i]);
	free(ids);
	free(opt);
}

static void
forms(struct request *req, struct response *resp, const struct event *ev)
{
	struct buf *b = &resp->body;
	struct buf k, l;

	html_printf(b,
	    "<section aria-labelledby=\"assign-h\">\n<h2 id=\"assign-h\">%s"
	    "</h2>\n<p class=\"hint\">%s</p>\n<form method=\"post\" "
	    "action=\"/%u/reviewers/assign\">\n",
	    i18n(req->lang, MSG_RA_ASSIGN), i18n(req->lang, MSG_RA_ASSIGN_HINT),
	    ev->slug);
	csrf_field(req, resp, b);
	buf_init(&k, 16);
	buf_init(&l, 16);
	buf_addf(&k, "%d", ev->review.per_proposal);
	buf_addf(&l, "%d", ev->review.max_load);
	field_input(b, NULL, "per_proposal",
	    i18n(req->lang, MSG_RA_PER_PROPOSAL), k.s, NULL, "off",
	    FIELD_REQUIRED);
	field_input(b, NULL, "max_load", i18n(req->lang, MSG_RA_MAX_LOAD), l.s,
	    NULL, "off", FIELD_REQUIRED);
	buf_release(&k);
	buf_release(&l);
	html_printf(b,
	    "<p><label><input type=\"checkbox\" name=\"fair\" value=\"1\"> "
	    "%s</label></p>\n<p><button type=\"submit\">%s</button></p>\n"
	    "</form>\n</section>\n",
	    i18n(req->lang, MSG_RA_FAIR), i18n(req->lang, MSG_RA_ASSIGN));
	html_printf(b,
	    "<section aria-labelledby=\"invite-h\">\n<h2 id=\"invite-h\">%s"
	    "</h2>\n<form method=\"post\" action=\"/%u/reviewers/invite\">\n",
	    i18n(req->lang, MSG_RA_INVITE), ev->slug);
	csrf_field(req, resp, b);
	field_input(b, NULL, "email", i18n(req->lang, MSG_AUTH_EMAIL), NULL,
	    NULL, "off", FIELD_REQUIRED | FIELD_EMAIL);
	field_input(b, NULL, "name", i18n(req->lang, MSG_AUTH_NAME), NULL, NULL,
	    "off", 0);
	html_printf(b,
	    "<p><button type=\"submit\">%s</button></p>\n</form>\n</section>\n",
	    i18n(req->lang, MSG_RA_INVITE));
}

void
page_reviewers(struct request *req, struct response *resp)
{
	struct reviewer_profile *revs = NULL;
	struct conflict_row *conf = NULL;
	struct buf *b = &resp->body;
	struct event ev;
	size_t nrevs = 0, nconf = 0;
	const char *v;

	if (!layout_load_event(req, resp, req->seg[0], &ev))
		return;
	if (store_reviewer_list(req->st, &ev, &revs, &nrevs) != STORE_OK ||
	    store_conflict_list(req->st, ev.id, &conf, &nconf) != STORE_OK) {
		reviewer_list_free(revs, nrevs);
		event_release(&ev);
		page_error(req, resp, 500);
		return;
	}
	begin(req, resp, &ev, MSG_RA_TITLE, 200);
	if (kv_get(&req->query, "invited") != NULL)
		html_printf(b, "<p role=\"status\">%s</p>\n",
		    i18n(req->lang, MSG_RA_INVITED));
	if ((v = kv_get(&req->query, "assigned")) != NULL &&
	    strspn(v, "0123456789") == strlen(v) && strlen(v) < 10)
		html_printf(b, "<p role=\"status\">%s: %s</p>\n",
		    i18n(req->lang, MSG_RA_NEW), v);
	html_printf(b, "<p><a href=\"/%u/reviewers/progress\">%s</a></p>\n",
	    ev.slug, i18n(req->lang, MSG_RA_BY_PROPOSAL));
	forms(req, resp, &ev);
	reviewers_table(req, b, &ev, revs, nrevs);
	conflicts_table(req, b, &ev, conf, nconf);
	conflict_form(req, resp, &ev, revs, nrevs);
	layout_end(req, resp, &ev);
	reviewer_list_free(revs, nrevs);
	conflict_list_free(conf, nconf);
	event_release(&ev);
}

static void
redirect(struct response *resp, const struct event *ev, const char *query)
{
	struct buf to;

	buf_init(&to, 256);
	buf_addf(&to, "/%s/reviewers/%s", ev->slug, query);
	auth_redirect(resp, to.s);
	buf_release(&to);
}

void
page_reviewers_invite(struct request *req, struct response *resp)
{
	char token[AUTH_TOKEN_LEN + 1], hash[AUTH_HASH_HEX];
	struct event ev;
	struct buf msg, body;
	const char *name;
	char *email;
	int64_t account, person;
	bool created;

	if (req->method != HTTP_POST) {
		page_error(req, resp, 405);
		return;
	}
	if (!layout_load_event(req, resp, req->seg[0], &ev))
		return;
	email = auth_email_normalise(form_get(req->form, "email") != NULL
		? form_get(req->form, "email")
		: "");
	name = form_get(req->form, "name");
	if (email == NULL || (name != NULL && strlen(name) > 200)) {
		free(email);
		event_release(&ev);
		page_error(req, resp, 422);
		return;
	}
	if (name == NULL || *name == '\0')
		name = email;
	buf_init(&msg, 0);
	buf_init(&body, 4096);
	if (store_reviewer_invite(req->st, ev.id, email, name, &account,
		&person, &created, &msg) != STORE_OK) {
		page_error(req, resp, 500);
		goto out;
	}
	buf_addf(&body, "%s %s.\n\n%s/%s/review/\n",
	    i18n(req->lang, MSG_RA_MAIL_TEXT), l10n_get(&ev.name, req->lang),
	    auth_public_url(), ev.slug);
	if (created) {
		/* A new account has no password: a link to choose one. */
		auth_token_new(token, hash);
		if (store_token_put(req->st, hash, account, TOKEN_RESET,
			AUTH_CONFIRM_TTL) != STORE_OK) {
			page_error(req, resp, 500);
			goto out;
		}
		buf_addf(&body, "\n%s\n%s/account/reset/new?token=%s\n",
		    i18n(req->lang, MSG_RA_MAIL_PASSWORD), auth_public_url(),
		    token);
	}
	if (store_outbox_add(req->st, email,
		i18n(req->lang, MSG_RA_MAIL_SUBJECT), body.s) != STORE_OK ||
	    store_audit(req->st, req->user->person_id, ev.id, "reviewer",
		person, "invite", NULL) != STORE_OK) {
		page_error(req, resp, 500);
		goto out;
	}
	redirect(resp, &ev, "?invited=1");
out:
	buf_release(&msg);
	buf_release(&body);
	free(email);
	event_release(&ev);
}

void
page_reviewers_assign(struct request *req, struct response *resp)
{
	struct review_assign_report rep;
	struct event ev;
	struct buf msg, q;
	const char *fair;
	int64_t k, l;

	if (req->method != HTTP_POST) {
		page_error(req, resp, 405);
		return;
	}
	if (!layout_load_event(req, resp, req->seg[0], &ev))
		return;
	if (!parse_i64(form_get(req->form, "per_proposal"), 1, 20, &k) ||
	    !parse_i64(form_get(req->form, "max_load"), 1, 10000, &l)) {
		event_release(&ev);
		page_error(req, resp, 422);
		return;
	}
	fair = form_get(req->form, "fair");
	buf_init(&msg, 0);
	if (store_review_assign(req->st, &ev, (unsigned)k, (unsigned)l,
		fair != NULL && *fair != '\0', &rep, &msg) != STORE_OK) {
		page_error(req, resp, 500);
		goto out;
	}
	if (rep.status != ASSIGN_OK) {
		begin(req, resp, &ev, MSG_RA_ASSIGN, 422);
		html_printf(&resp->body,
		    "<p role=\"alert\" class=\"error\">%s</p>\n<p>%s</p>\n"
		    "<p><a href=\"/%u/reviewers/\">%s</a></p>\n",
		    i18n(req->lang, MSG_RA_INFEASIBLE), msg.s, ev.slug,
		    i18n(req->lang, MSG_RA_TITLE));
		layout_end(req, resp, &ev);
		goto out;
	}
	store_audit(req->st, req->user->person_id, ev.id, "review_assignment",
	    0, "assign", NULL);
	buf_init(&q, 64);
	buf_addf(&q, "?assigned=%zu", rep.added);
	redirect(resp, &ev, q.s);
	buf_release(&q);
out:
	buf_release(&msg);
	event_release(&ev);
}

static void
progress_reviewers(struct request *req, struct buf *b,
    const struct review_progress *pg, const struct sn_reviewer *sr)
{
	size_t i;

	html_printf(b,
	    "<section aria-labelledby=\"pr-h\">\n<h2 id=\"pr-h\">%s</h2>\n"
	    "<table>\n<thead><tr><th scope=\"col\">%s</th><th scope=\"col\">"
	    "%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th><th "
	    "scope=\"col\">%s</th></tr></thead>\n<tbody>\n",
	    i18n(req->lang, MSG_RA_BY_REVIEWER),
	    i18n(req->lang, MSG_RA_REVIEWER), i18n(req->lang, MSG_RA_ASSIGNED),
	    i18n(req->lang, MSG_RA_DRAFTS), i18n(req->lang, MSG_RV_SUBMITTED),
	    i18n(req->lang, MSG_RA_MEAN));
	for (i = 0; i < pg->nreviewers; i++) {
		struct buf m;

		buf_init(&m, 16);
		if (sr[i].count > 0)
			buf_addf(&m, "%.2f", sr[i].mean);
		html_printf(b,
		    "<tr><td>%s</td><td>%z</td><td>%z</td><td>%z</td><td>%s"
		    "</td></tr>\n",
		    pg->reviewers[i].name, pg->reviewers[i].assigned,
		    pg->reviewers[i].drafts, pg->reviewers[i].submitted,
		    m.len ? m.s : "—");
		buf_release(&m);
	}
	html_raw(b, "</tbody>\n</table>\n</section>\n");
}

static void
progress_proposals(struct request *req, struct buf *b, const struct event *ev,
    const struct review_progress *pg, const struct sn_proposal *sp)
{
	size_t i;

	html_printf(b,
	    "<section aria-labelledby=\"pp-h\">\n<h2 id=\"pp-h\">%s</h2>\n"
	    "<table>\n<thead><tr><th scope=\"col\">%s</th><th scope=\"col\">"
	    "%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th><th "
	    "scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead>\n"
	    "<tbody>\n",
	    i18n(req->lang, MSG_RA_BY_PROPOSAL),
	    i18n(req->lang, MSG_RA_PROPOSAL), i18n(req->lang, MSG_RA_ASSIGNED),
	    i18n(req->lang, MSG_RV_SUBMITTED), i18n(req->lang, MSG_RA_MEAN),
	    i18n(req->lang, MSG_RA_MEDIAN), i18n(req->lang, MSG_RA_Z));
	for (i = 0; i < pg->nproposals; i++) {
		char mean[32] = "—", median[32] = "—", z[32] = "—";

		if (sp[i].count > 0) {
			snprintf(mean, sizeof(mean), "%.2f", sp[i].mean);
			snprintf(median, sizeof(median), "%.2f", sp[i].median);
			snprintf(z, sizeof(z), "%+.2f", sp[i].z);
		}
		html_printf(b,
		    "<tr><td><a href=\"/%u/proposals/%l\">%s</a></td><td>%z "
		    "(<a href=\"/%u/reviewers/progress?proposal=%l#fit\">%s"
		    "</a>)</td><td>%z</td><td>%s</td><td>%s</td><td>%s</td>"
		    "</tr>\n",
		    ev->slug, pg->proposals[i].id, pg->proposals[i].title,
		    pg->proposals[i].assigned, ev->slug, pg->proposals[i].id,
		    i18n(req->lang, MSG_RA_FIT_SHOW),
		    pg->proposals[i].submitted, mean, median, z);
	}
	html_raw(b, "</tbody>\n</table>\n</section>\n");
}

/* Every reviewer's affinity for one proposal, part by part: why the
 * assignment chose whom it chose. */
static void
progress_fit(struct request *req, struct buf *b, const struct event *ev,
    const struct review_progress *pg, int64_t id, const struct review_fit *f,
    size_t n)
{
	const char *title = "";
	char cos[32];
	size_t i;

	for (i = 0; i < pg->nproposals; i++)
		if (pg->proposals[i].id == id)
			title = pg->proposals[i].title;
	html_printf(b,
	    "<section id=\"fit\" aria-labelledby=\"fit-h\">\n<h2 "
	    "id=\"fit-h\">%s: <a href=\"/%u/proposals/%l\">%s</a></h2>\n"
	    "<p>%s</p>\n<table>\n<thead><tr><th scope=\"col\">%s</th><th "
	    "scope=\"col\">%s</th><th scope=\"col\">%s</th><th "
	    "scope=\"col\">%s</th><th scope=\"col\">%s</th><th "
	    "scope=\"col\">%s</th></tr></thead>\n<tbody>\n",
	    i18n(req->lang, MSG_RA_FIT), ev->slug, id, title,
	    i18n(req->lang, MSG_RA_FIT_HINT), i18n(req->lang, MSG_RA_REVIEWER),
	    i18n(req->lang, MSG_RA_STATUS),
	    i18n(req->lang, MSG_RA_FIT_AFFINITY),
	    i18n(req->lang, MSG_RA_FIT_EXPERTISE),
	    i18n(req->lang, MSG_LANGUAGE), i18n(req->lang, MSG_RA_FIT_TEXT));
	for (i = 0; i < n; i++) {
		snprintf(cos, sizeof(cos), "%+d (%.2f)", f[i].parts.text,
		    f[i].parts.cosine);
		html_printf(b,
		    "<tr data-reviewer=\"%l\"><td>%s</td><td>%s</td><td>%d"
		    "</td><td>%d</td><td>%d</td><td>%s</td></tr>\n",
		    f[i].reviewer, f[i].name,
		    f[i].conflict       ? i18n(req->lang, MSG_RA_FIT_CONFLICT)
			: f[i].assigned ? i18n(req->lang, MSG_RA_ASSIGNED)
					: "—",
		    f[i].conflict ? 0 : f[i].affinity, f[i].parts.expertise,
		    f[i].parts.language, cos);
	}
	html_raw(b, "</tbody>\n</table>\n</section>\n");
}

void
page_reviewers_progress(struct request *req, struct response *resp)
{
	struct review_progress pg;
	struct sn_review *rv = NULL;
	struct sn_proposal *sp = NULL;
	struct sn_reviewer *sr = NULL;
	struct review_fit *fit = NULL;
	struct event ev;
	const char *q;
	int64_t pid = 0;
	enum store_err e = STORE_OK;
	size_t i, nfit = 0;

	if (!layout_load_event(req, resp, req->seg[0], &ev))
		return;
	if (store_review_progress(req->st, &ev, &pg) != STORE_OK) {
		event_release(&ev);
		page_error(req, resp, 500);
		return;
	}
	rv = xcalloc(pg.nreviews ? pg.nreviews : 1, sizeof(*rv));
	sp = xcalloc(pg.nproposals ? pg.nproposals : 1, sizeof(*sp));
	sr = xcalloc(pg.nreviewers ? pg.nreviewers : 1, sizeof(*sr));
	for (i = 0; i < pg.nreviews; i++) {
		rv[i].proposal = pg.reviews[i].proposal;
		rv[i].reviewer = pg.reviews[i].reviewer;
		rv[i].score = pg.reviews[i].score;
		rv[i].confidence = pg.reviews[i].confidence;
	}
	if (score_norm(rv, pg.nreviews, pg.nproposals, pg.nreviewers, sp, sr,
		NULL) != SCORE_NORM_OK) {
		page_error(req, resp, 500);
		goto out;
	}
	if ((q = kv_get(&req->query, "proposal")) != NULL) {
		if (!parse_i64(q, 1, INT64_MAX, &pid) ||
		    (e = store_review_fit(req->st, &ev, pid, &fit, &nfit)) ==
			STORE_ERR_NOTFOUND) {
			page_error(req, resp, 404);
			goto out;
		}
		if (e != STORE_OK) {
			page_error(req, resp, 500);
			goto out;
		}
	}
	begin(req, resp, &ev, MSG_RA_BY_PROPOSAL, 200);
	if (q != NULL)
		progress_fit(req, &resp->body, &ev, &pg, pid, fit, nfit);
	progress_proposals(req, &resp->body, &ev, &pg, sp);
	progress_reviewers(req, &resp->body, &pg, sr);
	layout_end(req, resp, &ev);
out:
	review_fit_list_free(fit, nfit);
	free(rv);
	free(sp);
	free(sr);
	review_progress_release(&pg);
	event_release(&ev);
}

void
page_reviewers_conflict(struct request *req, struct response *resp)
{
	struct reviewer_profile who;
	struct event ev;
	const char *reason;
	int64_t reviewer, proposal;
	enum store_err e;

	if (req->method != HTTP_POST) {
		page_error(req, resp, 405);
		return;
	}
	if (!layout_load_event(req, resp, req->seg[0], &ev))
		return;
	reason = form_get(req->form, "reason");
	if (!parse_i64(
		form_get(req->form, "reviewer"), 1, INT64_MAX, &reviewer) ||
	    !parse_i64(
		form_get(req->form, "proposal"), 1, INT64_MAX, &proposal) ||
	    reason == NULL || *reason == '\0' ||
	    strlen(reason) > REVIEW_REASON_MAX) {
		event_release(&ev);
		page_error(req, resp, 422);
		return;
	}
	/* only a reviewer of this event, and a proposal of it */
	if (store_reviewer_get(req->st, &ev, reviewer, &who) != STORE_OK) {
		event_release(&ev);
		page_error(req, resp, 404);
		return;
	}
	reviewer_profile_release(&who);
	e = store_conflict_declare(
	    req->st, ev.id, proposal, reviewer, CONFLICT_ORGANISER, reason);
	if (e != STORE_OK) {
		event_release(&ev);
		page_error(req, resp, e == STORE_ERR_NOTFOUND ? 404 : 500);
		return;
	}
	store_audit(req->st, req->user->person_id, ev.id, "review_conflict",
	    proposal, "declare", NULL);
	redirect(resp, &ev, "");
	event_release(&ev);
}
