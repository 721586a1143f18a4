/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * cosplib.c: life cycle and lookups of the CoSPLib instance and solution
 * types.
 */
#include "core/cosplib.h"

#include <stdlib.h>
#include <string.h>

#include "util/util.h"

void
cosplib_init(struct cosplib *c)
{
	memset(c, 0, sizeof(*c));
}

static void
free_names(char **v, size_t n)
{
	size_t i;

	if (v == NULL)
		return;
	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

void
cosplib_release(struct cosplib *c)
{
	free_names(c->session_name, c->nsession);
	free_names(c->room_name, c->nroom);
	free_names(c->track_name, c->ntrack);
	free_names(c->sub_name, c->nsub);
	free(c->slots);
	free(c->start_min);
	free(c->end_min);
	free(c->cell_off);
	free(c->track_sub_off);
	free(c->track_sub);
	free(c->sub_track);
	free(c->sub_req);
	free(c->sub_order);
	free(c->sub_tz_min);
	free(c->ts_pen);
	free(c->tr_pen);
	free(c->sr_pen);
	free(c->tt_pen);
	free(c->xs_pen);
	free(c->xr_pen);
	free(c->tz_pen);
	free(c->pconf_off);
	free(c->pconf);
	free(c->aconf_off);
	free(c->aconf);
	free(c->cconf_off);
	free(c->cconf);
	cosplib_init(c);
}

int
cosplib_track_index(const struct cosplib *c, const char *name)
{
	size_t t;

	for (t = 0; t < c->ntrack; t++)
		if (strcmp(c->track_name[t], name) == 0)
			return (int)t;
	return -1;
}

int
cosplib_sub_index(const struct cosplib *c, const char *name)
{
	size_t x;

	for (x = 0; x < c->nsub; x++)
		if (strcmp(c->sub_name[x], name) == 0)
			return (int)x;
	return -1;
}

void
cosplib_sol_init(struct cosplib_sol *sol, const struct cosplib *c)
{
	size_t i, ncell = c->nsession * c->nroom;

	sol->track = xreallocarray(NULL, ncell + 1, sizeof(int));
	sol->slot = xreallocarray(NULL, c->nslot + 1, sizeof(int));
	for (i = 0; i < ncell; i++)
		sol->track[i] = -1;
	for (i = 0; i < c->nslot; i++)
		sol->slot[i] = -1;
}

void
cosplib_sol_release(struct cosplib_sol *sol)
{
	free(sol->track);
	free(sol->slot);
	sol->track = sol->slot = NULL;
}

void
cosplib_sol_copy(struct cosplib_sol *dst, const struct cosplib_sol *src,
    const struct cosplib *c)
{
	memcpy(dst->track, src->track, c->nsession * c->nroom * sizeof(int));
	memcpy(dst->slot, src->slot, c->nslot * sizeof(int));
}
