/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * stem.c: libstemmer behind one small object per thread.
 */
#include "text/stem.h"

#include <libstemmer.h>
#include <stdlib.h>
#include <string.h>

#include "text/tokenize.h"
#include "util/buf.h"
#include "util/utf8.h"
#include "util/util.h"

struct stemmer {
	struct sb_stemmer *sb[LANG__MAX];
	char in[TOKEN_MAX * 2 + 8];
	struct buf out;
};

static const char *const algorithms[LANG__MAX] = {
	[LANG_ES] = "spanish",
	[LANG_EN] = "english",
	[LANG_PT] = "portuguese",
};

struct stemmer *
stemmer_new(void)
{
	struct stemmer *st = xcalloc(1, sizeof(*st));
	int l;

	for (l = 0; l < LANG__MAX; l++)
		if ((st->sb[l] = sb_stemmer_new(algorithms[l], "UTF_8")) ==
		    NULL)
			die("libstemmer: cannot create the %s stemmer",
			    algorithms[l]);
	buf_init(&st->out, TOKEN_MAX * 4 + 16);
	return st;
}

void
stemmer_free(struct stemmer *st)
{
	int l;

	if (st == NULL)
		return;
	for (l = 0; l < LANG__MAX; l++)
		sb_stemmer_delete(st->sb[l]);
	buf_release(&st->out);
	free(st);
}

/* Accented endings folding removed, restored before stemming. */
static const struct {
	enum lang lang;
	const char *folded, *accented;
} endings[] = {
	{ LANG_ES, "cion", "ción" },
	{ LANG_ES, "sion", "sión" },
	{ LANG_PT, "coes", "ções" },
	{ LANG_PT, "cao", "ção" },
	{ LANG_PT, "soes", "sões" },
	{ LANG_PT, "sao", "são" },
	{ LANG_PT, "encia", "ência" },
	{ LANG_PT, "ancia", "ância" },
	{ LANG_PT, "avel", "ável" },
	{ LANG_PT, "ivel", "ível" },
};

/* Copies w into st->in with its ending re-accented; returns its length. */
static size_t
reaccent(struct stemmer *st, enum lang lang, const char *w, size_t len)
{
	size_t i, fl;

	memcpy(st->in, w, len);
	st->in[len] = '\0';
	for (i = 0; i < ARRAY_SIZE(endings); i++) {
		if (endings[i].lang != lang)
			continue;
		fl = strlen(endings[i].folded);
		if (len <= fl + 2 ||
		    memcmp(w + len - fl, endings[i].folded, fl))
			continue;
		memcpy(st->in + len - fl, endings[i].accented,
		    strlen(endings[i].accented) + 1);
		return len - fl + strlen(endings[i].accented);
	}
	return len;
}

const char *
stemmer_stem(struct stemmer *st, enum lang lang, const char *w, size_t len,
    size_t *out_len)
{
	const sb_symbol *r;
	size_t n, i, rl;

	if ((unsigned)lang >= LANG__MAX)
		lang = LANG_EN;
	if (len > TOKEN_MAX)
		len = TOKEN_MAX;
	n = reaccent(st, lang, w, len);
	r = sb_stemmer_stem(st->sb[lang], (const sb_symbol *)st->in, (int)n);
	buf_reset(&st->out);
	if (r == NULL) { /* out of memory inside libstemmer */
		buf_add(&st->out, w, len);
	} else {
		rl = (size_t)sb_stemmer_length(st->sb[lang]);
		for (i = 0; i < rl;) {
			uint32_t cp;
			size_t k =
			    utf8_decode((const char *)r + i, rl - i, &cp);

			if (k == 0)
				break;
			text_fold_cp(cp, &st->out);
			i += k;
		}
	}
	*out_len = st->out.len;
	return st->out.s;
}
