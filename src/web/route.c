/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * route.c: the one route table, and web_handle, which every request goes
 * through: check method and size, parse, choose the language, dispatch.
 */
#include "web/route.h"

#include <stdlib.h>
#include <string.h>

#include "util/util.h"
#include "web/auth.h"
#include "web/ratelimit.h"

const struct route routes[] = {
	{ "/", true, ACCESS_PUBLIC, page_home },
	{ "/healthz", false, ACCESS_PUBLIC, page_healthz },
	{ "/static/{}", false, ACCESS_PUBLIC, page_static },
	/* Accounts and the call for proposals: before "/{}/", which would
	 * take "/account/". */
	{ "/account/", true, ACCESS_ACCOUNT, page_profile },
	{ "/account/data.json", false, ACCESS_ACCOUNT, page_account_data },
	{ "/account/delete", false, ACCESS_ACCOUNT, page_account_delete },
	{ "/account/signup", false, ACCESS_FORM, page_signup },
	{ "/account/login", false, ACCESS_FORM, page_login },
	{ "/account/logout", false, ACCESS_ACCOUNT, page_logout },
	{ "/account/confirm", false, ACCESS_FORM, page_confirm },
	{ "/account/reset", false, ACCESS_FORM, page_reset },
	{ "/account/reset/new", false, ACCESS_FORM, page_reset_new },
	{ "/{}/cfp/", true, ACCESS_ACCOUNT, page_cfp_mine },
	{ "/{}/cfp/new", false, ACCESS_ACCOUNT, page_cfp_new },
	{ "/{}/cfp/{}", false, ACCESS_ACCOUNT, page_cfp_edit },
	{ "/{}/invitations/{}", false, ACCESS_ACCOUNT, page_cfp_invitation },
	{ "/{}/proposals/", true, ACCESS_ORGANISER, page_proposals },
	{ "/{}/proposals/themes", false, ACCESS_ORGANISER, page_theme_check },
	{ "/{}/proposals/{}", false, ACCESS_ORGANISER, page_proposal },
	{ "/{}/proposals.csv", false, ACCESS_ORGANISER, page_proposals_csv },
	{ "/{}/proposals.json", false, ACCESS_ORGANISER, page_proposals_json },
	/* balanced selection and decisions (issue 6) */
	{ "/{}/organise/selection", false, ACCESS_ORGANISER, page_select },
	{ "/{}/organise/decisions", false, ACCESS_ORGANISER, page_decisions },
	{ "/{}/cfp/{}/participation", false, ACCESS_ACCOUNT,
	    page_participation },
	/* reviewing (issue 6) */
	{ "/{}/review/", true, ACCESS_REVIEWER, page_review_queue },
	{ "/{}/review/profile", false, ACCESS_REVIEWER, page_review_profile },
	{ "/{}/review/{}", false, ACCESS_REVIEWER, page_review_form },
	{ "/{}/review/{}/conflict", false, ACCESS_REVIEWER,
	    page_review_conflict },
	{ "/{}/reviewers/", true, ACCESS_ORGANISER, page_reviewers },
	{ "/{}/reviewers/invite", false, ACCESS_ORGANISER,
	    page_reviewers_invite },
	{ "/{}/reviewers/assign", false, ACCESS_ORGANISER,
	    page_reviewers_assign },
	{ "/{}/reviewers/progress", false, ACCESS_ORGANISER,
	    page_reviewers_progress },
	{ "/{}/reviewers/conflict", false, ACCESS_ORGANISER,
	    page_reviewers_conflict },
	/* the schedule editor (issue 4) */
	{ "/{}/schedule/editor", false, ACCESS_ORGANISER,
	    page_schedule_editor },
	{ "/{}/schedule/save", false, ACCESS_ORGANISER, page_schedule_save },
	{ "/{}/schedule/reoptimise", false, ACCESS_ORGANISER,
	    page_schedule_reoptimise },
	{ "/{}/schedule/versions", false, ACCESS_ORGANISER,
	    page_schedule_versions },
	{ "/{}/schedule/versions/{}", false, ACCESS_ORGANISER,
	    page_schedule_version },
	{ "/{}/", true, ACCESS_PUBLIC, page_event },
	{ "/{}/theme.css", false, ACCESS_PUBLIC, page_theme_css },
	/* The published agenda and its open data (issue 5); the interest
	 * statistics are for the event's organisers. */
	{ "/{}/agenda", false, ACCESS_PUBLIC, page_agenda },
	{ "/{}/now", false, ACCESS_PUBLIC, page_now },
	{ "/{}/sessions/{}", false, ACCESS_PUBLIC, page_session },
	{ "/{}/speakers/{}", false, ACCESS_PUBLIC, page_speaker },
	{ "/{}/schedule.xml", false, ACCESS_PUBLIC, page_export },
	{ "/{}/schedule.json", false, ACCESS_PUBLIC, page_export },
	{ "/{}/schedule.ics", false, ACCESS_PUBLIC, page_export },
	{ "/{}/sessions.csv", false, ACCESS_PUBLIC, page_export },
	{ "/{}/datapackage.json", false, ACCESS_PUBLIC, page_export },
	/* participants: before "/{}/me/{}", the token's feed */
	{ "/{}/register", false, ACCESS_ACCOUNT, page_register },
	{ "/{}/star", false, ACCESS_ACCOUNT, page_star },
	{ "/{}/me/", true, ACCESS_ACCOUNT, page_me },
	{ "/{}/me/calendar", false, ACCESS_ACCOUNT, page_me_calendar },
	{ "/{}/me/import", false, ACCESS_ACCOUNT, page_me_import },
	{ "/{}/me/{}", false, ACCESS_PUBLIC, page_my_calendar },
	{ "/{}/interest", false, ACCESS_ORGANISER, page_interest },
	{ "/api/v1/events/{}/sessions", false, ACCESS_PUBLIC, api_sessions },
	{ "/{}/themes/{}", false, ACCESS_PUBLIC, page_theme },
	{ "/api/v1/events/{}/suggest-themes", false, ACCESS_PUBLIC,
	    api_suggest_themes },
};
const size_t routes_count = ARRAY_SIZE(routes);

const char *const web_security_headers[][2] = {
	{ "Content-Security-Policy",
	    "default-src 'none'; style-src 'self'; img-src 'self' data:; "
	    "script-src 'self'; connect-src 'self'; form-action 'self'; "
	    "frame-ancestors 'none'; base-uri 'none'" },
	{ "X-Content-Type-Options", "nosniff" },
	{ "X-Frame-Options", "DENY" },
	{ "Referrer-Policy", "strict-origin-when-cross-origin" },
};
const size_t web_security_headers_count = ARRAY_SIZE(web_security_headers);

static bool
pattern_matches(const struct route *r, const struct request *req, bool trailing)
{
	const char *p = r->pattern;
	char seg[64];
	int i = 0;
	size_t n;

	if (r->slash != trailing)
		return false;
	while (*p == '/')
		p++;
	while (*p != '\0') {
		n = strcspn(p, "/");
		if (n >= sizeof(seg))
			return false;
		memcpy(seg, p, n);
		seg[n] = '\0';
		if (i >= req->nseg)
			return false;
		if (strcmp(seg, "{}") != 0 && strcmp(seg, req->seg[i]) != 0)
			return false;
		i++;
		p += n;
		while (*p == '/')
			p++;
	}
	return i == req->nseg;
}

const struct route *
route_match(const struct request *req)
{
	bool trailing = req->path != NULL && strlen(req->path) > 1 &&
	    req->path[strlen(req->path) - 1] == '/';
	size_t i;

	if (req->path != NULL && strcmp(req->path, "/") == 0)
		trailing = true;
	for (i = 0; i < routes_count; i++)
		if (pattern_matches(&routes[i], req, trailing))
			return &routes[i];
	return NULL;
}

void
web_handle(struct request *req, struct response *resp)
{
	const struct route *r;
	struct buf err;
	char *storage = NULL;
	const char *cookie_lang = NULL;
	bool slash;
	enum req_err e;

	buf_init(&resp->body, 0);
	buf_init(&err, 1024);
	req->lang_allowed = (1u << LANG__MAX) - 1;
	if (req->cookie_header != NULL &&
	    req_parse_cookies(req->cookie_header, strlen(req->cookie_header),
		&req->cookies, &err) == REQ_OK)
		cookie_lang = kv_get(&req->cookies, "lang");
	buf_reset(&err);
	e = req_parse_target(
	    req->target, strlen(req->target), &req->path, &req->query, &err);
	req->lang =
	    req_negotiate_lang(e == REQ_OK ? kv_get(&req->query, "lang") : NULL,
		cookie_lang, req->accept_language, req->lang_allowed, LANG_EN);
	if (e != REQ_OK) {
		page_error(req, resp, e == REQ_ERR_TOOBIG ? 414 : 400);
		goto out;
	}
	if (req->body_len > WEB_BODY_MAX) {
		page_error(req, resp, 413);
		goto out;
	}
	req->nseg = req_split_path(req->path, &storage, req->seg, &slash);
	if (req->nseg < 0) {
		req->nseg = 0;
		page_error(req, resp, 404);
		goto out;
	}
	if ((r = route_match(req)) == NULL) {
		page_error(req, resp, 404);
		goto out;
	}
	/* Method, access level, and for POST the form and its CSRF token. */
	if (!auth_gate(req, resp, r))
		goto out;
	/* Every POST, per account and per address (web/ratelimit.h). */
	if (!ratelimit_post(req, resp, r))
		goto out;
	/* A language chosen explicitly is remembered. */
	if (kv_get(&req->query, "lang") != NULL) {
		struct buf c;

		buf_init(&c, 256);
		buf_addf(&c, "lang=%s; Path=/; Max-Age=31536000; SameSite=Lax",
		    lang_code(req->lang));
		resp->set_cookie = buf_detach(&c, NULL);
	}
	r->handler(req, resp);
out:
	/* A handler's own limit (log-in, sign-up) refused: say when. */
	if (resp->status == 429 && resp->retry_after == 0)
		resp->retry_after = ratelimit_retry_after();
	/* req->seg points into storage, which lives only during dispatch. */
	free(storage);
	req->nseg = 0;
	buf_release(&err);
}

void
web_error(struct request *req, struct response *resp, int status)
{
	buf_init(&resp->body, 0);
	req->lang = req_negotiate_lang(
	    NULL, NULL, req->accept_language, (1u << LANG__MAX) - 1, LANG_EN);
	req->lang_allowed = (1u << LANG__MAX) - 1;
	page_error(req, resp, status);
}

void
request_release(struct request *req)
{
	free(req->path);
	req->path = NULL;
	kv_list_release(&req->query);
	kv_list_release(&req->cookies);
	auth_request_release(req);
}

void
response_release(struct response *resp)
{
	buf_release(&resp->body);
	free(resp->set_cookie);
	resp->set_cookie = NULL;
	free(resp->location);
	resp->location = NULL;
}
