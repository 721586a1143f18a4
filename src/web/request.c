/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * request.c: the request-target, cookie and Accept-Language parsers of
 * request.h.
 */
#include "web/request.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util/utf8.h"
#include "util/util.h"

const char *
req_strerror(enum req_err err)
{
	static const char *const msgs[REQ_ERR__MAX] = {
		[REQ_OK] = "success",
		[REQ_ERR_TOOBIG] = "request too large",
		[REQ_ERR_ENCODING] = "bad encoding in request",
		[REQ_ERR_SYNTAX] = "malformed request",
	};

	return (unsigned)err < REQ_ERR__MAX ? msgs[err] : "unknown error";
}

const char *
kv_get(const struct kv_list *l, const char *key)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		if (strcmp(l->items[i].key, key) == 0)
			return l->items[i].val;
	return NULL;
}

void
kv_list_release(struct kv_list *l)
{
	size_t i;

	for (i = 0; i < l->n; i++) {
		free(l->items[i].key);
		free(l->items[i].val);
	}
	free(l->items);
	l->items = NULL;
	l->n = 0;
}

/*
 * Percent-decodes s[0..len) into a new string; '+' means space when
 * plus_space.  Fails on a bad escape, invalid UTF-8 or a control
 * character.
 */
static bool
decode(const char *s, size_t len, bool plus_space, char **out)
{
	char *d = xmalloc(len + 1);
	size_t i, n = 0;
	int hi, lo;

	for (i = 0; i < len; i++) {
		if (s[i] == '%') {
			if (i + 2 >= len || (hi = hex_digit(s[i + 1])) < 0 ||
			    (lo = hex_digit(s[i + 2])) < 0) {
				free(d);
				return false;
			}
			d[n++] = (char)(hi * 16 + lo);
			i += 2;
		} else if (s[i] == '+' && plus_space) {
			d[n++] = ' ';
		} else {
			d[n++] = s[i];
		}
	}
	d[n] = '\0';
	if (!utf8_line_valid(d, n) || memchr(d, '\0', n) != NULL) {
		free(d);
		return false;
	}
	*out = d;
	return true;
}

static enum req_err
parse_query(const char *q, size_t len, struct kv_list *out, struct buf *err)
{
	size_t cap = 0, start = 0, i, eq;
	char *k, *v;

	for (i = 0; i <= len; i++) {
		if (i < len && q[i] != '&')
			continue;
		if (i > start) {
			if (out->n >= REQ_PARAMS_MAX) {
				buf_addf(err, "query: more than %d parameters",
				    REQ_PARAMS_MAX);
				kv_list_release(out);
				return REQ_ERR_TOOBIG;
			}
			for (eq = start; eq < i && q[eq] != '='; eq++)
				;
			if (!decode(q + start, eq - start, true, &k)) {
				buf_addf(err,
				    "query: bad encoding in parameter %zu",
				    out->n + 1);
				kv_list_release(out);
				return REQ_ERR_ENCODING;
			}
			if (!decode(q + eq + (eq < i), i - eq - (eq < i), true,
				&v)) {
				buf_addf(err,
				    "query: bad encoding in the value of '%s'",
				    k);
				free(k);
				kv_list_release(out);
				return REQ_ERR_ENCODING;
			}
			XGROW(out->items, cap, out->n + 1);
			out->items[out->n].key = k;
			out->items[out->n++].val = v;
		}
		start = i + 1;
	}
	return REQ_OK;
}

enum req_err
req_parse_target(const char *target, size_t len, char **path,
    struct kv_list *query, struct buf *err)
{
	const char *q;
	size_t plen;
	enum req_err e;
	char *p;
	const char *seg[REQ_SEGMENTS_MAX];
	char *storage;
	bool slash;
	int n, i;

	*path = NULL;
	query->items = NULL;
	query->n = 0;
	if (len > REQ_TARGET_MAX) {
		buf_addf(
		    err, "request target longer than %d bytes", REQ_TARGET_MAX);
		return REQ_ERR_TOOBIG;
	}
	if (len == 0 || target[0] != '/') {
		buf_addstr(err, "request target does not start with '/'");
		return REQ_ERR_SYNTAX;
	}
	q = memchr(target, '?', len);
	plen = q != NULL ? (size_t)(q - target) : len;
	/* A fragment never reaches a server; treat '#' as junk. */
	if (memchr(target, '#', len) != NULL) {
		buf_addstr(err, "'#' in request target");
		return REQ_ERR_SYNTAX;
	}
	if (!decode(target, plen, false, &p)) {
		buf_addstr(err, "path: bad %-escape or invalid UTF-8");
		return REQ_ERR_ENCODING;
	}
	n = req_split_path(p, &storage, seg, &slash);
	for (i = 0; i < n; i++) {
		if (strcmp(seg[i], ".") == 0 || strcmp(seg[i], "..") == 0 ||
		    strchr(seg[i], '/') != NULL) {
			n = -2;
			break;
		}
	}
	free(storage);
	if (n < 0) {
		buf_addstr(err,
		    n == -1 ? "path: too many segments"
			    : "path: '.' or '..' segment");
		free(p);
		return n == -1 ? REQ_ERR_TOOBIG : REQ_ERR_SYNTAX;
	}
	if (q != NULL) {
		e = parse_query(q + 1, len - plen - 1, query, err);
		if (e != REQ_OK) {
			free(p);
			return e;
		}
	}
	*path = p;
	return REQ_OK;
}

static bool
cookie_name_char(char c)
{
	/* c != '\0': strchr would match the list's own terminator. */
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') ||
	    (c != '\0' && strchr("!#$%&'*+-.^_`|~", c) != NULL);
}

static bool
cookie_value_char(char c)
{
	unsigned char u = (unsigned char)c;

	return u == 0x21 || (u >= 0x23 && u <= 0x2b) ||
	    (u >= 0x2d && u <= 0x3a) || (u >= 0x3c && u <= 0x5b) ||
	    (u >= 0x5d && u <= 0x7e);
}

enum req_err
req_parse_cookies(
    const char *h, size_t len, struct kv_list *out, struct buf *err)
{
	size_t i = 0, cap = 0, ns, ne, vs, ve;

	out->items = NULL;
	out->n = 0;
	if (len > REQ_COOKIE_MAX) {
		buf_addf(
		    err, "Cookie header longer than %d bytes", REQ_COOKIE_MAX);
		return REQ_ERR_TOOBIG;
	}
	while (i < len) {
		while (i < len && (h[i] == ' ' || h[i] == '\t'))
			i++;
		if (i == len)
			break;
		ns = i;
		while (i < len && cookie_name_char(h[i]))
			i++;
		ne = i;
		if (ne == ns || i == len || h[i] != '=') {
			buf_addf(
			    err, "Cookie header: malformed at byte %zu", i + 1);
			kv_list_release(out);
			return REQ_ERR_SYNTAX;
		}
		i++;
		if (i < len && h[i] == '"') {
			vs = ++i;
			while (i < len && cookie_value_char(h[i]))
				i++;
			ve = i;
			if (i == len || h[i] != '"') {
				buf_addf(err,
				    "Cookie header: unterminated quote at byte "
				    "%zu",
				    i + 1);
				kv_list_release(out);
				return REQ_ERR_SYNTAX;
			}
			i++;
		} else {
			vs = i;
			while (i < len && cookie_value_char(h[i]))
				i++;
			ve = i;
		}
		while (i < len && (h[i] == ' ' || h[i] == '\t'))
			i++;
		if (i < len && h[i] != ';') {
			buf_addf(err,
			    "Cookie header: bad character at byte %zu", i + 1);
			kv_list_release(out);
			return REQ_ERR_SYNTAX;
		}
		i++;
		if (out->n >= REQ_COOKIES_MAX) {
			buf_addf(err, "more than %d cookies", REQ_COOKIES_MAX);
			kv_list_release(out);
			return REQ_ERR_TOOBIG;
		}
		XGROW(out->items, cap, out->n + 1);
		out->items[out->n].key = xstrndup(h + ns, ne - ns);
		out->items[out->n++].val = xstrndup(h + vs, ve - vs);
	}
	return REQ_OK;
}

static bool
allowed_lang(const char *s, size_t len, unsigned allowed, enum lang *out)
{
	enum lang l;

	if (s == NULL || !lang_parse(s, len, &l))
		return false;
	if (!(allowed & (1u << l)))
		return false;
	*out = l;
	return true;
}

/* Parses a q-value "q=0.8"; returns thousandths, or -1. */
static int
qvalue(const char *s, size_t len)
{
	int v = 0, digits = 0;
	size_t i;

	while (len > 0 && (*s == ' ' || *s == '\t')) {
		s++;
		len--;
	}
	if (len < 3 || (s[0] != 'q' && s[0] != 'Q') || s[1] != '=')
		return -1;
	if (s[2] != '0' && s[2] != '1')
		return -1;
	v = (s[2] - '0') * 1000;
	if (len == 3)
		return v;
	if (s[3] != '.')
		return -1;
	for (i = 4; i < len && digits < 3; i++, digits++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v += (s[i] - '0') * (digits == 0 ? 100 : digits == 1 ? 10 : 1);
	}
	return v > 1000 ? -1 : v;
}

enum lang
req_negotiate_lang(const char *query_lang, const char *cookie_lang,
    const char *al, unsigned allowed, enum lang fallback)
{
	enum lang l, best = fallback;
	int best_q = -1, q;
	const char *p, *end, *semi, *tag_end;
	size_t n = 0;

	if (query_lang != NULL &&
	    allowed_lang(query_lang, strlen(query_lang), allowed, &l))
		return l;
	if (cookie_lang != NULL &&
	    allowed_lang(cookie_lang, strlen(cookie_lang), allowed, &l))
		return l;
	if (al == NULL)
		return fallback;
	/* "pt-BR,pt;q=0.9,en;q=0.8": take the highest q, first on ties. */
	for (p = al; *p != '\0' && n < 32; p = *end ? end + 1 : end, n++) {
		end = strchr(p, ',');
		if (end == NULL)
			end = p + strlen(p);
		while (p < end && (*p == ' ' || *p == '\t'))
			p++;
		semi = memchr(p, ';', (size_t)(end - p));
		tag_end = semi != NULL ? semi : end;
		q = semi != NULL ? qvalue(semi + 1, (size_t)(end - semi - 1))
				 : 1000;
		if (q <= 0 || tag_end - p < 2)
			continue;
		/* primary subtag only: "pt" of "pt-BR" */
		if (tag_end - p > 2 && p[2] != '-')
			continue;
		if (allowed_lang(p, 2, allowed, &l) && q > best_q) {
			best = l;
			best_q = q;
		}
	}
	return best;
}

int
req_split_path(const char *path, char **storage,
    const char *seg[REQ_SEGMENTS_MAX], bool *trailing_slash)
{
	size_t len = strlen(path);
	char *s = xstrdup(path), *p = s, *slash;
	int n = 0;

	*storage = s;
	*trailing_slash = len > 0 && path[len - 1] == '/';
	while (*p != '\0') {
		while (*p == '/')
			p++;
		if (*p == '\0')
			break;
		if (n == REQ_SEGMENTS_MAX)
			return -1;
		seg[n++] = p;
		if ((slash = strchr(p, '/')) == NULL)
			break;
		*slash = '\0';
		p = slash + 1;
	}
	return n;
}
