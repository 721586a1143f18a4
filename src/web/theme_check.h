/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * theme_check.h: for organisers, the classifier's view of an event's
 * proposals (issue 7): the theme it suggests for each one, whether the
 * filed theme disagrees with a confident suggestion, and groups of similar
 * proposals that could be merged into one joint session.  Computed on
 * demand from the store (about 80 ms of CPU for 650 proposals, so the
 * proposals list and the theme-check page read it through a per-thread
 * cache); only organiser pages call it.
 */
#ifndef CABILDO_THEME_CHECK_H
#define CABILDO_THEME_CHECK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/event.h"
#include "store/store.h"
#include "store/store_text.h"

/* A suggestion at least this share of the themes is confident. */
#define THEME_CHECK_CONFIDENT 0.25

struct theme_check {
	struct proposal_text *p; /* by id */
	size_t n;
	size_t *best;   /* suggested theme per proposal */
	double *share;  /* its share; 0 when the text says nothing known */
	bool *mismatch; /* filed under another theme, suggestion confident */
	size_t nmismatch;
	char **texts; /* title and abstract, for similarity */
	/* May join a merge (store_merge): submitted, not withdrawn, not
	 * merged into another proposal.  Only these are grouped. */
	bool *candidate;
	bool *joint; /* others were merged into it: it can only be a target */
};

/* Loads and classifies every proposal of ev; false on a store error. */
bool theme_check_load(struct store *st, const struct event *ev,
    double confident, struct theme_check *out);
/*
 * theme_check_load's result for ev as the store holds it now, from a
 * cache of THEME_CHECK_SLOTS events per thread (each thread has its own
 * connection, so no lock): kept while store_generation(st), which any
 * commit changes, and confident stay the same.  The result belongs to the
 * cache and lives until this thread's next call: do not release it.  NULL
 * on a store error.
 */
#define THEME_CHECK_SLOTS 2
const struct theme_check *theme_check_cached(
    struct store *st, const struct event *ev, double confident);
/* The index of proposal id in c, or -1. */
long theme_check_find(const struct theme_check *c, int64_t id);
/*
 * Groups of similar proposals (complete linkage at threshold): group[i]
 * and sizes[] as similar_groups; best[i] the highest similarity of
 * proposal i to another of its group.  All three arrays have c->n entries.
 * Proposals that are not candidates stay alone: a group is a set of
 * proposals that can be merged into one joint session.  Returns the
 * number of groups with two or more members.
 */
size_t theme_check_groups(const struct theme_check *c, enum lang fallback,
    double threshold, size_t *group, size_t *sizes, double *best);
void theme_check_release(struct theme_check *c);

#endif
