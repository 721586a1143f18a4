/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * fuzz_form.c: libFuzzer target for the form body parsers.  The first
 * byte picks urlencoded or multipart (with a fixed boundary); the rest is
 * the body.  Either fields or one error out, never a crash or a leak.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "web/form.h"

#define FUZZ_MAX (1 << 20)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const types[] = {
		"application/x-www-form-urlencoded",
		"multipart/form-data; boundary=XyZ",
		"multipart/form-data; boundary=\"a\\\"b\"",
		"multipart/form-data",
	};
	struct form_limits lim = { 16, 32, 256, 1024 };
	struct form f;
	struct buf err;
	char *in;
	size_t i;

	if (size == 0)
		return 0;
	if (size > FUZZ_MAX)
		size = FUZZ_MAX;
	in = malloc(size);
	if (in == NULL)
		return 0;
	memcpy(in, data + 1, size - 1);
	in[size - 1] = '\0';
	buf_init(&err, 4096);
	if (form_parse(types[data[0] % 4], in, size - 1, &lim, &f, &err) ==
	    FORM_OK) {
		for (i = 0; i < f.n; i++)
			(void)form_count(&f, f.f[i].name);
		(void)form_get(&f, "title");
		form_release(&f);
	}
	buf_release(&err);
	free(in);
	return 0;
}
