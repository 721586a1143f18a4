/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * test_route_matrix.c: the role-by-route matrix, written down a second
 * time.  Every route in the table (pages, exports and the API) must have
 * an expected access level here, and it must be the one the table
 * declares; a new route without an entry, or a changed level, fails until
 * someone decides.  test_auth.c (auth/role_by_route_matrix) checks that
 * the gate enforces the declared level for every kind of visitor.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "util/util.h"
#include "web/route.h"

struct expect {
	const char *pattern;
	enum route_access access;
	const char *why;
};

static const struct expect expected[] = {
	{ "/", ACCESS_PUBLIC, "home" },
	{ "/healthz", ACCESS_PUBLIC, "probe" },
	{ "/static/{}", ACCESS_PUBLIC, "assets" },
	/* one's own account; the data export and deletion are personal */
	{ "/account/", ACCESS_ACCOUNT, "profile: e-mail, gender" },
	{ "/account/data.json", ACCESS_ACCOUNT, "all of one's data" },
	{ "/account/delete", ACCESS_ACCOUNT, "deletion" },
	{ "/account/signup", ACCESS_FORM, "form" },
	{ "/account/login", ACCESS_FORM, "form" },
	{ "/account/logout", ACCESS_ACCOUNT, "POST" },
	{ "/account/confirm", ACCESS_FORM, "token in query" },
	{ "/account/reset", ACCESS_FORM, "form" },
	{ "/account/reset/new", ACCESS_FORM, "token in form" },
	/* speakers: the handlers check ownership of the proposal */
	{ "/{}/cfp/", ACCESS_ACCOUNT, "own proposals" },
	{ "/{}/cfp/new", ACCESS_ACCOUNT, "submit" },
	{ "/{}/cfp/{}", ACCESS_ACCOUNT, "own proposal (owner checked)" },
	{ "/{}/invitations/{}", ACCESS_ACCOUNT, "invited person checked" },
	/* organisers: personal data of speakers */
	{ "/{}/proposals/", ACCESS_ORGANISER, "speakers' e-mails" },
	{ "/{}/proposals/{}", ACCESS_ORGANISER, "speakers' e-mails" },
	{ "/{}/proposals.csv", ACCESS_ORGANISER, "personal data export" },
	{ "/{}/proposals.json", ACCESS_ORGANISER, "personal data export" },
	{ "/{}/proposals/themes", ACCESS_ORGANISER, "classifier check" },
	/* selection (issue 6) */
	{ "/{}/organise/selection", ACCESS_ORGANISER, "scores, decisions" },
	{ "/{}/organise/decisions", ACCESS_ORGANISER, "decisions, mail" },
	{ "/{}/cfp/{}/participation", ACCESS_ACCOUNT,
	    "own accepted proposal (owner checked)" },
	/* review (issue 6): conflicts are checked per proposal */
	{ "/{}/review/", ACCESS_REVIEWER, "own queue" },
	{ "/{}/review/profile", ACCESS_REVIEWER, "own expertise" },
	{ "/{}/review/{}", ACCESS_REVIEWER, "assigned, not conflicted" },
	{ "/{}/review/{}/conflict", ACCESS_REVIEWER, "declare a conflict" },
	{ "/{}/reviewers/", ACCESS_ORGANISER, "reviewers' e-mails" },
	{ "/{}/reviewers/invite", ACCESS_ORGANISER, "invitations" },
	{ "/{}/reviewers/assign", ACCESS_ORGANISER, "assignment" },
	{ "/{}/reviewers/progress", ACCESS_ORGANISER, "progress" },
	{ "/{}/reviewers/conflict", ACCESS_ORGANISER, "conflicts" },
	{ "/{}/schedule/editor", ACCESS_ORGANISER, "unpublished" },
	{ "/{}/schedule/save", ACCESS_ORGANISER, "write" },
	{ "/{}/schedule/reoptimise", ACCESS_ORGANISER, "write" },
	{ "/{}/schedule/versions", ACCESS_ORGANISER, "unpublished" },
	{ "/{}/schedule/versions/{}", ACCESS_ORGANISER, "unpublished" },
	{ "/{}/interest", ACCESS_ORGANISER, "participants' interest" },
	/* the published agenda and its open data: no personal data */
	{ "/{}/", ACCESS_PUBLIC, "event" },
	{ "/{}/theme.css", ACCESS_PUBLIC, "style" },
	{ "/{}/agenda", ACCESS_PUBLIC, "agenda" },
	{ "/{}/now", ACCESS_PUBLIC, "now and next" },
	{ "/{}/sessions/{}", ACCESS_PUBLIC, "session" },
	{ "/{}/speakers/{}", ACCESS_PUBLIC, "public speaker page" },
	{ "/{}/themes/{}", ACCESS_PUBLIC, "theme" },
	{ "/{}/schedule.xml", ACCESS_PUBLIC, "open data" },
	{ "/{}/schedule.json", ACCESS_PUBLIC, "open data" },
	{ "/{}/schedule.ics", ACCESS_PUBLIC, "open data" },
	{ "/{}/sessions.csv", ACCESS_PUBLIC, "open data" },
	{ "/{}/datapackage.json", ACCESS_PUBLIC, "open data" },
	/* participants */
	{ "/{}/register", ACCESS_ACCOUNT, "own registration" },
	{ "/{}/star", ACCESS_ACCOUNT, "own stars" },
	{ "/{}/me/", ACCESS_ACCOUNT, "own agenda" },
	{ "/{}/me/calendar", ACCESS_ACCOUNT, "own feed token" },
	{ "/{}/me/import", ACCESS_ACCOUNT, "own stars" },
	{ "/{}/me/{}", ACCESS_PUBLIC, "capability URL: the token is the key" },
	/* the API: read only, public data */
	{ "/api/v1/events/{}/sessions", ACCESS_PUBLIC, "open data" },
	{ "/api/v1/events/{}/suggest-themes", ACCESS_PUBLIC, "stateless" },
};

static const struct expect *
expect_of(const char *pattern)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(expected); i++)
		if (strcmp(expected[i].pattern, pattern) == 0)
			return &expected[i];
	return NULL;
}

Test(route_matrix, every_route_has_the_expected_access)
{
	const struct expect *x;
	size_t i;

	for (i = 0; i < routes_count; i++) {
		x = expect_of(routes[i].pattern);
		cr_expect(x != NULL,
		    "route %s has no expected access in test_route_matrix.c",
		    routes[i].pattern);
		if (x != NULL)
			cr_expect_eq(routes[i].access, x->access,
			    "route %s: access %d, expected %d (%s)",
			    routes[i].pattern, routes[i].access, x->access,
			    x->why);
	}
}

Test(route_matrix, every_expectation_names_a_route)
{
	size_t i, j;
	bool found;

	for (i = 0; i < ARRAY_SIZE(expected); i++) {
		found = false;
		for (j = 0; j < routes_count; j++)
			found |=
			    strcmp(routes[j].pattern, expected[i].pattern) == 0;
		cr_expect(found, "expected route %s is not in the table",
		    expected[i].pattern);
	}
}

/* The same pattern twice would make the second entry dead code; several
 * export formats share one handler, which is fine. */
Test(route_matrix, patterns_are_unique)
{
	size_t i, j;

	for (i = 0; i < routes_count; i++)
		for (j = i + 1; j < routes_count; j++)
			cr_expect(
			    strcmp(routes[i].pattern, routes[j].pattern) != 0 ||
				routes[i].slash != routes[j].slash,
			    "route %s is in the table twice",
			    routes[i].pattern);
}

/* Nothing under /account/ or an organiser's path is public, and the only
 * public route with a token in its path is the calendar feed. */
Test(route_matrix, private_prefixes_are_never_public)
{
	static const char *const private_part[] = { "/account/", "/proposals",
		"/schedule/editor", "/schedule/save", "/schedule/versions",
		"/schedule/reoptimise", "/interest", "/review", "/organise",
		"/cfp/", "/register", "/star", "/me/calendar", "/me/import" };
	size_t i, k;

	for (i = 0; i < routes_count; i++)
		for (k = 0; k < ARRAY_SIZE(private_part); k++)
			if (strstr(routes[i].pattern, private_part[k]) != NULL)
				cr_expect_neq(routes[i].access, ACCESS_PUBLIC,
				    "route %s is public", routes[i].pattern);
}
