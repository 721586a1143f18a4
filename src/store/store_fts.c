/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * store_fts.c: the FTS5 tokenizer "cabildo" behind the organisers' text
 * search (proposal_fts, migration 0008), registered on every connection
 * the store opens, before migrations run.
 *
 * It splits text with src/text/tokenize.c (folded: lowercase, accents
 * removed, so "participação" and "participacao" are one word) and adds
 * Snowball stems (src/text/stem.c) as FTS5_TOKEN_COLOCATED synonyms, each
 * tagged with its language so that a Spanish stem only ever meets a
 * Spanish stem:
 *
 *   document  "Transparencia activa" (detected Spanish) gives
 *             transparencia es:transparent | activa es:activ
 *   query     "transparente" gives the alternatives
 *             transparente | es:transparent | en:transpar | pt:transparent
 *
 * A query word matches a document word when the folded words are equal or
 * when the word, read in the document's language, has the same stem.
 *
 * Documents: each column is given to lang_detect; with clear evidence
 * (confidence above FTS_LANG_CLEAR) only that language's stems are added,
 * otherwise (titles, short or mixed texts) the stems of all three, so
 * recall never depends on a guess.  Stop words of a language get no stem
 * in that language (the folded word still matches them).  A text that
 * tokenize() refuses (invalid UTF-8, NUL, over TEXT_MAX) is split around
 * the bad bytes and indexed piece by piece: a document never fails to
 * index, and the same text always gives the same tokens, which FTS5's
 * 'delete' of an external-content row needs.
 *
 * Queries: a bare term gives the folded word and its stem in es, en and
 * pt, colocated.  A prefix term (FTS5_TOKENIZE_PREFIX, `word*`) gives the
 * folded word only: the stem of a fragment means nothing, and a stem used
 * as a prefix ("es:cas" for "casa") would match unrelated words.  Phrases
 * work as usual, each position with its alternatives.
 */
#include "store/store_fts.h"

#include <stdlib.h>
#include <string.h>

#include "store/store_int.h"
#include "text/lang_detect.h"
#include "text/stem.h"
#include "text/tokenize.h"
#include "util/utf8.h"
#include "util/util.h"

/* lang_detect confidence above which a column is indexed in one language. */
#define FTS_LANG_CLEAR 0.5

struct fts_tok {
	struct stemmer *stem;
	struct tokens toks;
	struct buf tag; /* "es:" + stem */
};

/* The emit callback and its context, as FTS5 passes them. */
struct fts_sink {
	void *ctx;
	int (*token)(void *, int, const char *, int, int, int);
};

static int
fts_create(void *unused, const char **argv, int argc, Fts5Tokenizer **out)
{
	struct fts_tok *t;

	(void)unused;
	(void)argv;
	if (argc != 0) /* no options: refuse rather than ignore them */
		return SQLITE_ERROR;
	t = xcalloc(1, sizeof(*t));
	t->stem = stemmer_new();
	tokens_init(&t->toks);
	buf_init(&t->tag, TOKEN_MAX * 4 + 16);
	*out = (Fts5Tokenizer *)t;
	return SQLITE_OK;
}

static void
fts_delete(Fts5Tokenizer *tok)
{
	struct fts_tok *t = (struct fts_tok *)tok;

	if (t == NULL)
		return;
	stemmer_free(t->stem);
	tokens_release(&t->toks);
	buf_release(&t->tag);
	free(t);
}

/* Emits the tokens of t->toks, which start at byte base of the text. */
static int
emit(struct fts_tok *t, const struct fts_sink *s, size_t base, unsigned langs)
{
	size_t i, sl;
	const char *w, *stem;
	int l, rc;

	for (i = 0; i < t->toks.n; i++) {
		const struct token *k = &t->toks.v[i];
		int start = (int)(base + k->off), end = start + (int)k->len;

		w = tokens_word(&t->toks, i);
		if ((rc = s->token(s->ctx, 0, w, (int)k->nlen, start, end)) !=
		    SQLITE_OK)
			return rc;
		for (l = 0; l < LANG__MAX; l++) {
			if (!(langs & (1u << l)) ||
			    stopword((enum lang)l, w, k->nlen))
				continue;
			stem = stemmer_stem(
			    t->stem, (enum lang)l, w, k->nlen, &sl);
			buf_reset(&t->tag);
			buf_addstr(&t->tag, lang_code((enum lang)l));
			buf_addc(&t->tag, ':');
			buf_add(&t->tag, stem, sl);
			if (t->tag.overflow)
				continue;
			rc = s->token(s->ctx, FTS5_TOKEN_COLOCATED, t->tag.s,
			    (int)t->tag.len, start, end);
			if (rc != SQLITE_OK)
				return rc;
		}
	}
	return SQLITE_OK;
}

#define ALL_LANGS ((1u << LANG__MAX) - 1)

/*
 * Length of the longest prefix of s[0..len) that tokenize() accepts: valid
 * UTF-8, no NUL, at most TEXT_MAX bytes, cut between code points.
 */
static size_t
clean_prefix(const char *s, size_t len)
{
	size_t i = 0, n;
	uint32_t cp;

	if (len > TEXT_MAX)
		len = TEXT_MAX;
	while (i < len && s[i] != '\0' &&
	    (n = utf8_decode(s + i, len - i, &cp)) > 0)
		i += n;
	return i;
}

/* The fallback for a text tokenize() refuses: each clean piece alone. */
static int
emit_pieces(struct fts_tok *t, const struct fts_sink *s, const char *text,
    size_t len, unsigned langs)
{
	size_t at = 0, n;
	int rc;

	while (at < len) {
		n = clean_prefix(text + at, len - at);
		if (n > 0 &&
		    tokenize(text + at, n, TOK_KEEP_DIGITS, &t->toks) ==
			TEXT_OK &&
		    (rc = emit(t, s, at, langs)) != SQLITE_OK)
			return rc;
		at += n > 0 ? n : 1; /* skip one bad byte */
	}
	return SQLITE_OK;
}

static int
fts_tokenize(Fts5Tokenizer *tok, void *ctx, int flags, const char *text,
    int ntext, int (*token)(void *, int, const char *, int, int, int))
{
	struct fts_tok *t = (struct fts_tok *)tok;
	struct fts_sink s = { ctx, token };
	size_t len = ntext > 0 ? (size_t)ntext : 0;
	unsigned langs = ALL_LANGS;
	double conf = 0;
	enum lang l;

	if (text == NULL || len == 0)
		return SQLITE_OK;
	if (flags & FTS5_TOKENIZE_PREFIX)
		langs = 0; /* folded word only (see the top of this file) */
	if (tokenize(text, len, TOK_KEEP_DIGITS, &t->toks) != TEXT_OK)
		return emit_pieces(t, &s, text, len, langs);
	if ((flags & FTS5_TOKENIZE_DOCUMENT) ||
	    !(flags & FTS5_TOKENIZE_QUERY)) {
		l = lang_detect(&t->toks, LANG_ES, &conf);
		if (conf > FTS_LANG_CLEAR)
			langs = 1u << l;
	}
	return emit(t, &s, 0, langs);
}

static fts5_tokenizer fts_module = {
	fts_create,
	fts_delete,
	fts_tokenize,
};

/* The connection's fts5_api, the way the FTS5 documentation asks. */
static fts5_api *
fts5_api_of(sqlite3 *db)
{
	fts5_api *api = NULL;
	sqlite3_stmt *p = NULL;

	if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &p, NULL) ==
	    SQLITE_OK) {
		sqlite3_bind_pointer(p, 1, (void *)&api, "fts5_api_ptr", NULL);
		sqlite3_step(p);
	}
	sqlite3_finalize(p);
	return api;
}

int
store_fts_register(sqlite3 *db)
{
	fts5_api *api = fts5_api_of(db);

	if (api == NULL || api->iVersion < 2)
		return SQLITE_ERROR;
	return api->xCreateTokenizer(
	    api, STORE_FTS_TOKENIZER, NULL, &fts_module, NULL);
}

enum store_err
store_exec_trusted(struct store *st, const char *sql, struct buf *msg)
{
	char *err = NULL;
	int rc = sqlite3_exec(st->db, sql, NULL, NULL, &err);

	if (rc != SQLITE_OK && msg != NULL)
		buf_addf(msg, "%s", err != NULL ? err : sqlite3_errstr(rc));
	sqlite3_free(err);
	return store_map_rc(rc);
}
