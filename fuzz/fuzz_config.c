/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * fuzz_config.c: libFuzzer target for the configuration file parser
 * (util/config.h) with a table of every value type, like the one of
 * `cabildo serve --config`.  Either values or one "FILE:LINE: ..." error,
 * never a crash or a leak; on error no value is left set.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/config.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const struct config_key keys[] = {
		{ "db", CONFIG_STRING, 0, 0 },
		{ "listen", CONFIG_STRING, 0, 0 },
		{ "threads", CONFIG_INT, 1, 64 },
		{ "access_log", CONFIG_BOOL, 0, 0 },
		{ "http_per_address", CONFIG_INT, 0, 65536 },
		{ "rate_scale", CONFIG_REAL, 0, 1000 },
	};
	enum { NKEYS = sizeof(keys) / sizeof(keys[0]) };
	struct config_value v[NKEYS];
	enum config_err err;
	struct buf msg;
	size_t i;

	memset(v, 0, sizeof(v));
	buf_init(&msg, 0);
	err = config_parse(
	    (const char *)data, size, "fuzz.conf", keys, NKEYS, v, &msg);
	if (err == CONFIG_OK) {
		if (msg.len != 0)
			abort();
	} else {
		if (strncmp(msg.s, "fuzz.conf", 9) != 0)
			abort();
		for (i = 0; i < NKEYS; i++)
			if (v[i].set || v[i].s != NULL)
				abort();
	}
	config_values_release(v, NKEYS);
	buf_release(&msg);
	return 0;
}
