/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * ical.c: the iCalendar writer of ical.h.
 */
#include "formats/ical.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "formats/agenda_io.h"
#include "util/tz.h"
#include "util/util.h"

#define ICAL_MAX_CHANGES 64

/* Appends one content line, folded at 75 octets between characters. */
static void
line(struct buf *out, const char *s)
{
	size_t n = strlen(s), col = 0, i, len;

	for (i = 0; i < n; i += len) {
		unsigned char c = (unsigned char)s[i];

		len = c < 0x80           ? 1
		    : (c & 0xe0) == 0xc0 ? 2
		    : (c & 0xf0) == 0xe0 ? 3
					 : 4;
		if (i + len > n)
			len = n - i;
		if (col + len > 75) {
			buf_addstr(out, "\r\n ");
			col = 1;
		}
		buf_add(out, s + i, len);
		col += len;
	}
	buf_addstr(out, "\r\n");
}

/* "NAME:" then the text escaped as RFC 5545 3.3.11 says. */
static void
text_line(struct buf *out, struct buf *tmp, const char *name, const char *s)
{
	buf_reset(tmp);
	buf_addstr(tmp, name);
	buf_addc(tmp, ':');
	for (; s != NULL && *s != '\0'; s++) {
		switch (*s) {
		case '\\':
			buf_addstr(tmp, "\\\\");
			break;
		case ';':
			buf_addstr(tmp, "\\;");
			break;
		case ',':
			buf_addstr(tmp, "\\,");
			break;
		case '\n':
			buf_addstr(tmp, "\\n");
			break;
		case '\r':
			break;
		default:
			if ((unsigned char)*s >= 0x20 || *s == '\t')
				buf_addc(tmp, *s);
		}
	}
	line(out, tmp->s);
}

static void
offset_str(int off, char out[8])
{
	int a = abs(off);

	out[0] = off < 0 ? '-' : '+';
	out[1] = (char)('0' + a / 600);
	out[2] = (char)('0' + a / 60 % 10);
	out[3] = (char)('0' + a % 60 / 10);
	out[4] = (char)('0' + a % 10);
	out[5] = '\0';
}

/* "20250201T103500" for a local (date, minute). */
static void
local_compact(int64_t date, int minute, struct buf *out)
{
	char d[11];

	agenda_norm(&date, &minute);
	format_date(date, d);
	buf_addf(out, "%.4s%.2s%.2sT%02d%02d00", d, d + 5, d + 8, minute / 60,
	    minute % 60);
}

static void
tz_component(
    struct buf *out, struct buf *tmp, const struct tz_change *c, bool base)
{
	char from[8], to[8];
	int64_t m = c->utc / 60 + (base ? c->to : c->from);

	line(out, c->dst ? "BEGIN:DAYLIGHT" : "BEGIN:STANDARD");
	buf_reset(tmp);
	buf_addstr(tmp, "DTSTART:");
	local_compact(
	    m / 1440 - (m % 1440 < 0), (int)(((m % 1440) + 1440) % 1440), tmp);
	line(out, tmp->s);
	offset_str(base ? c->to : c->from, from);
	offset_str(c->to, to);
	buf_reset(tmp);
	buf_addf(tmp, "TZOFFSETFROM:%s", from);
	line(out, tmp->s);
	buf_reset(tmp);
	buf_addf(tmp, "TZOFFSETTO:%s", to);
	line(out, tmp->s);
	if (c->abbr[0] != '\0')
		text_line(out, tmp, "TZNAME", c->abbr);
	line(out, c->dst ? "END:DAYLIGHT" : "END:STANDARD");
}

static void
vtimezone(const struct agenda *ag, struct buf *out, struct buf *tmp)
{
	struct tz_change base, ch[ICAL_MAX_CHANGES];
	int64_t from = (ag->start_date - 400) * 86400;
	int64_t to = (ag->end_date + 400) * 86400;
	size_t n, i;

	n = tz_changes(ag->timezone, from, to, &base, ch, ICAL_MAX_CHANGES);
	line(out, "BEGIN:VTIMEZONE");
	text_line(out, tmp, "TZID", ag->timezone);
	tz_component(out, tmp, &base, true);
	for (i = 0; i < n; i++)
		tz_component(out, tmp, &ch[i], false);
	line(out, "END:VTIMEZONE");
}

/* An http(s) URL that cannot break the content line: no controls or
 * spaces (an imported "url" may hold CR LF, which would add properties). */
static bool
http_url(const char *s)
{
	const unsigned char *p;

	if (s == NULL ||
	    (strncmp(s, "http://", 7) != 0 && strncmp(s, "https://", 8) != 0))
		return false;
	for (p = (const unsigned char *)s; *p != '\0'; p++)
		if (*p <= ' ' || *p == 0x7f)
			return false;
	return true;
}

static void
vevent(const struct agenda *ag, const struct agenda_session *s,
    const char *stamp, struct buf *out, struct buf *tmp)
{
	struct buf t;
	size_t i;

	buf_init(&t, 0);
	line(out, "BEGIN:VEVENT");
	buf_reset(tmp);
	buf_addf(tmp, "UID:%s@cabildo", s->guid);
	line(out, tmp->s);
	buf_reset(tmp);
	buf_addf(tmp, "DTSTAMP:%s", stamp);
	line(out, tmp->s);
	buf_reset(tmp);
	buf_addstr(tmp, "DTSTART;TZID=");
	buf_addstr(tmp, ag->timezone);
	buf_addc(tmp, ':');
	local_compact(s->date, s->start_min, tmp);
	line(out, tmp->s);
	buf_reset(tmp);
	buf_addstr(tmp, "DTEND;TZID=");
	buf_addstr(tmp, ag->timezone);
	buf_addc(tmp, ':');
	local_compact(s->date, s->start_min + s->duration_min, tmp);
	line(out, tmp->s);
	text_line(out, tmp, "SUMMARY", s->title);
	buf_reset(&t);
	if (s->subtitle != NULL) {
		buf_addstr(&t, s->subtitle);
		buf_addstr(&t, "\n\n");
	}
	if (s->npersons > 0) {
		for (i = 0; i < s->npersons; i++) {
			if (i > 0)
				buf_addstr(&t, ", ");
			buf_addstr(&t, ag->persons[s->persons[i]].name);
		}
		buf_addstr(&t, "\n\n");
	}
	if (s->abstract != NULL)
		buf_addstr(&t, s->abstract);
	if (t.len > 0)
		text_line(out, tmp, "DESCRIPTION", t.s);
	text_line(out, tmp, "LOCATION", ag->rooms[s->room].name);
	if (s->track != AGENDA_NONE)
		text_line(out, tmp, "CATEGORIES", ag->tracks[s->track].name);
	if (s->language != NULL)
		text_line(out, tmp, "X-CABILDO-LANGUAGE", s->language);
	if (http_url(s->url)) {
		buf_reset(tmp);
		buf_addstr(tmp, "URL:");
		buf_addstr(tmp, s->url);
		line(out, tmp->s);
	}
	line(out, "END:VEVENT");
	buf_release(&t);
}

void
ical_write(const struct agenda *ag, const bool *which, const char *name,
    struct buf *out)
{
	struct buf tmp;
	char stamp[24];
	size_t i;

	buf_init(&tmp, 0);
	if (strlen(ag->modified) == 20)
		/* "2025-02-01T09:00:00Z" -> "20250201T090000Z" */
		snprintf(stamp, sizeof(stamp), "%.4s%.2s%.2sT%.2s%.2s%.2sZ",
		    ag->modified, ag->modified + 5, ag->modified + 8,
		    ag->modified + 11, ag->modified + 14, ag->modified + 17);
	else
		snprintf(stamp, sizeof(stamp), "19700101T000000Z");
	line(out, "BEGIN:VCALENDAR");
	line(out, "VERSION:2.0");
	line(out, "PRODID:-//cabildo//agenda//EN");
	line(out, "CALSCALE:GREGORIAN");
	line(out, "METHOD:PUBLISH");
	text_line(out, &tmp, "X-WR-CALNAME", name != NULL ? name : ag->title);
	text_line(out, &tmp, "X-WR-TIMEZONE", ag->timezone);
	vtimezone(ag, out, &tmp);
	for (i = 0; i < ag->nsessions; i++)
		if ((which == NULL || which[i]) &&
		    ag->sessions[i].room != AGENDA_NONE)
			vevent(ag, &ag->sessions[i], stamp, out, &tmp);
	line(out, "END:VCALENDAR");
	buf_release(&tmp);
}
