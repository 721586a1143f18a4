/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * form.c: the urlencoded and multipart/form-data parsers of form.h.
 */
#include "web/form.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util/utf8.h"
#include "util/util.h"

#define PART_HEADERS_MAX 2048 /* bytes of one part's header block */

const char *
form_strerror(enum form_err err)
{
	static const char *const msgs[FORM_ERR__MAX] = {
		[FORM_OK] = "success",
		[FORM_ERR_TYPE] = "unsupported content type",
		[FORM_ERR_TOOBIG] = "form too large",
		[FORM_ERR_ENCODING] = "bad encoding in form",
		[FORM_ERR_SYNTAX] = "malformed form",
	};

	return (unsigned)err < FORM_ERR__MAX ? msgs[err] : "unknown error";
}

void
form_init(struct form *f)
{
	f->f = NULL;
	f->n = 0;
}

void
form_release(struct form *f)
{
	size_t i;

	for (i = 0; i < f->n; i++) {
		free(f->f[i].name);
		free(f->f[i].value);
		free(f->f[i].filename);
		free(f->f[i].type);
	}
	free(f->f);
	form_init(f);
}

static void
limits_fill(struct form_limits *l, const struct form_limits *in)
{
	l->max_fields =
	    in != NULL && in->max_fields ? in->max_fields : FORM_DEFAULT_FIELDS;
	l->max_name =
	    in != NULL && in->max_name ? in->max_name : FORM_DEFAULT_NAME;
	l->max_value =
	    in != NULL && in->max_value ? in->max_value : FORM_DEFAULT_VALUE;
	l->max_file =
	    in != NULL && in->max_file ? in->max_file : FORM_DEFAULT_FILE;
}

static bool
name_valid(const char *s, size_t len)
{
	size_t i;

	if (len == 0)
		return false;
	for (i = 0; i < len; i++) {
		char c = s[i];

		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
			(c >= '0' && c <= '9') || c == '_' || c == '-' ||
			c == '.'))
			return false;
	}
	return true;
}

/* CRLF and lone CR become LF, in place; returns the new length. */
static size_t
normalise_newlines(char *s, size_t len)
{
	size_t i, n = 0;

	for (i = 0; i < len; i++) {
		if (s[i] == '\r') {
			s[n++] = '\n';
			if (i + 1 < len && s[i + 1] == '\n')
				i++;
		} else {
			s[n++] = s[i];
		}
	}
	s[n] = '\0';
	return n;
}

/* Valid UTF-8, no NUL, no control characters but tab and newline. */
static bool
text_valid(const char *s, size_t len)
{
	size_t i = 0, n;
	uint32_t cp;

	while (i < len) {
		if ((n = utf8_decode(s + i, len - i, &cp)) == 0)
			return false;
		if ((cp < 0x20 && cp != '\t' && cp != '\n') ||
		    (cp >= 0x7f && cp < 0xa0))
			return false;
		i += n;
	}
	return true;
}

static void
add_field(struct form *out, size_t *cap, char *name, char *value, size_t len,
    char *filename, char *type)
{
	XGROW(out->f, *cap, out->n + 1);
	out->f[out->n].name = name;
	out->f[out->n].value = value;
	out->f[out->n].len = len;
	out->f[out->n].filename = filename;
	out->f[out->n].type = type;
	out->n++;
}

/* Percent-decodes with '+' as space; false on a bad escape. */
static bool
url_decode(const char *s, size_t len, char **out, size_t *outlen)
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
		} else {
			d[n++] = s[i] == '+' ? ' ' : s[i];
		}
	}
	d[n] = '\0';
	*out = d;
	*outlen = n;
	return true;
}

enum form_err
form_parse_urlencoded(const char *body, size_t len,
    const struct form_limits *limits, struct form *out, struct buf *err)
{
	struct form_limits lim;
	size_t cap = 0, start = 0, i, eq, klen, vlen;
	char *k, *v;

	limits_fill(&lim, limits);
	form_init(out);
	for (i = 0; i <= len; i++) {
		if (i < len && body[i] != '&')
			continue;
		if (i == start) {
			start = i + 1;
			continue;
		}
		if (out->n >= lim.max_fields) {
			buf_addf(err, "more than %zu fields", lim.max_fields);
			goto toobig;
		}
		for (eq = start; eq < i && body[eq] != '='; eq++)
			;
		if (!url_decode(body + start, eq - start, &k, &klen)) {
			buf_addf(err, "field %zu: bad %%-escape in its name",
			    out->n + 1);
			goto encoding;
		}
		if (klen > lim.max_name || !name_valid(k, klen)) {
			buf_addf(err, "field %zu: bad field name", out->n + 1);
			free(k);
			form_release(out);
			return FORM_ERR_SYNTAX;
		}
		if (!url_decode(
			body + eq + (eq < i), i - eq - (eq < i), &v, &vlen)) {
			buf_addf(err, "field '%s': bad %%-escape", k);
			free(k);
			goto encoding;
		}
		vlen = normalise_newlines(v, vlen);
		if (vlen > lim.max_value) {
			buf_addf(err, "field '%s': longer than %zu bytes", k,
			    lim.max_value);
			free(k);
			free(v);
			goto toobig;
		}
		if (!text_valid(v, vlen)) {
			buf_addf(err,
			    "field '%s': invalid UTF-8 or control character",
			    k);
			free(k);
			free(v);
			goto encoding;
		}
		add_field(out, &cap, k, v, vlen, NULL, NULL);
		start = i + 1;
	}
	return FORM_OK;
toobig:
	form_release(out);
	return FORM_ERR_TOOBIG;
encoding:
	form_release(out);
	return FORM_ERR_ENCODING;
}

/* First occurrence of needle in hay, or NULL (memmem is not POSIX). */
static const char *
find(const char *hay, size_t hlen, const char *needle, size_t nlen)
{
	const char *p = hay, *end = hay + hlen;

	if (nlen == 0 || nlen > hlen)
		return NULL;
	while ((size_t)(end - p) >= nlen) {
		p = memchr(p, needle[0], (size_t)(end - p) - nlen + 1);
		if (p == NULL)
			return NULL;
		if (memcmp(p, needle, nlen) == 0)
			return p;
		p++;
	}
	return NULL;
}

/*
 * Finds parameter key (name, filename) in a header value such as
 * `form-data; name="title"; filename="a.png"`.  Returns a new string,
 * NULL when absent; sets *bad on a malformed value.
 */
static char *
header_param(const char *h, size_t len, const char *key, bool *bad)
{
	size_t klen = strlen(key), i = 0, s;
	struct buf v;

	while (i < len) {
		while (i < len && h[i] != ';')
			i++;
		if (i++ >= len)
			break;
		while (i < len && (h[i] == ' ' || h[i] == '\t'))
			i++;
		if (len - i <= klen || strncasecmp(h + i, key, klen) != 0 ||
		    h[i + klen] != '=')
			continue;
		i += klen + 1;
		buf_init(&v, 1024);
		if (i < len && h[i] == '"') {
			for (i++; i < len && h[i] != '"'; i++) {
				if (h[i] == '\\' && i + 1 < len)
					i++;
				buf_addc(&v, h[i]);
			}
			if (i >= len || v.overflow) {
				*bad = true;
				buf_release(&v);
				return NULL;
			}
		} else {
			for (s = i; i < len && h[i] != ';' && h[i] != ' '; i++)
				;
			buf_add(&v, h + s, i - s);
		}
		return buf_detach(&v, NULL);
	}
	return NULL;
}

/* One part: headers in h[0..hlen), content in c[0..clen). */
static enum form_err
add_part(struct form *out, size_t *cap, const struct form_limits *lim,
    const char *h, size_t hlen, const char *c, size_t clen, struct buf *err)
{
	char *name = NULL, *filename = NULL, *type = NULL, *value;
	bool seen_disp = false, bad = false;
	size_t i = 0, e, vlen;

	while (i < hlen) {
		const char *line = h + i, *colon;
		size_t llen;

		e = i;
		while (e + 1 < hlen && !(h[e] == '\r' && h[e + 1] == '\n'))
			e++;
		if (e + 1 >= hlen)
			e = hlen;
		llen = e - i;
		i = e + 2;
		colon = memchr(line, ':', llen);
		if (colon == NULL)
			continue;
		if ((size_t)(colon - line) == 19 &&
		    strncasecmp(line, "Content-Disposition", 19) == 0) {
			size_t vl = llen - 20;

			seen_disp = true;
			free(name);
			free(filename);
			name = header_param(colon + 1, vl, "name", &bad);
			filename =
			    header_param(colon + 1, vl, "filename", &bad);
		} else if ((size_t)(colon - line) == 12 &&
		    strncasecmp(line, "Content-Type", 12) == 0) {
			const char *v = colon + 1;
			size_t vl = llen - 13;

			while (vl > 0 && (*v == ' ' || *v == '\t')) {
				v++;
				vl--;
			}
			free(type);
			type = xstrndup(v, vl);
		}
	}
	if (!seen_disp || bad || name == NULL || strlen(name) > lim->max_name ||
	    !name_valid(name, strlen(name)) ||
	    (type != NULL && !utf8_line_valid(type, strlen(type))) ||
	    (filename != NULL &&
		!utf8_line_valid(filename, strlen(filename)))) {
		buf_addf(err, "part %zu: bad Content-Disposition or name",
		    out->n + 1);
		goto syntax;
	}
	if (out->n >= lim->max_fields) {
		buf_addf(err, "more than %zu fields", lim->max_fields);
		goto toobig;
	}
	if (clen > (filename != NULL ? lim->max_file : lim->max_value)) {
		buf_addf(err, "field '%s': longer than %zu bytes", name,
		    filename != NULL ? lim->max_file : lim->max_value);
		goto toobig;
	}
	value = xmalloc(clen + 1);
	memcpy(value, c, clen);
	value[clen] = '\0';
	vlen = clen;
	if (filename == NULL) {
		vlen = normalise_newlines(value, vlen);
		if (!text_valid(value, vlen)) {
			buf_addf(err,
			    "field '%s': invalid UTF-8 or control character",
			    name);
			free(value);
			free(name);
			free(type);
			return FORM_ERR_ENCODING;
		}
	}
	add_field(out, cap, name, value, vlen, filename, type);
	return FORM_OK;
syntax:
	free(name);
	free(filename);
	free(type);
	return FORM_ERR_SYNTAX;
toobig:
	free(name);
	free(filename);
	free(type);
	return FORM_ERR_TOOBIG;
}

enum form_err
form_parse_multipart(const char *body, size_t len, const char *boundary,
    const struct form_limits *limits, struct form *out, struct buf *err)
{
	struct form_limits lim;
	struct buf delim;
	const char *p, *end = body + len, *hend, *next;
	size_t cap = 0, blen = strlen(boundary);
	enum form_err e = FORM_OK;

	limits_fill(&lim, limits);
	form_init(out);
	if (blen == 0 || blen > 70) {
		buf_addstr(err, "multipart boundary missing or too long");
		return FORM_ERR_TYPE;
	}
	buf_init(&delim, 128);
	buf_addstr(&delim, "\r\n--");
	buf_addstr(&delim, boundary);
	/* The first delimiter may open the body, without its CRLF. */
	if (len >= delim.len - 2 &&
	    memcmp(body, delim.s + 2, delim.len - 2) == 0) {
		p = body + delim.len - 2;
	} else if ((p = find(body, len, delim.s, delim.len)) != NULL) {
		p += delim.len;
	} else {
		buf_addstr(err, "multipart body without its boundary");
		e = FORM_ERR_SYNTAX;
		goto out;
	}
	for (;;) {
		/* p is just after a delimiter: "--" ends, CRLF opens a part */
		if (end - p >= 2 && p[0] == '-' && p[1] == '-')
			break;
		while (p < end && (*p == ' ' || *p == '\t'))
			p++;
		if (end - p < 2 || p[0] != '\r' || p[1] != '\n') {
			buf_addf(err, "part %zu: malformed delimiter line",
			    out->n + 1);
			e = FORM_ERR_SYNTAX;
			goto out;
		}
		p += 2;
		if (end - p >= 2 && p[0] == '\r' && p[1] == '\n') {
			hend = p; /* no headers at all */
		} else {
			hend = find(p,
			    (size_t)(end - p) < PART_HEADERS_MAX
				? (size_t)(end - p)
				: PART_HEADERS_MAX,
			    "\r\n\r\n", 4);
			if (hend == NULL) {
				buf_addf(err,
				    "part %zu: headers unterminated or over "
				    "%d bytes",
				    out->n + 1, PART_HEADERS_MAX);
				e = FORM_ERR_SYNTAX;
				goto out;
			}
			hend += 2;
		}
		next = find(
		    hend + 2, (size_t)(end - hend - 2), delim.s, delim.len);
		if (next == NULL) {
			buf_addf(
			    err, "part %zu: no closing boundary", out->n + 1);
			e = FORM_ERR_SYNTAX;
			goto out;
		}
		e = add_part(out, &cap, &lim, p, (size_t)(hend - p), hend + 2,
		    (size_t)(next - hend - 2), err);
		if (e != FORM_OK)
			goto out;
		p = next + delim.len;
	}
out:
	buf_release(&delim);
	if (e != FORM_OK)
		form_release(out);
	return e;
}

/* The value of parameter key in a Content-Type header, or NULL. */
static char *
type_param(const char *ct, const char *key)
{
	bool bad = false;
	char *v = header_param(ct, strlen(ct), key, &bad);

	return bad ? NULL : v;
}

enum form_err
form_parse(const char *content_type, const char *body, size_t len,
    const struct form_limits *limits, struct form *out, struct buf *err)
{
	size_t n;
	char *boundary;
	enum form_err e;

	form_init(out);
	if (content_type == NULL) {
		buf_addstr(err, "no Content-Type");
		return FORM_ERR_TYPE;
	}
	n = strcspn(content_type, "; \t");
	if (n == 33 &&
	    strncasecmp(content_type, "application/x-www-form-urlencoded", n) ==
		0)
		return form_parse_urlencoded(body, len, limits, out, err);
	if (n == 19 &&
	    strncasecmp(content_type, "multipart/form-data", n) == 0) {
		boundary = type_param(content_type, "boundary");
		if (boundary == NULL) {
			buf_addstr(err, "multipart without a boundary");
			return FORM_ERR_TYPE;
		}
		e = form_parse_multipart(body, len, boundary, limits, out, err);
		free(boundary);
		return e;
	}
	buf_addstr(err, "Content-Type is not a form");
	return FORM_ERR_TYPE;
}

const char *
form_get_nth(const struct form *f, const char *name, size_t nth)
{
	size_t i;

	for (i = 0; i < f->n; i++)
		if (strcmp(f->f[i].name, name) == 0 && nth-- == 0)
			return f->f[i].value;
	return NULL;
}

const char *
form_get(const struct form *f, const char *name)
{
	return form_get_nth(f, name, 0);
}

size_t
form_count(const struct form *f, const char *name)
{
	size_t i, n = 0;

	for (i = 0; i < f->n; i++)
		if (strcmp(f->f[i].name, name) == 0)
			n++;
	return n;
}
