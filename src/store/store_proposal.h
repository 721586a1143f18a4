/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * store_proposal.h: proposals as the call for proposals edits them, keyed
 * by the event's theme and format keys, with co-speakers by e-mail; and
 * the organisers' filtered list.
 *
 * Ownership: a struct cfp_proposal owns every string in it;
 * cfp_proposal_release frees them.  List rows likewise (cfp_rows_free).
 */
#ifndef CABILDO_STORE_PROPOSAL_H
#define CABILDO_STORE_PROPOSAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/event.h"
#include "core/proposal.h"
#include "store/store.h"

#define CFP_MAX_COSPEAKERS (PROPOSAL_MAX_SPEAKERS - 1)

/* An answer to one of the organiser's questions (core/question.h says
 * what value holds; "" means unanswered). */
struct cfp_answer {
	char *question; /* the question's id */
	char *value;
};

struct cfp_proposal {
	int64_t id; /* 0 for a new one */
	int64_t event_id;
	int64_t owner_id; /* the person who submitted it */
	char *title;
	char *abstract;
	char *description;
	char *format; /* format key */
	char *theme;  /* main theme key */
	char *secondary[PROPOSAL_MAX_SECONDARY];
	size_t nsecondary;
	char *language; /* "es" */
	bool interpretation;
	enum proposal_status status;
	char *cospeakers[CFP_MAX_COSPEAKERS]; /* e-mail addresses */
	size_t ncospeakers;
	/* Saving writes each answer listed ("" deletes it) and leaves the
	 * others alone; loading gives every stored answer, also to questions
	 * since removed from the event file. */
	struct cfp_answer *answers;
	size_t nanswers;
	char *updated_at;
};

/* The value of p's answer to question id, or "" when there is none. */
const char *cfp_answer_get(const struct cfp_proposal *p, const char *id);
/* Sets (a copy of) p's answer to question id. */
void cfp_answer_set(struct cfp_proposal *p, const char *id, const char *value);

void cfp_proposal_release(struct cfp_proposal *p);

/*
 * Inserts (id 0; sets p->id) or updates p, its themes and its speakers in
 * one transaction: the owner is speaker 0; co-speakers are found by
 * address or created as persons, and invited.  The format and theme keys
 * must exist in the event (STORE_ERR_NOTFOUND names the key in msg).
 * The audit log gets one line by actor_person with action and detail.
 */
enum store_err store_cfp_save(struct store *st, struct cfp_proposal *p,
    int64_t actor_person, const char *action, const char *detail,
    struct buf *msg);

/* The first speaker of an imported proposal. */
struct cfp_person {
	const char *email; /* normalised */
	const char *name;
	const char *organisation; /* NULL or "" when unknown */
	const char *sector;       /* sector key */
	const char *country;      /* ISO alpha-2, or NULL */
};

/*
 * Saves n new proposals, each owned by the person with owners[i].email
 * (created from owners[i] when there is none), in one transaction: all
 * or none.  Audit lines say "import".
 */
enum store_err store_cfp_import(struct store *st, struct cfp_proposal *list,
    const struct cfp_person *owners, size_t n, int64_t actor, struct buf *msg);

/* STORE_ERR_NOTFOUND when there is no proposal id in event_id. */
enum store_err store_cfp_load(
    struct store *st, int64_t event_id, int64_t id, struct cfp_proposal *out);

/* The proposals of an event owned by person, newest first. */
enum store_err store_cfp_mine(struct store *st, int64_t event_id,
    int64_t person, struct cfp_proposal **out, size_t *n);
void cfp_proposals_free(struct cfp_proposal *list, size_t n);

/* Sets the status, with an audit line. */
enum store_err store_cfp_set_status(struct store *st, int64_t event_id,
    int64_t id, enum proposal_status status, int64_t actor_person);

/* A proposal that names person as a co-speaker. */
struct cfp_invitation {
	int64_t id;
	char *title;
	char *owner;  /* the proposer's name */
	char *status; /* "invited", "accepted", "declined" */
};

/* Co-speaker invitations of person in an event, newest first. */
enum store_err store_cfp_invitations(struct store *st, int64_t event_id,
    int64_t person, struct cfp_invitation **out, size_t *n);
void cfp_invitations_free(struct cfp_invitation *list, size_t n);
/* Accepts or declines; STORE_ERR_NOTFOUND when person is not invited to
 * proposal id of the event. */
enum store_err store_cfp_answer(struct store *st, int64_t event_id, int64_t id,
    int64_t person, bool accept);

/* One line of a proposal's history, oldest first. */
struct cfp_change {
	char *at;     /* UTC "YYYY-MM-DDTHH:MM:SS.SSSZ" */
	char *actor;  /* the person's name, or NULL (import, system) */
	char *action; /* "create", "update", "status", "import" */
	char *detail; /* JSON, or NULL */
};

enum store_err store_cfp_history(struct store *st, int64_t event_id, int64_t id,
    struct cfp_change **out, size_t *n);
void cfp_history_free(struct cfp_change *list, size_t n);

/* Every answer to the organiser's questions in proposals of an event
 * that are not drafts, by proposal id then question id; also answers to
 * questions since removed from the event file. */
struct cfp_answer_row {
	int64_t proposal_id;
	char *question;
	char *value;
};

enum store_err store_cfp_answers(
    struct store *st, int64_t event_id, struct cfp_answer_row **out, size_t *n);
void cfp_answer_rows_free(struct cfp_answer_row *rows, size_t n);

/* Organiser filters; NULL members do not filter. */
struct cfp_filter {
	const char *theme;
	const char *format;
	const char *language;
	const char *status;
	const char *country;
	const char *query; /* words, FTS5 with stems (fts_query) */
	/* "mixed": speakers from the state (government, legislature,
	 * judiciary) and from outside it; "state": only the state;
	 * "non-state": none from the state.  Declined speakers do not count. */
	const char *sector_mix;
};

struct cfp_row {
	int64_t id;
	char *title;
	char *format;
	char *theme;
	char *language;
	char *status;
	char *name; /* first speaker */
	char *organisation;
	char *sector;
	char *country;
	char *gender;
	int nspeakers;
	char *submitted_at;
};

/* Every proposal but drafts matching f, by id. */
enum store_err store_cfp_list(struct store *st, int64_t event_id,
    const struct cfp_filter *f, struct cfp_row **out, size_t *n);
void cfp_rows_free(struct cfp_row *rows, size_t n);

#endif
