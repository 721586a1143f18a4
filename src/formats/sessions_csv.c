/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * sessions_csv.c: the CSV writer of sessions_csv.h.
 */
#include "formats/sessions_csv.h"

#include <stdio.h>
#include <string.h>

#include "formats/agenda_io.h"
#include "util/util.h"

const struct csv_column sessions_csv_columns[] = {
	{ "guid", "string", "stable UUID of the session" },
	{ "day", "date", "conference day" },
	{ "start", "datetime", "start, local time with UTC offset" },
	{ "end", "datetime", "end, local time with UTC offset" },
	{ "duration_min", "integer", "length in minutes" },
	{ "room", "string", "room name" },
	{ "track", "string", "theme or track" },
	{ "type", "string", "session format" },
	{ "language", "string", "language code" },
	{ "title", "string", "title" },
	{ "subtitle", "string", "subtitle" },
	{ "speakers", "string", "speakers, separated by '; '" },
	{ "abstract", "string", "abstract" },
	{ "url", "string", "page of the session at its source" },
};
const size_t sessions_csv_ncolumns = ARRAY_SIZE(sessions_csv_columns);

/* One field (RFC 4180).  A text that a spreadsheet would run as a formula
 * (a leading = + - @, tab or CR: OWASP's CSV injection) gets a leading
 * apostrophe, inside the quotes when there are any. */
static void
field(struct buf *out, const char *s, bool last)
{
	const char *p;
	bool defuse;

	if (s == NULL)
		s = "";
	defuse = s[0] != '\0' && strchr("=+-@\t\r", s[0]) != NULL;
	if (strpbrk(s, ",\"\r\n") == NULL) {
		if (defuse)
			buf_addc(out, '\'');
		buf_addstr(out, s);
	} else {
		buf_addc(out, '"');
		if (defuse)
			buf_addc(out, '\'');
		for (p = s; *p != '\0'; p++) {
			if (*p == '"')
				buf_addc(out, '"');
			buf_addc(out, *p);
		}
		buf_addc(out, '"');
	}
	buf_addstr(out, last ? "\r\n" : ",");
}

void
sessions_csv_write(const struct agenda *ag, struct buf *out)
{
	struct buf t;
	char d[24];
	size_t i, j;

	buf_init(&t, 0);
	for (i = 0; i < sessions_csv_ncolumns; i++)
		field(out, sessions_csv_columns[i].name,
		    i + 1 == sessions_csv_ncolumns);
	for (i = 0; i < ag->nsessions; i++) {
		const struct agenda_session *s = &ag->sessions[i];

		field(out, s->guid, false);
		format_date(s->day, d);
		field(out, d, false);
		buf_reset(&t);
		agenda_iso_local(ag, s->date, s->start_min, &t);
		field(out, t.s, false);
		buf_reset(&t);
		agenda_iso_local(
		    ag, s->date, s->start_min + s->duration_min, &t);
		field(out, t.s, false);
		snprintf(d, sizeof(d), "%d", s->duration_min);
		field(out, d, false);
		field(out,
		    s->room != AGENDA_NONE ? ag->rooms[s->room].name : "",
		    false);
		field(out,
		    s->track != AGENDA_NONE ? ag->tracks[s->track].name : "",
		    false);
		field(out, s->type, false);
		field(out, s->language, false);
		field(out, s->title, false);
		field(out, s->subtitle, false);
		buf_reset(&t);
		for (j = 0; j < s->npersons; j++) {
			if (j > 0)
				buf_addstr(&t, "; ");
			buf_addstr(&t, ag->persons[s->persons[j]].name);
		}
		field(out, t.s, false);
		field(out, s->abstract, false);
		field(out, s->url, true);
	}
	buf_release(&t);
}
