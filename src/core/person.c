/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * person.c: sectors and the countries of the Americas partnership.
 */
#include "core/person.h"

#include <stdlib.h>
#include <string.h>

#include "util/util.h"

static const char *const sector_keys[SECTOR__MAX] = {
	[SECTOR_GOVERNMENT] = "government",
	[SECTOR_LEGISLATURE] = "legislature",
	[SECTOR_JUDICIARY] = "judiciary",
	[SECTOR_CIVIL_SOCIETY] = "civil-society",
	[SECTOR_ACADEMIA] = "academia",
	[SECTOR_PRIVATE] = "private",
	[SECTOR_MULTILATERAL] = "multilateral",
	[SECTOR_OTHER] = "other",
};

const char *
sector_key(enum sector s)
{
	return (unsigned)s < SECTOR__MAX ? sector_keys[s] : "other";
}

bool
sector_parse(const char *key, enum sector *out)
{
	int i;

	for (i = 0; i < SECTOR__MAX; i++) {
		if (strcmp(key, sector_keys[i]) == 0) {
			*out = (enum sector)i;
			return true;
		}
	}
	return false;
}

bool
sector_is_state(enum sector s)
{
	return s == SECTOR_GOVERNMENT || s == SECTOR_LEGISLATURE ||
	    s == SECTOR_JUDICIARY;
}

const struct country ogp_americas[] = {
	{ "AR", { "Argentina", "Argentina", "Argentina" } },
	{ "BR", { "Brasil", "Brazil", "Brasil" } },
	{ "CA", { "Canadá", "Canada", "Canadá" } },
	{ "CL", { "Chile", "Chile", "Chile" } },
	{ "CO", { "Colombia", "Colombia", "Colômbia" } },
	{ "CR", { "Costa Rica", "Costa Rica", "Costa Rica" } },
	{ "DO",
	    { "República Dominicana", "Dominican Republic",
		"República Dominicana" } },
	{ "SV", { "El Salvador", "El Salvador", "El Salvador" } },
	{ "GT", { "Guatemala", "Guatemala", "Guatemala" } },
	{ "HN", { "Honduras", "Honduras", "Honduras" } },
	{ "JM", { "Jamaica", "Jamaica", "Jamaica" } },
	{ "MX", { "México", "Mexico", "México" } },
	{ "PA", { "Panamá", "Panama", "Panamá" } },
	{ "PY", { "Paraguay", "Paraguay", "Paraguai" } },
	{ "PE", { "Perú", "Peru", "Peru" } },
	{ "TT",
	    { "Trinidad y Tobago", "Trinidad and Tobago",
		"Trinidad e Tobago" } },
	{ "US", { "Estados Unidos", "United States", "Estados Unidos" } },
	{ "UY", { "Uruguay", "Uruguay", "Uruguai" } },
};
const unsigned ogp_americas_count = ARRAY_SIZE(ogp_americas);

const struct country *
country_find(const char *code)
{
	unsigned i;

	for (i = 0; i < ogp_americas_count; i++)
		if (strcmp(ogp_americas[i].code, code) == 0)
			return &ogp_americas[i];
	return NULL;
}

void
person_release(struct person *p)
{
	free(p->name);
	free(p->email);
	free(p->organisation);
	free(p->gender);
	memset(p, 0, sizeof(*p));
}
