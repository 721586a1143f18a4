/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * fuzz_event_json.c: libFuzzer target for the event definition reader:
 * any bytes in, either an event or one error message out, never a crash,
 * a leak, or an event left half-filled after an error.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "formats/event_json.h"
#include "fuzz_util.h"

/* Well above the OGP file (~30 KiB), well below EVENT_JSON_MAX_BYTES. */
#define FUZZ_MAX (256 << 10)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct event ev;
	struct buf err;
	char *in;
	size_t i;

	if ((in = fuzz_cstr(data, &size, FUZZ_MAX)) == NULL)
		return 0;
	event_init(&ev);
	buf_init(&err, 4096);
	if (event_json_parse(in, size, "fuzz.json", &ev, &err) ==
	    EVENT_JSON_OK) {
		/* what the pages and the store do next with a good event */
		if (ev.nthemes > 0)
			(void)event_theme_find(&ev, ev.themes[0].key);
		(void)event_session_slots(&ev);
		/* the checks the proposal form runs on each question */
		for (i = 0; i < ev.nquestions; i++) {
			(void)question_applies(&ev.questions[i],
			    ev.nformats > 0 ? ev.formats[0].key : NULL);
			(void)question_check(&ev.questions[i], "yes,no", true);
			(void)event_question_find(&ev, ev.questions[i].id);
		}
		if (err.len != 0)
			abort();
	} else if (err.len == 0 || ev.slug != NULL || ev.nthemes != 0 ||
	    ev.themes != NULL || ev.ndays != 0 || ev.nquestions != 0 ||
	    ev.questions != NULL) {
		/* an error always says why, and leaves the event empty */
		abort();
	}
	event_release(&ev);
	buf_release(&err);
	free(in);
	return 0;
}
