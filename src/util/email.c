/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * email.c: e-mail addresses as accounts and co-speaker lists take them.
 */
#include "util/email.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "util/util.h"

/* A lowercased, trimmed copy of an e-mail address, or NULL if invalid. */
char *
email_normalise(const char *s)
{
	size_t len, i;
	const char *at;
	char *e;

	while (*s == ' ')
		s++;
	len = strlen(s);
	while (len > 0 && s[len - 1] == ' ')
		len--;
	if (len < 3 || len > EMAIL_MAX)
		return NULL;
	e = xstrndup(s, len);
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)e[i];

		if (c <= ' ' || c == '<' || c == '>' || c == '"' || c == ',' ||
		    c == ';' || c >= 0x7f) {
			free(e);
			return NULL;
		}
		e[i] = (char)tolower(c);
	}
	at = strchr(e, '@');
	if (at == NULL || at == e || strchr(at + 1, '@') != NULL ||
	    strchr(at + 1, '.') == NULL || at[1] == '.' || e[len - 1] == '.') {
		free(e);
		return NULL;
	}
	return e;
}
