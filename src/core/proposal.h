/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * proposal.h: a session proposal under a theme and a format, with its
 * speakers.  Themes and formats are indices into the event's arrays;
 * speakers are indices into the population's persons.
 */
#ifndef CABILDO_PROPOSAL_H
#define CABILDO_PROPOSAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/lang.h"

enum proposal_status {
	PROPOSAL_DRAFT,
	PROPOSAL_SUBMITTED,
	PROPOSAL_ACCEPTED,
	PROPOSAL_REJECTED,
	PROPOSAL_WAITLISTED,
	PROPOSAL_WITHDRAWN,
	PROPOSAL_CONFIRMED,
	PROPOSAL__MAX
};

const char *proposal_status_key(enum proposal_status s);
bool proposal_status_parse(const char *key, enum proposal_status *out);

/* Who put a theme on a proposal. */
enum theme_source {
	THEME_SOURCE_AUTHOR,
	THEME_SOURCE_CLASSIFIER,
	THEME_SOURCE_ORGANISER,
	THEME_SOURCE__MAX
};

const char *theme_source_key(enum theme_source s);

#define PROPOSAL_MAX_SPEAKERS  8
#define PROPOSAL_MAX_SECONDARY 3

struct proposal {
	int64_t id;
	char *title;
	char *abstract;
	enum lang language;
	bool needs_interpretation;
	size_t format;
	size_t theme;
	size_t secondary[PROPOSAL_MAX_SECONDARY];
	size_t nsecondary;
	enum proposal_status status;
	size_t speakers[PROPOSAL_MAX_SPEAKERS]; /* [0] is the submitter */
	size_t nspeakers;
	bool synthetic;
};

void proposal_release(struct proposal *p);

#endif
