/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * cosplib.h: CoSPLib conference-scheduling instances and solution grids
 * (Kheiri, Pylyavskyy, Jacko, EJOR 2024), as the CSV sheets of
 * ../shared/data/cosplib/ (one file per workbook sheet, <prefix>__<sheet>.csv).
 *
 * An instance becomes one struct cosplib (core/cosplib.h).  Every loader error
 * names file, line and column ("GECCO19__submissions.csv:12:2: unknown track
 * 'GAX'").
 */
#ifndef CABILDO_COSPLIB_H
#define CABILDO_COSPLIB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/cosplib.h"
#include "util/buf.h"

/* The sheets of an instance, in loading order. */
enum cosplib_sheet {
	COSPLIB_SHEET_SESSIONS,
	COSPLIB_SHEET_ROOMS,
	COSPLIB_SHEET_TRACKS,
	COSPLIB_SHEET_SUBMISSIONS,
	COSPLIB_SHEET_PARAMETERS,
	COSPLIB_SHEET_TRACKS_SESSIONS,
	COSPLIB_SHEET_TRACKS_ROOMS,
	COSPLIB_SHEET_SIMILAR_TRACKS,
	COSPLIB_SHEET_SESSIONS_ROOMS,
	COSPLIB_SHEET__MAX
};

enum cosplib_err {
	COSPLIB_OK = 0,
	COSPLIB_ERR_IO,     /* a file could not be read */
	COSPLIB_ERR_CSV,    /* a file is not valid CSV */
	COSPLIB_ERR_FORMAT, /* a sheet does not follow the CoSPLib layout */
	COSPLIB_ERR_NAME,   /* an unknown or duplicate name */
	COSPLIB_ERR_VALUE,  /* a number out of range or not a number */
	COSPLIB_ERR_LIMIT,  /* more items than the caps below */
	COSPLIB_ERR__MAX
};

/*
 * Reads <prefix>__<sheet>.csv for every sheet.  On error returns non-zero,
 * leaves out empty and appends one line to err.
 */
enum cosplib_err cosplib_load(
    const char *prefix, struct cosplib *out, struct buf *err);

/*
 * The same from memory: data[i], len[i] is sheet i, named fname[i] in
 * messages.  Used by tests and the fuzzer.
 */
enum cosplib_err cosplib_load_mem(const char *const data[COSPLIB_SHEET__MAX],
    const size_t len[COSPLIB_SHEET__MAX],
    const char *const fname[COSPLIB_SHEET__MAX], struct cosplib *out,
    struct buf *err);

/* File suffix of a sheet, e.g. "submissions". */
const char *cosplib_sheet_name(enum cosplib_sheet sheet);

/*
 * Reads a solution grid (the layout of solutions/<name>__sol.csv: a header of
 * rooms, one row of tracks per session, then for each session one row of
 * submissions per timeslot).  sol must be cosplib_sol_init'ed for c.
 */
enum cosplib_err cosplib_sol_parse(const struct cosplib *c, const char *data,
    size_t len, const char *fname, struct cosplib_sol *sol, struct buf *err);
enum cosplib_err cosplib_sol_read(const struct cosplib *c, const char *path,
    struct cosplib_sol *sol, struct buf *err);

/* Appends the solution grid in the same layout, CRLF-free, to out. */
void cosplib_sol_write(
    const struct cosplib *c, const struct cosplib_sol *sol, struct buf *out);

const char *cosplib_strerror(enum cosplib_err err);

#endif
