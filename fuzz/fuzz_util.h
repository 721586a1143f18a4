/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * fuzz_util.h: what several libFuzzer targets do to an input before their
 * parser sees it.  Header-only (static functions), so that each target
 * stays one file linked against the library.
 */
#ifndef CABILDO_FUZZ_UTIL_H
#define CABILDO_FUZZ_UTIL_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/*
 * A NUL-terminated copy of the input, capped at max bytes (*size is
 * lowered to match), as read_file gives the parsers; NULL when out of
 * memory.  The caller frees it.
 */
static inline char *
fuzz_cstr(const uint8_t *data, size_t *size, size_t max)
{
	char *in;

	if (*size > max)
		*size = max;
	if ((in = malloc(*size + 1)) == NULL)
		return NULL;
	memcpy(in, data, *size);
	in[*size] = '\0';
	return in;
}

/*
 * Writes the input (at most max bytes) to "fuzz-input-PID.EXT" in the
 * working directory, for readers that take a path, and returns that path.
 * Aborts if the file cannot be written: that is the harness failing, not
 * the parser.
 */
static inline const char *
fuzz_file(const uint8_t *data, size_t size, size_t max, const char *ext)
{
	static char path[64];
	FILE *f;

	if (size > max)
		size = max;
	if (path[0] == '\0')
		snprintf(path, sizeof(path), "fuzz-input-%ld.%s",
		    (long)getpid(), ext);
	if ((f = fopen(path, "wb")) == NULL)
		abort();
	if (fwrite(data, 1, size, f) != size || fclose(f) != 0)
		abort();
	return path;
}

#endif
