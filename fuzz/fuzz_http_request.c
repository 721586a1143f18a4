/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * fuzz_http_request.c: libFuzzer target for what a browser sends.  The
 * input is split at newlines into a request target, a Cookie header and
 * an Accept-Language header, which go through the parsers of request.h,
 * language negotiation, path splitting and the HTML escaper.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/utf8.h"
#include "web/html.h"
#include "web/request.h"

#define FUZZ_MAX (16 << 10)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The next '\n'-terminated part of [*p, end) as a NUL-terminated copy. */
static char *
next_part(const char **p, const char *end, size_t *len)
{
	const char *nl = memchr(*p, '\n', (size_t)(end - *p));
	const char *stop = nl != NULL ? nl : end;
	char *s;

	*len = (size_t)(stop - *p);
	s = malloc(*len + 1);
	if (s == NULL)
		abort();
	memcpy(s, *p, *len);
	s[*len] = '\0';
	*p = nl != NULL ? nl + 1 : end;
	return s;
}

static void
check_decoded(const char *s)
{
	/* decoded text must be valid UTF-8 without controls */
	if (!utf8_line_valid(s, strlen(s)))
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *p = (const char *)data, *end;
	char *target, *cookie, *al, *path, *storage;
	const char *seg[REQ_SEGMENTS_MAX];
	size_t tlen, clen, alen, i;
	struct kv_list query, cookies;
	struct buf err, out;
	enum lang l;
	bool slash;
	int n;

	if (size > FUZZ_MAX)
		size = FUZZ_MAX;
	end = p + size;
	target = next_part(&p, end, &tlen);
	cookie = next_part(&p, end, &clen);
	al = next_part(&p, end, &alen);
	buf_init(&err, 1024);
	buf_init(&out, 1 << 20);

	if (req_parse_target(target, tlen, &path, &query, &err) == REQ_OK) {
		check_decoded(path);
		if (path[0] != '/')
			abort();
		for (i = 0; i < query.n; i++) {
			check_decoded(query.items[i].key);
			check_decoded(query.items[i].val);
		}
		html_txt(&out, path);
		html_url_arg(&out, path);
		if (strpbrk(out.s, "<>\"'") != NULL)
			abort();
		n = req_split_path(path, &storage, seg, &slash);
		if (n > REQ_SEGMENTS_MAX)
			abort();
		for (i = 0; n > 0 && i < (size_t)n; i++)
			if (seg[i][0] == '\0' || strchr(seg[i], '/') != NULL)
				abort();
		free(storage);
	} else {
		if (path != NULL || query.n != 0 || err.len == 0)
			abort();
	}
	if (req_parse_cookies(cookie, clen, &cookies, &err) == REQ_OK) {
		for (i = 0; i < cookies.n; i++)
			if (strlen(cookies.items[i].key) == 0)
				abort();
	} else if (cookies.n != 0) {
		abort();
	}
	l = req_negotiate_lang(kv_get(&query, "lang"), kv_get(&cookies, "lang"),
	    al, (1u << LANG__MAX) - 1, LANG_EN);
	if ((unsigned)l >= LANG__MAX)
		abort();
	/* with one language allowed, that is the only possible answer */
	l = req_negotiate_lang(kv_get(&query, "lang"), kv_get(&cookies, "lang"),
	    al, 1u << LANG_PT, LANG_PT);
	if (l != LANG_PT)
		abort();
	(void)alen;

	kv_list_release(&query);
	kv_list_release(&cookies);
	free(path);
	buf_release(&err);
	buf_release(&out);
	free(target);
	free(cookie);
	free(al);
	return 0;
}
