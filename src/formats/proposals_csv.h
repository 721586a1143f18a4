/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * proposals_csv.h: proposals collected elsewhere (a spreadsheet, another
 * call), as CSV with a header row, checked against an event.  Pure: bytes
 * and an event in, rows or one message per bad row out, so it is
 * unit-tested and fuzzed alone; cli/cmd_import.c stores the result.
 *
 * Columns (by header name, any order; unknown ones are an error):
 *   title, format, theme, language, speaker_name, speaker_email
 *     required;
 *   abstract, description, secondary (theme keys split by ';'),
 *   interpretation (yes/no, true/false, 1/0, empty = no), organisation,
 *   sector (government, civil-society...), country (ISO 3166 alpha-2),
 *   cospeakers (addresses split by ';') optional;
 *   q:<id> for each of the event's questions (cfp.questions), optional:
 *   text, yes/no (also true/false, 1/0, sí, sim), or option keys split by
 *   ',' or ';', as the organisers' CSV export writes them.  Required
 *   questions may be left empty: the answers were collected elsewhere.
 * Every bad row gets a line "FILE:LINE: column 'theme': unknown theme
 * 'x'" (its first problem); a file with any bad row imports nothing.
 */
#ifndef CABILDO_PROPOSALS_CSV_H
#define CABILDO_PROPOSALS_CSV_H

#include <stddef.h>

#include "core/event.h"
#include "core/person.h"
#include "core/proposal.h"
#include "util/buf.h"

#define IMPORT_MAX_ROWS   20000
#define IMPORT_MAX_FILE   ((size_t)32 << 20)
#define IMPORT_MAX_ERRORS 200 /* lines reported before giving up */

struct import_row {
	size_t line;
	const char *title; /* all point into the csv's pool */
	const char *abstract;
	const char *description;
	const char *format;
	const char *theme;
	char *secondary[PROPOSAL_MAX_SECONDARY]; /* owned */
	size_t nsecondary;
	enum lang language;
	bool interpretation;
	const char *speaker_name;
	char *speaker_email; /* owned, normalised */
	const char *organisation;
	enum sector sector;
	char country[3];
	char *cospeakers[PROPOSAL_MAX_SPEAKERS - 1]; /* owned, normalised */
	size_t ncospeakers;
	/* Answer to ev->questions[i], or NULL when the column is absent or
	 * empty (owned; choice keys joined by ','). */
	char *answers[QUESTIONS_MAX];
};

struct import {
	struct import_row *rows;
	size_t nrows;
	void *csv_; /* the parsed file the rows point into */
};

enum import_err {
	IMPORT_OK,
	IMPORT_ERR_CSV,    /* not valid CSV (one message) */
	IMPORT_ERR_HEADER, /* missing or unknown columns */
	IMPORT_ERR_ROWS,   /* some rows are bad (one message each) */
	IMPORT_ERR__MAX
};

/*
 * Parses data[0..len) for ev; fname is for messages.  On error out is
 * empty and err holds one line per problem.
 */
enum import_err proposals_csv_parse(const char *data, size_t len,
    const char *fname, const struct event *ev, struct import *out,
    struct buf *err);
void import_release(struct import *im);

#endif
