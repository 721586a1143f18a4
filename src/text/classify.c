/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * classify.c: zero-shot BM25 against theme profiles, a linear SVM trained
 * by dual coordinate ascent, and the evaluation measures.
 */
#include "text/classify.h"

#include <math.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "text/lsa.h"
#include "util/buf.h"
#include "util/util.h"

void
linear_opts_default(struct linear_opts *o)
{
	o->c = 1.0;
	o->max_iter = 50;
	o->eps = 0.1;
	o->seed = 1;
	o->threads = 2;
}

void
linear_init(struct linear_model *m)
{
	memset(m, 0, sizeof(*m));
}

void
linear_release(struct linear_model *m)
{
	free(m->w);
	free(m->b);
	linear_init(m);
}

struct train_job {
	struct linear_model *m;
	const struct svec *x;
	const int *y;
	size_t n;
	const struct linear_opts *o;
	double *qd; /* ||x_i||^2 + 1 (bias) */
	pthread_mutex_t lock;
	size_t next_class;
};

static uint64_t
mix64(uint64_t x)
{
	x += 0x9e3779b97f4a7c15ull;
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
	x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
	return x ^ (x >> 31);
}

/*
 * One class against the rest: liblinear's dual coordinate descent for the
 * L2-loss SVM (Hsieh et al. 2008), with its shrinking of examples whose
 * multiplier stays at zero (most negatives of a class, quickly).
 */
static void
train_class(struct train_job *j, size_t cls, double *alpha, size_t *perm)
{
	float *w = j->m->w + cls * j->m->dim;
	double b = 0, dii = 0.5 / j->o->c;
	double pgmax_old = INFINITY;
	size_t i, it, n = j->n, active = n;
	uint64_t rs = mix64(j->o->seed ^ (cls + 1) * 0x2545f4914f6cdd1dull);
	bool any = false;

	for (i = 0; i < n; i++) {
		alpha[i] = 0;
		perm[i] = i;
		any |= j->y[i] == (int)cls;
	}
	if (!any) {
		j->m->b[cls] = -1;
		return;
	}
	for (it = 0; it < j->o->max_iter; it++) {
		double pgmax = -INFINITY, pgmin = INFINITY;

		for (i = active; i > 1; i--) {
			size_t r, t;

			rs = mix64(rs);
			r = (size_t)(rs % i);
			t = perm[i - 1];
			perm[i - 1] = perm[r];
			perm[r] = t;
		}
		for (i = 0; i < active; i++) {
			size_t e = perm[i], q;
			const struct svec *x = &j->x[e];
			double yi = j->y[e] == (int)cls ? 1.0 : -1.0;
			double g = b, pg = 0, old, d;

			for (q = 0; q < x->n; q++)
				g += (double)w[x->idx[q]] * x->val[q];
			g = yi * g - 1 + dii * alpha[e];
			if (alpha[e] == 0) {
				if (g > pgmax_old) {
					active--;
					perm[i] = perm[active];
					perm[active] = e;
					i--;
					continue;
				}
				if (g < 0)
					pg = g;
			} else {
				pg = g;
			}
			if (pg > pgmax)
				pgmax = pg;
			if (pg < pgmin)
				pgmin = pg;
			if (fabs(pg) < 1e-12)
				continue;
			old = alpha[e];
			alpha[e] = old - g / j->qd[e];
			if (alpha[e] < 0)
				alpha[e] = 0;
			d = (alpha[e] - old) * yi;
			for (q = 0; q < x->n; q++)
				w[x->idx[q]] += (float)(d * x->val[q]);
			b += d;
		}
		if (pgmax - pgmin <= j->o->eps) {
			if (active == n)
				break;
			active = n; /* converged on the active set: check all */
			pgmax_old = INFINITY;
			continue;
		}
		pgmax_old = pgmax > 0 ? pgmax : INFINITY;
	}
	j->m->b[cls] = (float)b;
}

static void *
train_worker(void *arg)
{
	struct train_job *j = arg;
	double *alpha = xreallocarray(NULL, j->n ? j->n : 1, sizeof(*alpha));
	size_t *perm = xreallocarray(NULL, j->n ? j->n : 1, sizeof(*perm));

	for (;;) {
		size_t cls;

		pthread_mutex_lock(&j->lock);
		cls = j->next_class++;
		pthread_mutex_unlock(&j->lock);
		if (cls >= j->m->k)
			break;
		train_class(j, cls, alpha, perm);
	}
	free(alpha);
	free(perm);
	return NULL;
}

void
linear_train(struct linear_model *m, const struct svec *x, const int *y,
    size_t n, size_t k, size_t dim, const struct linear_opts *o)
{
	struct linear_opts def;
	struct train_job j;
	pthread_t th[16];
	size_t i, q, nth, started = 0;

	if (o == NULL) {
		linear_opts_default(&def);
		o = &def;
	}
	linear_release(m);
	m->k = k;
	m->dim = dim;
	m->w = xcalloc(k * (dim ? dim : 1), sizeof(*m->w));
	m->b = xcalloc(k ? k : 1, sizeof(*m->b));
	memset(&j, 0, sizeof(j));
	j.m = m;
	j.x = x;
	j.y = y;
	j.n = n;
	j.o = o;
	j.qd = xreallocarray(NULL, n ? n : 1, sizeof(*j.qd));
	for (i = 0; i < n; i++) {
		double s = 1.0 + 0.5 / o->c;

		for (q = 0; q < x[i].n; q++)
			s += (double)x[i].val[q] * x[i].val[q];
		j.qd[i] = s;
	}
	pthread_mutex_init(&j.lock, NULL);
	nth = o->threads == 0 ? 1 : o->threads;
	if (nth > ARRAY_SIZE(th))
		nth = ARRAY_SIZE(th);
	if (nth > k)
		nth = k ? k : 1;
	for (i = 1; i < nth; i++)
		if (pthread_create(&th[i], NULL, train_worker, &j) == 0)
			started = i;
		else
			break;
	train_worker(&j);
	for (i = 1; i <= started; i++)
		pthread_join(th[i], NULL);
	pthread_mutex_destroy(&j.lock);
	free(j.qd);
}

void
linear_scores(
    const struct linear_model *m, const struct svec *x, double *scores)
{
	size_t c, q;

	for (c = 0; c < m->k; c++) {
		const float *w = m->w + c * m->dim;
		double s = m->b[c];

		for (q = 0; q < x->n; q++)
			if (x->idx[q] < m->dim)
				s += (double)w[x->idx[q]] * x->val[q];
		scores[c] = s;
	}
}

/* Zero-shot. */

struct zeroshot {
	struct analyzer *an;
	size_t k;
	struct terms *prof; /* k profiles' terms, kept to rebuild */
	struct tfidf vocab; /* terms of all profiles, idf unused */
	float *tf;          /* k rows of vocab.dim (weighted) counts */
	double *len;        /* profile lengths in terms */
	double avglen;
	double *idf; /* BM25 idf over the k profiles */
	struct terms scratch;
};

#define BM25_K1 1.2
#define BM25_B  0.75

static void
zs_clear_index(struct zeroshot *zs)
{
	tfidf_release(&zs->vocab);
	free(zs->tf);
	free(zs->len);
	free(zs->idf);
	zs->tf = NULL;
	zs->len = zs->idf = NULL;
	zs->avglen = 0;
}

/*
 * (Re)builds the BM25 index from the profiles plus, when extra is not
 * NULL, extra[i] terms added to profile i with weight extra_w[i] each.
 */
static void
zs_build(struct zeroshot *zs, const struct terms *extra, const double *extra_w)
{
	size_t k = zs->k, i, q, dim;
	struct terms *all = xcalloc(2 * k + 1, sizeof(*all));

	zs_clear_index(zs);
	for (i = 0; i < k; i++) {
		all[i] = zs->prof[i];
		if (extra != NULL)
			all[k + i] = extra[i];
	}
	tfidf_fit(&zs->vocab, all, extra != NULL ? 2 * k : k, 1);
	dim = zs->vocab.dim ? zs->vocab.dim : 1;
	zs->tf = xcalloc(k * dim, sizeof(*zs->tf));
	zs->len = xcalloc(k ? k : 1, sizeof(*zs->len));
	zs->idf = xcalloc(dim, sizeof(*zs->idf));
	for (i = 0; i < k; i++) {
		for (q = 0; q < zs->prof[i].n; q++)
			zs->tf[i * dim +
			    (size_t)tfidf_id(&zs->vocab, zs->prof[i].v[q])] +=
			    1;
		zs->len[i] = (double)zs->prof[i].n;
		if (extra != NULL) {
			for (q = 0; q < extra[i].n; q++)
				zs->tf[i * dim +
				    (size_t)tfidf_id(&zs->vocab,
					extra[i].v[q])] += (float)extra_w[i];
			zs->len[i] += extra_w[i] * (double)extra[i].n;
		}
		zs->avglen += zs->len[i] / (double)k;
	}
	for (q = 0; q < zs->vocab.dim; q++) {
		double df = 0;

		for (i = 0; i < k; i++)
			df += zs->tf[i * dim + q] > 0;
		zs->idf[q] = log(1.0 + ((double)k - df + 0.5) / (df + 0.5));
	}
	if (zs->avglen <= 0)
		zs->avglen = 1;
	free(all);
}

struct zeroshot *
zeroshot_new(const char *const (*texts)[LANG__MAX], size_t k)
{
	struct zeroshot *zs = xcalloc(1, sizeof(*zs));
	struct terms one = { 0 };
	size_t i, q;
	int l;

	zs->an = analyzer_new(CLASSIFY_ZEROSHOT_FLAGS);
	zs->k = k;
	zs->prof = xcalloc(k ? k : 1, sizeof(*zs->prof));
	for (i = 0; i < k; i++) {
		struct terms *d = &zs->prof[i];

		for (l = 0; l < LANG__MAX; l++) {
			const char *t = texts[i][l];

			if (t == NULL ||
			    analyzer_terms(zs->an, t, strlen(t), l,
				(enum lang)l, &one, NULL) != TEXT_OK)
				continue;
			for (q = 0; q < one.n; q++) {
				XGROW(d->v, d->cap, d->n + 1);
				d->v[d->n++] = one.v[q];
			}
		}
	}
	tfidf_init(&zs->vocab);
	zs_build(zs, NULL, NULL);
	terms_release(&one);
	return zs;
}

static void
add_text(struct buf *b, const char *s, int times)
{
	if (s == NULL || *s == '\0')
		return;
	while (times-- > 0) {
		buf_addstr(b, s);
		buf_addstr(b, ".\n");
	}
}

struct zeroshot *
zeroshot_from_event(const struct event *ev)
{
	size_t k = ev->nthemes, i, j;
	const char *(*texts)[LANG__MAX] = xcalloc(k ? k : 1, sizeof(*texts));
	struct buf *bufs = xcalloc(k * LANG__MAX + 1, sizeof(*bufs));
	struct zeroshot *zs;
	int l;

	for (i = 0; i < k; i++) {
		const struct theme *t = &ev->themes[i];

		for (l = 0; l < LANG__MAX; l++) {
			struct buf *b = &bufs[i * LANG__MAX + (size_t)l];

			buf_init(b, TEXT_MAX);
			add_text(b, t->name.text[l], 2);
			add_text(b, t->description.text[l], 1);
			for (j = 0; j < t->nsubtopics; j++)
				add_text(b, t->subtopics[j].name.text[l], 1);
			texts[i][l] = b->len > 0 ? b->s : NULL;
		}
	}
	zs = zeroshot_new((const char *const(*)[LANG__MAX])texts, k);
	for (i = 0; i < k * LANG__MAX; i++)
		buf_release(&bufs[i]);
	free(bufs);
	free(texts);
	return zs;
}

void
zeroshot_free(struct zeroshot *zs)
{
	size_t i;

	if (zs == NULL)
		return;
	analyzer_free(zs->an);
	zs_clear_index(zs);
	for (i = 0; i < zs->k; i++)
		terms_release(&zs->prof[i]);
	free(zs->prof);
	terms_release(&zs->scratch);
	free(zs);
}

size_t
zeroshot_size(const struct zeroshot *zs)
{
	return zs->k;
}

static int
cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return (x > y) - (x < y);
}

enum text_err
zeroshot_scores(struct zeroshot *zs, const char *s, size_t len,
    enum lang fallback, double *scores, struct analysis *info)
{
	struct terms *t = &zs->scratch;
	enum text_err e;
	size_t i, c;

	for (c = 0; c < zs->k; c++)
		scores[c] = 0;
	e = analyzer_terms(zs->an, s, len, -1, fallback, t, info);
	if (e != TEXT_OK)
		return e;
	if (t->n > 1)
		qsort(t->v, t->n, sizeof(*t->v), cmp_u64);
	for (i = 0; i < t->n;) {
		size_t j = i;
		long id;
		double qw;

		while (j < t->n && t->v[j] == t->v[i])
			j++;
		id = tfidf_id(&zs->vocab, t->v[i]);
		qw = 1.0 + log((double)(j - i));
		i = j;
		if (id < 0)
			continue;
		for (c = 0; c < zs->k; c++) {
			double tf = zs->tf[c * zs->vocab.dim + (size_t)id];

			if (tf == 0)
				continue;
			scores[c] += qw * zs->idf[id] * tf * (BM25_K1 + 1) /
			    (tf +
				BM25_K1 *
				    (1 - BM25_B +
					BM25_B * zs->len[c] / zs->avglen));
		}
	}
	return TEXT_OK;
}

/* Adds weight x the latent cosine of each text and profile to scores. */
static void
zs_add_latent(struct zeroshot *zs, const char *const *texts, size_t n,
    enum lang fallback, double weight, double *scores)
{
	struct analyzer *an =
	    analyzer_new(CLASSIFY_ZEROSHOT_FLAGS & ~AN_BIGRAMS);
	struct terms *t = xcalloc(n + 1, sizeof(*t));
	struct svec *x = xcalloc(n + 1, sizeof(*x));
	struct svec pv = { 0 };
	size_t k = zs->k, i, c, a, dims;
	double *prof, *z;
	struct tfidf m;
	struct lsa *l;

	tfidf_init(&m);
	for (i = 0; i < n; i++)
		(void)analyzer_terms(
		    an, texts[i], strlen(texts[i]), -1, fallback, &t[i], NULL);
	tfidf_fit(&m, t, n, 1);
	for (i = 0; i < n; i++)
		tfidf_vector(&m, &t[i], &x[i]);
	l = lsa_fit(x, n, ZS_LSA_DIMS);
	dims = lsa_dims(l);
	prof = xcalloc(k * dims + 1, sizeof(*prof));
	z = xcalloc(dims + 1, sizeof(*z));
	for (c = 0; c < k; c++) {
		tfidf_vector(&m, &zs->prof[c], &pv); /* bigrams: not in m */
		lsa_project(l, &pv, prof + c * dims);
	}
	for (i = 0; i < n; i++) {
		lsa_project(l, &x[i], z);
		for (c = 0; c < k; c++) {
			double cos = 0;

			for (a = 0; a < dims; a++)
				cos += z[a] * prof[c * dims + a];
			scores[i * k + c] += weight * cos;
		}
	}
	lsa_free(l);
	for (i = 0; i < n; i++) {
		terms_release(&t[i]);
		svec_release(&x[i]);
	}
	svec_release(&pv);
	tfidf_release(&m);
	analyzer_free(an);
	free(t);
	free(x);
	free(prof);
	free(z);
}

void
zeroshot_pool_scores(struct zeroshot *zs, const char *const *texts, size_t n,
    enum lang fallback, double *scores)
{
	size_t k = zs->k, i;

	for (i = 0; i < n; i++) {
		if (zeroshot_scores(zs, texts[i], strlen(texts[i]), fallback,
			scores + i * k, NULL) != TEXT_OK)
			memset(scores + i * k, 0, k * sizeof(*scores));
		classify_normalize(scores + i * k, k, 0);
	}
	if (n >= ZS_LSA_MIN_POOL)
		zs_add_latent(zs, texts, n, fallback, ZS_LSA_WEIGHT, scores);
	for (i = 0; i < n; i++)
		classify_normalize(scores + i * k, k, 0);
}

void
classify_normalize(double *scores, size_t k, double t)
{
	double sum = 0, max = -INFINITY;
	size_t i;

	if (k == 0)
		return;
	if (t <= 0) {
		for (i = 0; i < k; i++)
			sum += scores[i] > 0 ? scores[i] : 0;
		for (i = 0; i < k; i++)
			scores[i] =
			    sum > 0 && scores[i] > 0 ? scores[i] / sum : 0;
		return;
	}
	for (i = 0; i < k; i++)
		if (scores[i] > max)
			max = scores[i];
	for (i = 0; i < k; i++) {
		scores[i] = exp((scores[i] - max) / t);
		sum += scores[i];
	}
	for (i = 0; i < k; i++)
		scores[i] /= sum;
}

void
classify_combine(double *sup, const double *prior, size_t k, double weight)
{
	size_t i;

	for (i = 0; i < k; i++)
		sup[i] += weight * prior[i];
}

size_t
classify_rank(const double *scores, size_t k, size_t r)
{
	size_t i, q;

	if (r >= k)
		r = k ? k - 1 : 0;
	/* k is small (themes, tracks): count who is ahead of each. */
	for (i = 0; i < k; i++) {
		size_t ahead = 0;

		for (q = 0; q < k; q++) {
			bool before = q < i;

			if (before ? scores[q] >= scores[i]
				   : scores[q] > scores[i])
				ahead++;
		}
		if (ahead == r)
			return i;
	}
	return 0;
}

void
classify_evaluate(const double *scores, const int *truth, size_t n, size_t k,
    struct classify_eval *out)
{
	size_t *tp = xcalloc(k + 1, sizeof(*tp));
	size_t *fp = xcalloc(k + 1, sizeof(*fp));
	size_t *fn = xcalloc(k + 1, sizeof(*fn));
	size_t i, c, hit1 = 0, hit3 = 0, classes = 0;
	double f1 = 0;

	for (i = 0; i < n; i++) {
		const double *s = scores + i * k;
		int t = truth[i];
		size_t above = 0, pred = 0;

		for (c = 0; c < k; c++) {
			if (s[c] > s[pred])
				pred = c;
			if ((int)c != t && t >= 0 && (size_t)t < k &&
			    (s[c] > s[t] || (s[c] == s[t] && (int)c < t)))
				above++;
		}
		if (t < 0 || (size_t)t >= k)
			above = k; /* a label the model cannot know */
		hit1 += above == 0;
		hit3 += above < 3;
		if ((int)pred == t) {
			tp[pred]++;
		} else {
			fp[pred]++;
			if (t >= 0 && (size_t)t < k)
				fn[t]++;
		}
	}
	for (c = 0; c < k; c++) {
		if (tp[c] + fp[c] + fn[c] == 0)
			continue;
		classes++;
		if (tp[c] > 0)
			f1 += 2.0 * (double)tp[c] /
			    (double)(2 * tp[c] + fp[c] + fn[c]);
	}
	out->top1 = n ? (double)hit1 / (double)n : 0;
	out->top3 = n ? (double)hit3 / (double)n : 0;
	out->macro_f1 = classes ? f1 / (double)classes : 0;
	free(tp);
	free(fp);
	free(fn);
}

size_t
classify_suggest(const struct event *ev, const char *const *texts,
    const int *labels, size_t n, double prior_weight, double *shares)
{
	size_t k = ev->nthemes, i, c, nl = 0, seen = 0;
	struct zeroshot *zs = zeroshot_from_event(ev);
	struct analyzer *an = NULL;
	struct terms *t = NULL;
	struct svec *x = NULL, v = { 0 };
	int *y = NULL;
	bool *has = xcalloc(k + 1, sizeof(*has));
	double *sup = xcalloc(k + 1, sizeof(*sup));
	struct tfidf m;
	struct linear_model lm;

	tfidf_init(&m);
	linear_init(&lm);
	zeroshot_pool_scores(zs, texts, n, ev->default_lang, shares);
	for (i = 0; i < n; i++) {
		if (labels != NULL && labels[i] >= 0 && (size_t)labels[i] < k) {
			seen += !has[labels[i]];
			has[labels[i]] = true;
			nl++;
		}
	}
	if (seen < 2)
		goto out;
	an = analyzer_new(CLASSIFY_SUPERVISED_FLAGS);
	t = xcalloc(n, sizeof(*t));
	x = xcalloc(nl, sizeof(*x));
	y = xcalloc(nl, sizeof(*y));
	for (i = 0; i < n; i++)
		(void)analyzer_terms(an, texts[i], strlen(texts[i]), -1,
		    ev->default_lang, &t[i], NULL);
	{
		struct terms *lt = xcalloc(nl, sizeof(*lt));
		size_t j = 0;

		for (i = 0; i < n; i++)
			if (labels[i] >= 0 && (size_t)labels[i] < k) {
				lt[j] = t[i];
				y[j++] = labels[i];
			}
		tfidf_fit(&m, lt, nl, 1);
		for (j = 0; j < nl; j++)
			tfidf_vector(&m, &lt[j], &x[j]);
		free(lt); /* the terms belong to t */
	}
	linear_train(&lm, x, y, nl, k, m.dim, NULL);
	for (i = 0; i < n; i++) {
		double *row = shares + i * k;

		tfidf_vector(&m, &t[i], &v);
		if (v.n == 0)
			continue; /* nothing the model knows: keep the prior */
		linear_scores(&lm, &v, sup);
		for (c = 0; c < k; c++)
			if (!has[c])
				sup[c] = -INFINITY;
		classify_normalize(sup, k, 0.5);
		classify_combine(sup, row, k, prior_weight);
		for (c = 0; c < k; c++)
			row[c] = sup[c] / (1 + prior_weight);
	}
out:
	for (i = 0; t != NULL && i < n; i++)
		terms_release(&t[i]);
	for (i = 0; x != NULL && i < nl; i++)
		svec_release(&x[i]);
	svec_release(&v);
	free(t);
	free(x);
	free(y);
	free(has);
	free(sup);
	tfidf_release(&m);
	linear_release(&lm);
	analyzer_free(an);
	zeroshot_free(zs);
	return seen < 2 ? 0 : nl;
}
