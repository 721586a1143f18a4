/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * stem.h: Snowball stemming (libstemmer) for Spanish, English and
 * Portuguese, on words already folded by tokenize.h.
 *
 * Folding drops accents that the Snowball rules look for ("-ción",
 * "-ção"), so stemmer_stem first restores the commonest accented endings of
 * Spanish and Portuguese, then stems, then folds the stem again: the typed
 * "participacion" and "participación" get the same stem.
 *
 * libstemmer is not thread-safe: a struct stemmer belongs to one thread (or
 * one object used by one thread at a time).
 */
#ifndef CABILDO_STEM_H
#define CABILDO_STEM_H

#include <stddef.h>

#include "core/lang.h"

struct stemmer;

/* A stemmer for every language; dies only on out-of-memory. */
struct stemmer *stemmer_new(void);
/* NULL is a no-op. */
void stemmer_free(struct stemmer *st);

/*
 * Stem of the folded word w[0..len) in lang, NUL-terminated, valid until the
 * next call on st; its length in *out_len.
 */
const char *stemmer_stem(struct stemmer *st, enum lang lang, const char *w,
    size_t len, size_t *out_len);

#endif
