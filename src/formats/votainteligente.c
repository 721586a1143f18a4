/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * votainteligente.c: proposals.csv to labelled texts.
 */
#include "formats/votainteligente.h"

#include <stdlib.h>

#include "formats/csv.h"
#include "util/util.h"

static const char *const text_columns[] = {
	"title",
	"one_liner",
	"problem",
	"causes",
	"solution",
	"solution_at_the_end",
};

bool
votainteligente_read(
    const char *path, struct labelled_docs *out, struct buf *err)
{
	struct csv c;
	struct buf text;
	char *data = NULL;
	size_t len, r, i;
	long col[ARRAY_SIZE(text_columns)], lcol;
	enum read_err re;
	bool ok = false;

	csv_init(&c);
	buf_init(&text, (size_t)1 << 20);
	if ((re = read_file(path, VOTAINTELIGENTE_MAX, &data, &len)) !=
	    READ_OK) {
		buf_addf(err, "%s: %s", path, read_strerror(re));
		goto out;
	}
	if (csv_parse(data, len, path, NULL, &c, err) != CSV_OK)
		goto out;
	if ((lcol = csv_header_index(&c, "label")) < 0) {
		buf_addf(err, "%s:1:1: no 'label' column", path);
		goto out;
	}
	for (i = 0; i < ARRAY_SIZE(text_columns); i++)
		col[i] = csv_header_index(&c, text_columns[i]);
	if (col[0] < 0) {
		buf_addf(err, "%s:1:1: no 'title' column", path);
		goto out;
	}
	for (r = 1; r < c.nrow; r++) {
		const char *label = csv_get(&c, r, (size_t)lcol);

		if (*label == '\0' || csv_row_blank(&c, r))
			continue;
		buf_reset(&text);
		for (i = 0; i < ARRAY_SIZE(text_columns); i++) {
			if (col[i] < 0)
				continue;
			buf_addstr(&text, csv_get(&c, r, (size_t)col[i]));
			buf_addc(&text, '\n');
		}
		if (!text.overflow)
			labelled_docs_add(out, text.s, label);
	}
	ok = true;
out:
	free(data);
	csv_release(&c);
	buf_release(&text);
	return ok;
}
