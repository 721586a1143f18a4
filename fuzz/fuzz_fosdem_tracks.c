/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * fuzz_fosdem_tracks.c: libFuzzer target for the FOSDEM schedule.xml
 * reader that `cabildo themes` trains on.  It reads a path, so each input
 * is written to a file in the working directory first.  Any input gives
 * labelled texts (each with text and a label) or one error, never a crash,
 * a leak or a hang (entities are not expanded: no XML bomb).
 */
#include <stdint.h>
#include <stdlib.h>

#include "formats/fosdem_tracks.h"
#include "fuzz_util.h"

#define FUZZ_MAX (256 << 10)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *path;
	struct labelled_docs d;
	struct buf err;
	size_t i;

	path = fuzz_file(data, size, FUZZ_MAX, "xml");
	labelled_docs_init(&d);
	buf_init(&err, 4096);
	if (fosdem_tracks_read(path, &d, &err)) {
		for (i = 0; i < d.n; i++)
			if (d.v[i].text[0] == '\0' || d.v[i].label[0] == '\0')
				abort();
	} else if (err.len == 0 || d.n != 0) {
		abort();
	}
	labelled_docs_release(&d);
	buf_release(&err);
	return 0;
}
