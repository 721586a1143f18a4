/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * labelled.h: texts with a label, as the theme benchmark and the
 * classifier's imports read them (FOSDEM talks by track, VotaInteligente
 * proposals by theme).  The set owns every string.
 */
#ifndef CABILDO_LABELLED_H
#define CABILDO_LABELLED_H

#include <stddef.h>

struct labelled_doc {
	char *text;  /* title and body, as in the file (may hold HTML) */
	char *label; /* track or theme, verbatim */
};

struct labelled_docs {
	struct labelled_doc *v;
	size_t n, cap;
};

void labelled_docs_init(struct labelled_docs *d);
void labelled_docs_release(struct labelled_docs *d);
/* Appends a copy of text and label. */
void labelled_docs_add(
    struct labelled_docs *d, const char *text, const char *label);

#endif
