/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * person.h: speakers, reviewers and participants, with the attributes the
 * programme is balanced on (sector, country, self-described gender).
 * Gender and e-mail are personal data: never shown in public output.
 */
#ifndef CABILDO_PERSON_H
#define CABILDO_PERSON_H

#include <stdbool.h>
#include <stdint.h>

#include "core/lang.h"

enum sector {
	SECTOR_GOVERNMENT,
	SECTOR_LEGISLATURE,
	SECTOR_JUDICIARY,
	SECTOR_CIVIL_SOCIETY,
	SECTOR_ACADEMIA,
	SECTOR_PRIVATE,
	SECTOR_MULTILATERAL,
	SECTOR_OTHER,
	SECTOR__MAX
};

/* "government", "civil-society"... as stored and exported. */
const char *sector_key(enum sector s);
bool sector_parse(const char *key, enum sector *out);
/* State sectors (government, legislature, judiciary) vs the rest. */
bool sector_is_state(enum sector s);

struct country {
	const char *code; /* ISO 3166-1 alpha-2 */
	const char *name[LANG__MAX];
};

/* The 18 OGP partner countries of the Americas in 2017. */
extern const struct country ogp_americas[];
extern const unsigned ogp_americas_count;
const struct country *country_find(const char *code);

struct person {
	int64_t id;
	char *name;
	char *email;
	char *organisation;
	enum sector sector;
	char country[3];
	char *gender;       /* self-described; NULL when not given */
	unsigned languages; /* bit (1 << enum lang) per language spoken */
	bool synthetic;
};

void person_release(struct person *p);

#endif
