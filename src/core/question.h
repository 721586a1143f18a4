/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * question.h: the organiser's own questions in the call for proposals
 * (the event file's cfp.questions), and the checks of one answer.
 *
 * An answer is one string: the text typed for QUESTION_TEXT, "yes" or
 * "no" for QUESTION_YESNO, and for QUESTION_CHOICE the chosen option keys
 * joined by ',' (keys are [a-z0-9-], so a comma never occurs in one).  An
 * empty string is "not answered".
 *
 * Ownership: a struct question owns its strings and arrays;
 * question_release frees them.
 */
#ifndef CABILDO_QUESTION_H
#define CABILDO_QUESTION_H

#include <stdbool.h>
#include <stddef.h>

#include "core/lang.h"

/* A question id becomes the form field "q-<id>", which form.c caps at
 * 64 bytes. */
#define QUESTION_ID_MAX       48
#define QUESTIONS_MAX         30
#define QUESTION_OPTIONS_MAX  30
#define QUESTION_TEXT_MAX     10000 /* characters */
#define QUESTION_TEXT_DEFAULT 2000

enum question_kind {
	QUESTION_TEXT,
	QUESTION_CHOICE,
	QUESTION_YESNO,
	QUESTION__MAX
};

struct question_option {
	char *key;
	struct l10n label;
};

struct question {
	char *id; /* stable: answers are stored under it */
	enum question_kind kind;
	bool required;
	bool multiple; /* QUESTION_CHOICE: several options may be chosen */
	/* Reviewers see the answer beside the proposal (the event file's
	 * "reviewers", true if absent); false keeps it to the organisers,
	 * e.g. an answer that would name the speaker in a blind review. */
	bool reviewers;
	int max_length; /* QUESTION_TEXT: characters */
	struct l10n label;
	struct l10n help; /* optional */
	struct question_option *options;
	size_t noptions;
	char **formats; /* format keys it is asked for; none: every format */
	size_t nformats;
};

/* What is wrong with one answer. */
enum question_fault {
	QUESTION_OK,
	QUESTION_MISSING,    /* required and empty */
	QUESTION_TOO_LONG,   /* text over max_length */
	QUESTION_BAD_CHOICE, /* not an option, not yes/no, or two for one */
	QUESTION_FAULT__MAX
};

/* "text", "choice", "yesno". */
const char *question_kind_name(enum question_kind kind);
bool question_kind_parse(const char *s, enum question_kind *out);

void question_release(struct question *q);

/* True when q is asked for proposals of that format (NULL or "": any). */
bool question_applies(const struct question *q, const char *format);

/* Index of the option with that key, or -1. */
long question_option_find(
    const struct question *q, const char *key, size_t len);

/*
 * Checks one answer.  full is set when submitting: only then is an empty
 * answer to a required question a fault.  Values that could not mean
 * anything (an unknown option) are faults even in a draft.
 */
enum question_fault question_check(
    const struct question *q, const char *value, bool full);

/* True when the comma-joined value holds option key. */
bool question_chosen(const char *value, const char *key);

#endif
