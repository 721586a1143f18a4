/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * proposals_csv.c: the proposal importer of proposals_csv.h over the
 * shared CSV reader.
 */
#include "formats/proposals_csv.h"

#include <stdlib.h>
#include <string.h>

#include "formats/csv.h"
#include "util/email.h"
#include "util/utf8.h"
#include "util/util.h"

enum col {
	COL_TITLE,
	COL_ABSTRACT,
	COL_DESCRIPTION,
	COL_FORMAT,
	COL_THEME,
	COL_SECONDARY,
	COL_LANGUAGE,
	COL_INTERPRETATION,
	COL_SPEAKER_NAME,
	COL_SPEAKER_EMAIL,
	COL_ORGANISATION,
	COL_SECTOR,
	COL_COUNTRY,
	COL_COSPEAKERS,
	COL__MAX
};

static const struct {
	const char *name;
	bool required;
	size_t max_chars;
} cols[COL__MAX] = {
	[COL_TITLE] = { "title", true, 200 },
	[COL_ABSTRACT] = { "abstract", false, 600 },
	[COL_DESCRIPTION] = { "description", false, 6000 },
	[COL_FORMAT] = { "format", true, 64 },
	[COL_THEME] = { "theme", true, 64 },
	[COL_SECONDARY] = { "secondary", false, 256 },
	[COL_LANGUAGE] = { "language", true, 2 },
	[COL_INTERPRETATION] = { "interpretation", false, 5 },
	[COL_SPEAKER_NAME] = { "speaker_name", true, 200 },
	[COL_SPEAKER_EMAIL] = { "speaker_email", true, 254 },
	[COL_ORGANISATION] = { "organisation", false, 300 },
	[COL_SECTOR] = { "sector", false, 32 },
	[COL_COUNTRY] = { "country", false, 2 },
	[COL_COSPEAKERS] = { "cospeakers", false, 2048 },
};

static void
row_release(struct import_row *r)
{
	size_t i;

	for (i = 0; i < r->nsecondary; i++)
		free(r->secondary[i]);
	for (i = 0; i < r->ncospeakers; i++)
		free(r->cospeakers[i]);
	for (i = 0; i < QUESTIONS_MAX; i++)
		free(r->answers[i]);
	free(r->speaker_email);
	memset(r, 0, sizeof(*r));
}

void
import_release(struct import *im)
{
	size_t i;

	for (i = 0; i < im->nrows; i++)
		row_release(&im->rows[i]);
	free(im->rows);
	if (im->csv_ != NULL) {
		csv_release(im->csv_);
		free(im->csv_);
	}
	memset(im, 0, sizeof(*im));
}

/* Splits s on ';' into at most max trimmed items (owned copies). */
static bool
split_list(const char *s, char **out, size_t max, size_t *n)
{
	size_t len;

	*n = 0;
	while (*s != '\0') {
		s += strspn(s, " ;");
		len = strcspn(s, ";");
		while (len > 0 && s[len - 1] == ' ')
			len--;
		if (len == 0)
			break;
		if (*n == max)
			return false;
		out[(*n)++] = xstrndup(s, len);
		s += len;
	}
	return true;
}

static bool
parse_bool(const char *s, bool *out)
{
	static const char *const yes[] = { "yes", "true", "1", "sí", "si",
		"sim" };
	static const char *const no[] = { "", "no", "false", "0", "não" };
	size_t i;

	for (i = 0; i < ARRAY_SIZE(yes); i++)
		if (strcmp(s, yes[i]) == 0)
			return *out = true;
	for (i = 0; i < ARRAY_SIZE(no); i++)
		if (strcmp(s, no[i]) == 0)
			return !(*out = false);
	return false;
}

/* The answer in column q:<id> as stored; false with a message. */
static bool
check_answer(
    const struct question *q, const char *v, char **out, struct buf *msg)
{
	struct buf b;
	bool yes;
	size_t n;

	*out = NULL;
	if (*v == '\0')
		return true;
	buf_init(&b, 0);
	if (q->kind == QUESTION_YESNO) {
		if (!parse_bool(v, &yes)) {
			buf_addf(msg,
			    "column 'q:%s': expected yes or no, got '%s'",
			    q->id, v);
			return false;
		}
		buf_addstr(&b, yes ? "yes" : "no");
	} else if (q->kind == QUESTION_CHOICE) {
		/* "a; b" or "a,b": keys, trimmed, joined by ',' */
		while (*v != '\0') {
			v += strspn(v, " ;,");
			n = strcspn(v, ";,");
			while (n > 0 && v[n - 1] == ' ')
				n--;
			if (n == 0)
				break;
			buf_addf(&b, "%s%.*s", b.len ? "," : "", (int)n, v);
			v += n;
		}
	} else {
		buf_addstr(&b, v);
	}
	switch (question_check(q, b.s, false)) {
	case QUESTION_OK:
	case QUESTION_MISSING:
	case QUESTION_FAULT__MAX:
		if (b.len > 0)
			*out = buf_detach(&b, NULL);
		buf_release(&b);
		return true;
	case QUESTION_TOO_LONG:
		buf_addf(msg, "column 'q:%s': longer than %d characters", q->id,
		    q->max_length);
		break;
	case QUESTION_BAD_CHOICE:
		buf_addf(msg, "column 'q:%s': '%s' is not %s", q->id, b.s,
		    q->multiple ? "a list of the question's options, each once"
				: "one of the question's options");
		break;
	}
	buf_release(&b);
	return false;
}

/* Checks row r into out; false with one message on the first problem. */
static bool
check_row(const struct csv *c, size_t r, const long *idx, const long *qidx,
    const struct event *ev, struct import_row *out, struct buf *msg)
{
	const char *v[COL__MAX];
	char *list[PROPOSAL_MAX_SPEAKERS];
	size_t i, j, n;
	int k;

	memset(out, 0, sizeof(*out));
	out->line = c->row[r].line;
	for (k = 0; k < COL__MAX; k++) {
		v[k] = idx[k] >= 0 ? csv_get(c, r, (size_t)idx[k]) : "";
		if (cols[k].required && *v[k] == '\0') {
			buf_addf(msg, "column '%s': empty", cols[k].name);
			return false;
		}
		if (!utf8_line_valid(v[k], strlen(v[k])) &&
		    k != COL_DESCRIPTION && k != COL_ABSTRACT) {
			buf_addf(msg, "column '%s': control character",
			    cols[k].name);
			return false;
		}
		if (utf8_length(v[k], strlen(v[k])) > cols[k].max_chars) {
			buf_addf(msg, "column '%s': longer than %zu characters",
			    cols[k].name, cols[k].max_chars);
			return false;
		}
	}
	out->title = v[COL_TITLE];
	out->abstract = v[COL_ABSTRACT];
	out->description = v[COL_DESCRIPTION];
	out->organisation = v[COL_ORGANISATION];
	out->speaker_name = v[COL_SPEAKER_NAME];
	if (event_format_find(ev, v[COL_FORMAT]) < 0) {
		buf_addf(
		    msg, "column 'format': unknown format '%s'", v[COL_FORMAT]);
		return false;
	}
	out->format = v[COL_FORMAT];
	if (event_theme_find(ev, v[COL_THEME]) < 0) {
		buf_addf(
		    msg, "column 'theme': unknown theme '%s'", v[COL_THEME]);
		return false;
	}
	out->theme = v[COL_THEME];
	if (!split_list(v[COL_SECONDARY], out->secondary,
		PROPOSAL_MAX_SECONDARY, &out->nsecondary)) {
		buf_addf(msg, "column 'secondary': more than %d themes",
		    PROPOSAL_MAX_SECONDARY);
		return false;
	}
	for (i = 0; i < out->nsecondary; i++) {
		for (j = 0; j < i; j++)
			if (strcmp(out->secondary[i], out->secondary[j]) == 0)
				break;
		if (event_theme_find(ev, out->secondary[i]) < 0 || j < i ||
		    strcmp(out->secondary[i], out->theme) == 0) {
			buf_addf(msg,
			    "column 'secondary': unknown or repeated theme "
			    "'%s'",
			    out->secondary[i]);
			return false;
		}
	}
	if (!lang_parse(
		v[COL_LANGUAGE], strlen(v[COL_LANGUAGE]), &out->language) ||
	    !event_has_lang(ev, out->language)) {
		buf_addf(msg,
		    "column 'language': '%s' is not a language of "
		    "the event",
		    v[COL_LANGUAGE]);
		return false;
	}
	if (!parse_bool(v[COL_INTERPRETATION], &out->interpretation)) {
		buf_addf(msg,
		    "column 'interpretation': expected yes or no, "
		    "got '%s'",
		    v[COL_INTERPRETATION]);
		return false;
	}
	if ((out->speaker_email = email_normalise(v[COL_SPEAKER_EMAIL])) ==
	    NULL) {
		buf_addf(msg, "column 'speaker_email': '%s' is not an address",
		    v[COL_SPEAKER_EMAIL]);
		return false;
	}
	out->sector = SECTOR_OTHER;
	if (*v[COL_SECTOR] != '\0' &&
	    !sector_parse(v[COL_SECTOR], &out->sector)) {
		buf_addf(
		    msg, "column 'sector': unknown sector '%s'", v[COL_SECTOR]);
		return false;
	}
	if (*v[COL_COUNTRY] != '\0') {
		if (strlen(v[COL_COUNTRY]) != 2 || v[COL_COUNTRY][0] < 'A' ||
		    v[COL_COUNTRY][0] > 'Z' || v[COL_COUNTRY][1] < 'A' ||
		    v[COL_COUNTRY][1] > 'Z') {
			buf_addf(msg,
			    "column 'country': expected an ISO 3166 code like "
			    "'AR', got '%s'",
			    v[COL_COUNTRY]);
			return false;
		}
		memcpy(out->country, v[COL_COUNTRY], 3);
	}
	if (!split_list(v[COL_COSPEAKERS], list, ARRAY_SIZE(list), &n) ||
	    n > ARRAY_SIZE(out->cospeakers)) {
		for (i = 0; i < n; i++)
			free(list[i]);
		buf_addf(msg, "column 'cospeakers': more than %d addresses",
		    PROPOSAL_MAX_SPEAKERS - 1);
		return false;
	}
	for (i = 0; i < n; i++) {
		char *e = email_normalise(list[i]);

		for (j = 0; e != NULL && j < out->ncospeakers; j++)
			if (strcmp(out->cospeakers[j], e) == 0)
				break;
		if (e == NULL || j < out->ncospeakers ||
		    strcmp(e, out->speaker_email) == 0) {
			buf_addf(msg,
			    "column 'cospeakers': bad or repeated address "
			    "'%s'",
			    list[i]);
			free(e);
			for (; i < n; i++)
				free(list[i]);
			return false;
		}
		out->cospeakers[out->ncospeakers++] = e;
		free(list[i]);
	}
	k = event_format_find(ev, out->format);
	if ((int)(1 + out->ncospeakers) < ev->formats[k].min_speakers ||
	    (int)(1 + out->ncospeakers) > ev->formats[k].max_speakers) {
		buf_addf(msg,
		    "column 'cospeakers': format '%s' takes %d to %d "
		    "speakers, the row has %zu",
		    out->format, ev->formats[k].min_speakers,
		    ev->formats[k].max_speakers, 1 + out->ncospeakers);
		return false;
	}
	for (i = 0; i < ev->nquestions && i < QUESTIONS_MAX; i++) {
		const char *a =
		    qidx[i] >= 0 ? csv_get(c, r, (size_t)qidx[i]) : "";

		if (!utf8_valid(a, strlen(a))) {
			buf_addf(msg, "column 'q:%s': control character",
			    ev->questions[i].id);
			return false;
		}
		if (!check_answer(&ev->questions[i], a, &out->answers[i], msg))
			return false;
	}
	return true;
}

/* Maps header names to columns; false with messages on a bad header. */
static bool
read_header(const struct csv *c, const char *fname, const struct event *ev,
    long *idx, long *qidx, struct buf *err)
{
	size_t f;
	long q;
	int k;
	bool ok = true;

	for (k = 0; k < COL__MAX; k++)
		idx[k] = -1;
	for (k = 0; k < QUESTIONS_MAX; k++)
		qidx[k] = -1;
	for (f = 0; f < c->row[0].nfield; f++) {
		const char *h = c->row[0].field[f];

		/* q:<id>: an answer to one of the event's questions */
		if (strncmp(h, "q:", 2) == 0) {
			q = event_question_find(ev, h + 2);
			if (q < 0 || q >= QUESTIONS_MAX || qidx[q] >= 0) {
				if (q < 0)
					buf_addf(err,
					    "%s:1: column '%s': the event has "
					    "no question '%s'\n",
					    fname, h, h + 2);
				else
					buf_addf(err,
					    "%s:1: repeated column '%s'\n",
					    fname, h);
				ok = false;
				continue;
			}
			qidx[q] = (long)f;
			continue;
		}

		for (k = 0; k < COL__MAX; k++)
			if (strcmp(h, cols[k].name) == 0)
				break;
		if (k == COL__MAX || idx[k] >= 0) {
			buf_addf(err, "%s:1: %s column '%s'\n", fname,
			    k == COL__MAX ? "unknown" : "repeated", h);
			ok = false;
			continue;
		}
		idx[k] = (long)f;
	}
	for (k = 0; k < COL__MAX; k++) {
		if (cols[k].required && idx[k] < 0) {
			buf_addf(err, "%s:1: missing column '%s'\n", fname,
			    cols[k].name);
			ok = false;
		}
	}
	return ok;
}

enum import_err
proposals_csv_parse(const char *data, size_t len, const char *fname,
    const struct event *ev, struct import *out, struct buf *err)
{
	struct csv_limits lim = { 64 << 10, 64, IMPORT_MAX_ROWS + 1 };
	struct csv *c = xcalloc(1, sizeof(*c));
	long idx[COL__MAX], qidx[QUESTIONS_MAX];
	struct buf msg;
	size_t r, bad = 0;

	memset(out, 0, sizeof(*out));
	csv_init(c);
	if (csv_parse(data, len, fname, &lim, c, err) != CSV_OK) {
		buf_addc(err, '\n');
		free(c);
		return IMPORT_ERR_CSV;
	}
	if (c->nrow == 0) {
		buf_addf(
		    err, "%s:1: empty file: expected a header row\n", fname);
		csv_release(c);
		free(c);
		return IMPORT_ERR_HEADER;
	}
	if (!read_header(c, fname, ev, idx, qidx, err)) {
		csv_release(c);
		free(c);
		return IMPORT_ERR_HEADER;
	}
	out->csv_ = c;
	out->rows = xcalloc(c->nrow, sizeof(*out->rows));
	buf_init(&msg, 4096);
	for (r = 1; r < c->nrow; r++) {
		if (csv_row_blank(c, r))
			continue;
		buf_reset(&msg);
		if (check_row(
			c, r, idx, qidx, ev, &out->rows[out->nrows], &msg)) {
			out->nrows++;
			continue;
		}
		row_release(&out->rows[out->nrows]);
		if (++bad <= IMPORT_MAX_ERRORS)
			buf_addf(
			    err, "%s:%zu: %s\n", fname, c->row[r].line, msg.s);
	}
	buf_release(&msg);
	if (bad > IMPORT_MAX_ERRORS)
		buf_addf(err, "%s: %zu more bad rows not shown\n", fname,
		    bad - IMPORT_MAX_ERRORS);
	if (bad > 0) {
		import_release(out);
		return IMPORT_ERR_ROWS;
	}
	return IMPORT_OK;
}
