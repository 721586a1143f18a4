/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * fuzz_votainteligente.c: libFuzzer target for the VotaInteligente
 * proposals.csv reader that `cabildo themes` trains on.  It reads a path,
 * so each input is written to a file in the working directory first.  Any
 * input gives labelled texts (each with a label) or one error, never a
 * crash, a leak or a hang.
 */
#include <stdint.h>
#include <stdlib.h>

#include "formats/votainteligente.h"
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

	path = fuzz_file(data, size, FUZZ_MAX, "csv");
	labelled_docs_init(&d);
	buf_init(&err, 4096);
	if (votainteligente_read(path, &d, &err)) {
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
