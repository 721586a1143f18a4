/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * fuzz_frab_xml.c: libFuzzer target for the frab xml programme reader.  Any
 * input is either an agenda (then written back out, which must not
 * crash either) or one error, never a crash, a leak or a hang.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "formats/frab_xml.h"
#include "fuzz_util.h"

#define FUZZ_MAX (1 << 20)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct agenda ag;
	struct buf warn, err, out;
	char *in;

	/* a capped, NUL-terminated copy, as read_file gives */
	if ((in = fuzz_cstr(data, &size, FUZZ_MAX)) == NULL)
		return 0;
	agenda_init(&ag);
	buf_init(&warn, 1 << 16);
	buf_init(&err, 4096);
	if (frab_xml_read(in, size, "fuzz", &ag, &warn, &err) ==
	    AGENDA_READ_OK) {
		buf_init(&out, 0);
		frab_xml_write(&ag, &out);
		buf_release(&out);
	}
	agenda_release(&ag);
	buf_release(&warn);
	buf_release(&err);
	free(in);
	return 0;
}
