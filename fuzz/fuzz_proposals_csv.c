/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * fuzz_proposals_csv.c: libFuzzer target for the proposal importer,
 * checked against the built-in OGP Americas event: any bytes in, either
 * rows or one message per bad row out, never a crash or a leak.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "formats/event_json.h"
#include "formats/proposals_csv.h"
#include "util/embed.h"
#include "fuzz_util.h"

#define FUZZ_MAX (1 << 20)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct event ev;
static int loaded;

static void
load_event(void)
{
	const struct embed_file *f;
	struct buf msg;

	event_init(&ev);
	buf_init(&msg, 4096);
	for (f = embed_data; f->path != NULL; f++)
		if (strstr(f->path, "ogp-americas-2017") != NULL)
			break;
	if (f->path == NULL ||
	    event_json_parse((const char *)f->data, f->len, f->path, &ev,
		&msg) != EVENT_JSON_OK)
		abort();
	buf_release(&msg);
	loaded = 1;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct import im;
	struct buf err;
	char *in;

	if (!loaded)
		load_event();
	if ((in = fuzz_cstr(data, &size, FUZZ_MAX)) == NULL)
		return 0;
	buf_init(&err, 1 << 16);
	if (proposals_csv_parse(in, size, "fuzz.csv", &ev, &im, &err) ==
	    IMPORT_OK)
		import_release(&im);
	buf_release(&err);
	free(in);
	return 0;
}
