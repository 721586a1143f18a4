/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * tokenize.h: the first step of cabildo's text pipeline.  A text becomes a
 * list of words, each folded for matching (lowercase, accents removed:
 * "Participación" and "participacion" both give "participacion") and each
 * remembering where it sits in the source, so that callers can show the
 * original spelling.  HTML tags and entities in abstracts can be skipped.
 * Stop words of Spanish, English and Portuguese are known here too.
 *
 * Pure: no I/O, no global state but read-only tables; thread-safe.
 *
 * Errors: a text must be valid UTF-8 without NUL bytes and at most
 * TEXT_MAX bytes; otherwise tokenize() fails and leaves no tokens.
 */
#ifndef CABILDO_TOKENIZE_H
#define CABILDO_TOKENIZE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/lang.h"
#include "util/buf.h"

/* Cap on one text: longer abstracts are refused, never truncated silently. */
#define TEXT_MAX ((size_t)256 << 10)
/* Longer folded words (URLs, hashes, base64) are dropped. */
#define TOKEN_MAX 48

enum text_err {
	TEXT_OK = 0,
	TEXT_ERR_EMPTY,  /* nothing to work with */
	TEXT_ERR_TOOBIG, /* over TEXT_MAX */
	TEXT_ERR_UTF8,   /* invalid UTF-8 */
	TEXT_ERR_NUL,    /* a NUL byte */
	TEXT_ERR__MAX
};

const char *text_strerror(enum text_err err);

enum tok_flags {
	TOK_STRIP_HTML = 1 << 0, /* skip <tags>, decode &entities; */
	TOK_KEEP_DIGITS = 1 << 1 /* keep all-digit words ("2030") */
};

struct token {
	size_t off, len;   /* the word in the source text, as written */
	size_t norm, nlen; /* the folded word: tokens.pool.s + norm */
};

/* Owns its arrays; tokens_release frees them. */
struct tokens {
	struct token *v;
	size_t n, cap;
	struct buf pool; /* folded words, each NUL-terminated */
	/* Counts of letters that mark a language: ñ ¿ ¡ for Spanish, ç ã õ for
	 * Portuguese; lang_detect reads them. */
	unsigned marks[LANG__MAX];
};

void tokens_init(struct tokens *t);
void tokens_release(struct tokens *t);

/* The folded word of token i, NUL-terminated. */
static inline const char *
tokens_word(const struct tokens *t, size_t i)
{
	return t->pool.s + t->v[i].norm;
}

/*
 * Splits s[0..len) into words, replacing the contents of out (which must be
 * tokens_init'ed).  Words are runs of letters and digits; one-letter words
 * and, unless TOK_KEEP_DIGITS, all-digit words are dropped.  An empty or
 * blank text is TEXT_OK with no tokens.
 */
enum text_err tokenize(
    const char *s, size_t len, enum tok_flags flags, struct tokens *out);

/*
 * Folds one code point for matching: appends its lowercase, unaccented form
 * to b and returns true when it is a letter or digit; returns false (adding
 * nothing) for separators.  Latin letters fold to ASCII ("ß" to "ss"); other
 * scripts are kept as they are.
 */
bool text_fold_cp(uint32_t cp, struct buf *b);

/* True when the folded word w[0..len) is a stop word of lang. */
bool stopword(enum lang lang, const char *w, size_t len);

/* Bit (1 << lang) per language w[0..len) is a stop word of. */
unsigned stopword_langs(const char *w, size_t len);

/* True when w is a stop word of any language cabildo speaks. */
bool stopword_any(const char *w, size_t len);

#endif
