/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * lsa.h: latent semantic analysis of a pool of TF-IDF vectors (index.h),
 * so that texts can be compared by the words that co-occur with theirs
 * in the pool, not only by the words they share.  The pool's top-k
 * singular directions (X = U S V^T) come from subspace iteration on
 * X X^T, computed as X (X^T Q) so that only sparse products are needed,
 * then a Rayleigh-Ritz step; a vector v projects to v V_k.  Work is about
 * LSA_ITERS x 2 x nnz(X) x k; the pool is capped at LSA_MAX_POOL texts.
 * Deterministic: the starting subspace comes from a fixed seed.
 *
 * Ownership: an lsa owns V_k (vocabulary size x k doubles) and nothing
 * else; read-only once fitted, so it may be shared between threads.
 */
#ifndef CABILDO_LSA_H
#define CABILDO_LSA_H

#include <stddef.h>

#include "text/index.h"

#define LSA_MAX_POOL 4096

struct lsa;

/*
 * Fits k latent dimensions on x[0..n) (only the first LSA_MAX_POOL
 * vectors are used); fewer when the pool has fewer independent
 * directions.  Never fails; a pool of empty vectors has 0 dimensions.
 */
struct lsa *lsa_fit(const struct svec *x, size_t n, size_t k);
void lsa_free(struct lsa *m);
size_t lsa_dims(const struct lsa *m);

/*
 * The latent vector of v into out[0..lsa_dims(m)), L2-normalised (all
 * zeros when v meets nothing of the pool).
 */
void lsa_project(const struct lsa *m, const struct svec *v, double *out);

#endif
