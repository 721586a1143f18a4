/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * index.c: analyzer (tokenize, detect, stop, stem, bigrams) and TF-IDF.
 */
#include "text/index.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "text/lang_detect.h"
#include "text/stem.h"
#include "util/util.h"

#define STEM_CACHE 8192 /* direct-mapped, power of two */

struct analyzer {
	enum analyzer_flags flags;
	struct stemmer *st;
	struct tokens tk;
	/* Word hash (with the language) to stem hash, 0 for a stop word:
	 * most words of a corpus repeat, and stemming is most of the
	 * analysis time. */
	uint64_t cache_key[STEM_CACHE];
	uint64_t cache_val[STEM_CACHE];
};

void
terms_release(struct terms *t)
{
	free(t->v);
	memset(t, 0, sizeof(*t));
}

struct analyzer *
analyzer_new(enum analyzer_flags flags)
{
	struct analyzer *a = xcalloc(1, sizeof(*a));

	a->flags = flags;
	if (!(flags & AN_NO_STEM))
		a->st = stemmer_new();
	tokens_init(&a->tk);
	return a;
}

void
analyzer_free(struct analyzer *a)
{
	if (a == NULL)
		return;
	stemmer_free(a->st);
	tokens_release(&a->tk);
	free(a);
}

static uint64_t
hash_bytes(const char *s, size_t n)
{
	uint64_t h = 14695981039346656037ull;
	size_t i;

	for (i = 0; i < n; i++)
		h = (h ^ (uint8_t)s[i]) * 1099511628211ull;
	return h == 0 ? 1 : h;
}

static uint64_t
hash_pair(uint64_t a, uint64_t b)
{
	uint64_t h = a * 0x9e3779b97f4a7c15ull ^
	    (b + 0x632be59bd9b4e019ull + (a << 6) + (a >> 2));

	h ^= h >> 31;
	h *= 0xbf58476d1ce4e5b9ull;
	h ^= h >> 29;
	return h == 0 ? 2 : h;
}

/* Bytes of the first chars code points of the UTF-8 word w[0..n). */
static size_t
prefix_len(const char *w, size_t n, size_t chars)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (((unsigned char)w[i] & 0xc0) != 0x80 && chars-- == 0)
			return i;
	return n;
}

static void
terms_push(struct terms *t, uint64_t h)
{
	XGROW(t->v, t->cap, t->n + 1);
	t->v[t->n++] = h;
}

enum text_err
analyzer_terms(struct analyzer *a, const char *s, size_t len, int lang,
    enum lang fallback, struct terms *out, struct analysis *info)
{
	struct analysis dummy;
	enum text_err e;
	size_t i;
	uint64_t prev = 0;

	if (info == NULL)
		info = &dummy;
	out->n = 0;
	e = tokenize(s, len,
	    (a->flags & AN_STRIP_HTML) ? TOK_STRIP_HTML : (enum tok_flags)0,
	    &a->tk);
	info->words = a->tk.n;
	if (e != TEXT_OK) {
		info->lang = fallback;
		info->lang_conf = 0;
		return e;
	}
	if (lang >= 0 && lang < LANG__MAX) {
		info->lang = (enum lang)lang;
		info->lang_conf = 1;
	} else {
		info->lang = lang_detect(&a->tk, fallback, &info->lang_conf);
	}
	for (i = 0; i < a->tk.n; i++) {
		const char *w = tokens_word(&a->tk, i);
		size_t n = a->tk.v[i].nlen;
		uint64_t h = hash_bytes(w, n);
		uint64_t key =
		    h ^ ((uint64_t)info->lang + 1) * 0x9e3779b97f4a7c15ull;
		size_t slot = (size_t)(key >> 40) & (STEM_CACHE - 1);

		if (a->cache_key[slot] == key) {
			h = a->cache_val[slot];
		} else {
			if (stopword_any(w, n)) {
				h = 0;
			} else {
				if (a->st != NULL)
					w = stemmer_stem(
					    a->st, info->lang, w, n, &n);
				if (a->flags & AN_PREFIX)
					n = prefix_len(w, n, AN_PREFIX_CHARS);
				h = n > 0 ? hash_bytes(w, n) : 0;
			}
			a->cache_key[slot] = key;
			a->cache_val[slot] = h;
		}
		if (h == 0) {
			prev = 0; /* no bigram across a stop word */
			continue;
		}
		terms_push(out, h);
		if ((a->flags & AN_BIGRAMS) && prev != 0)
			terms_push(out, hash_pair(prev, h));
		prev = h;
	}
	return TEXT_OK;
}

void
svec_release(struct svec *v)
{
	free(v->idx);
	free(v->val);
	memset(v, 0, sizeof(*v));
}

double
svec_dot(const struct svec *a, const struct svec *b)
{
	size_t i = 0, j = 0;
	double s = 0;

	while (i < a->n && j < b->n) {
		if (a->idx[i] == b->idx[j])
			s += (double)a->val[i++] * b->val[j++];
		else if (a->idx[i] < b->idx[j])
			i++;
		else
			j++;
	}
	return s;
}

void
tfidf_init(struct tfidf *m)
{
	memset(m, 0, sizeof(*m));
}

void
tfidf_release(struct tfidf *m)
{
	free(m->keys);
	free(m->ids);
	free(m->idf);
	tfidf_init(m);
}

/* A plain hash map from term to counter, for fitting. */
struct counter {
	uint64_t *keys;
	uint32_t *val;
	uint32_t *last; /* last document that counted the key */
	size_t cap, n;
};

static size_t
slot_of(uint64_t key, size_t cap)
{
	return (size_t)((key * 0x9e3779b97f4a7c15ull) >> 17) & (cap - 1);
}

static void counter_grow(struct counter *c);

static size_t
counter_slot(struct counter *c, uint64_t key)
{
	size_t h;

	if ((c->n + 1) * 2 > c->cap)
		counter_grow(c);
	h = slot_of(key, c->cap);
	while (c->keys[h] != 0 && c->keys[h] != key)
		h = (h + 1) & (c->cap - 1);
	if (c->keys[h] == 0) {
		c->keys[h] = key;
		c->val[h] = 0;
		c->last[h] = UINT32_MAX;
		c->n++;
	}
	return h;
}

static void
counter_grow(struct counter *c)
{
	struct counter old = *c;
	size_t i;

	c->cap = old.cap == 0 ? 1024 : old.cap * 2;
	c->keys = xcalloc(c->cap, sizeof(*c->keys));
	c->val = xcalloc(c->cap, sizeof(*c->val));
	c->last = xcalloc(c->cap, sizeof(*c->last));
	c->n = 0;
	for (i = 0; i < old.cap; i++) {
		if (old.keys[i] != 0) {
			size_t h = counter_slot(c, old.keys[i]);

			c->val[h] = old.val[i];
			c->last[h] = old.last[i];
		}
	}
	free(old.keys);
	free(old.val);
	free(old.last);
}

void
tfidf_fit(struct tfidf *m, const struct terms *docs, size_t n, unsigned min_df)
{
	struct counter c = { 0 };
	size_t d, i, kept = 0;

	tfidf_release(m);
	for (d = 0; d < n; d++) {
		for (i = 0; i < docs[d].n; i++) {
			size_t h = counter_slot(&c, docs[d].v[i]);

			if (c.last[h] != (uint32_t)d) {
				c.last[h] = (uint32_t)d;
				c.val[h]++;
			}
		}
	}
	for (i = 0; i < c.cap; i++)
		if (c.keys[i] != 0 && c.val[i] >= min_df)
			kept++;
	m->cap = 16;
	while (m->cap < kept * 2)
		m->cap *= 2;
	m->keys = xcalloc(m->cap, sizeof(*m->keys));
	m->ids = xcalloc(m->cap, sizeof(*m->ids));
	m->idf = xcalloc(kept > 0 ? kept : 1, sizeof(*m->idf));
	m->ndocs = n;
	for (i = 0; i < c.cap; i++) {
		size_t h;

		if (c.keys[i] == 0 || c.val[i] < min_df)
			continue;
		h = slot_of(c.keys[i], m->cap);
		while (m->keys[h] != 0)
			h = (h + 1) & (m->cap - 1);
		m->keys[h] = c.keys[i];
		m->ids[h] = (uint32_t)m->dim;
		/* sklearn's smooth idf, so that figures compare. */
		m->idf[m->dim] =
		    (float)(log((1.0 + (double)n) / (1.0 + (double)c.val[i])) +
			1.0);
		m->dim++;
	}
	free(c.keys);
	free(c.val);
	free(c.last);
}

long
tfidf_id(const struct tfidf *m, uint64_t term)
{
	size_t h;

	if (m->cap == 0)
		return -1;
	h = slot_of(term, m->cap);
	while (m->keys[h] != 0) {
		if (m->keys[h] == term)
			return (long)m->ids[h];
		h = (h + 1) & (m->cap - 1);
	}
	return -1;
}

static int
cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return (x > y) - (x < y);
}

void
tfidf_vector(const struct tfidf *m, const struct terms *t, struct svec *out)
{
	uint32_t *ids;
	size_t i, n = 0, k = 0;
	double norm = 0;

	svec_release(out);
	if (t->n == 0)
		return;
	ids = xreallocarray(NULL, t->n, sizeof(*ids));
	for (i = 0; i < t->n; i++) {
		long id = tfidf_id(m, t->v[i]);

		if (id >= 0)
			ids[n++] = (uint32_t)id;
	}
	if (n == 0) {
		free(ids);
		return;
	}
	qsort(ids, n, sizeof(*ids), cmp_u32);
	out->idx = xreallocarray(NULL, n, sizeof(*out->idx));
	out->val = xreallocarray(NULL, n, sizeof(*out->val));
	for (i = 0; i < n;) {
		size_t j = i;
		double w;

		while (j < n && ids[j] == ids[i])
			j++;
		w = (1.0 + log((double)(j - i))) * m->idf[ids[i]];
		out->idx[k] = ids[i];
		out->val[k] = (float)w;
		norm += w * w;
		k++;
		i = j;
	}
	out->n = k;
	norm = sqrt(norm);
	for (i = 0; i < k; i++)
		out->val[i] = (float)(out->val[i] / norm);
	free(ids);
}
