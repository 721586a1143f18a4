/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * review.c: the review form's arithmetic, conflict rules and affinity
 * (see review.h).
 */
#include "core/review.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

void
review_settings_init(struct review_settings *rs)
{
	memset(rs, 0, sizeof(*rs));
	rs->per_proposal = REVIEW_PER_PROPOSAL;
	rs->max_load = REVIEW_MAX_LOAD;
}

void
review_settings_release(struct review_settings *rs)
{
	size_t i;

	for (i = 0; i < rs->ncriteria; i++) {
		free(rs->criteria[i].key);
		l10n_release(&rs->criteria[i].name);
		l10n_release(&rs->criteria[i].description);
	}
	free(rs->criteria);
	free(rs->deadline);
	review_settings_init(rs);
}

long
review_criterion_find(const struct review_settings *rs, const char *key)
{
	size_t i;

	for (i = 0; i < rs->ncriteria; i++)
		if (strcmp(rs->criteria[i].key, key) == 0)
			return (long)i;
	return -1;
}

const char *
review_strerror(enum review_err err)
{
	static const char *const msgs[REVIEW_ERR__MAX] = {
		[REVIEW_OK] = "success",
		[REVIEW_ERR_NO_CRITERIA] = "the event has no review criteria",
		[REVIEW_ERR_MISSING] = "a criterion has no score",
		[REVIEW_ERR_RANGE] = "a score is not between 1 and 5",
	};

	return (unsigned)err < REVIEW_ERR__MAX ? msgs[err] : "unknown error";
}

enum review_err
review_weighted_score(const struct review_settings *rs, const int *scores,
    double *out, size_t *bad)
{
	double sum = 0, wsum = 0;
	size_t i;

	*out = 0;
	if (bad != NULL)
		*bad = 0;
	if (rs->ncriteria == 0)
		return REVIEW_ERR_NO_CRITERIA;
	for (i = 0; i < rs->ncriteria; i++) {
		if (bad != NULL)
			*bad = i;
		if (scores[i] == 0)
			return REVIEW_ERR_MISSING;
		if (scores[i] < REVIEW_SCORE_MIN ||
		    scores[i] > REVIEW_SCORE_MAX)
			return REVIEW_ERR_RANGE;
		sum += rs->criteria[i].weight * scores[i];
		wsum += rs->criteria[i].weight;
	}
	if (!(wsum > 0))
		return REVIEW_ERR_NO_CRITERIA;
	*out = sum / wsum;
	return REVIEW_OK;
}

const char *
review_coi_key(enum review_coi c)
{
	static const char *const keys[COI__MAX] = {
		[COI_NONE] = "none",
		[COI_SPEAKER] = "speaker",
		[COI_ORGANISATION] = "organisation",
		[COI_COSPEAKER] = "co-speaker",
		[COI_COLLABORATOR] = "collaborator",
		[COI_DECLARED] = "declared",
	};

	return (unsigned)c < COI__MAX ? keys[c] : "none";
}

static int
lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

/* Characters that do not tell organisations apart at the ends. */
static bool
filler(char c)
{
	return c == ' ' || c == '\t' || c == '.' || c == ',' || c == '-' ||
	    c == '"' || c == '\'';
}

bool
review_same_organisation(const char *a, const char *b)
{
	size_t na, nb, i;

	if (a == NULL || b == NULL)
		return false;
	while (filler(*a))
		a++;
	while (filler(*b))
		b++;
	na = strlen(a);
	nb = strlen(b);
	while (na > 0 && filler(a[na - 1]))
		na--;
	while (nb > 0 && filler(b[nb - 1]))
		nb--;
	if (na == 0 || na != nb)
		return false;
	for (i = 0; i < na; i++)
		if (lower((unsigned char)a[i]) != lower((unsigned char)b[i]))
			return false;
	return true;
}

static bool
same_email(const char *a, const char *b)
{
	size_t i;

	if (a == NULL || b == NULL || *a == '\0')
		return false;
	for (i = 0; a[i] != '\0' && b[i] != '\0'; i++)
		if (lower((unsigned char)a[i]) != lower((unsigned char)b[i]))
			return false;
	return a[i] == '\0' && b[i] == '\0';
}

static bool
sorted_has(const int64_t *v, size_t n, int64_t x)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (v[mid] == x)
			return true;
		if (v[mid] < x)
			lo = mid + 1;
		else
			hi = mid;
	}
	return false;
}

enum review_coi
review_conflict(const struct coi_reviewer *r,
    const struct coi_speaker *speakers, size_t nspeakers)
{
	size_t i, j;

	for (i = 0; i < nspeakers; i++)
		if (speakers[i].person == r->person)
			return COI_SPEAKER;
	for (i = 0; i < nspeakers; i++)
		if (review_same_organisation(
			r->organisation, speakers[i].organisation))
			return COI_ORGANISATION;
	for (i = 0; i < nspeakers; i++)
		if (sorted_has(
			r->cospeakers, r->ncospeakers, speakers[i].person))
			return COI_COSPEAKER;
	for (i = 0; i < nspeakers; i++)
		for (j = 0; j < r->ncollaborators; j++)
			if (same_email(r->collaborators[j], speakers[i].email))
				return COI_COLLABORATOR;
	return COI_NONE;
}

int
review_affinity(
    enum expertise in_main, enum expertise in_other, bool reads_language)
{
	return review_affinity_text(in_main, in_other, reads_language, 0, NULL);
}

int
review_affinity_text(enum expertise in_main, enum expertise in_other,
    bool reads_language, double cosine, struct affinity_parts *parts)
{
	static const int main_pts[] = { 0, 60, 100 };
	static const int other_pts[] = { 0, 20, 40 };
	struct affinity_parts a = { .base = 10 };

	if ((unsigned)in_main <= EXPERTISE_MAIN)
		a.expertise += main_pts[in_main];
	if ((unsigned)in_other <= EXPERTISE_MAIN)
		a.expertise += other_pts[in_other];
	a.language = reads_language ? 30 : -60;
	/* !(cosine > 0) also catches NaN. */
	a.cosine = !(cosine > 0) ? 0 : cosine > 1 ? 1 : cosine;
	a.text = (int)lround(REVIEW_TEXT_POINTS * a.cosine);
	if (parts != NULL)
		*parts = a;
	return a.base + a.expertise + a.language + a.text;
}
