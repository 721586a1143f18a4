/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * utf8.h: strict UTF-8 validation and decoding (RFC 3629: no overlongs, no
 * surrogates, nothing above U+10FFFF) and rejection of NUL and control
 * bytes in text that came from outside.
 */
#ifndef CABILDO_UTF8_H
#define CABILDO_UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* True when s[0..len) is valid UTF-8 without NUL bytes. */
bool utf8_valid(const char *s, size_t len);

/*
 * Decodes one code point at s (len bytes available) into *cp; returns its
 * length in bytes, or 0 when the sequence is invalid or truncated.
 */
size_t utf8_decode(const char *s, size_t len, uint32_t *cp);

/* Number of code points in valid UTF-8 s[0..len). */
size_t utf8_length(const char *s, size_t len);

/*
 * True when s is valid UTF-8 text fit for a one-line field: no NUL and no
 * C0/C1 control characters (tab excepted) nor DEL.
 */
bool utf8_line_valid(const char *s, size_t len);

#endif
