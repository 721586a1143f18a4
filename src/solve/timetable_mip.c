/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * timetable_mip.c: builds the MIP of timetable_mip.h for GLPK, solves its
 * LP relaxation (the bound) and then the MIP, and reads back the
 * placement.  z[i,k] (continuous, equal to the x of item i running at
 * unit k summed over rooms) keeps the attendance rows short.
 */
#include "solve/timetable_mip.h"

#include <glpk.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "util/util.h"

const char *
tt_mip_strerror(enum tt_mip_err err)
{
	static const char *const s[TT_MIP__MAX] = {
		[TT_MIP_OK] = "optimal",
		[TT_MIP_TIME_LIMIT] = "time limit reached",
		[TT_MIP_INFEASIBLE] = "infeasible",
		[TT_MIP_UNSUPPORTED] =
		    "shared items or theme weights: not linear in this model",
		[TT_MIP_TOO_BIG] = "too many variables",
		[TT_MIP_ERROR] = "GLPK failed",
	};

	return err < TT_MIP__MAX ? s[err] : "?";
}

struct xvar {
	int item, room, unit, span;
};

struct tri {
	int *ia, *ja;
	double *ar;
	size_t n, cap;
};

static void
tri_add(struct tri *t, int row, int col, double v)
{
	if (t->n + 2 > t->cap) {
		t->cap = t->cap ? t->cap * 2 : 1024;
		t->ia = xreallocarray(t->ia, t->cap, sizeof(*t->ia));
		t->ja = xreallocarray(t->ja, t->cap, sizeof(*t->ja));
		t->ar = xreallocarray(t->ar, t->cap, sizeof(*t->ar));
		if (t->n == 0)
			t->n = 1; /* GLPK arrays are 1-based */
	}
	t->ia[t->n] = row;
	t->ja[t->n] = col;
	t->ar[t->n] = v;
	t->n++;
}

static double
wall(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int64_t
x_cost(const struct tt_instance *in, const struct xvar *x)
{
	const struct tt_item *it = &in->items[x->item];
	int64_t c = 0,
		over = (int64_t)it->audience - in->rooms[x->room].capacity;
	int s, k;

	if (over > 0)
		c += over * in->w.capacity;
	for (s = 0; s < it->nspeakers; s++) {
		const int *pc = in->persons[it->speakers[s]].pref_cost;

		for (k = x->unit; pc != NULL && k < x->unit + x->span; k++)
			c += pc[k] * in->w.pref;
	}
	if (it->pub_room >= 0 &&
	    (it->pub_room != x->room || it->pub_unit != x->unit))
		c += in->w.moved;
	return c;
}

static bool
supported(const struct tt_instance *in)
{
	int i;

	if (in->w.theme_par != 0 || in->w.theme_room != 0)
		return false;
	for (i = 0; i < in->nitems; i++)
		if (in->items[i].shared)
			return false;
	return true;
}

enum tt_mip_err
timetable_mip(const struct tt_instance *in, double time_limit,
    struct tt_assign *a, struct tt_mip_result *out)
{
	int U = in->nunits, R = in->nrooms, N = in->nitems;
	struct xvar *xs = NULL;
	size_t xcap = 0;
	int nx = 0, i, r, u, k, p, j, row, s;
	int zcol0, ycol0, ncols;
	glp_prob *lp = NULL;
	struct tri t = { 0 };
	glp_smcp smcp;
	glp_iocp iocp;
	enum tt_mip_err err = TT_MIP_OK;
	double t0 = wall();
	int ret, st;

	memset(out, 0, sizeof(*out));
	out->obj = -1;
	if (!supported(in))
		return TT_MIP_UNSUPPORTED;
	for (i = 0; i < N; i++) {
		const struct tt_item *it = &in->items[i];

		for (u = 0; u < U; u++) {
			int sp = timetable_span(in, i, u);

			if (sp == 0 ||
			    (it->fixed_room >= 0 && u != it->fixed_unit))
				continue;
			for (r = 0; r < R; r++) {
				bool open = timetable_room_ok(in, i, r);

				if (it->fixed_room >= 0 && r != it->fixed_room)
					continue;
				for (k = u; open && k < u + sp; k++)
					open = in->cell_open == NULL ||
					    in->cell_open[r * U + k];
				if (!open)
					continue;
				XGROW(xs, xcap, (size_t)nx + 1);
				xs[nx++] = (struct xvar){ i, r, u, sp };
			}
		}
	}
	if (nx + N * U + in->nparticipants * U > TT_MIP_MAX_VARS) {
		free(xs);
		return TT_MIP_TOO_BIG;
	}
	lp = glp_create_prob();
	glp_set_obj_dir(lp, GLP_MIN);
	zcol0 = nx;
	ycol0 = nx + N * U;
	ncols = ycol0 + in->nparticipants * U;
	glp_add_cols(lp, ncols);
	for (j = 0; j < nx; j++) {
		glp_set_col_kind(lp, j + 1, GLP_BV);
		glp_set_obj_coef(lp, j + 1, (double)x_cost(in, &xs[j]));
	}
	for (j = zcol0; j < ncols; j++) {
		glp_set_col_bnds(lp, j + 1, GLP_LO, 0.0, 0.0);
		if (j >= ycol0)
			glp_set_obj_coef(lp, j + 1, (double)in->w.attend);
	}
	/* each item once */
	row = glp_add_rows(lp, N);
	for (i = 0; i < N; i++)
		glp_set_row_bnds(lp, row + i, GLP_FX, 1.0, 1.0);
	for (j = 0; j < nx; j++)
		tri_add(&t, row + xs[j].item, j + 1, 1.0);
	/* each cell at most once */
	row = glp_add_rows(lp, R * U);
	for (k = 0; k < R * U; k++)
		glp_set_row_bnds(lp, row + k, GLP_UP, 0.0, 1.0);
	for (j = 0; j < nx; j++)
		for (k = xs[j].unit; k < xs[j].unit + xs[j].span; k++)
			tri_add(&t, row + xs[j].room * U + k, j + 1, 1.0);
	/* z[i,k] = sum of x of i running at k */
	row = glp_add_rows(lp, N * U);
	for (k = 0; k < N * U; k++) {
		glp_set_row_bnds(lp, row + k, GLP_FX, 0.0, 0.0);
		tri_add(&t, row + k, zcol0 + k + 1, -1.0);
	}
	for (j = 0; j < nx; j++)
		for (k = xs[j].unit; k < xs[j].unit + xs[j].span; k++)
			tri_add(&t, row + xs[j].item * U + k, j + 1, 1.0);
	/* each speaker at most once per unit */
	for (s = 0; s < in->npersons; s++) {
		int first = -1;

		for (i = 0; i < N; i++)
			for (k = 0; k < in->items[i].nspeakers; k++)
				if (in->items[i].speakers[k] == s) {
					if (first < 0) {
						first = glp_add_rows(lp, U);
						for (u = 0; u < U; u++)
							glp_set_row_bnds(lp,
							    first + u, GLP_UP,
							    0.0, 1.0);
					}
					for (u = 0; u < U; u++)
						tri_add(&t, first + u,
						    zcol0 + i * U + u + 1, 1.0);
				}
	}
	/* y[p,u] - sum of wanted z >= -1 */
	if (in->nparticipants > 0) {
		row = glp_add_rows(lp, in->nparticipants * U);
		for (p = 0; p < in->nparticipants; p++)
			for (u = 0; u < U; u++) {
				int rr = row + p * U + u;

				glp_set_row_bnds(lp, rr, GLP_LO, -1.0, 0.0);
				tri_add(&t, rr, ycol0 + p * U + u + 1, 1.0);
				for (j = in->want_off[p];
				     j < in->want_off[p + 1]; j++)
					tri_add(&t, rr,
					    zcol0 + in->want[j] * U + u + 1,
					    -1.0);
			}
	}
	glp_load_matrix(lp, (int)t.n - 1, t.ia, t.ja, t.ar);
	out->vars = ncols;
	out->rows = glp_get_num_rows(lp);
	glp_init_smcp(&smcp);
	smcp.msg_lev = GLP_MSG_OFF;
	if (glp_simplex(lp, &smcp) != 0 || glp_get_status(lp) != GLP_OPT) {
		err = glp_get_status(lp) == GLP_NOFEAS ? TT_MIP_INFEASIBLE
						       : TT_MIP_ERROR;
		goto out;
	}
	out->lp = glp_get_obj_val(lp);
	out->bound = out->lp;
	glp_init_iocp(&iocp);
	iocp.msg_lev = GLP_MSG_OFF;
	iocp.tm_lim = time_limit > 0 ? (int)(time_limit * 1000) : INT32_MAX;
	ret = glp_intopt(lp, &iocp);
	st = glp_mip_status(lp);
	if (st == GLP_OPT) {
		err = TT_MIP_OK;
		out->bound = glp_mip_obj_val(lp);
	} else if (st == GLP_FEAS || ret == GLP_ETMLIM) {
		err = TT_MIP_TIME_LIMIT;
	} else if (st == GLP_NOFEAS) {
		err = TT_MIP_INFEASIBLE;
		goto out;
	} else {
		err = TT_MIP_ERROR;
		goto out;
	}
	if (st == GLP_OPT || st == GLP_FEAS) {
		out->obj = (int64_t)(glp_mip_obj_val(lp) + 0.5);
		for (j = 0; a != NULL && j < nx; j++)
			if (glp_mip_col_val(lp, j + 1) > 0.5) {
				a->place[xs[j].item].room = xs[j].room;
				a->place[xs[j].item].unit = xs[j].unit;
				a->place[xs[j].item].order = 0;
			}
	}
out:
	out->seconds = wall() - t0;
	glp_delete_prob(lp);
	free(t.ia);
	free(t.ja);
	free(t.ar);
	free(xs);
	return err;
}
