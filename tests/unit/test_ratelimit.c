/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * test_ratelimit.c: the fixed-window counters (limits, Retry-After, the
 * window's end, scaling and turning off) and the POST policy web_handle
 * applies: per account, per address, signed out, and new proposals.
 */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "web/auth.h"
#include "web/ratelimit.h"

static void
setup(void)
{
	cr_assert(ratelimit_configure(1, 0));
	ratelimit_reset();
}

static void
teardown(void)
{
	ratelimit_configure(1, 0);
	ratelimit_reset();
}

TestSuite(ratelimit, .init = setup, .fini = teardown);

Test(ratelimit, counts_within_the_window_and_says_when_to_retry)
{
	int retry = 0, i;

	for (i = 0; i < 5; i++)
		cr_assert(ratelimit_hit("k", 5, 60, 1000 + i, &retry));
	cr_assert_not(ratelimit_hit("k", 5, 60, 1010, &retry));
	/* the window opened at 1000: 50 s left */
	cr_assert_eq(retry, 50);
	cr_assert_eq(ratelimit_retry_after(), 50);
	cr_assert_not(ratelimit_hit("k", 5, 60, 1059, &retry));
	cr_assert_eq(retry, 1);
	/* another key is not affected; the next window starts afresh */
	cr_assert(ratelimit_hit("other", 5, 60, 1010, NULL));
	cr_assert(ratelimit_hit("k", 5, 60, 1060, &retry));
}

Test(ratelimit, scale_multiplies_and_zero_turns_off)
{
	int i, n = 0;

	cr_assert(ratelimit_configure(0.5, 0));
	for (i = 0; i < 20; i++)
		n += ratelimit_hit("half", 10, 60, 1000, NULL);
	cr_assert_eq(n, 5);
	/* a tiny scale still allows one */
	cr_assert(ratelimit_configure(0.001, 0));
	cr_assert(ratelimit_hit("tiny", 10, 60, 1000, NULL));
	cr_assert_not(ratelimit_hit("tiny", 10, 60, 1000, NULL));
	cr_assert(ratelimit_configure(0, 0));
	for (i = 0; i < 1000; i++)
		cr_assert(ratelimit_hit("off", 1, 60, 1000, NULL));
	cr_assert_not(ratelimit_configure(-1, 0));
	cr_assert_not(ratelimit_configure(1, -5));
}

Test(ratelimit, window_override)
{
	int retry = 0;

	cr_assert(ratelimit_configure(1, 4));
	cr_assert(ratelimit_hit("w", 1, 900, 1000, NULL));
	cr_assert_not(ratelimit_hit("w", 1, 900, 1001, &retry));
	cr_assert_eq(retry, 3);
	cr_assert(ratelimit_hit("w", 1, 900, 1004, NULL));
}

Test(ratelimit, auth_rate_allow_shares_the_counters)
{
	int i;

	for (i = 0; i < 3; i++)
		cr_assert(auth_rate_allow("login:1.2.3.4", 3, 60, 1000));
	cr_assert_not(auth_rate_allow("login:1.2.3.4", 3, 60, 1000));
	cr_assert_gt(ratelimit_retry_after(), 0);
}

static const struct route star = { "/{}/star", false, ACCESS_ACCOUNT, NULL };
static const struct route cfp_new = { "/{}/cfp/new", false, ACCESS_ACCOUNT,
	NULL };

/* One POST to r as account (0: signed out) from addr; its status (0 when
 * allowed through). */
static int
post(const struct route *r, int64_t account, const char *addr, int *retry)
{
	struct request req;
	struct response resp;
	struct auth_user u;
	int status;

	memset(&req, 0, sizeof(req));
	memset(&resp, 0, sizeof(resp));
	memset(&u, 0, sizeof(u));
	u.account_id = account;
	req.method = HTTP_POST;
	req.target = "/x/star";
	req.remote_addr = addr;
	req.user = &u;
	req.lang = LANG_EN;
	buf_init(&resp.body, 0);
	status = ratelimit_post(&req, &resp, r) ? 0 : resp.status;
	if (retry != NULL)
		*retry = resp.retry_after;
	buf_release(&resp.body);
	return status;
}

Test(ratelimit, post_policy_per_account)
{
	int i, retry = 0;

	for (i = 0; i < RATE_POST_ACCOUNT; i++)
		cr_assert_eq(post(&star, 7, "10.0.0.1", NULL), 0, "POST %d", i);
	cr_assert_eq(post(&star, 7, "10.0.0.1", &retry), 429);
	cr_assert(retry >= 1 && retry <= RATE_POST_WINDOW, "%d", retry);
	/* another account at the same address is still served */
	cr_assert_eq(post(&star, 8, "10.0.0.1", NULL), 0);
}

Test(ratelimit, get_is_not_counted)
{
	struct request req;
	struct response resp;
	int i;

	memset(&req, 0, sizeof(req));
	memset(&resp, 0, sizeof(resp));
	req.method = HTTP_GET;
	req.remote_addr = "10.0.0.9";
	for (i = 0; i < 10 * RATE_POST_ANON_ADDR; i++)
		cr_assert(ratelimit_post(&req, &resp, &star));
	cr_assert_eq(post(&star, 0, "10.0.0.9", NULL), 0);
}

Test(ratelimit, post_policy_signed_out_per_address)
{
	int i;

	for (i = 0; i < RATE_POST_ANON_ADDR; i++)
		cr_assert_eq(post(&star, 0, "10.0.0.2", NULL), 0, "POST %d", i);
	cr_assert_eq(post(&star, 0, "10.0.0.2", NULL), 429);
	cr_assert_eq(post(&star, 0, "10.0.0.3", NULL), 0);
	/* a signed-in visitor behind that address has its own budget */
	cr_assert_eq(post(&star, 9, "10.0.0.2", NULL), 0);
}

Test(ratelimit, post_policy_per_address_across_accounts)
{
	int i, a = 100, n = 0;

	/* many accounts behind one address: the address's limit holds */
	for (i = 0; i < RATE_POST_ADDR; i++) {
		if (i % (RATE_POST_ACCOUNT / 2) == 0)
			a++;
		n += post(&star, a, "10.0.0.4", NULL) == 0;
	}
	cr_assert_eq(n, RATE_POST_ADDR);
	cr_assert_eq(post(&star, a + 1, "10.0.0.4", NULL), 429);
}

Test(ratelimit, new_proposals_have_their_own_limit)
{
	int i, retry = 0;

	for (i = 0; i < RATE_NEW_ACCOUNT; i++)
		cr_assert_eq(post(&cfp_new, 11, "10.0.0.5", NULL), 0);
	cr_assert_eq(post(&cfp_new, 11, "10.0.0.5", &retry), 429);
	cr_assert_gt(retry, RATE_POST_WINDOW);
	/* other writes by that account still go through */
	cr_assert_eq(post(&star, 11, "10.0.0.5", NULL), 0);
}
