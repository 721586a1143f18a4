/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * review.h: the review form of an event (criteria with weights, scored 1
 * to 5), the weighted score a review is reduced to, conflicts of interest
 * between a reviewer and a proposal, and the affinity of a reviewer for a
 * proposal that the assignment maximises.  Plain data, no I/O.
 *
 * The weighted score is the contract with selection: review.score is
 * sum(weight_i * score_i) / sum(weight_i), on the same 1..5 scale.
 *
 * Ownership: struct review_settings owns its criteria and their strings;
 * review_settings_release frees them.
 */
#ifndef CABILDO_REVIEW_H
#define CABILDO_REVIEW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/lang.h"

#define REVIEW_SCORE_MIN    1
#define REVIEW_SCORE_MAX    5
#define REVIEW_CRITERIA_MAX 20
#define REVIEW_WEIGHT_MAX   100
#define REVIEW_PER_PROPOSAL 3    /* default k */
#define REVIEW_MAX_LOAD     35   /* default L */
#define REVIEW_COMMENT_MAX  8000 /* characters of each comment */
#define REVIEW_REASON_MAX   500

struct review_criterion {
	char *key;
	double weight; /* > 0 */
	struct l10n name;
	struct l10n description; /* optional */
};

struct review_settings {
	struct review_criterion *criteria;
	size_t ncriteria;
	char *deadline;   /* local "YYYY-MM-DDTHH:MM"; NULL: no deadline */
	bool blind;       /* hide speaker names and organisations */
	int per_proposal; /* k: reviewers per proposal */
	int max_load;     /* L: proposals per reviewer */
};

void review_settings_init(struct review_settings *rs);
void review_settings_release(struct review_settings *rs);
/* Index of the criterion with that key, or -1. */
long review_criterion_find(const struct review_settings *rs, const char *key);

enum review_err {
	REVIEW_OK,
	REVIEW_ERR_NO_CRITERIA, /* the event defines no criteria */
	REVIEW_ERR_MISSING,     /* a criterion has no score */
	REVIEW_ERR_RANGE,       /* a score or the confidence is not 1..5 */
	REVIEW_ERR__MAX
};

const char *review_strerror(enum review_err err);

/*
 * The weighted mean of scores[0..ncriteria) (one per criterion, in the
 * settings' order; 0 means "not given") into *out.  Every score must be
 * 1..5; *bad is the index of the first one at fault.
 */
enum review_err review_weighted_score(const struct review_settings *rs,
    const int *scores, double *out, size_t *bad);

/* Why a reviewer must not review a proposal. */
enum review_coi {
	COI_NONE,
	COI_SPEAKER,      /* the reviewer speaks on the proposal */
	COI_ORGANISATION, /* a speaker is from the reviewer's organisation */
	COI_COSPEAKER,    /* a speaker shares another proposal with them */
	COI_COLLABORATOR, /* a speaker is a declared collaborator */
	COI_DECLARED,     /* declared by hand (reviewer or organiser) */
	COI__MAX
};

/* "speaker", "organisation"... as stored in review_conflict.reason. */
const char *review_coi_key(enum review_coi c);

struct coi_speaker {
	int64_t person;
	const char *organisation; /* may be NULL */
	const char *email;        /* may be NULL */
};

struct coi_reviewer {
	int64_t person;
	const char *organisation;         /* may be NULL */
	const int64_t *cospeakers;        /* persons sharing a proposal */
	size_t ncospeakers;               /* with the reviewer, sorted */
	const char *const *collaborators; /* declared e-mail addresses */
	size_t ncollaborators;
};

/*
 * The first conflict found between reviewer r and the speakers of one
 * proposal, or COI_NONE.  Organisations match ignoring case, spaces and
 * punctuation at the ends; e-mail addresses ignoring case.
 */
enum review_coi review_conflict(const struct coi_reviewer *r,
    const struct coi_speaker *speakers, size_t nspeakers);

/* True when two organisation names are the same organisation. */
bool review_same_organisation(const char *a, const char *b);

/* How well a reviewer fits a proposal. */
enum expertise { EXPERTISE_NONE, EXPERTISE_SECONDARY, EXPERTISE_MAIN };

/*
 * Affinity of a reviewer for a proposal, an integer for the assignment:
 * expertise in the proposal's main theme counts most, in one of its other
 * themes less; a reviewer who reads the proposal's language gains, one
 * who does not loses.  Always within -100..200.
 */
int review_affinity(
    enum expertise in_main, enum expertise in_other, bool reads_language);

/*
 * Text similarity.  Each reviewer has a text profile (their bio, the names,
 * descriptions and sub-topics of the themes they declared, main themes
 * twice, in the proposal's language, and the texts of the proposals they
 * submitted or speak on); its TF-IDF cosine with the proposal's title,
 * abstract and description adds REVIEW_TEXT_POINTS x cosine, rounded, to
 * the affinity.  Profiles and proposals have little text in common, so a
 * cosine of 0.3 is already a close match: 30 points, as much as reading
 * the proposal's language.  The sum stays an integer, so the min-cost flow
 * stays exact.
 */
#define REVIEW_TEXT_POINTS 100

/* The parts of an affinity, for showing an organiser why. */
struct affinity_parts {
	int base;      /* every allowed pair */
	int expertise; /* main theme and other themes */
	int language;  /* reads the proposal's language, or not */
	int text;      /* REVIEW_TEXT_POINTS x cosine */
	double cosine;
};

/*
 * review_affinity plus the text points of cosine (clamped to 0..1; NaN
 * counts as 0); the parts into *parts when not NULL.  Always within
 * -100..300.
 */
int review_affinity_text(enum expertise in_main, enum expertise in_other,
    bool reads_language, double cosine, struct affinity_parts *parts);

#endif
