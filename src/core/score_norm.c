/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * score_norm.c: per-reviewer mean and spread, then per-proposal raw and
 * z-score summaries (see score_norm.h for the rules).
 */
#include "core/score_norm.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "util/util.h"

const char *
score_norm_strerror(enum score_norm_err err)
{
	static const char *const s[SCORE_NORM_ERR__MAX] = {
		[SCORE_NORM_OK] = "ok",
		[SCORE_NORM_BAD_PROPOSAL] =
		    "review names a proposal out of range",
		[SCORE_NORM_BAD_REVIEWER] =
		    "review names a reviewer out of range",
		[SCORE_NORM_BAD_SCORE] = "score is not a number from 1 to 5",
		[SCORE_NORM_BAD_CONFIDENCE] = "confidence is not from 0 to 5",
		[SCORE_NORM_TOO_BIG] =
		    "too many reviews, proposals or reviewers",
	};

	return err < SCORE_NORM_ERR__MAX ? s[err] : "?";
}

static enum score_norm_err
check(const struct sn_review *reviews, size_t nreviews, size_t nproposals,
    size_t nreviewers, size_t *bad)
{
	size_t i;

	if (nreviews > SCORE_NORM_MAX_ITEMS ||
	    nproposals > SCORE_NORM_MAX_ITEMS ||
	    nreviewers > SCORE_NORM_MAX_ITEMS)
		return SCORE_NORM_TOO_BIG;
	for (i = 0; i < nreviews; i++) {
		const struct sn_review *r = &reviews[i];
		enum score_norm_err err = SCORE_NORM_OK;

		if (r->proposal >= nproposals)
			err = SCORE_NORM_BAD_PROPOSAL;
		else if (r->reviewer >= nreviewers)
			err = SCORE_NORM_BAD_REVIEWER;
		else if (!isfinite(r->score) || r->score < 1.0 ||
		    r->score > 5.0)
			err = SCORE_NORM_BAD_SCORE;
		else if (r->confidence < 0 || r->confidence > 5)
			err = SCORE_NORM_BAD_CONFIDENCE;
		if (err != SCORE_NORM_OK) {
			if (bad != NULL)
				*bad = i;
			return err;
		}
	}
	return SCORE_NORM_OK;
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static double
weight(int confidence)
{
	return confidence >= 1 ? (double)confidence : 3.0;
}

enum score_norm_err
score_norm(const struct sn_review *reviews, size_t nreviews, size_t nproposals,
    size_t nreviewers, struct sn_proposal *props, struct sn_reviewer *revs_out,
    size_t *bad)
{
	struct sn_reviewer *revs;
	double mean_all = 0, sd_all = 0, *wsum, *sorted;
	size_t *start, *fill, i, p;
	enum score_norm_err err;

	err = check(reviews, nreviews, nproposals, nreviewers, bad);
	if (err != SCORE_NORM_OK)
		return err;

	revs = revs_out != NULL
	    ? revs_out
	    : xcalloc(nreviewers ? nreviewers : 1, sizeof(*revs));
	memset(revs, 0, nreviewers * sizeof(*revs));
	memset(props, 0, nproposals * sizeof(*props));

	/* Reviewer means, then spreads (two passes: no cancellation). */
	for (i = 0; i < nreviews; i++) {
		revs[reviews[i].reviewer].count++;
		revs[reviews[i].reviewer].mean += reviews[i].score;
		mean_all += reviews[i].score;
	}
	for (i = 0; i < nreviewers; i++)
		if (revs[i].count > 0)
			revs[i].mean /= (double)revs[i].count;
	if (nreviews > 0)
		mean_all /= (double)nreviews;
	for (i = 0; i < nreviews; i++) {
		double d = reviews[i].score - revs[reviews[i].reviewer].mean,
		       g = reviews[i].score - mean_all;

		revs[reviews[i].reviewer].sd += d * d;
		sd_all += g * g;
	}
	for (i = 0; i < nreviewers; i++) {
		if (revs[i].count > 0)
			revs[i].sd = sqrt(revs[i].sd / (double)revs[i].count);
		revs[i].calibrated =
		    revs[i].count >= 2 && revs[i].sd > SCORE_NORM_EPS;
	}
	if (nreviews > 0)
		sd_all = sqrt(sd_all / (double)nreviews);

	/* Per proposal sums of raw scores and z-scores. */
	wsum = xcalloc(nproposals ? nproposals : 1, sizeof(*wsum));
	for (i = 0; i < nreviews; i++) {
		const struct sn_review *r = &reviews[i];
		const struct sn_reviewer *v = &revs[r->reviewer];
		struct sn_proposal *pp = &props[r->proposal];
		double z = 0;

		if (v->calibrated)
			z = (r->score - v->mean) / v->sd;
		else if (sd_all > SCORE_NORM_EPS)
			z = (r->score - mean_all) / sd_all;
		pp->count++;
		pp->mean += r->score;
		pp->z += z;
		pp->zw += weight(r->confidence) * z;
		wsum[r->proposal] += weight(r->confidence);
	}

	/* Medians: bucket the scores by proposal (counting sort), sort each. */
	start = xcalloc(nproposals + 1, sizeof(*start));
	fill = xcalloc(nproposals ? nproposals : 1, sizeof(*fill));
	sorted = xcalloc(nreviews ? nreviews : 1, sizeof(*sorted));
	for (p = 0; p < nproposals; p++)
		start[p + 1] = start[p] + props[p].count;
	for (i = 0; i < nreviews; i++) {
		p = reviews[i].proposal;
		sorted[start[p] + fill[p]++] = reviews[i].score;
	}
	for (p = 0; p < nproposals; p++) {
		struct sn_proposal *pp = &props[p];
		double *s = sorted + start[p];
		size_t n = pp->count;

		if (n == 0)
			continue;
		qsort(s, n, sizeof(*s), cmp_double);
		pp->median = n % 2 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
		pp->mean /= (double)n;
		pp->z /= (double)n;
		pp->zw /= wsum[p];
	}

	free(sorted);
	free(fill);
	free(start);
	free(wsum);
	if (revs != revs_out)
		free(revs);
	return SCORE_NORM_OK;
}
