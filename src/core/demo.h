/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * demo.h: a deterministic, clearly synthetic population for an event:
 * speakers from every sector across the 18 OGP countries of the Americas,
 * proposals spread over the event's themes and formats in Spanish, English
 * and Portuguese, and participants with themes of interest.  The same seed
 * gives the same population on every machine.  Every person is marked
 * synthetic and has an address under example.org (RFC 2606).
 */
#ifndef CABILDO_DEMO_H
#define CABILDO_DEMO_H

#include <stddef.h>
#include <stdint.h>

#include "core/event.h"
#include "core/person.h"
#include "core/proposal.h"

#define DEMO_MAX_PROPOSALS    20000
#define DEMO_MAX_PARTICIPANTS 100000

struct participant {
	size_t person; /* index into population.persons */
	size_t themes[3];
	size_t nthemes;
};

struct population {
	struct person *persons;
	size_t npersons;
	struct proposal *proposals;
	size_t nproposals;
	struct participant *participants;
	size_t nparticipants;
};

struct demo_params {
	uint64_t seed;
	size_t proposals;
	size_t participants;
};

#define DEMO_DEFAULT_SEED         2017
#define DEMO_DEFAULT_PROPOSALS    650
#define DEMO_DEFAULT_PARTICIPANTS 1500

/* A synthetic reviewer: a person and the themes they know. */
#define DEMO_REVIEWER_THEMES 4
#define DEMO_REVIEWERS       60

struct demo_reviewer {
	struct person person;
	size_t themes[DEMO_REVIEWER_THEMES]; /* indices into ev->themes */
	bool main[DEMO_REVIEWER_THEMES];     /* main or secondary expertise */
	size_t nthemes;
};

/*
 * n reviewers for ev (which needs themes), the same for the same seed:
 * half from the state (government, legislature, judiciary), half from
 * civil society and academia, across the OGP countries, most reading two
 * languages, with one or two main themes and one or two secondary ones.
 * Addresses are reviewerN@example.org.  Free with demo_reviewers_free.
 */
struct demo_reviewer *demo_reviewers(
    const struct event *ev, uint64_t seed, size_t n);
void demo_reviewers_free(struct demo_reviewer *list, size_t n);

/*
 * The proposals' answers to ev's questions (cfp.questions), most of them
 * answered: a text names a national action plan and commitment in the
 * proposal's language (or "none"), yes/no says whether government and
 * civil society speak together, a choice ticks one option or, when
 * several are allowed, a few.  Drawn from a generator of their own seeded
 * from seed, so pop is the same with or without them.  Returns
 * pop->nproposals * ev->nquestions strings, [i * nquestions + q] for
 * proposal i and question q, NULL when unanswered or not asked of the
 * proposal's format; free with demo_answers_free.
 */
char **demo_answers(
    const struct event *ev, const struct population *pop, uint64_t seed);
void demo_answers_free(char **answers, size_t n);

/* Fills pop (zeroed by the caller) for ev; ev needs themes and formats. */
void demo_generate(const struct event *ev, const struct demo_params *params,
    struct population *pop);
void population_release(struct population *pop);

#endif
