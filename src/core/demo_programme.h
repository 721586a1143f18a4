/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * demo_programme.h: the demo's accepted programme and participants'
 * interests in it.  Like OGP Americas 2017 (65 sessions and 43 lightning
 * talks out of about 650 proposals), it accepts sessions spread over the
 * themes and lightning talks among the synthetic proposals, then gives
 * each participant stars on accepted items: clustered by the themes the
 * participant follows, skewed by popularity (a few items draw crowds).
 * Deterministic for a seed.  Pure: no I/O.
 */
#ifndef CABILDO_DEMO_PROGRAMME_H
#define CABILDO_DEMO_PROGRAMME_H

#include <stddef.h>
#include <stdint.h>

#include "core/demo.h"
#include "core/event.h"

#define DEMO_DEFAULT_SESSIONS 65
#define DEMO_DEFAULT_TALKS    43

struct demo_interest {
	size_t participant; /* index into population.participants */
	size_t proposal;    /* index into population.proposals */
};

struct demo_programme {
	size_t *accepted; /* proposal indices, ascending */
	size_t naccepted;
	size_t nsessions;                /* of which long sessions */
	size_t ntalks;                   /* of which shared-slot talks */
	struct demo_interest *interests; /* by participant, then proposal */
	size_t ninterests;
};

/*
 * Accepts up to sessions long items and talks shared-slot items of pop
 * (their status becomes PROPOSAL_ACCEPTED, every other proposal stays as
 * it was) and draws the participants' interests.  out is overwritten.
 */
void demo_programme_select(const struct event *ev, struct population *pop,
    uint64_t seed, size_t sessions, size_t talks, struct demo_programme *out);
void demo_programme_release(struct demo_programme *prog);

#endif
