/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * event.h: a themed meeting as organisers define it: names, dates, venue,
 * languages, themes with sub-topics, session formats, rooms and the time
 * grid.  Plain data, no I/O: formats/event_json.c fills it from a file,
 * store/ saves and loads it.
 *
 * Ownership: an event owns every string and array it points to;
 * event_release frees them all.  Keys (slug, theme, format, room) are
 * [a-z0-9-] identifiers, unique within their list.
 */
#ifndef CABILDO_EVENT_H
#define CABILDO_EVENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/lang.h"
#include "core/question.h"
#include "core/review.h"

#define EVENT_KEY_MAX 64

struct subtopic {
	char *key;
	struct l10n name;
};

struct theme {
	char *key;
	char *color; /* "#rrggbb" */
	struct l10n name;
	struct l10n description;
	struct subtopic *subtopics;
	size_t nsubtopics;
};

struct format {
	char *key;
	struct l10n name;
	struct l10n description;
	int duration_min;
	int min_speakers;
	int max_speakers;
	/* Several items of this format may share one slot in one room. */
	bool shares_slot;
};

struct room {
	char *key;
	struct l10n name;
	int capacity;
	bool interpretation_booth;
	bool step_free;
};

enum slot_kind {
	SLOT_SESSION, /* parallel sessions in rooms */
	SLOT_PLENARY, /* one session for everyone */
	SLOT_BREAK,   /* coffee, lunch: nothing scheduled */
	SLOT__MAX
};

struct slot {
	int start_min; /* minutes after local midnight */
	int end_min;
	enum slot_kind kind;
	struct l10n label; /* optional: "Opening plenary", "Lunch" */
};

struct day {
	int64_t date; /* days since 1970-01-01 */
	struct slot *slots;
	size_t nslots;
};

struct event {
	int64_t id; /* the store's id; 0 when not stored */
	char *slug;
	struct l10n name;
	struct l10n tagline;
	int64_t start_date; /* days since 1970-01-01 */
	int64_t end_date;
	char *timezone; /* IANA name, "America/Argentina/Buenos_Aires" */
	struct l10n venue_name;
	char *venue_city;
	char venue_country[3]; /* ISO 3166-1 alpha-2 */
	enum lang languages[LANG__MAX];
	size_t nlanguages;
	enum lang default_lang;
	char *licence; /* SPDX id of the open-data licence: "CC-BY-4.0" */
	char *url;
	/* Call for proposals, local time "YYYY-MM-DDTHH:MM"; NULL if unset. */
	char *cfp_opens;
	char *cfp_closes;
	/* The organiser's own questions (cfp.questions), in file order. */
	struct question *questions;
	size_t nquestions;
	bool synthetic; /* holds generated demo data */
	/* The review form and assignment settings (issue 6). */
	struct review_settings review;

	struct theme *themes;
	size_t nthemes;
	struct format *formats;
	size_t nformats;
	struct room *rooms;
	size_t nrooms;
	struct day *days;
	size_t ndays;
};

const char *slot_kind_name(enum slot_kind kind);
bool slot_kind_parse(const char *s, enum slot_kind *out);

void event_init(struct event *ev);
void event_release(struct event *ev);

/* Index of the element with that key, or -1. */
long event_theme_find(const struct event *ev, const char *key);
long event_format_find(const struct event *ev, const char *key);
long event_room_find(const struct event *ev, const char *key);
long event_question_find(const struct event *ev, const char *id);

/* True when the event offers this language. */
bool event_has_lang(const struct event *ev, enum lang lang);

/* Number of SLOT_SESSION slots over all days. */
size_t event_session_slots(const struct event *ev);

#endif
