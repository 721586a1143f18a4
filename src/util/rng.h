/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * rng.h: a small, seeded, reproducible generator (xoshiro256** seeded by
 * splitmix64) so that demos, solvers and benchmarks give the same result
 * for the same seed on every machine.  Not for secrets: use libsodium.
 */
#ifndef CABILDO_RNG_H
#define CABILDO_RNG_H

#include <stddef.h>
#include <stdint.h>

struct rng {
	uint64_t s[4];
};

void rng_seed(struct rng *r, uint64_t seed);
uint64_t rng_next(struct rng *r);
/* Uniform in [0, n); n > 0.  Unbiased (Lemire's method). */
uint64_t rng_below(struct rng *r, uint64_t n);
/* Uniform in [0, 1). */
double rng_double(struct rng *r);
/* Index in [0, n) drawn with probability weight[i] / sum(weight). */
size_t rng_weighted(struct rng *r, const double *weight, size_t n);

#endif
