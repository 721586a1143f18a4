/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * html.h: the one way pages are written.  Everything is escaped unless it
 * goes through html_raw, which is for literal markup written in our own
 * source (cgit html.h, kcgi khtml).
 *
 * html_printf takes a small format language of its own: %s escapes a
 * string (NULL prints nothing), %d an int, %z a size_t, %l an int64_t, %u a
 * URL-encoded path segment or query value, %% a percent sign.  The format
 * itself is trusted markup and must be a literal.
 */
#ifndef CABILDO_HTML_H
#define CABILDO_HTML_H

#include <stddef.h>

#include "util/buf.h"

/* Escapes & < > " ' so the text is safe in content and quoted attributes. */
void html_txt(struct buf *b, const char *s);
void html_txtn(struct buf *b, const char *s, size_t len);
/* Same escaping; named for where it is used. */
void html_attr(struct buf *b, const char *s);
/* Percent-encodes everything but unreserved characters (RFC 3986). */
void html_url_arg(struct buf *b, const char *s);
/* Trusted markup from our own source; never pass input here. */
void html_raw(struct buf *b, const char *s);
void html_printf(struct buf *b, const char *fmt, ...);

#endif
