/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * fuzz_json.c: libFuzzer target for util/json.c, which finds the line and
 * column of a value in JSON text that cJSON accepted (the positions in the
 * importers' error messages).  For every value of a parsed input, the
 * position found must lie inside the text; nothing may crash or hang on
 * any input, nesting included (cJSON refuses beyond its limit).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/json.h"
#include "fuzz_util.h"

#define FUZZ_MAX  (64 << 10)
#define NODES_MAX 256

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int
count_lines(const char *s, size_t n)
{
	int lines = 1;
	size_t i;

	for (i = 0; i < n; i++)
		lines += s[i] == '\n';
	return lines;
}

/* Checks json_where for node and its descendants, at most *left nodes. */
static void
walk(const char *in, size_t size, const cJSON *root, const cJSON *n, int lines,
    int *left)
{
	const cJSON *c;
	int line, col;

	if ((*left)-- <= 0)
		return;
	if (!json_where(in, size, root, n, false, &line, &col) || line < 1 ||
	    line > lines || col < 1 || (size_t)col > size + 1)
		abort();
	if (json_where(in, size, root, n, true, &line, &col) &&
	    (line < 1 || line > lines || col < 1 || (size_t)col > size + 1))
		abort();
	for (c = n->child; c != NULL; c = c->next)
		walk(in, size, root, c, lines, left);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *end = NULL;
	cJSON *root;
	char *in;
	int line, col, left = NODES_MAX, lines;
	long nul;

	if ((in = fuzz_cstr(data, &size, FUZZ_MAX)) == NULL)
		return 0;
	lines = count_lines(in, size);
	json_line_col(in, size, size / 2, &line, &col);
	if (line < 1 || line > lines || col < 1)
		abort();
	nul = json_find_nul_escape(in, size);
	if (nul < -1 || nul >= (long)size)
		abort();
	root = cJSON_ParseWithLengthOpts(in, size, &end, 0);
	if (root != NULL) {
		walk(in, size, root, root, lines, &left);
		cJSON_Delete(root);
	}
	free(in);
	return 0;
}
