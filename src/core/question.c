/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * question.c: the organiser's questions and the checks of an answer.
 */
#include "core/question.h"

#include <stdlib.h>
#include <string.h>

#include "util/utf8.h"

static const char *const kind_names[QUESTION__MAX] = {
	[QUESTION_TEXT] = "text",
	[QUESTION_CHOICE] = "choice",
	[QUESTION_YESNO] = "yesno",
};

const char *
question_kind_name(enum question_kind kind)
{
	return (unsigned)kind < QUESTION__MAX ? kind_names[kind] : "text";
}

bool
question_kind_parse(const char *s, enum question_kind *out)
{
	int i;

	for (i = 0; i < QUESTION__MAX; i++) {
		if (strcmp(s, kind_names[i]) == 0) {
			*out = (enum question_kind)i;
			return true;
		}
	}
	return false;
}

void
question_release(struct question *q)
{
	size_t i;

	free(q->id);
	l10n_release(&q->label);
	l10n_release(&q->help);
	for (i = 0; i < q->noptions; i++) {
		free(q->options[i].key);
		l10n_release(&q->options[i].label);
	}
	free(q->options);
	for (i = 0; i < q->nformats; i++)
		free(q->formats[i]);
	free(q->formats);
	memset(q, 0, sizeof(*q));
}

bool
question_applies(const struct question *q, const char *format)
{
	size_t i;

	if (q->nformats == 0 || format == NULL || *format == '\0')
		return true;
	for (i = 0; i < q->nformats; i++)
		if (strcmp(q->formats[i], format) == 0)
			return true;
	return false;
}

long
question_option_find(const struct question *q, const char *key, size_t len)
{
	size_t i;

	for (i = 0; i < q->noptions; i++)
		if (strlen(q->options[i].key) == len &&
		    memcmp(q->options[i].key, key, len) == 0)
			return (long)i;
	return -1;
}

bool
question_chosen(const char *value, const char *key)
{
	size_t n = strlen(key), m;

	while (value != NULL && *value != '\0') {
		m = strcspn(value, ",");
		if (m == n && memcmp(value, key, n) == 0)
			return true;
		value += m;
		if (*value == ',')
			value++;
	}
	return false;
}

static enum question_fault
check_choice(const struct question *q, const char *value)
{
	bool seen[QUESTION_OPTIONS_MAX] = { false };
	size_t count = 0, m;
	long k;

	for (;;) {
		m = strcspn(value, ",");
		k = question_option_find(q, value, m);
		if (k < 0 || k >= QUESTION_OPTIONS_MAX || seen[k])
			return QUESTION_BAD_CHOICE;
		seen[k] = true;
		count++;
		value += m;
		if (*value == '\0')
			break;
		value++; /* the comma; an empty key after it is not an option */
	}
	return count > 1 && !q->multiple ? QUESTION_BAD_CHOICE : QUESTION_OK;
}

enum question_fault
question_check(const struct question *q, const char *value, bool full)
{
	if (value == NULL || *value == '\0')
		return full && q->required ? QUESTION_MISSING : QUESTION_OK;
	switch (q->kind) {
	case QUESTION_TEXT:
		return utf8_length(value, strlen(value)) > (size_t)q->max_length
		    ? QUESTION_TOO_LONG
		    : QUESTION_OK;
	case QUESTION_YESNO:
		return strcmp(value, "yes") == 0 || strcmp(value, "no") == 0
		    ? QUESTION_OK
		    : QUESTION_BAD_CHOICE;
	case QUESTION_CHOICE:
		return check_choice(q, value);
	case QUESTION__MAX:
		break;
	}
	return QUESTION_BAD_CHOICE;
}
