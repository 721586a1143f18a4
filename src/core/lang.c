/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * lang.c: language codes and localised texts.
 */
#include "core/lang.h"

#include <stdlib.h>
#include <strings.h>

#include "util/util.h"

static const char *const codes[LANG__MAX] = { "es", "en", "pt" };
static const char *const names[LANG__MAX] = { "Español", "English",
	"Português" };

const char *
lang_code(enum lang lang)
{
	return (unsigned)lang < LANG__MAX ? codes[lang] : "en";
}

const char *
lang_name(enum lang lang)
{
	return (unsigned)lang < LANG__MAX ? names[lang] : "English";
}

bool
lang_parse(const char *s, size_t len, enum lang *out)
{
	int i;

	if (len != 2)
		return false;
	for (i = 0; i < LANG__MAX; i++) {
		if (strncasecmp(s, codes[i], 2) == 0) {
			*out = (enum lang)i;
			return true;
		}
	}
	return false;
}

const char *
l10n_get(const struct l10n *t, enum lang lang)
{
	static const enum lang fallback[] = { LANG_EN, LANG_ES, LANG_PT };
	size_t i;

	if ((unsigned)lang < LANG__MAX && t->text[lang] != NULL)
		return t->text[lang];
	for (i = 0; i < ARRAY_SIZE(fallback); i++)
		if (t->text[fallback[i]] != NULL)
			return t->text[fallback[i]];
	return "";
}

void
l10n_set(struct l10n *t, enum lang lang, const char *s)
{
	free(t->text[lang]);
	t->text[lang] = xstrdup_or_null(s);
}

void
l10n_release(struct l10n *t)
{
	int i;

	for (i = 0; i < LANG__MAX; i++) {
		free(t->text[i]);
		t->text[i] = NULL;
	}
}

void
l10n_copy(struct l10n *dst, const struct l10n *src)
{
	int i;

	for (i = 0; i < LANG__MAX; i++)
		dst->text[i] = xstrdup_or_null(src->text[i]);
}
