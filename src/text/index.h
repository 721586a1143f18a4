/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * index.h: from text to TF-IDF vectors.
 *
 * An analyzer turns a text into terms: tokenize (accents folded, HTML
 * skipped), detect the language unless given, drop that language's stop
 * words, stem, and add each pair of neighbouring stems as a bigram.  Terms
 * are 64-bit hashes of the stems, so nothing needs a dictionary of words.
 *
 * A tfidf model, fitted on a set of term lists, holds the vocabulary (terms
 * seen in at least min_df documents, each with a dense id) and their
 * inverse document frequencies; it maps a term list to a sparse vector with
 * sublinear term frequency (1 + ln tf) times idf, L2-normalised.
 *
 * Ownership: every struct owns its arrays; *_release frees them.  An
 * analyzer holds a stemmer and so belongs to one thread at a time; a fitted
 * tfidf model is read-only and may be shared.
 */
#ifndef CABILDO_INDEX_H
#define CABILDO_INDEX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/lang.h"
#include "text/tokenize.h"

struct terms {
	uint64_t *v;
	size_t n, cap;
};

void terms_release(struct terms *t);

enum analyzer_flags {
	AN_BIGRAMS = 1 << 0,    /* add neighbouring-stem bigrams */
	AN_STRIP_HTML = 1 << 1, /* abstracts with markup */
	AN_NO_STEM = 1 << 2,    /* folded words, not stems */
	AN_PREFIX = 1 << 3      /* cut each stem to AN_PREFIX_CHARS letters */
};

/*
 * With AN_PREFIX, stems longer than this many code points are cut to it.
 * Snowball stemmers strip inflections but not derivations, and each
 * language stems on its own: "ambiental" and "ambiente", "corrupción" and
 * "corrupto", Portuguese "participação" and Spanish "participación" keep
 * different stems.  Their first six letters agree, which is what
 * truncation stemming relies on (a conflation known from IR since Lovins;
 * see docs/BENCHMARKS.md, "Theme suggestion", for why six).
 */
#define AN_PREFIX_CHARS 6

/* What an analysis found about the text. */
struct analysis {
	enum lang lang;   /* used for stop words and stemming */
	double lang_conf; /* lang_detect's confidence, 1 if given */
	size_t words;     /* tokens before stop-word removal */
};

struct analyzer;

struct analyzer *analyzer_new(enum analyzer_flags flags);
void analyzer_free(struct analyzer *a);

/*
 * Replaces out with the terms of s[0..len).  lang < 0 means detect it,
 * using fallback when the text gives no evidence.  info may be NULL.
 */
enum text_err analyzer_terms(struct analyzer *a, const char *s, size_t len,
    int lang, enum lang fallback, struct terms *out, struct analysis *info);

/* Sparse vector: idx strictly increasing. */
struct svec {
	uint32_t *idx;
	float *val;
	size_t n;
};

void svec_release(struct svec *v);
/* Dot product of two sparse vectors (cosine when both are normalised). */
double svec_dot(const struct svec *a, const struct svec *b);

struct tfidf {
	uint64_t *keys; /* open addressing: term hash, 0 is empty */
	uint32_t *ids;
	size_t cap; /* power of two */
	size_t dim; /* vocabulary size */
	float *idf; /* dim entries */
	size_t ndocs;
};

void tfidf_init(struct tfidf *m);
void tfidf_release(struct tfidf *m);

/* Fits m (tfidf_init'ed or released) on docs[0..n). */
void tfidf_fit(
    struct tfidf *m, const struct terms *docs, size_t n, unsigned min_df);

/* Dense id of a term, or -1 when it is not in the vocabulary. */
long tfidf_id(const struct tfidf *m, uint64_t term);

/*
 * Replaces out with the vector of t; terms outside the vocabulary are
 * ignored, so out may be empty (n == 0).
 */
void tfidf_vector(
    const struct tfidf *m, const struct terms *t, struct svec *out);

#endif
