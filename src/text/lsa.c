/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * lsa.c: see lsa.h.  Dense k-column blocks over sparse rows: a call for
 * proposals has hundreds of texts and thousands of terms, k is 50.
 */
#include "text/lsa.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "util/rng.h"
#include "util/util.h"

#define LSA_ITERS 20
#define LSA_EPS   1e-9

struct lsa {
	size_t dim, k;
	double *vk; /* dim rows of k: V_k, the terms' latent directions */
};

/* Orthonormalises the k columns of q (n rows, row-major), modified
 * Gram-Schmidt on a transposed copy t (k x n) so that each column is
 * contiguous; a column that vanishes becomes zero. */
static void
orthonormalise(double *q, double *t, size_t n, size_t k)
{
	size_t a, b, i;

	for (i = 0; i < n; i++)
		for (a = 0; a < k; a++)
			t[a * n + i] = q[i * k + a];
	for (a = 0; a < k; a++) {
		double *ca = t + a * n, norm = 0;

		for (b = 0; b < a; b++) {
			const double *cb = t + b * n;
			double d = 0;

			for (i = 0; i < n; i++)
				d += ca[i] * cb[i];
			for (i = 0; i < n; i++)
				ca[i] -= d * cb[i];
		}
		for (i = 0; i < n; i++)
			norm += ca[i] * ca[i];
		norm = sqrt(norm);
		for (i = 0; i < n; i++)
			ca[i] = norm > LSA_EPS ? ca[i] / norm : 0;
	}
	for (i = 0; i < n; i++)
		for (a = 0; a < k; a++)
			q[i * k + a] = t[a * n + i];
}

/* b = X^T q: X is n sparse rows over dim terms, q n x k, b dim x k. */
static void
xt_times(const struct svec *x, size_t n, const double *q, double *b, size_t dim,
    size_t k)
{
	size_t i, j, a;

	memset(b, 0, dim * k * sizeof(*b));
	for (i = 0; i < n; i++)
		for (j = 0; j < x[i].n; j++) {
			double v = x[i].val[j];
			double *row = b + (size_t)x[i].idx[j] * k;

			for (a = 0; a < k; a++)
				row[a] += v * q[i * k + a];
		}
}

/* z = X b: b dim x k, z n x k. */
static void
x_times(const struct svec *x, size_t n, const double *b, double *z, size_t k)
{
	size_t i, j, a;

	memset(z, 0, n * k * sizeof(*z));
	for (i = 0; i < n; i++)
		for (j = 0; j < x[i].n; j++) {
			double v = x[i].val[j];
			const double *row = b + (size_t)x[i].idx[j] * k;

			for (a = 0; a < k; a++)
				z[i * k + a] += v * row[a];
		}
}

/*
 * Eigen-decomposition of the symmetric k x k matrix h by cyclic Jacobi
 * rotations: h becomes diagonal (the eigenvalues), w (k x k, columns)
 * the eigenvectors.
 */
static void
jacobi(double *h, double *w, size_t k)
{
	size_t p, q, i, sweep;

	for (i = 0; i < k * k; i++)
		w[i] = i % (k + 1) == 0;
	for (sweep = 0; sweep < 60; sweep++) {
		double off = 0;

		for (p = 0; p < k; p++)
			for (q = p + 1; q < k; q++)
				off += h[p * k + q] * h[p * k + q];
		if (off < 1e-22)
			break;
		for (p = 0; p < k; p++)
			for (q = p + 1; q < k; q++) {
				double apq = h[p * k + q], theta, t, c, s;

				if (fabs(apq) < 1e-300)
					continue;
				theta =
				    (h[q * k + q] - h[p * k + p]) / (2 * apq);
				t = (theta >= 0 ? 1.0 : -1.0) /
				    (fabs(theta) + sqrt(theta * theta + 1));
				c = 1 / sqrt(t * t + 1);
				s = t * c;
				for (i = 0; i < k; i++) {
					double hip = h[i * k + p];
					double hiq = h[i * k + q];

					h[i * k + p] = c * hip - s * hiq;
					h[i * k + q] = s * hip + c * hiq;
				}
				for (i = 0; i < k; i++) {
					double hpi = h[p * k + i];
					double hqi = h[q * k + i];

					h[p * k + i] = c * hpi - s * hqi;
					h[q * k + i] = s * hpi + c * hqi;
				}
				for (i = 0; i < k; i++) {
					double wip = w[i * k + p];
					double wiq = w[i * k + q];

					w[i * k + p] = c * wip - s * wiq;
					w[i * k + q] = s * wip + c * wiq;
				}
			}
	}
}

struct lsa *
lsa_fit(const struct svec *x, size_t n, size_t k)
{
	struct lsa *m = xcalloc(1, sizeof(*m));
	double *q, *t, *b, *h, *w, *ev;
	size_t i, j, a, c, it, dim = 0, kept = 0;
	struct rng r;

	if (n > LSA_MAX_POOL)
		n = LSA_MAX_POOL;
	for (i = 0; i < n; i++)
		for (j = 0; j < x[i].n; j++)
			if ((size_t)x[i].idx[j] + 1 > dim)
				dim = (size_t)x[i].idx[j] + 1;
	if (k > n)
		k = n;
	if (k > dim)
		k = dim;
	m->dim = dim;
	if (k == 0)
		return m;
	q = xreallocarray(NULL, n * k, sizeof(*q));
	t = xreallocarray(NULL, n * k, sizeof(*t));
	b = xreallocarray(NULL, dim * k, sizeof(*b));
	rng_seed(&r, 0x15a);
	for (i = 0; i < n * k; i++)
		q[i] = rng_double(&r) - 0.5;
	orthonormalise(q, t, n, k);
	for (it = 0; it < LSA_ITERS; it++) { /* q <- orth(X X^T q) */
		xt_times(x, n, q, b, dim, k);
		x_times(x, n, b, q, k);
		orthonormalise(q, t, n, k);
	}
	/* Rayleigh-Ritz: h = q^T X X^T q = b^T b, whose eigenvectors w
	 * rotate q into U; then V_k = X^T U S^-1 = b w S^-1. */
	xt_times(x, n, q, b, dim, k);
	h = xcalloc(k * k, sizeof(*h));
	w = xcalloc(k * k, sizeof(*w));
	for (i = 0; i < dim; i++)
		for (a = 0; a < k; a++)
			for (c = a; c < k; c++)
				h[a * k + c] += b[i * k + a] * b[i * k + c];
	for (a = 0; a < k; a++)
		for (c = 0; c < a; c++)
			h[a * k + c] = h[c * k + a];
	jacobi(h, w, k);
	ev = xcalloc(k, sizeof(*ev));
	for (a = 0; a < k; a++)
		ev[a] = h[a * k + a];
	m->vk = xcalloc(dim * k, sizeof(*m->vk));
	for (a = 0; a < k; a++) {
		double s;

		if (ev[a] <= LSA_EPS)
			continue; /* a direction the pool does not have */
		s = sqrt(ev[a]);
		for (i = 0; i < dim; i++) {
			double v = 0;

			for (c = 0; c < k; c++)
				v += b[i * k + c] * w[c * k + a];
			m->vk[i * k + kept] = v / s;
		}
		kept++;
	}
	m->k = k; /* columns past kept stay zero */
	free(q);
	free(t);
	free(b);
	free(h);
	free(w);
	free(ev);
	return m;
}

void
lsa_free(struct lsa *m)
{
	if (m == NULL)
		return;
	free(m->vk);
	free(m);
}

size_t
lsa_dims(const struct lsa *m)
{
	return m->k;
}

void
lsa_project(const struct lsa *m, const struct svec *v, double *out)
{
	size_t j, a;
	double norm = 0;

	for (a = 0; a < m->k; a++)
		out[a] = 0;
	for (j = 0; j < v->n; j++) {
		const double *row;

		if ((size_t)v->idx[j] >= m->dim)
			continue;
		row = m->vk + (size_t)v->idx[j] * m->k;
		for (a = 0; a < m->k; a++)
			out[a] += v->val[j] * row[a];
	}
	for (a = 0; a < m->k; a++)
		norm += out[a] * out[a];
	norm = sqrt(norm);
	for (a = 0; norm > 0 && a < m->k; a++)
		out[a] /= norm;
}
