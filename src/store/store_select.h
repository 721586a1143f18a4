/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * store_select.h: balanced selection and decisions (issue 6, parts 4 and
 * 5): the organiser's quotas, the instance for solve/select.h built from
 * the database, selection runs (a proposal of an accepted set until an
 * organiser confirms it), pins, decisions and their history, joint
 * sessions made by merging proposals, the speakers' confirmations, and
 * the decision mails.
 *
 * Candidates.  Every proposal of the event that is neither a draft nor
 * withdrawn nor merged into another.  Its score is the mean
 * confidence-weighted z-score of its submitted reviews (core/score_norm.h:
 * normalised for each reviewer's severity).  A candidate without a
 * submitted review is left out of the run (counted in .unreviewed) unless
 * pinned to accept; then its score is 0, the committee's average.
 * Proposals whose speakers already confirmed are pinned to accept.
 *
 * Capacity.  Room time in minutes: every room in every session slot of
 * the grid, or settings.capacity room-slots of the longest session slot
 * when set.  A session that does not share its slot takes the shortest
 * session slot that holds it (whole longest slots when none does); one
 * that shares a slot (lightning talks) takes its own minutes.  The
 * objective weighs each accepted item by (z + 4) x its minutes / the
 * longest slot, z clamped to -3..3, so an hour of programme is worth the
 * same in any format at equal quality and the programme is filled before
 * it is refined.
 *
 * Panels are items with two or more speakers; a panel mixes sectors when
 * it has a speaker of a state sector (government, legislature, judiciary)
 * and one of another.  A speaker is a woman when their self-described
 * gender is "woman", "female", "mujer" or "mulher" (any case).  The
 * organisation of an item is its submitter's (else its first speaker's),
 * compared case-insensitively.
 *
 * Decisions.  The newest row of the `decision` table per proposal is in
 * force; every decision is audit-logged ("proposal", "decision").  A
 * proposal merged into another follows the joint session's decision.
 * Each decision is mailed once (store_select_notify), to every speaker
 * who has not declined, in the speaker's first language, else the
 * proposal's, else the event's default.
 *
 * Ownership: out-structs own their contents; release them with the
 * matching *_release.  Messages name what failed.
 */
#ifndef CABILDO_STORE_SELECT_H
#define CABILDO_STORE_SELECT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/event.h"
#include "solve/select.h"
#include "store/store.h"

#define SELECT_WAITLIST_MAX 1000

/* The organiser's quotas; 0 switches a quota off, max -1 means none. */
struct select_settings {
	double min_women; /* share 0..1 */
	double min_mixed; /* share 0..1 of panels */
	int min_countries;
	int max_per_org;
	int max_per_speaker;
	int capacity; /* room-slots; 0 = the whole grid */
	int waitlist; /* proposals put on the waitlist at confirmation */
	size_t nthemes, nformats;
	int *theme_min, *theme_max;   /* [nthemes] */
	int *format_min, *format_max; /* [nformats] */
};

/* Everything off, waitlist 10; arrays sized for ev. */
void select_settings_init(struct select_settings *s, const struct event *ev);
void select_settings_release(struct select_settings *s);

/* The saved settings of ev (the defaults when never saved). */
enum store_err store_select_settings_load(
    struct store *st, const struct event *ev, struct select_settings *s);
/* Saves them, with an audit line, in one transaction. */
enum store_err store_select_settings_save(struct store *st,
    const struct event *ev, const struct select_settings *s, int64_t actor);

/* The instance of one run and what the balance summary needs. */
struct store_selection {
	struct sel_instance in;
	struct sel_quotas q;
	struct sel_capacity cap;
	struct sel_item *items;     /* [in.nitems] */
	int64_t *proposal_id;       /* [in.nitems] */
	char **title;               /* [in.nitems] */
	double *z;                  /* [in.nitems] normalised score */
	size_t *nreviews;           /* [in.nitems] */
	enum sel_pin *pin;          /* [in.nitems] as saved */
	size_t *speakers;           /* all items' speaker indices */
	struct sel_person *persons; /* [in.npersons] */
	bool *person_state;         /* [in.npersons] state sector */
	char **countries;           /* [in.ncountries] */
	char **orgs;                /* [in.norgs] */
	const char **theme_names;   /* keys, borrowed from the event */
	const char **format_names;
	long minutes_capacity;
	int slot_minutes;  /* the longest session slot */
	size_t unreviewed; /* candidates left out: no review, not pinned */
};

/*
 * Builds the instance from the database and s (the quotas point into s,
 * which must outlive sel's use).  A grid without session slots or rooms
 * gives capacity 0.
 */
enum store_err store_select_load(struct store *st, const struct event *ev,
    const struct select_settings *s, struct store_selection *sel,
    struct buf *msg);
void store_selection_release(struct store_selection *sel);

/* The balance of an accepted set. */
struct select_summary {
	size_t naccepted;
	size_t *per_theme;  /* [nthemes] */
	size_t *per_format; /* [nformats] */
	size_t panels, mixed_panels;
	size_t speaker_slots, women_slots, state_slots;
	size_t ncountries;
	size_t norgs;
	size_t max_org_count;
	const char *max_org; /* borrowed from sel; NULL when none */
	long minutes_used;
};

void select_summary(const struct store_selection *sel, const bool *accepted,
    struct select_summary *out);
void select_summary_release(struct select_summary *s);

/* Saves a feasible result as a proposed run; *run_id its id. */
enum store_err store_select_run_save(struct store *st, const struct event *ev,
    const struct store_selection *sel, const struct sel_result *res,
    const struct select_settings *s, int64_t actor, int64_t *run_id);

struct select_run_quota {
	char *name;
	double value, bound, gain;
	bool active, gain_known, binds;
};

struct select_run {
	int64_t id;
	char *status; /* "proposed", "confirmed", "discarded" */
	char *created_at;
	char *glpk_status;
	double objective, gap, seconds;
	char *binding; /* "; "-separated names of the binding quotas */
	struct select_run_quota *quotas;
	size_t nquotas;
	size_t naccepted;
};

void select_run_release(struct select_run *r);

/* The newest run of the event; STORE_ERR_NOTFOUND when none. */
enum store_err store_select_run_latest(
    struct store *st, int64_t event_id, struct select_run *out);
enum store_err store_select_run_get(
    struct store *st, int64_t event_id, int64_t run_id, struct select_run *out);
/* accepted[i] for sel's items from the run's items (absent ones false). */
enum store_err store_select_run_accepted(struct store *st, int64_t run_id,
    const struct store_selection *sel, bool *accepted);

/*
 * Confirms a proposed run: its accepted proposals are accepted, the best
 * s->waitlist others (by score) waitlisted in that order, the rest
 * rejected; other proposed runs of the event are discarded.  One
 * transaction, every decision audit-logged.  A run that is not proposed
 * gives STORE_ERR_CONSTRAINT.
 */
enum store_err store_select_run_confirm(struct store *st,
    const struct event *ev, int64_t run_id, int waitlist, int64_t actor,
    struct buf *msg);
enum store_err store_select_run_discard(
    struct store *st, int64_t event_id, int64_t run_id, int64_t actor);

/* Pins (SEL_PIN_NONE removes) any sent proposal, reviewed or not;
 * STORE_ERR_NOTFOUND when the proposal is not in the event, or is a draft
 * or withdrawn (unpinning those still works). */
enum store_err store_select_pin(struct store *st, int64_t event_id,
    int64_t proposal_id, enum sel_pin pin, int64_t actor);

enum decision_kind {
	DECISION_ACCEPT,
	DECISION_REJECT,
	DECISION_WAITLIST,
	DECISION__MAX
};

const char *decision_key(enum decision_kind d);
bool decision_parse(const char *s, enum decision_kind *out);

/* One decision by an organiser (note may be NULL), with proposals merged
 * into it following; one transaction, audit-logged. */
enum store_err store_decide(struct store *st, int64_t event_id,
    int64_t proposal_id, enum decision_kind d, int64_t actor, const char *note,
    struct buf *msg);

/*
 * Merges others[] into target, one joint session: they point at it, their
 * speakers join it, and they take its decision.  All proposals must be
 * candidates of the event, distinct, and not merged already.
 */
enum store_err store_merge(struct store *st, int64_t event_id, int64_t target,
    const int64_t *others, size_t n, int64_t actor, struct buf *msg);

/* A row of the organisers' decision list. */
struct decision_row {
	int64_t id;
	char *title;
	char *status;   /* the proposal's */
	char *decision; /* in force, or NULL */
	int rank;       /* waitlist rank, 0 when none */
	bool notified;
	int64_t merged_into; /* 0 when not merged */
	size_t nconfirmed, ndeclined, nspeakers;
};

enum store_err store_decisions(
    struct store *st, int64_t event_id, struct decision_row **out, size_t *n);
void decision_rows_free(struct decision_row *rows, size_t n);

/*
 * Queues the mail of every decision in force not yet mailed (each once),
 * in one transaction.  base_url prefixes the link to answer ("" for a
 * relative one).  *queued counts mails.
 */
enum store_err store_select_notify(struct store *st, const struct event *ev,
    const char *base_url, size_t *queued);

/* A speaker's view of their proposal's decision. */
struct participation {
	char *title;
	char *status; /* the proposal's */
	char *answer; /* "confirm", "decline" or NULL */
	bool owner;
};

/* STORE_ERR_NOTFOUND unless person is a speaker (owner or co-speaker,
 * also one who declined) of the proposal in the event. */
enum store_err store_participation(struct store *st, int64_t event_id,
    int64_t proposal_id, int64_t person, struct participation *out);
void participation_release(struct participation *p);

/*
 * A speaker confirms or declines an accepted proposal.  Confirming by the
 * submitter (or any speaker of a proposal without one) confirms the
 * session.  Declining takes the speaker off it; when the submitter or the
 * last speaker declines, the proposal is withdrawn and its slot goes to
 * the first waitlisted proposal of the same kind (sharing a slot or not):
 * it is accepted and its speakers are mailed at once.  *promoted is its
 * id or 0.  STORE_ERR_CONSTRAINT when the proposal is not accepted or
 * the speaker declined already; STORE_ERR_NOTFOUND when person is not
 * one of its speakers.
 */
enum store_err store_speaker_answer(struct store *st, const struct event *ev,
    int64_t proposal_id, int64_t person, bool confirm, const char *base_url,
    int64_t *promoted, struct buf *msg);

/* The submitter of a proposal: its owner, else its first speaker. */
enum store_err store_proposal_submitter(
    struct store *st, int64_t event_id, int64_t proposal_id, int64_t *person);

/*
 * Tests and demos: a submitted review of proposal by reviewer (a person)
 * with score 1..5, created or replaced.
 */
enum store_err store_review_put(struct store *st, int64_t proposal_id,
    int64_t reviewer, double score, int confidence);

#endif
