/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * fuzz_csv.c: libFuzzer target for the CSV reader: any bytes in, either
 * rows or one error line out, never a crash or a leak.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "formats/csv.h"
#include "fuzz_util.h"

#define FUZZ_MAX (1 << 20)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct csv_limits lim = { 256, 64, 1024 };
	struct csv c;
	struct buf err;
	char *in;

	if ((in = fuzz_cstr(data, &size, FUZZ_MAX)) == NULL)
		return 0;
	buf_init(&err, 4096);
	if (csv_parse(in, size, "fuzz.csv", &lim, &c, &err) == CSV_OK) {
		(void)csv_header_index(&c, "a");
		csv_release(&c);
	}
	buf_release(&err);
	free(in);
	return 0;
}
