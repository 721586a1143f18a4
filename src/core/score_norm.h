/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * score_norm.h: review scores per proposal, raw and normalised for
 * reviewer severity (pure: an array of reviews in, numbers out).
 *
 * For each reviewer r with n_r reviews: mean_r and the population standard
 * deviation sd_r (divided by n_r).  A review's z-score is
 *
 *     z = (score - mean_r) / sd_r
 *
 * when the reviewer is "calibrated": n_r >= 2 and sd_r > SCORE_NORM_EPS.
 * Otherwise (one review only, or the same score every time) the reviewer's
 * severity cannot be told apart from the quality of what they read, so the
 * review is placed on the committee's common scale instead:
 *
 *     z = (score - mean_all) / sd_all
 *
 * with mean_all and sd_all over all reviews (population sd); if sd_all is
 * not above SCORE_NORM_EPS either, z = 0.
 *
 * Per proposal: count, raw mean, median (mean of the two middle scores when
 * the count is even), the mean z, and the confidence-weighted mean z
 * (weight = confidence 1..5; confidence 0, "not given", weighs 3).  A
 * proposal without reviews has count 0 and every value 0.
 *
 * Sums run in input order, so the same input gives bit-identical output.
 */
#ifndef CABILDO_SCORE_NORM_H
#define CABILDO_SCORE_NORM_H

#include <stdbool.h>
#include <stddef.h>

#define SCORE_NORM_EPS       1e-9
#define SCORE_NORM_MAX_ITEMS ((size_t)1 << 24) /* cap on each count */

struct sn_review {
	size_t proposal; /* < nproposals */
	size_t reviewer; /* < nreviewers */
	double score;    /* 1..5, criteria already weighted */
	int confidence;  /* 1..5, or 0 when not given */
};

struct sn_proposal {
	size_t count;
	double mean;
	double median;
	double z;  /* mean of the reviews' z-scores */
	double zw; /* confidence-weighted mean of the z-scores */
};

struct sn_reviewer {
	size_t count;
	double mean;
	double sd;       /* population standard deviation */
	bool calibrated; /* count >= 2 and sd > SCORE_NORM_EPS */
};

enum score_norm_err {
	SCORE_NORM_OK = 0,
	SCORE_NORM_BAD_PROPOSAL, /* a review's proposal index is out of range */
	SCORE_NORM_BAD_REVIEWER, /* a review's reviewer index is out of range */
	SCORE_NORM_BAD_SCORE,    /* score not finite or outside 1..5 */
	SCORE_NORM_BAD_CONFIDENCE, /* confidence outside 0..5 */
	SCORE_NORM_TOO_BIG,        /* a count above SCORE_NORM_MAX_ITEMS */
	SCORE_NORM_ERR__MAX
};

const char *score_norm_strerror(enum score_norm_err err);

/*
 * Fills props[nproposals] and revs[nreviewers] (caller-allocated; revs may
 * be NULL when the caller does not want them).  On error nothing useful is
 * in the outputs and *bad (if not NULL) is the index of the first bad
 * review.
 */
enum score_norm_err score_norm(const struct sn_review *reviews, size_t nreviews,
    size_t nproposals, size_t nreviewers, struct sn_proposal *props,
    struct sn_reviewer *revs, size_t *bad);

#endif
