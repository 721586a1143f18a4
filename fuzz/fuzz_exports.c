/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * fuzz_exports.c: libFuzzer target for the open-data writers fed with
 * hostile text.  Any schedule.json the reader accepts is written in every
 * export format, and each output must stay well-formed: iCalendar lines
 * of at most 75 octets ending in CRLF and holding only the properties the
 * writer means to write (no line injected through a CR LF in a value),
 * CSV rows as wide as the header, JSON that parses, well-formed XML.
 * Whatever a speaker types into a title must not break (or inject into) a
 * published file.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>
#include <libxml/parser.h>

#include "formats/csv.h"
#include "formats/export.h"
#include "formats/schedule_json.h"
#include "fuzz_util.h"

#define FUZZ_MAX (256 << 10)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The properties ical.c writes: any other line start is injected. */
static const char *const ical_props[] = { "BEGIN:VCALENDAR\r",
	"END:VCALENDAR\r", "BEGIN:VEVENT\r", "END:VEVENT\r",
	"BEGIN:VTIMEZONE\r", "END:VTIMEZONE\r", "BEGIN:STANDARD\r",
	"END:STANDARD\r", "BEGIN:DAYLIGHT\r", "END:DAYLIGHT\r", "VERSION:",
	"PRODID:", "CALSCALE:", "METHOD:", "X-WR-CALNAME:", "X-WR-TIMEZONE:",
	"TZID:", "TZOFFSETFROM:", "TZOFFSETTO:", "TZNAME:", "UID:", "DTSTAMP:",
	"DTSTART:", "DTSTART;TZID=", "DTEND;TZID=", "SUMMARY:", "DESCRIPTION:",
	"LOCATION:", "CATEGORIES:", "X-CABILDO-LANGUAGE:", "URL:", " ", NULL };

static void
check_ical(const struct buf *b)
{
	const char *p = b->s, *end = b->s + b->len, *nl;
	size_t i;

	while (p < end) {
		for (i = 0; ical_props[i] != NULL; i++)
			if (strncmp(p, ical_props[i], strlen(ical_props[i])) ==
			    0)
				break;
		if (ical_props[i] == NULL)
			abort();
		nl = memchr(p, '\n', (size_t)(end - p));
		/* every line ends in CRLF, and no bare CR inside */
		if (nl == NULL || nl == p || nl[-1] != '\r' ||
		    memchr(p, '\r', (size_t)(nl - 1 - p)) != NULL)
			abort();
		if (nl - 1 - p > 75)
			abort();
		p = nl + 1;
	}
}

static void
check_csv(const struct buf *b)
{
	struct csv_limits lim = { (size_t)1 << 20, 0, 0 };
	struct csv c;
	struct buf err;
	size_t r;

	csv_init(&c);
	buf_init(&err, 4096);
	if (csv_parse(b->s, b->len, "sessions.csv", &lim, &c, &err) != CSV_OK)
		abort();
	for (r = 1; r < c.nrow; r++)
		if (c.row[r].nfield != c.row[0].nfield &&
		    !(r == c.nrow - 1 && csv_row_blank(&c, r)))
			abort();
	csv_release(&c);
	buf_release(&err);
}

static void
check_json(const struct buf *b)
{
	cJSON *j = cJSON_ParseWithLength(b->s, b->len);

	if (j == NULL)
		abort();
	cJSON_Delete(j);
}

static void
check_xml(const struct buf *b)
{
	xmlDoc *doc = xmlReadMemory(b->s, (int)b->len, "schedule.xml", NULL,
	    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);

	if (doc == NULL)
		abort();
	xmlFreeDoc(doc);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct agenda ag;
	struct buf warn, err, out;
	enum export_format f;
	char *in;

	if ((in = fuzz_cstr(data, &size, FUZZ_MAX)) == NULL)
		return 0;
	agenda_init(&ag);
	buf_init(&warn, 1 << 16);
	buf_init(&err, 4096);
	if (schedule_json_read(in, size, "fuzz", &ag, &warn, &err) ==
	    AGENDA_READ_OK) {
		for (f = 0; f < EXPORT__MAX; f++) {
			buf_init(&out, 0);
			export_write(&ag, f, &out);
			if (out.overflow)
				abort();
			switch (f) {
			case EXPORT_ICAL:
				check_ical(&out);
				break;
			case EXPORT_CSV:
				check_csv(&out);
				break;
			case EXPORT_FRAB:
				check_xml(&out);
				break;
			default:
				check_json(&out);
				break;
			}
			buf_release(&out);
		}
	}
	agenda_release(&ag);
	buf_release(&warn);
	buf_release(&err);
	free(in);
	return 0;
}
