/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * page_decision.c: decisions, joint sessions and notifications for
 * organisers, and the speakers' answer (issue 6).
 *
 *   GET  /{event}/organise/decisions   every proposal with its status,
 *        the decision in force (and waitlist rank), whether it was
 *        mailed, its speakers' answers
 *   POST the same, action=decide (proposal, decision), merge (target and
 *        the ticked "merge" proposals), notify (queue the mails not yet
 *        sent; ?queued=N tells how many)
 *   GET  /{event}/cfp/{id}/participation   a speaker's page: confirm or
 *        decline an accepted proposal
 *   POST the same, answer=confirm|decline
 *
 * Only speakers of the proposal (its submitter or a co-speaker who has
 * not declined) see the participation page; anyone else gets 404.
 */
#include "web/route.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/proposal.h"
#include "store/store.h"
#include "store/store_select.h"
#include "util/util.h"
#include "web/auth.h"
#include "web/csrf.h"
#include "web/form.h"
#include "web/html.h"
#include "web/i18n.h"
#include "web/layout.h"

#define MERGE_MAX 32

static const char *
status_text(enum lang lang, const char *key)
{
	enum proposal_status s;

	if (key == NULL || !proposal_status_parse(key, &s))
		return key != NULL ? key : "";
	return i18n(lang, (enum msg)(MSG_STATUS_DRAFT + (int)s));
}

static void
begin(struct request *req, struct response *resp, const struct event *ev,
    const char *title)
{
	resp->status = 200;
	resp->cache_control = "no-store";
	layout_begin(req, resp, title, ev);
	html_printf(&resp->body,
	    "<nav class=\"crumbs\" aria-label=\"%s\"><a href=\"/%u/\">%s</a>"
	    "</nav>\n<h1>%s</h1>\n",
	    i18n(req->lang, MSG_BACK_TO_EVENT), ev->slug,
	    l10n_get(&ev->name, req->lang), title);
}

static void
decide_form(struct request *req, struct response *resp, const struct event *ev,
    const struct decision_row *r)
{
	static const enum msg labels[DECISION__MAX] = { MSG_DEC_ACCEPT,
		MSG_DEC_REJECT, MSG_DEC_WAITLIST };
	struct buf *b = &resp->body;
	enum decision_kind cur = DECISION__MAX;
	int k;

	if (r->decision != NULL)
		decision_parse(r->decision, &cur);
	html_printf(b,
	    "<form method=\"post\" action=\"/%u/organise/decisions\" "
	    "class=\"inline\">",
	    ev->slug);
	csrf_field(req, resp, b);
	html_printf(b,
	    "<input type=\"hidden\" name=\"proposal\" value=\"%l\">"
	    "<select name=\"decision\" aria-label=\"%s: %s\">",
	    r->id, i18n(req->lang, MSG_DEC_DECISION), r->title);
	for (k = 0; k < DECISION__MAX; k++)
		html_printf(b, "<option value=\"%s\"%s>%s</option>",
		    decision_key((enum decision_kind)k),
		    (enum decision_kind)k == cur ? " selected" : "",
		    i18n(req->lang, labels[k]));
	html_printf(b,
	    "</select> <button type=\"submit\" name=\"action\" "
	    "value=\"decide\">%s</button></form>",
	    i18n(req->lang, MSG_DEC_SAVE));
}

static void
render(struct request *req, struct response *resp, const struct event *ev)
{
	struct buf *b = &resp->body;
	struct decision_row *v = NULL;
	const char *queued = kv_get(&req->query, "queued");
	int64_t nq;
	size_t n = 0, i;

	if (store_decisions(req->st, ev->id, &v, &n) != STORE_OK) {
		page_error(req, resp, 500);
		return;
	}
	begin(req, resp, ev, i18n(req->lang, MSG_DEC_TITLE));
	html_printf(b,
	    "<p>%s</p>\n<p><a href=\"/%u/organise/selection\">%s</a></p>\n",
	    i18n(req->lang, MSG_DEC_LEAD), ev->slug,
	    i18n(req->lang, MSG_SEL_TITLE));
	if (queued != NULL && parse_i64(queued, 0, INT64_MAX, &nq))
		html_printf(b,
		    "<p role=\"status\" id=\"dec-queued\">%s: %l</p>\n",
		    i18n(req->lang, MSG_DEC_QUEUED), nq);
	html_printf(b,
	    "<form method=\"post\" action=\"/%u/organise/decisions\">",
	    ev->slug);
	csrf_field(req, resp, b);
	html_printf(b,
	    "<button type=\"submit\" name=\"action\" value=\"notify\" "
	    "id=\"dec-notify\">%s</button></form>\n",
	    i18n(req->lang, MSG_DEC_SEND));
	html_printf(b,
	    "<table class=\"dec-list\"><caption>%s</caption><thead><tr>"
	    "<th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
	    "<th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
	    "<th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
	    "<th scope=\"col\">%s</th></tr></thead><tbody>\n",
	    i18n(req->lang, MSG_PROPOSALS), i18n(req->lang, MSG_DEC_SELECT),
	    i18n(req->lang, MSG_PROPOSALS), i18n(req->lang, MSG_CFP_STATUS),
	    i18n(req->lang, MSG_DEC_DECISION),
	    i18n(req->lang, MSG_DEC_NOTIFIED),
	    i18n(req->lang, MSG_DEC_CONFIRMATIONS),
	    i18n(req->lang, MSG_DEC_SAVE));
	for (i = 0; i < n; i++) {
		const struct decision_row *r = &v[i];
		char rank[32] = "", merged[64] = "";

		if (r->rank > 0)
			snprintf(rank, sizeof(rank), " (%s %d)",
			    i18n(req->lang, MSG_DEC_WAIT_RANK), r->rank);
		if (r->merged_into > 0)
			snprintf(merged, sizeof(merged), "%s #%lld",
			    i18n(req->lang, MSG_DEC_MERGED_INTO),
			    (long long)r->merged_into);
		html_printf(b,
		    "<tr id=\"p%l\" data-status=\"%s\"><td><input "
		    "type=\"checkbox\" form=\"dec-merge\" name=\"merge\" "
		    "value=\"%l\" aria-label=\"%s: %s\"></td><td>#%l "
		    "<a href=\"/%u/proposals/%l\">%s</a> %s</td><td>%s</td>"
		    "<td>%s%s</td><td>%s</td><td>%z / %z (%z)</td><td>",
		    r->id, r->status, r->id, i18n(req->lang, MSG_DEC_SELECT),
		    r->title, r->id, ev->slug, r->id, r->title, merged,
		    status_text(req->lang, r->status),
		    r->decision != NULL ? r->decision : "", rank,
		    r->decision == NULL ? ""
			: r->notified   ? i18n(req->lang, MSG_YES)
					: i18n(req->lang, MSG_NO),
		    r->nconfirmed, r->ndeclined, r->nspeakers);
		if (r->merged_into == 0 && strcmp(r->status, "withdrawn") != 0)
			decide_form(req, resp, ev, r);
		html_raw(b, "</td></tr>\n");
	}
	html_raw(b, "</tbody></table>\n");
	html_printf(b,
	    "<form method=\"post\" action=\"/%u/organise/decisions\" "
	    "id=\"dec-merge\">\n<fieldset><legend>%s</legend><p>%s</p>\n",
	    ev->slug, i18n(req->lang, MSG_DEC_MERGE),
	    i18n(req->lang, MSG_DEC_MERGE_HINT));
	csrf_field(req, resp, b);
	html_printf(b,
	    "<p><label for=\"dec-target\">%s</label> <select id=\"dec-target\" "
	    "name=\"target\">",
	    i18n(req->lang, MSG_DEC_MERGE_INTO));
	for (i = 0; i < n; i++)
		if (v[i].merged_into == 0 &&
		    strcmp(v[i].status, "withdrawn") != 0)
			html_printf(b, "<option value=\"%l\">#%l %s</option>",
			    v[i].id, v[i].id, v[i].title);
	html_printf(b,
	    "</select></p>\n<p><button type=\"submit\" name=\"action\" "
	    "value=\"merge\">%s</button></p></fieldset></form>\n",
	    i18n(req->lang, MSG_DEC_MERGE));
	layout_end(req, resp, ev);
	decision_rows_free(v, n);
}

static void
post_merge(struct request *req, struct response *resp, const struct event *ev)
{
	const char *ts = form_get(req->form, "target");
	size_t n = form_count(req->form, "merge"), i, k = 0;
	int64_t target, others[MERGE_MAX], id;
	struct buf msg;
	enum store_err e;

	if (ts == NULL || !parse_i64(ts, 1, INT64_MAX, &target) ||
	    n > MERGE_MAX) {
		page_error(req, resp, 400);
		return;
	}
	for (i = 0; i < n; i++) {
		if (!parse_i64(form_get_nth(req->form, "merge", i), 1,
			INT64_MAX, &id)) {
			page_error(req, resp, 400);
			return;
		}
		if (id != target)
			others[k++] = id;
	}
	buf_init(&msg, 512);
	e = store_merge(
	    req->st, ev->id, target, others, k, req->user->person_id, &msg);
	if (e == STORE_OK) {
		char to[256];

		snprintf(to, sizeof(to), "/%s/organise/decisions#p%lld",
		    ev->slug, (long long)target);
		auth_redirect(resp, to);
	} else
		page_error_text(req, resp,
		    e == STORE_ERR_NOTFOUND         ? 404
			: e == STORE_ERR_CONSTRAINT ? 422
						    : 500,
		    msg.s);
	buf_release(&msg);
}

void
page_decisions(struct request *req, struct response *resp)
{
	struct event ev;
	const char *action;

	if (!layout_load_event(req, resp, req->seg[0], &ev))
		return;
	if (req->method != HTTP_POST) {
		render(req, resp, &ev);
		goto out;
	}
	action = form_get(req->form, "action");
	if (action != NULL && strcmp(action, "decide") == 0) {
		const char *ps = form_get(req->form, "proposal");
		enum decision_kind d;
		struct buf msg;
		enum store_err e;
		int64_t id;
		char to[256];

		if (ps == NULL || !parse_i64(ps, 1, INT64_MAX, &id) ||
		    !decision_parse(form_get(req->form, "decision"), &d)) {
			page_error(req, resp, 400);
			goto out;
		}
		buf_init(&msg, 512);
		e = store_decide(
		    req->st, ev.id, id, d, req->user->person_id, NULL, &msg);
		snprintf(to, sizeof(to), "/%s/organise/decisions#p%lld",
		    ev.slug, (long long)id);
		if (e == STORE_OK)
			auth_redirect(resp, to);
		else
			page_error_text(req, resp,
			    e == STORE_ERR_NOTFOUND         ? 404
				: e == STORE_ERR_CONSTRAINT ? 422
							    : 500,
			    msg.s);
		buf_release(&msg);
	} else if (action != NULL && strcmp(action, "merge") == 0) {
		post_merge(req, resp, &ev);
	} else if (action != NULL && strcmp(action, "notify") == 0) {
		size_t queued = 0;
		char to[256];

		if (store_select_notify(
			req->st, &ev, auth_public_url(), &queued) != STORE_OK) {
			page_error(req, resp, 500);
			goto out;
		}
		snprintf(to, sizeof(to), "/%s/organise/decisions?queued=%zu",
		    ev.slug, queued);
		auth_redirect(resp, to);
	} else
		page_error(req, resp, 400);
out:
	event_release(&ev);
}

void
page_participation(struct request *req, struct response *resp)
{
	struct participation part;
	struct event ev;
	struct buf *b = &resp->body;
	int64_t id, promoted;
	enum store_err e;
	bool open;

	if (!layout_load_event(req, resp, req->seg[0], &ev))
		return;
	if (!parse_i64(req->seg[2], 1, INT64_MAX, &id) ||
	    (e = store_participation(req->st, ev.id, id, req->user->person_id,
		 &part)) == STORE_ERR_NOTFOUND) {
		page_error(req, resp, 404);
		goto out;
	}
	if (e != STORE_OK) {
		page_error(req, resp, 500);
		goto out;
	}
	open = strcmp(part.status, "accepted") == 0 ||
	    strcmp(part.status, "confirmed") == 0;
	if (req->method == HTTP_POST) {
		const char *ans = form_get(req->form, "answer");
		struct buf msg;
		char to[256];

		if (ans == NULL ||
		    (strcmp(ans, "confirm") != 0 &&
			strcmp(ans, "decline") != 0)) {
			page_error(req, resp, 400);
			goto release;
		}
		buf_init(&msg, 512);
		e = store_speaker_answer(req->st, &ev, id, req->user->person_id,
		    ans[0] == 'c', auth_public_url(), &promoted, &msg);
		snprintf(to, sizeof(to), "/%s/cfp/%lld/participation", ev.slug,
		    (long long)id);
		if (e == STORE_OK)
			auth_redirect(resp, to);
		else
			page_error_text(req, resp,
			    e == STORE_ERR_CONSTRAINT ? 409 : 500, msg.s);
		buf_release(&msg);
		goto release;
	}
	begin(req, resp, &ev, i18n(req->lang, MSG_PART_TITLE));
	html_printf(b,
	    "<p id=\"part-title\">%s</p>\n<p>%s: <strong id=\"part-status\">"
	    "%s</strong></p>\n",
	    part.title, i18n(req->lang, MSG_CFP_STATUS),
	    status_text(req->lang, part.status));
	if (part.answer != NULL)
		html_printf(b, "<p id=\"part-answer\">%s</p>\n",
		    i18n(req->lang,
			strcmp(part.answer, "confirm") == 0
			    ? MSG_PART_CONFIRMED
			    : MSG_PART_DECLINED));
	if (!open) {
		html_printf(
		    b, "<p>%s</p>\n", i18n(req->lang, MSG_PART_NOT_ACCEPTED));
	} else {
		html_printf(b,
		    "<p>%s</p>\n<form method=\"post\" "
		    "action=\"/%u/cfp/%l/participation\">",
		    i18n(req->lang, MSG_PART_LEAD), ev.slug, id);
		csrf_field(req, resp, b);
		html_printf(b,
		    "<p><button type=\"submit\" name=\"answer\" "
		    "value=\"confirm\" id=\"part-confirm\">%s</button> "
		    "<button type=\"submit\" name=\"answer\" value=\"decline\" "
		    "id=\"part-decline\">%s</button></p>\n<p>%s</p></form>\n",
		    i18n(req->lang, MSG_PART_CONFIRM),
		    i18n(req->lang, MSG_PART_DECLINE),
		    i18n(req->lang, MSG_PART_DECLINE_HINT));
	}
	layout_end(req, resp, &ev);
release:
	participation_release(&part);
out:
	event_release(&ev);
}
