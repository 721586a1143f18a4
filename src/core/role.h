/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * role.h: what an account may do within one event.  A site admin (a flag
 * of the account, not a role) may do everything everywhere.
 */
#ifndef CABILDO_ROLE_H
#define CABILDO_ROLE_H

#include <stdbool.h>

enum role {
	ROLE_ORGANISER,
	ROLE_REVIEWER,
	ROLE_SPEAKER,
	ROLE_PARTICIPANT,
	ROLE__MAX
};

/* Sets of roles are unsigned masks of bits (1u << enum role). */
#define ROLE_BIT(r) (1u << (r))

/* "organiser", "reviewer"... as stored. */
const char *role_key(enum role r);
bool role_parse(const char *key, enum role *out);

#endif
