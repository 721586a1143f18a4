/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * fuzz_email.c: libFuzzer target for email_normalise, which every sign-up,
 * log-in and co-speaker list passes through.  An accepted address is at
 * most EMAIL_MAX bytes of lower-case printable ASCII without the
 * characters that could split a header or a list, holds one '@' with a
 * dot after it, and normalising it again gives it back unchanged.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/email.h"
#include "fuzz_util.h"

#define FUZZ_MAX 1024

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *in, *e, *again;
	const char *at;
	size_t i, n;

	if ((in = fuzz_cstr(data, &size, FUZZ_MAX)) == NULL)
		return 0;
	if ((e = email_normalise(in)) != NULL) {
		n = strlen(e);
		if (n < 3 || n > EMAIL_MAX)
			abort();
		for (i = 0; i < n; i++)
			if ((unsigned char)e[i] <= ' ' ||
			    (unsigned char)e[i] >= 0x7f ||
			    (e[i] >= 'A' && e[i] <= 'Z') ||
			    strchr("<>\",;\r\n", e[i]) != NULL)
				abort();
		at = strchr(e, '@');
		if (at == NULL || at == e || strchr(at + 1, '@') != NULL ||
		    strchr(at + 1, '.') == NULL)
			abort();
		again = email_normalise(e);
		if (again == NULL || strcmp(again, e) != 0)
			abort();
		free(again);
		free(e);
	}
	free(in);
	return 0;
}
