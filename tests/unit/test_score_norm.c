/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * test_score_norm.c: raw means, medians and reviewer-normalised z-scores
 * on small inputs computed by hand, the fallback rule for reviewers with
 * one review or no spread, and rejection of bad input.
 */
#include <criterion/criterion.h>
#include <math.h>
#include <string.h>

#include "core/score_norm.h"

#define EPS 1e-12

static void
near(double got, double want, const char *what)
{
	cr_assert(fabs(got - want) < EPS, "%s: got %.15g, want %.15g", what,
	    got, want);
}

/*
 * Reviewer 0 (lenient) gives 5, 4, 3 to proposals 0, 1, 2: mean 4,
 * population sd sqrt(2/3).  Reviewer 1 (severe) gives 3, 2, 1: mean 2,
 * same sd.  Both rank the proposals alike, so each proposal's z is the same
 * from both: +sqrt(3/2), 0, -sqrt(3/2).
 */
Test(score_norm, severity_cancels)
{
	const struct sn_review r[] = {
		{ 0, 0, 5, 4 },
		{ 1, 0, 4, 4 },
		{ 2, 0, 3, 4 },
		{ 0, 1, 3, 2 },
		{ 1, 1, 2, 0 },
		{ 2, 1, 1, 5 },
	};
	struct sn_proposal p[3];
	struct sn_reviewer v[2];
	double k = sqrt(1.5);

	cr_assert_eq(score_norm(r, 6, 3, 2, p, v, NULL), SCORE_NORM_OK);
	near(v[0].mean, 4, "mean r0");
	near(v[1].mean, 2, "mean r1");
	near(v[0].sd, sqrt(2.0 / 3), "sd r0");
	cr_assert(v[0].calibrated && v[1].calibrated);
	cr_assert_eq(v[0].count, 3);
	cr_assert_eq(p[0].count, 2);
	near(p[0].mean, 4, "mean p0");
	near(p[0].median, 4, "median p0");
	near(p[2].mean, 2, "mean p2");
	near(p[0].z, k, "z p0");
	near(p[1].z, 0, "z p1");
	near(p[2].z, -k, "z p2");
	/* Confidence weights do not change equal z-scores. */
	near(p[0].zw, k, "zw p0");
	near(p[2].zw, -k, "zw p2");
}

/*
 * Reviewer 0: 2 and 4 (mean 3, sd 1) -> z -1 on p0, +1 on p1.
 * Reviewer 1: a single review, 5 on p1 -> not calibrated: common scale.
 * Reviewer 2: 3 and 3 (no spread) on p0 and p2 -> common scale.
 * All scores 2, 4, 5, 3, 3: mean 17/5 = 3.4; squared deviations 1.96,
 * 0.36, 2.56, 0.16, 0.16 = 5.2; sd_all = sqrt(1.04).
 * p0: z(-1) and z((3-3.4)/sd_all); p1: +1 and (5-3.4)/sd_all; p2: one.
 */
Test(score_norm, uncalibrated_reviewers_use_common_scale)
{
	const struct sn_review r[] = {
		{ 0, 0, 2, 1 },
		{ 1, 0, 4, 3 },
		{ 1, 1, 5, 5 },
		{ 0, 2, 3, 3 },
		{ 2, 2, 3, 0 },
	};
	struct sn_proposal p[4];
	struct sn_reviewer v[3];
	double sd = sqrt(1.04), z03 = -0.4 / sd, z15 = 1.6 / sd;

	cr_assert_eq(score_norm(r, 5, 4, 3, p, v, NULL), SCORE_NORM_OK);
	cr_assert(v[0].calibrated);
	cr_assert(!v[1].calibrated);
	cr_assert(!v[2].calibrated);
	near(v[2].sd, 0, "sd r2");
	near(p[0].z, (-1 + z03) / 2, "z p0");
	/* confidence 1 and 3 */
	near(p[0].zw, (-1 * 1 + z03 * 3) / 4, "zw p0");
	near(p[1].z, (1 + z15) / 2, "z p1");
	near(p[1].zw, (1 * 3 + z15 * 5) / 8, "zw p1");
	near(p[2].z, z03, "z p2");
	near(p[2].zw, z03, "zw p2 (confidence 0 weighs 3)");
	near(p[0].median, 2.5, "median p0 (even count)");
	near(p[1].mean, 4.5, "mean p1");
	/* No reviews: all zero. */
	cr_assert_eq(p[3].count, 0);
	near(p[3].mean, 0, "mean p3");
	near(p[3].z, 0, "z p3");
}

Test(score_norm, median_odd_and_unsorted)
{
	const struct sn_review r[] = {
		{ 0, 0, 4.5, 1 },
		{ 0, 1, 1.25, 1 },
		{ 0, 2, 3, 1 },
		{ 0, 3, 5, 1 },
		{ 0, 4, 2, 1 },
	};
	struct sn_proposal p[1];

	cr_assert_eq(score_norm(r, 5, 1, 5, p, NULL, NULL), SCORE_NORM_OK);
	near(p[0].median, 3, "median");
	near(p[0].mean, 15.75 / 5, "mean");
}

Test(score_norm, everyone_agrees_gives_zero)
{
	const struct sn_review r[] = { { 0, 0, 3, 1 }, { 1, 1, 3, 1 } };
	struct sn_proposal p[2];

	cr_assert_eq(score_norm(r, 2, 2, 2, p, NULL, NULL), SCORE_NORM_OK);
	near(p[0].z, 0, "z p0");
	near(p[1].z, 0, "z p1");
	cr_assert_eq(score_norm(NULL, 0, 2, 0, p, NULL, NULL), SCORE_NORM_OK);
	cr_assert_eq(p[1].count, 0);
}

Test(score_norm, deterministic)
{
	struct sn_review r[200];
	struct sn_proposal a[17], b[17];
	size_t i;

	for (i = 0; i < 200; i++) {
		r[i].proposal = (i * 7) % 17;
		r[i].reviewer = (i * 5) % 11;
		r[i].score = 1 + (double)((i * 13) % 41) / 10;
		r[i].confidence = (int)(i % 6);
	}
	cr_assert_eq(score_norm(r, 200, 17, 11, a, NULL, NULL), SCORE_NORM_OK);
	cr_assert_eq(score_norm(r, 200, 17, 11, b, NULL, NULL), SCORE_NORM_OK);
	cr_assert(memcmp(a, b, sizeof(a)) == 0);
}

Test(score_norm, bad_input)
{
	struct sn_review r[] = { { 0, 0, 3, 1 }, { 1, 1, 3, 1 } };
	struct sn_proposal p[2];
	size_t bad = 99;

	r[1].proposal = 2;
	cr_assert_eq(
	    score_norm(r, 2, 2, 2, p, NULL, &bad), SCORE_NORM_BAD_PROPOSAL);
	cr_assert_eq(bad, 1);
	r[1].proposal = 1;
	r[1].reviewer = 5;
	cr_assert_eq(
	    score_norm(r, 2, 2, 2, p, NULL, &bad), SCORE_NORM_BAD_REVIEWER);
	r[1].reviewer = 1;
	r[0].score = 0.5;
	cr_assert_eq(
	    score_norm(r, 2, 2, 2, p, NULL, &bad), SCORE_NORM_BAD_SCORE);
	cr_assert_eq(bad, 0);
	r[0].score = NAN;
	cr_assert_eq(
	    score_norm(r, 2, 2, 2, p, NULL, &bad), SCORE_NORM_BAD_SCORE);
	r[0].score = 5.0;
	r[0].confidence = 6;
	cr_assert_eq(
	    score_norm(r, 2, 2, 2, p, NULL, &bad), SCORE_NORM_BAD_CONFIDENCE);
	cr_assert_str_eq(score_norm_strerror(SCORE_NORM_BAD_CONFIDENCE),
	    "confidence is not from 0 to 5");
}
