/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * html.c: the escaping HTML writer of html.h.
 */
#include "web/html.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdint.h>
#include <string.h>

void
html_txtn(struct buf *b, const char *s, size_t len)
{
	size_t i, start = 0;
	const char *rep;

	for (i = 0; i < len; i++) {
		switch (s[i]) {
		case '&':
			rep = "&amp;";
			break;
		case '<':
			rep = "&lt;";
			break;
		case '>':
			rep = "&gt;";
			break;
		case '"':
			rep = "&quot;";
			break;
		case '\'':
			rep = "&#39;";
			break;
		default:
			continue;
		}
		buf_add(b, s + start, i - start);
		buf_addstr(b, rep);
		start = i + 1;
	}
	buf_add(b, s + start, len - start);
}

void
html_txt(struct buf *b, const char *s)
{
	if (s != NULL)
		html_txtn(b, s, strlen(s));
}

void
html_attr(struct buf *b, const char *s)
{
	html_txt(b, s);
}

void
html_url_arg(struct buf *b, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	const unsigned char *u = (const unsigned char *)s;

	for (; u != NULL && *u != '\0'; u++) {
		if ((*u >= 'a' && *u <= 'z') || (*u >= 'A' && *u <= 'Z') ||
		    (*u >= '0' && *u <= '9') || *u == '-' || *u == '_' ||
		    *u == '.' || *u == '~') {
			buf_addc(b, (char)*u);
		} else {
			buf_addc(b, '%');
			buf_addc(b, hex[*u >> 4]);
			buf_addc(b, hex[*u & 15]);
		}
	}
}

void
html_raw(struct buf *b, const char *s)
{
	buf_addstr(b, s);
}

void
html_printf(struct buf *b, const char *fmt, ...)
{
	const char *p, *start = fmt;
	va_list ap;

	va_start(ap, fmt);
	for (p = fmt; *p != '\0'; p++) {
		if (*p != '%')
			continue;
		buf_add(b, start, (size_t)(p - start));
		switch (*++p) {
		case 's':
			html_txt(b, va_arg(ap, const char *));
			break;
		case 'u':
			html_url_arg(b, va_arg(ap, const char *));
			break;
		case 'd':
			buf_addf(b, "%d", va_arg(ap, int));
			break;
		case 'z':
			buf_addf(b, "%zu", va_arg(ap, size_t));
			break;
		case 'l':
			buf_addf(b, "%" PRId64, va_arg(ap, int64_t));
			break;
		case '%':
			buf_addc(b, '%');
			break;
		default:
			/* A bad format is our bug: show it, do not crash. */
			buf_addstr(b, "%?");
			if (*p == '\0')
				p--;
			break;
		}
		start = p + 1;
	}
	buf_addstr(b, start);
	va_end(ap);
}
