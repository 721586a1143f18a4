/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * labelled.c: the labelled text sets of labelled.h.
 */
#include "formats/labelled.h"

#include <stdlib.h>
#include <string.h>

#include "util/util.h"

void
labelled_docs_init(struct labelled_docs *d)
{
	memset(d, 0, sizeof(*d));
}

void
labelled_docs_release(struct labelled_docs *d)
{
	size_t i;

	for (i = 0; i < d->n; i++) {
		free(d->v[i].text);
		free(d->v[i].label);
	}
	free(d->v);
	labelled_docs_init(d);
}

void
labelled_docs_add(struct labelled_docs *d, const char *text, const char *label)
{
	XGROW(d->v, d->cap, d->n + 1);
	d->v[d->n].text = xstrdup(text);
	d->v[d->n].label = xstrdup(label);
	d->n++;
}
