/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * proposal.c: proposal statuses and theme sources.
 */
#include "core/proposal.h"

#include <stdlib.h>
#include <string.h>

static const char *const status_keys[PROPOSAL__MAX] = {
	[PROPOSAL_DRAFT] = "draft",
	[PROPOSAL_SUBMITTED] = "submitted",
	[PROPOSAL_ACCEPTED] = "accepted",
	[PROPOSAL_REJECTED] = "rejected",
	[PROPOSAL_WAITLISTED] = "waitlisted",
	[PROPOSAL_WITHDRAWN] = "withdrawn",
	[PROPOSAL_CONFIRMED] = "confirmed",
};

static const char *const source_keys[THEME_SOURCE__MAX] = {
	[THEME_SOURCE_AUTHOR] = "author",
	[THEME_SOURCE_CLASSIFIER] = "classifier",
	[THEME_SOURCE_ORGANISER] = "organiser",
};

const char *
proposal_status_key(enum proposal_status s)
{
	return (unsigned)s < PROPOSAL__MAX ? status_keys[s] : "draft";
}

bool
proposal_status_parse(const char *key, enum proposal_status *out)
{
	int i;

	for (i = 0; i < PROPOSAL__MAX; i++) {
		if (strcmp(key, status_keys[i]) == 0) {
			*out = (enum proposal_status)i;
			return true;
		}
	}
	return false;
}

const char *
theme_source_key(enum theme_source s)
{
	return (unsigned)s < THEME_SOURCE__MAX ? source_keys[s] : "author";
}

void
proposal_release(struct proposal *p)
{
	free(p->title);
	free(p->abstract);
	memset(p, 0, sizeof(*p));
}
