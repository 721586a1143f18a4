/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * fuzz_cosplib.c: libFuzzer target for the CoSPLib reader.  The first input
 * byte picks a sheet; the rest replaces that sheet of a small built-in
 * instance, and the result is loaded from memory and, when it loads,
 * evaluated on an empty grid and parsed as a solution grid too.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "formats/cosplib.h"
#include "solve/cosplib_eval.h"
#include "fuzz_util.h"

#define FUZZ_MAX (64 << 10)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const base[COSPLIB_SHEET__MAX] = {
	"Sessions,Max Number of Timeslots,Date,Start Time,End Time\n"
	"Mon1,2,44405,0.39583333333333331,0.4375\n"
	"Mon2,2,44405,0.5,0.5625\n",
	"Rooms\nR1\nR2\n",
	"Tracks,Chairs\nA,C1\nB,\"C1, C2\"\n",
	"Reference,Track,Required Timeslots,Order,Time Zone,Presenters,"
	"Attendees,Mon1,Mon2,R1,R2\n"
	"s1,A,1,1,GMT+0,P1,P2,,1,,\n"
	"s2,A,2,0,GMT-5,\"P2, P3\",,,,,\n"
	"s3,B,1,0,GMT+10,P1,C2,1,,,\n",
	"Sessions,,,Weights,\n"
	"Local time zone:,GMT+0,,Tracks_Sessions|Penalty:,1\n"
	"Suitable scheduling times,,,Tracks_Rooms|Penalty:,1\n"
	"From:,0.39583333333333331,,Sessions_Rooms|Penalty:,1\n"
	"To:,0.89583333333333337,,Similar Tracks:,1\n"
	"Less suitable scheduling times,,,Number of Rooms per Track:,1\n"
	"From:,0.29166666666666669,,Parallel Tracks:,1\n"
	"To:,0.95833333333333337,,Consecutive Tracks:,1\n"
	"Penalty:,1,,Submissions_Timezones:,1\n"
	"Unsuitable scheduling times,,,Submissions Order:,1\n"
	"Penalty:,10,,Submissions_Sessions|Penalty:,1\n"
	",,,Submissions_Rooms|Penalty:,1\n"
	",,,Presenters Conflicts:,1\n"
	",,,Attendees Conflicts:,1\n"
	",,,Chairs Conflicts:,1\n"
	",,,Presenters Conflicts Timeslot Level:,1\n"
	",,,Attendees Conflicts Timeslot Level:,1\n",
	",Mon1,Mon2\nA,1,\nB,,2\n",
	",R1,R2\nA,,1\nB,\n",
	",A,B\nA,,3\nB\n",
	",R1,R2\nMon1,,5\nMon2\n",
};

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *sheet[COSPLIB_SHEET__MAX];
	size_t len[COSPLIB_SHEET__MAX], i, pick;
	const char *name[COSPLIB_SHEET__MAX];
	struct cosplib c;
	struct cosplib_sol sol;
	struct cosplib_eval ev;
	struct buf err;
	char *in;

	if (size < 1)
		return 0;
	pick = data[0] % (COSPLIB_SHEET__MAX + 1);
	data++;
	size--;
	if ((in = fuzz_cstr(data, &size, FUZZ_MAX)) == NULL)
		return 0;
	for (i = 0; i < COSPLIB_SHEET__MAX; i++) {
		sheet[i] = base[i];
		len[i] = strlen(base[i]);
		name[i] = cosplib_sheet_name((enum cosplib_sheet)i);
	}
	if (pick < COSPLIB_SHEET__MAX) {
		sheet[pick] = in;
		len[pick] = size;
	}
	buf_init(&err, 4096);
	if (cosplib_load_mem(sheet, len, name, &c, &err) == COSPLIB_OK) {
		cosplib_sol_init(&sol, &c);
		cosplib_evaluate(&c, &sol, COSPLIB_PROFILE_CHECKER, &ev);
		if (pick == COSPLIB_SHEET__MAX &&
		    cosplib_sol_parse(&c, in, size, "sol.csv", &sol, &err) ==
			COSPLIB_OK)
			cosplib_evaluate(
			    &c, &sol, COSPLIB_PROFILE_CHECKER, &ev);
		cosplib_sol_release(&sol);
		cosplib_release(&c);
	}
	buf_release(&err);
	free(in);
	return 0;
}
