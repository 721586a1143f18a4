/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * embed.h: files built into the binary by tools/embed.c.  Each table ends
 * with a { NULL, NULL, 0 } entry; paths are relative to the source tree
 * ("src/store/sql/0001_init.sql", "web/css/cabildo.css").
 */
#ifndef CABILDO_EMBED_H
#define CABILDO_EMBED_H

#include <stddef.h>

struct embed_file {
	const char *path;
	const unsigned char *data;
	size_t len;
};

extern const struct embed_file embed_sql[];
extern const struct embed_file embed_web[];
extern const struct embed_file embed_data[];

#endif
