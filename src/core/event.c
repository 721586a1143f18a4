/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * event.c: life cycle and lookups of struct event.
 */
#include "core/event.h"

#include <stdlib.h>
#include <string.h>

static const char *const slot_kind_names[SLOT__MAX] = {
	[SLOT_SESSION] = "session",
	[SLOT_PLENARY] = "plenary",
	[SLOT_BREAK] = "break",
};

const char *
slot_kind_name(enum slot_kind kind)
{
	return (unsigned)kind < SLOT__MAX ? slot_kind_names[kind] : "session";
}

bool
slot_kind_parse(const char *s, enum slot_kind *out)
{
	int i;

	for (i = 0; i < SLOT__MAX; i++) {
		if (strcmp(s, slot_kind_names[i]) == 0) {
			*out = (enum slot_kind)i;
			return true;
		}
	}
	return false;
}

void
event_init(struct event *ev)
{
	memset(ev, 0, sizeof(*ev));
	review_settings_init(&ev->review);
}

static void
theme_release(struct theme *t)
{
	size_t i;

	free(t->key);
	free(t->color);
	l10n_release(&t->name);
	l10n_release(&t->description);
	for (i = 0; i < t->nsubtopics; i++) {
		free(t->subtopics[i].key);
		l10n_release(&t->subtopics[i].name);
	}
	free(t->subtopics);
}

void
event_release(struct event *ev)
{
	size_t i, j;

	free(ev->slug);
	l10n_release(&ev->name);
	l10n_release(&ev->tagline);
	free(ev->timezone);
	l10n_release(&ev->venue_name);
	free(ev->venue_city);
	free(ev->licence);
	free(ev->url);
	free(ev->cfp_opens);
	free(ev->cfp_closes);
	for (i = 0; i < ev->nquestions; i++)
		question_release(&ev->questions[i]);
	free(ev->questions);
	for (i = 0; i < ev->nthemes; i++)
		theme_release(&ev->themes[i]);
	free(ev->themes);
	for (i = 0; i < ev->nformats; i++) {
		free(ev->formats[i].key);
		l10n_release(&ev->formats[i].name);
		l10n_release(&ev->formats[i].description);
	}
	free(ev->formats);
	for (i = 0; i < ev->nrooms; i++) {
		free(ev->rooms[i].key);
		l10n_release(&ev->rooms[i].name);
	}
	free(ev->rooms);
	for (i = 0; i < ev->ndays; i++) {
		for (j = 0; j < ev->days[i].nslots; j++)
			l10n_release(&ev->days[i].slots[j].label);
		free(ev->days[i].slots);
	}
	free(ev->days);
	review_settings_release(&ev->review);
	event_init(ev);
}

long
event_theme_find(const struct event *ev, const char *key)
{
	size_t i;

	for (i = 0; i < ev->nthemes; i++)
		if (strcmp(ev->themes[i].key, key) == 0)
			return (long)i;
	return -1;
}

long
event_format_find(const struct event *ev, const char *key)
{
	size_t i;

	for (i = 0; i < ev->nformats; i++)
		if (strcmp(ev->formats[i].key, key) == 0)
			return (long)i;
	return -1;
}

long
event_room_find(const struct event *ev, const char *key)
{
	size_t i;

	for (i = 0; i < ev->nrooms; i++)
		if (strcmp(ev->rooms[i].key, key) == 0)
			return (long)i;
	return -1;
}

long
event_question_find(const struct event *ev, const char *id)
{
	size_t i;

	for (i = 0; i < ev->nquestions; i++)
		if (strcmp(ev->questions[i].id, id) == 0)
			return (long)i;
	return -1;
}

bool
event_has_lang(const struct event *ev, enum lang lang)
{
	size_t i;

	for (i = 0; i < ev->nlanguages; i++)
		if (ev->languages[i] == lang)
			return true;
	return false;
}

size_t
event_session_slots(const struct event *ev)
{
	size_t i, j, n = 0;

	for (i = 0; i < ev->ndays; i++)
		for (j = 0; j < ev->days[i].nslots; j++)
			if (ev->days[i].slots[j].kind == SLOT_SESSION)
				n++;
	return n;
}
