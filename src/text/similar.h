/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * similar.h: near-duplicate and mergeable proposals.  Proposals are
 * TF-IDF vectors (index.h, L2-normalised), similarity is their cosine,
 * and groups gather proposals all at least as similar to each other as a
 * threshold the organiser moves (complete linkage).
 */
#ifndef CABILDO_SIMILAR_H
#define CABILDO_SIMILAR_H

#include <stddef.h>

#include "text/index.h"

struct sim_pair {
	size_t a, b; /* a < b, indices into the vectors */
	double sim;
};

/*
 * TF-IDF vectors (stemmed words and bigrams, IDF fitted on these texts)
 * of texts[0..n) into *out (n vectors; free each with svec_release, then
 * the array).  A text that fails analysis gets an empty vector, which is
 * similar to nothing.
 */
void similar_vectors(
    const char *const *texts, size_t n, enum lang fallback, struct svec **out);

/* Cosine similarity of two normalised vectors, in [0, 1] for TF-IDF. */
double similar_cosine(const struct svec *a, const struct svec *b);

/*
 * Every pair of x[0..n) with cosine >= threshold, most similar first, into
 * *out (caller frees) and *nout.  At most max_pairs are kept (0: no cap).
 */
void similar_pairs(const struct svec *x, size_t n, double threshold,
    size_t max_pairs, struct sim_pair **out, size_t *nout);

/*
 * Groups x[0..n) for merging: complete linkage at threshold, so that every
 * two proposals of a group are at least that similar (single linkage would
 * chain A~B~C into one group with A and C unrelated).  group[i] is the
 * group of item i, numbered from 0 in order of first member; items alone
 * get their own group; sizes[g] (an array of n the caller gives) is the
 * size of group g.  Returns the number of groups with two or more
 * members.  Only the first SIMILAR_MAX_ITEMS items are grouped (the
 * similarity matrix is dense); the rest stay alone.
 */
#define SIMILAR_MAX_ITEMS 4096
size_t similar_groups(const struct svec *x, size_t n, double threshold,
    size_t *group, size_t *sizes);

#endif
