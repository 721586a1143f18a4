/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * json.c: source positions for cJSON trees (see json.h).
 */
#include "util/json.h"

#include <string.h>

void
json_line_col(const char *text, size_t len, size_t off, int *line, int *col)
{
	size_t i;

	*line = 1;
	*col = 1;
	if (off > len)
		off = len;
	for (i = 0; i < off; i++) {
		if (text[i] == '\n') {
			(*line)++;
			*col = 1;
		} else if (((unsigned char)text[i] & 0xc0) != 0x80) {
			(*col)++;
		}
	}
}

/* The scanner walks text that cJSON has already accepted. */
struct scan {
	const char *s;
	size_t len, i;
	long target; /* pre-order index wanted */
	long count;  /* values met so far */
	size_t key_off, val_off;
	bool found;
};

static void
skip_ws(struct scan *sc)
{
	while (sc->i < sc->len && (unsigned char)sc->s[sc->i] <= 32)
		sc->i++;
}

static void
skip_string(struct scan *sc)
{
	sc->i++; /* opening quote */
	while (sc->i < sc->len && sc->s[sc->i] != '"') {
		if (sc->s[sc->i] == '\\')
			sc->i++;
		sc->i++;
	}
	sc->i++; /* closing quote */
}

static void scan_value(struct scan *sc, size_t key_off);

static void
scan_container(struct scan *sc, char close, bool object)
{
	size_t key_off;

	sc->i++;
	for (;;) {
		skip_ws(sc);
		if (sc->i >= sc->len || sc->found)
			return;
		if (sc->s[sc->i] == close) {
			sc->i++;
			return;
		}
		if (sc->s[sc->i] == ',') {
			sc->i++;
			continue;
		}
		key_off = sc->i;
		if (object) {
			skip_string(sc);
			skip_ws(sc);
			sc->i++; /* ':' */
			skip_ws(sc);
		}
		scan_value(sc, key_off);
	}
}

static void
scan_value(struct scan *sc, size_t key_off)
{
	char c;

	if (sc->count++ == sc->target) {
		sc->found = true;
		sc->key_off = key_off;
		sc->val_off = sc->i;
		return;
	}
	if (sc->i >= sc->len)
		return;
	c = sc->s[sc->i];
	if (c == '{') {
		scan_container(sc, '}', true);
	} else if (c == '[') {
		scan_container(sc, ']', false);
	} else if (c == '"') {
		skip_string(sc);
	} else {
		while (sc->i < sc->len &&
		    strchr(",]} \t\r\n", sc->s[sc->i]) == NULL)
			sc->i++;
	}
}

/* Pre-order index of node under n, counting into *idx. */
static bool
preorder_index(const cJSON *n, const cJSON *node, long *idx)
{
	const cJSON *c;

	if (n == node)
		return true;
	(*idx)++;
	for (c = n->child; c != NULL; c = c->next)
		if (preorder_index(c, node, idx))
			return true;
	return false;
}

bool
json_where(const char *text, size_t len, const cJSON *root, const cJSON *node,
    bool at_key, int *line, int *col)
{
	struct scan sc = { .s = text, .len = len };
	long idx = 0;

	*line = *col = 1;
	if (root == NULL || node == NULL || !preorder_index(root, node, &idx))
		return false;
	sc.target = idx;
	/* cJSON skips a UTF-8 byte order mark before the first value. */
	if (len >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0)
		sc.i = 3;
	skip_ws(&sc);
	scan_value(&sc, sc.i);
	if (!sc.found)
		return false;
	json_line_col(text, len, at_key ? sc.key_off : sc.val_off, line, col);
	return true;
}

long
json_find_nul_escape(const char *text, size_t len)
{
	size_t i;
	bool in_str = false;

	for (i = 0; i < len; i++) {
		if (!in_str) {
			if (text[i] == '"')
				in_str = true;
			continue;
		}
		if (text[i] == '"') {
			in_str = false;
		} else if (text[i] == '\\' && i + 1 < len) {
			if (text[i + 1] == 'u' && i + 5 < len &&
			    memcmp(text + i + 2, "0000", 4) == 0)
				return (long)i;
			i++;
		}
	}
	return -1;
}
