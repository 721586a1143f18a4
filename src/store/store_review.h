/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * store_review.h: reviewers, conflicts of interest, assignments and
 * reviews (issue 6).
 *
 * A reviewer of an event is an account with the 'reviewer' role there;
 * the reviewer table adds their expertise themes, languages, load cap and
 * declared collaborators.  Conflicts are 'auto' (recomputed by
 * store_conflicts_refresh from speakers, organisations and collaborators,
 * core/review.h) or declared by hand.  Every query a reviewer's page uses
 * leaves out conflicted proposals: a conflicted reviewer never sees one.
 *
 * Reviews: review.score is the weighted mean of the criteria scores
 * (core/review.h) and review_score keeps each score.  Saving carries the
 * version the editor started from; a save from an older version is
 * refused (*stale), so a concurrent edit is never silently overwritten.
 * A submitted review stays submitted.
 *
 * Ownership: out-structs and lists own their strings; free them with the
 * matching *_release or *_free.
 */
#ifndef CABILDO_STORE_REVIEW_H
#define CABILDO_STORE_REVIEW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/demo.h"
#include "core/event.h"
#include "core/review.h"
#include "store/store.h"

#define REVIEWER_THEMES_MAX        32
#define REVIEWER_COLLABORATORS_MAX 50

struct reviewer_profile {
	int64_t person_id;
	char *name;
	char *email;
	char *organisation;
	char *sector;
	char *country;
	char *languages; /* "es,pt": the reviewer's, else the person's */
	int max_load;    /* -1: the event's */
	bool accepted;   /* has opened the review pages */
	bool synthetic;
	/* expertise[i] for ev->themes[i] (store_reviewer_list/get fill it
	 * with ev->nthemes entries) */
	enum expertise *expertise;
	size_t nthemes;
	char **collaborators; /* e-mail addresses */
	size_t ncollaborators;
	/* progress */
	size_t assigned, drafts, submitted, conflicts;
};

void reviewer_profile_release(struct reviewer_profile *p);
void reviewer_list_free(struct reviewer_profile *list, size_t n);

/* Every reviewer of the event (role 'reviewer'), by name. */
enum store_err store_reviewer_list(struct store *st, const struct event *ev,
    struct reviewer_profile **out, size_t *n);
/* One reviewer; STORE_ERR_NOTFOUND when the person is none. */
enum store_err store_reviewer_get(struct store *st, const struct event *ev,
    int64_t person_id, struct reviewer_profile *out);
/*
 * Saves languages, max_load, expertise and collaborators (name and the
 * person's other fields are not touched), marks the reviewer accepted and
 * recomputes the event's automatic conflicts; one transaction.
 */
enum store_err store_reviewer_save(struct store *st, const struct event *ev,
    const struct reviewer_profile *p, struct buf *msg);
/* Marks an invited reviewer as having accepted (first visit). */
enum store_err store_reviewer_accept(
    struct store *st, int64_t event_id, int64_t person_id);
/*
 * Invites email as a reviewer: links the account with that address or
 * creates one (without a password), gives it the reviewer role and a
 * reviewer row; one transaction.  *created tells whether the account is
 * new.
 */
enum store_err store_reviewer_invite(struct store *st, int64_t event_id,
    const char *email, const char *name, int64_t *account_id,
    int64_t *person_id, bool *created, struct buf *msg);

/* Recomputes the 'auto' conflicts of the event; *found is their number. */
enum store_err store_conflicts_refresh(
    struct store *st, int64_t event_id, size_t *found, struct buf *msg);

enum conflict_source {
	CONFLICT_AUTO,
	CONFLICT_REVIEWER,
	CONFLICT_ORGANISER,
	CONFLICT__MAX
};
const char *conflict_source_key(enum conflict_source s);

/*
 * A conflict declared by hand; the proposal must be a submitted proposal
 * of the event (STORE_ERR_NOTFOUND otherwise).  Declaring it again only
 * updates the reason.  An existing assignment of the pair is removed
 * unless the reviewer has already written a review of it.
 */
enum store_err store_conflict_declare(struct store *st, int64_t event_id,
    int64_t proposal_id, int64_t reviewer, enum conflict_source src,
    const char *reason);

struct conflict_row {
	int64_t proposal_id;
	char *title;
	int64_t reviewer;
	char *reviewer_name;
	enum conflict_source source;
	char *reason; /* a review_coi_key for 'auto', free text otherwise */
};

enum store_err store_conflict_list(
    struct store *st, int64_t event_id, struct conflict_row **out, size_t *n);
void conflict_list_free(struct conflict_row *list, size_t n);

enum review_status { REVIEW_TODO, REVIEW_DRAFT, REVIEW_SUBMITTED };

struct review_queue_item {
	int64_t proposal_id;
	char *title;
	char *format;   /* key */
	char *theme;    /* main theme key, may be NULL */
	char *language; /* "es" */
	enum review_status status;
	double score; /* when not TODO */
};

/* The reviewer's assigned, non-conflicted proposals, to do first. */
enum store_err store_review_queue(struct store *st, int64_t event_id,
    int64_t reviewer, struct review_queue_item **out, size_t *n);
void review_queue_free(struct review_queue_item *list, size_t n);

struct review_speaker {
	char *name;
	char *organisation;
	char *sector;
	char *country;
};

struct review_proposal {
	int64_t id;
	char *title;
	char *abstract;
	char *description;
	char *language;
	char *format;  /* key */
	char **themes; /* keys, the main theme first */
	size_t nthemes;
	struct review_speaker *speakers;
	size_t nspeakers;
};

void review_proposal_release(struct review_proposal *p);

/*
 * A proposal as its reviewer reads it: STORE_ERR_NOTFOUND unless it is
 * assigned to reviewer and they have no conflict with it.
 */
enum store_err store_review_proposal(struct store *st, int64_t event_id,
    int64_t reviewer, int64_t proposal_id, struct review_proposal *out);

struct review_data {
	int64_t proposal_id;
	int64_t reviewer;
	int *scores; /* one per criterion of the event, 0 = not given */
	size_t nscores;
	int confidence; /* 1..5, 0 = not given */
	char *comment_committee;
	char *comment_proposer;
	enum review_status status; /* TODO: no review yet */
	int64_t version;           /* 0 when there is none yet */
	double score;
};

void review_data_release(struct review_data *r);

/* The review of the pair, with scores in rs's criteria order; a pair
 * without a review gives status TODO, version 0. */
enum store_err store_review_get(struct store *st,
    const struct review_settings *rs, int64_t proposal_id, int64_t reviewer,
    struct review_data *out);

/*
 * Saves r (status DRAFT or SUBMITTED; score already computed) if the
 * stored version is still r->version; then r->version is the new one.
 * Otherwise nothing changes and *stale is set.  STORE_ERR_NOTFOUND when
 * the pair is not assigned or is conflicted.
 */
enum store_err store_review_save(struct store *st, int64_t event_id,
    const struct review_settings *rs, struct review_data *r, bool *stale);

/* Assignment (solve/assign.h) from the database. */
struct review_assign_report {
	int status;       /* enum assign_status */
	size_t proposals; /* submitted proposals */
	size_t reviewers;
	size_t edges; /* allowed pairs */
	size_t kept;  /* assignments that were already there */
	size_t added; /* new assignments saved */
	int64_t total_affinity;
	int32_t worst;
	double seconds;          /* solver time */
	double affinity_seconds; /* reading the instance, text profiles
				  * and the affinity of every pair */
};

/*
 * Assigns per_proposal reviewers to every proposal of the event that was
 * sent (neither a draft nor withdrawn),
 * at most max_load proposals per reviewer (a reviewer's own cap wins),
 * conflicts excluded, existing assignments and reviews kept, maximising
 * the total affinity (fair: the worst-off proposal first).  New
 * assignments are saved in one transaction; when the problem is
 * infeasible nothing is saved, rep->status says so and msg names the
 * proposals.
 */
enum store_err store_review_assign(struct store *st, const struct event *ev,
    unsigned per_proposal, unsigned max_load, bool fair,
    struct review_assign_report *rep, struct buf *msg);

/* How well one reviewer fits one proposal, and why. */
struct review_fit {
	int64_t reviewer;
	char *name;
	bool conflict; /* never assigned */
	bool assigned; /* assigned or reviewed already */
	int affinity;  /* what the assignment maximises */
	struct affinity_parts parts;
};

/*
 * Every reviewer of the event with their affinity for one sent proposal
 * (the same numbers store_review_assign uses), best first;
 * STORE_ERR_NOTFOUND when the proposal is not a sent one of the event.
 */
enum store_err store_review_fit(struct store *st, const struct event *ev,
    int64_t proposal_id, struct review_fit **out, size_t *n);
void review_fit_list_free(struct review_fit *list, size_t n);

/* Pairs assigned in the event. */
struct review_pair {
	int64_t proposal_id;
	int64_t reviewer;
	bool synthetic; /* the reviewer is synthetic */
	enum review_status status;
};

enum store_err store_review_pairs(
    struct store *st, int64_t event_id, struct review_pair **out, size_t *n);

/* Writes many reviews (their scores computed) in one transaction,
 * replacing existing ones; for `cabildo review simulate`. */
enum store_err store_reviews_put(struct store *st, int64_t event_id,
    const struct review_settings *rs, const struct review_data *list, size_t n,
    struct buf *msg);

/* Progress for organisers. */
struct progress_proposal {
	int64_t id;
	char *title;
	size_t assigned, drafts, submitted;
};

struct progress_review { /* a submitted review */
	size_t proposal; /* index into proposals */
	size_t reviewer; /* index into reviewers */
	double score;
	int confidence;
};

struct review_progress {
	struct reviewer_profile *reviewers;
	size_t nreviewers;
	struct progress_proposal *proposals;
	size_t nproposals;
	struct progress_review *reviews;
	size_t nreviews;
};

enum store_err store_review_progress(
    struct store *st, const struct event *ev, struct review_progress *out);
void review_progress_release(struct review_progress *p);

/*
 * Replaces the event's synthetic reviewers (persons, accounts without
 * password, reviewer role, profiles; their assignments and reviews go
 * too) by list, in one transaction.
 */
enum store_err store_demo_reviewers_replace(struct store *st,
    const struct event *ev, const struct demo_reviewer *list, size_t n,
    struct buf *msg);

#endif
