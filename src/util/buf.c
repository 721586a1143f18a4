/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * buf.c: the capped string buffer of buf.h.
 */
#include "buf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

static char buf_empty[1];

void
buf_init(struct buf *b, size_t max)
{
	b->s = buf_empty;
	b->len = 0;
	b->cap = 0;
	b->max = max == 0 ? BUF_DEFAULT_MAX : max;
	b->overflow = false;
}

void
buf_release(struct buf *b)
{
	if (b->cap != 0)
		free(b->s);
	buf_init(b, b->max);
}

char *
buf_detach(struct buf *b, size_t *len)
{
	char *s = b->cap != 0 ? b->s : xstrdup("");

	if (len != NULL)
		*len = b->len;
	buf_init(b, b->max);
	return s;
}

void
buf_reset(struct buf *b)
{
	buf_truncate(b, 0);
	b->overflow = false;
}

void
buf_truncate(struct buf *b, size_t len)
{
	if (len < b->len) {
		b->len = len;
		b->s[len] = '\0';
	}
}

static bool
buf_reserve(struct buf *b, size_t extra)
{
	size_t need;
	char *p;

	if (extra > b->max || b->len > b->max - extra) {
		b->overflow = true;
		return false;
	}
	need = b->len + extra + 1;
	if (need <= b->cap)
		return true;
	if (b->cap == 0) {
		p = NULL;
		b->cap = 0;
	} else {
		p = b->s;
	}
	XGROW(p, b->cap, need);
	if (b->s == buf_empty)
		p[0] = '\0';
	b->s = p;
	return true;
}

bool
buf_add(struct buf *b, const char *p, size_t len)
{
	if (!buf_reserve(b, len))
		return false;
	if (len != 0)
		memcpy(b->s + b->len, p, len);
	b->len += len;
	b->s[b->len] = '\0';
	return true;
}

bool
buf_addstr(struct buf *b, const char *s)
{
	return buf_add(b, s, strlen(s));
}

bool
buf_addc(struct buf *b, char c)
{
	return buf_add(b, &c, 1);
}

bool
buf_vaddf(struct buf *b, const char *fmt, va_list ap)
{
	va_list cp;
	int n;

	va_copy(cp, ap);
	n = vsnprintf(NULL, 0, fmt, cp);
	va_end(cp);
	if (n < 0)
		die("vsnprintf failed for format '%s'", fmt);
	if (!buf_reserve(b, (size_t)n))
		return false;
	vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
	return true;
}

bool
buf_addf(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	bool ok;

	va_start(ap, fmt);
	ok = buf_vaddf(b, fmt, ap);
	va_end(ap);
	return ok;
}
