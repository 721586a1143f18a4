/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * lang.h: the languages cabildo speaks, and text kept in each of them.
 * Adding a language means adding an enum value, its code, and its column
 * in every message catalog; the compiler finds the rest.
 */
#ifndef CABILDO_LANG_H
#define CABILDO_LANG_H

#include <stdbool.h>
#include <stddef.h>

enum lang { LANG_ES, LANG_EN, LANG_PT, LANG__MAX };

/* "es", "en", "pt". */
const char *lang_code(enum lang lang);
/* Own name of the language: "Español", "English", "Português". */
const char *lang_name(enum lang lang);
/* Parses a two-letter code (case-insensitive, exactly len bytes). */
bool lang_parse(const char *s, size_t len, enum lang *out);

/*
 * A text in each language.  Any entry may be NULL; l10n_get falls back to
 * English, then Spanish, then Portuguese, then "".  The struct owns its
 * strings.
 */
struct l10n {
	char *text[LANG__MAX];
};

const char *l10n_get(const struct l10n *t, enum lang lang);
void l10n_set(struct l10n *t, enum lang lang, const char *s);
void l10n_release(struct l10n *t);
void l10n_copy(struct l10n *dst, const struct l10n *src);

#endif
