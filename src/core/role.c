/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * role.c: role names.
 */
#include "core/role.h"

#include <string.h>

static const char *const keys[ROLE__MAX] = {
	[ROLE_ORGANISER] = "organiser",
	[ROLE_REVIEWER] = "reviewer",
	[ROLE_SPEAKER] = "speaker",
	[ROLE_PARTICIPANT] = "participant",
};

const char *
role_key(enum role r)
{
	return (unsigned)r < ROLE__MAX ? keys[r] : "";
}

bool
role_parse(const char *key, enum role *out)
{
	int i;

	for (i = 0; i < ROLE__MAX; i++) {
		if (strcmp(key, keys[i]) == 0) {
			*out = (enum role)i;
			return true;
		}
	}
	return false;
}
