/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * lang_detect.h: which of Spanish, English and Portuguese a text is in,
 * good enough to pick a stemmer and a stop-word list.  It counts stop
 * words of each language and letters that only one of them uses (ñ, ¿ for
 * Spanish; ç, ã, õ for Portuguese) and common word endings.  Short texts
 * get a low confidence rather than a confident wrong answer.
 */
#ifndef CABILDO_LANG_DETECT_H
#define CABILDO_LANG_DETECT_H

#include "core/lang.h"
#include "text/tokenize.h"

/*
 * Language of the tokenised text; fallback when there is no evidence.
 * *confidence (may be NULL) is in [0, 1]: 0 means a guess, above 0.5 means
 * clear evidence.
 */
enum lang lang_detect(
    const struct tokens *t, enum lang fallback, double *confidence);

#endif
