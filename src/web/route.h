/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * route.h: the route table and the pages it points to (cgit's cmd.c: one
 * table, one handler per page file).  Patterns are path segments where
 * "{}" matches any one segment and "*" the rest; a pattern ending in '/'
 * matches only paths ending in '/'.
 */
#ifndef CABILDO_ROUTE_H
#define CABILDO_ROUTE_H

#include "web/web.h"

/*
 * Who may use a route (checked by auth_gate in web/auth.c).  ACCESS_PUBLIC
 * routes answer GET and HEAD only; every other level also takes POST,
 * whose form must carry a valid CSRF token.  Event roles are those in the
 * event named by the first path segment; a site admin passes every level.
 * Refused visitors who are signed out go to the login page (303); signed
 * in, they get 403.
 */
enum route_access {
	ACCESS_PUBLIC,    /* anyone; read only */
	ACCESS_FORM,      /* anyone; forms (sign up, log in, reset) */
	ACCESS_ACCOUNT,   /* any signed-in account (speakers, participants) */
	ACCESS_REVIEWER,  /* reviewers and organisers of the event */
	ACCESS_ORGANISER, /* organisers of the event */
	ACCESS_ADMIN,     /* site admins only */
	ACCESS__MAX
};

struct route {
	const char *pattern; /* "/{}/themes/{}" */
	bool slash;          /* the path must end with '/' */
	enum route_access access;
	void (*handler)(struct request *req, struct response *resp);
};

extern const struct route routes[];
extern const size_t routes_count;

/* The matching route, or NULL. */
const struct route *route_match(const struct request *req);

/* Pages. */
void page_home(struct request *req, struct response *resp);
void page_event(struct request *req, struct response *resp);
void page_theme(struct request *req, struct response *resp);
/* Theme mismatches and similar proposals, for organisers (issue 7). */
void page_theme_check(struct request *req, struct response *resp);
void page_healthz(struct request *req, struct response *resp);
void page_static(struct request *req, struct response *resp);
void page_theme_css(struct request *req, struct response *resp);
/* The published agenda and its open data (issue 5). */
void page_agenda(struct request *req, struct response *resp);
void page_now(struct request *req, struct response *resp);
void page_session(struct request *req, struct response *resp);
void page_speaker(struct request *req, struct response *resp);
void page_export(struct request *req, struct response *resp);
void page_my_calendar(struct request *req, struct response *resp);
void page_my_agenda(struct request *req, struct response *resp);
/* Participants (page_participant.c). */
void page_register(struct request *req, struct response *resp);
void page_star(struct request *req, struct response *resp);
void page_me(struct request *req, struct response *resp);
void page_me_calendar(struct request *req, struct response *resp);
void page_me_import(struct request *req, struct response *resp);
void page_interest(struct request *req, struct response *resp);
void api_sessions(struct request *req, struct response *resp);
/* The schedule editor (issue 4, page_schedule_editor.c). */
void page_schedule_editor(struct request *req, struct response *resp);
/* Its saves, versions and re-optimising (page_schedule_versions.c). */
void page_schedule_save(struct request *req, struct response *resp);
void page_schedule_reoptimise(struct request *req, struct response *resp);
void page_schedule_versions(struct request *req, struct response *resp);
void page_schedule_version(struct request *req, struct response *resp);

/* Accounts (page_account.c). */
void page_signup(struct request *req, struct response *resp);
void page_login(struct request *req, struct response *resp);
void page_logout(struct request *req, struct response *resp);
void page_confirm(struct request *req, struct response *resp);
void page_reset(struct request *req, struct response *resp);
void page_reset_new(struct request *req, struct response *resp);
void page_profile(struct request *req, struct response *resp);
void page_account_data(struct request *req, struct response *resp);
void page_account_delete(struct request *req, struct response *resp);
/* The call for proposals (page_cfp.c, page_proposals.c). */
void page_cfp_mine(struct request *req, struct response *resp);
void page_cfp_new(struct request *req, struct response *resp);
void page_cfp_edit(struct request *req, struct response *resp);
void page_cfp_invitation(struct request *req, struct response *resp);
void page_proposals(struct request *req, struct response *resp);
void page_proposal(struct request *req, struct response *resp);
void page_proposals_csv(struct request *req, struct response *resp);
void page_proposals_json(struct request *req, struct response *resp);
/* Balanced selection, decisions, speakers' answers (issue 6,
 * page_select.c, page_decision.c). */
void page_select(struct request *req, struct response *resp);
void page_decisions(struct request *req, struct response *resp);
void page_participation(struct request *req, struct response *resp);
/* Reviewing (issue 6): page_review.c, page_review_admin.c. */
void page_review_queue(struct request *req, struct response *resp);
void page_review_profile(struct request *req, struct response *resp);
void page_review_form(struct request *req, struct response *resp);
void page_review_conflict(struct request *req, struct response *resp);
void page_reviewers(struct request *req, struct response *resp);
void page_reviewers_invite(struct request *req, struct response *resp);
void page_reviewers_assign(struct request *req, struct response *resp);
void page_reviewers_progress(struct request *req, struct response *resp);
void page_reviewers_conflict(struct request *req, struct response *resp);

/* JSON API (api_*.c). */
void api_suggest_themes(struct request *req, struct response *resp);

/* Error pages in the visitor's language: 400, 403, 404, 405, 409, 413,
 * 414, 422, 429; anything else is 500. */
void page_error(struct request *req, struct response *resp, int status);
/* The same with a text of the caller's instead of the default one. */
void page_error_text(
    struct request *req, struct response *resp, int status, const char *text);

#endif
