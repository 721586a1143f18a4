/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * classify.h: theme suggestion.
 *
 * Zero-shot: with no labelled proposals, a text is ranked against theme
 * profiles, each the names, descriptions and sub-topics of a theme in every
 * language the event speaks, each language stemmed with its own stemmer.
 * The score is Okapi BM25 of the text's terms in each profile, on stems
 * cut to six letters; an organiser ranking a whole pool of proposals adds
 * latent profiles learnt from that unlabelled pool (lsa.h).
 *
 * Supervised: once organisers confirm themes, a linear model on TF-IDF
 * vectors, one-vs-rest, L2-regularised squared hinge loss (a linear SVM),
 * trained by stochastic dual coordinate ascent (liblinear's solver: one
 * randomly ordered pass after another, each step exact on one example).
 * Its margins combine with the zero-shot prior by classify_combine().
 *
 * Ownership: a linear_model owns its weights; a zeroshot owns an analyzer,
 * so it is used by one thread at a time.
 */
#ifndef CABILDO_CLASSIFY_H
#define CABILDO_CLASSIFY_H

#include <stddef.h>
#include <stdint.h>

#include "core/event.h"
#include "text/index.h"

/*
 * Features of the supervised model: stemmed words without bigrams.  On
 * the benchmark sets bigrams cost half the speed for no clear gain (top-1
 * FOSDEM 0.741 without, 0.730 with; VotaInteligente 0.568 and 0.576).
 * Zero-shot profiles are short and keep bigrams ("datos abiertos").
 */
#define CLASSIFY_SUPERVISED_FLAGS AN_STRIP_HTML

/*
 * Terms of zero-shot profiles and of the texts ranked against them: stems
 * cut to their first AN_PREFIX_CHARS letters, so that a text meets the
 * profile's words across derivations and across Spanish and Portuguese
 * ("ambiental" and "medio ambiente"), plus bigrams of the cut stems.  On
 * the OGP benchmark this lifts top-3 from 74.4% to 82% (docs/BENCHMARKS.md).
 */
#define CLASSIFY_ZEROSHOT_FLAGS (AN_BIGRAMS | AN_PREFIX | AN_STRIP_HTML)

struct linear_opts {
	double c;          /* cost of a margin violation; 1 like LinearSVC */
	unsigned max_iter; /* passes over the data per class */
	double eps;        /* stop when the projected-gradient gap is below */
	uint64_t seed;
	unsigned threads; /* classes are trained in parallel; 0 means 1 */
};

/* c = 1, max_iter = 50, eps = 0.1, seed = 1, threads = 2. */
void linear_opts_default(struct linear_opts *o);

struct linear_model {
	size_t k, dim;
	float *w; /* k rows of dim weights */
	float *b; /* k biases */
};

void linear_init(struct linear_model *m);
void linear_release(struct linear_model *m);

/*
 * Trains m on x[0..n) with labels y[i] in [0, k); dim bounds every index of
 * x.  Classes without examples get zero weights and a bias of -1.
 */
void linear_train(struct linear_model *m, const struct svec *x, const int *y,
    size_t n, size_t k, size_t dim, const struct linear_opts *o);

/* Margins of x for every class into scores[0..k). */
void linear_scores(
    const struct linear_model *m, const struct svec *x, double *scores);

struct zeroshot;

/*
 * Theme profiles from the event's themes: names (counted twice),
 * descriptions and sub-topic names in every language present.
 */
struct zeroshot *zeroshot_from_event(const struct event *ev);

/*
 * Profiles from k texts per language (texts[i][lang], any may be NULL),
 * for callers without an event (tests, benchmarks).
 */
struct zeroshot *zeroshot_new(const char *const (*texts)[LANG__MAX], size_t k);
void zeroshot_free(struct zeroshot *zs);
size_t zeroshot_size(const struct zeroshot *zs);

/*
 * BM25 of s[0..len) against every profile into scores[0..k), and what the
 * analysis found (info may be NULL).  A text sharing no term with any
 * profile gets all zeros.
 */
enum text_err zeroshot_scores(struct zeroshot *zs, const char *s, size_t len,
    enum lang fallback, double *scores, struct analysis *info);

/*
 * Latent profiles from the unlabelled pool (transductive zero-shot): the
 * texts being classified are what an organiser holds anyway, and the
 * words that co-occur in them reach a theme's profile words ("reciclaje",
 * "basura" with "medio ambiente") where BM25 sees no shared word.  Each
 * text and each profile is projected on the pool's ZS_LSA_DIMS latent
 * dimensions (lsa.h) of stemmed, cut words, and the cosine, times
 * ZS_LSA_WEIGHT, is added to the BM25 shares.  Pools smaller than
 * ZS_LSA_MIN_POOL texts get BM25 alone.  Chosen on half of the benchmark
 * (docs/BENCHMARKS.md); no label is read.
 */
#define ZS_LSA_DIMS     50
#define ZS_LSA_WEIGHT   0.5
#define ZS_LSA_MIN_POOL 20

/*
 * Zero-shot shares of texts[0..n) into scores (n rows of k, each summing
 * to 1, or all zeros), BM25 against the profiles plus the latent
 * similarity above, fitted on these n texts.  Texts that fail analysis
 * get zeros and stay out of the pool.
 */
void zeroshot_pool_scores(struct zeroshot *zs, const char *const *texts,
    size_t n, enum lang fallback, double *scores);

/*
 * Turns scores[0..k) into shares summing to 1 (a softmax with temperature
 * t; t <= 0 divides by the sum instead, all zeros staying zeros).
 */
void classify_normalize(double *scores, size_t k, double t);

/*
 * sup[i] += weight * prior[i]: the supervised margins and the zero-shot
 * shares, both already on comparable scales.
 */
void classify_combine(
    double *sup, const double *prior, size_t k, double weight);

/* Index of the r-th best score (r = 0 is the best); ties to lower index. */
size_t classify_rank(const double *scores, size_t k, size_t r);

/*
 * Theme shares for n texts of an event (n rows of ev->nthemes, each row
 * summing to 1, or all zeros when a text says nothing the themes know).
 * labels[i] is a confirmed theme index or -1.  The zero-shot shares are
 * zeroshot_pool_scores() over the n texts.  With confirmed themes for
 * at least two themes, a linear model trained on them is mixed with the
 * zero-shot shares (prior_weight parts prior to one part model); otherwise
 * the shares are zero-shot only.  Texts that fail analysis (invalid UTF-8,
 * too long) get zeros.  Returns the number of labelled texts used.
 */
size_t classify_suggest(const struct event *ev, const char *const *texts,
    const int *labels, size_t n, double prior_weight, double *shares);

struct classify_eval {
	double top1, top3, macro_f1;
};

/*
 * Accuracy at 1 and 3 and macro-F1 of scores (n rows of k) against truth.
 * Macro-F1 averages over the classes that occur in truth or among the
 * predictions, as scikit-learn's f1_score(average="macro") does.
 */
void classify_evaluate(const double *scores, const int *truth, size_t n,
    size_t k, struct classify_eval *out);

#endif
