/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * lang_detect.c: a vote of stop words, marked letters and word endings.
 */
#include "text/lang_detect.h"

#include <string.h>

static bool
ends(const char *w, size_t n, const char *suf)
{
	size_t k = strlen(suf);

	return n > k + 1 && memcmp(w + n - k, suf, k) == 0;
}

/* Endings that are frequent in one language and rare in the others. */
static void
vote_ending(const char *w, size_t n, double score[LANG__MAX])
{
	if (ends(w, n, "cion") || ends(w, n, "ciones") || ends(w, n, "dad") ||
	    ends(w, n, "dades"))
		score[LANG_ES] += 0.5;
	else if (ends(w, n, "cao") || ends(w, n, "coes") ||
	    ends(w, n, "dade") || ends(w, n, "dades") || ends(w, n, "mente"))
		score[LANG_PT] += 0.5;
	else if (ends(w, n, "tion") || ends(w, n, "ing") || ends(w, n, "ity") ||
	    ends(w, n, "ness") || ends(w, n, "tions"))
		score[LANG_EN] += 0.5;
	if (ends(w, n, "mente"))
		score[LANG_ES] += 0.5;
}

enum lang
lang_detect(const struct tokens *t, enum lang fallback, double *confidence)
{
	double score[LANG__MAX] = { 0 }, total = 0, best, second;
	enum lang win = fallback;
	size_t i;
	int l;

	for (i = 0; i < t->n; i++) {
		const char *w = tokens_word(t, i);
		size_t n = t->v[i].nlen;
		unsigned langs = stopword_langs(w, n);
		int k = __builtin_popcount(langs);

		for (l = 0; l < LANG__MAX; l++)
			if (langs & (1u << l))
				score[l] += 1.0 / k;
		vote_ending(w, n, score);
	}
	for (l = 0; l < LANG__MAX; l++)
		score[l] += 2.0 * t->marks[l];
	best = second = 0;
	for (l = 0; l < LANG__MAX; l++) {
		total += score[l];
		if (score[l] > best) {
			second = best;
			best = score[l];
			win = (enum lang)l;
		} else if (score[l] > second) {
			second = score[l];
		}
	}
	if (best == 0)
		win = fallback;
	if (confidence != NULL) {
		/* Margin over the runner-up, shrunk for little evidence. */
		double c = best > 0 ? (best - second) / best : 0;

		*confidence = c * (total / (total + 3.0));
	}
	return win;
}
