/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * agenda.h: a published programme as plain data: the conference, its
 * tracks (the event's themes), rooms, persons and the sessions placed in
 * rooms and times.  It is what the import readers (frab XML,
 * schedule.json) fill and what every export encoder (frab XML,
 * schedule.json, iCalendar, CSV, JSON, datapackage) reads; store/ moves
 * it in and out of the database.  No I/O.
 *
 * Ownership: an agenda owns every string and array it points to;
 * agenda_release frees them all.  Sessions refer to tracks, rooms and
 * persons by index.  Times are local to the event's time zone: a
 * session starts on `date` (days since 1970-01-01) at `start_min`
 * minutes after midnight and belongs to the conference day `day`, which
 * is earlier than `date` for sessions after midnight of a long night.
 */
#ifndef CABILDO_AGENDA_H
#define CABILDO_AGENDA_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/buf.h"

#define AGENDA_NONE                    ((size_t)-1)
#define AGENDA_MAX_SESSIONS            20000
#define AGENDA_MAX_PERSONS_PER_SESSION 64
#define AGENDA_GUID_LEN                36

struct agenda_track {
	char *key; /* [a-z0-9-], unique */
	char *name;
	char *color; /* "#rrggbb" or NULL */
};

struct agenda_room {
	char *key;
	char *name;
	int capacity; /* 0 when unknown */
	bool interpretation_booth;
	bool step_free; /* reachable without steps */
};

struct agenda_person {
	int64_t id;     /* the store's id; 0 when not stored */
	int64_t ext_id; /* the source file's id; 0 when none */
	char *name;
};

struct agenda_session {
	int64_t id;     /* the store's id */
	int64_t ext_id; /* the source file's numeric id; 0 when none */
	char guid[AGENDA_GUID_LEN + 1]; /* lowercase UUID, always set */
	char *title;
	char *subtitle;
	char *abstract;
	char *description;
	char *type;     /* "lecture", "workshop", a format key; or NULL */
	char *language; /* "en", "de"; or NULL */
	char *url;
	size_t track; /* index or AGENDA_NONE */
	size_t room;  /* index or AGENDA_NONE */
	int64_t day;  /* conference day */
	int64_t date; /* calendar date of the start */
	int start_min;
	int duration_min;
	bool interpretation; /* its proposal asks for interpretation */
	size_t *persons;     /* indices into agenda.persons */
	size_t npersons;
};

struct agenda {
	char *slug; /* the event slug, also the acronym */
	char *title;
	char *subtitle;
	char *venue;
	char *city;
	char *timezone; /* IANA name */
	char *url;
	char *licence;     /* SPDX id */
	char modified[21]; /* "YYYY-MM-DDTHH:MM:SSZ": last change, or "" */
	int64_t start_date;
	int64_t end_date;
	int day_change_min; /* when a new conference day begins */
	int timeslot_min;

	struct agenda_track *tracks;
	size_t ntracks;
	struct agenda_room *rooms;
	size_t nrooms;
	struct agenda_person *persons;
	size_t npersons;
	struct agenda_session *sessions;
	size_t nsessions;
};

void agenda_init(struct agenda *ag);
void agenda_release(struct agenda *ag);

/*
 * Index of the track or room with that name, added (with a key made
 * from the name, unique within the list) when missing.
 */
size_t agenda_track_intern(struct agenda *ag, const char *name);
size_t agenda_room_intern(struct agenda *ag, const char *name);
/* The person with that source id (or name when ext_id is 0), added. */
size_t agenda_person_intern(
    struct agenda *ag, int64_t ext_id, const char *name);

/* A new zeroed session at the end (track and room AGENDA_NONE). */
struct agenda_session *agenda_session_add(struct agenda *ag);
void agenda_session_add_person(struct agenda_session *s, size_t person);

/* Sorts sessions by day, start, room position, then title. */
void agenda_sort(struct agenda *ag);

/* Minutes since 1970-01-01 00:00 local time of a session's start. */
int64_t agenda_session_start(const struct agenda_session *s);

/* Normalises (date, minute) so that 0 <= minute < 1440. */
void agenda_norm(int64_t *date, int *minute);

/* The distinct conference days of the sessions, ascending; caller frees. */
size_t agenda_days(const struct agenda *ag, int64_t **days);

/*
 * Writes into key[max] a [a-z0-9-] key made from a free-text name:
 * lowercased ASCII letters and digits, runs of anything else as one '-',
 * Latin accents folded ("Educación" -> "educacion").  Never empty ("x").
 */
void agenda_keyify(const char *name, char *key, size_t max);

/*
 * Compares two agendas field by field, matching sessions by GUID: rooms,
 * tracks, time zone, title, and per session its room, day, date, start,
 * duration, track, title, subtitle, abstract, type, language and persons
 * (names, in order).  Appends at most max_diffs lines saying what differs
 * to diff and returns how many differences it found.
 */
size_t agenda_compare(const struct agenda *a, const struct agenda *b,
    struct buf *diff, size_t max_diffs);

/* True when s is a UUID "8-4-4-4-12" of hex digits. */
bool agenda_guid_valid(const char *s);
/*
 * A name-based UUID (version 5 layout, from a 128-bit FNV hash, not
 * SHA-1) of the two strings, lowercase: the same input gives the same
 * GUID on every machine.
 */
void agenda_guid_make(
    const char *a, const char *b, char out[AGENDA_GUID_LEN + 1]);

/* Parses "HH:MM" or "HH:MM:SS" (hours up to 99) into minutes. */
bool agenda_parse_duration(const char *s, int *minutes);

#endif
