/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * i18n.h: the interface's words in every language (one catalog, checked at
 * compile time: a message missing a language is an empty slot the unit
 * test finds), and dates written as people in each language write them.
 */
#ifndef CABILDO_I18N_H
#define CABILDO_I18N_H

#include <stdint.h>

#include "core/lang.h"
#include "util/buf.h"

enum msg {
	MSG_SITE_TAGLINE,
	MSG_EVENTS,
	MSG_NO_EVENTS,
	MSG_THEMES,
	MSG_THEME,
	MSG_FORMATS,
	MSG_FORMAT,
	MSG_ROOMS,
	MSG_ROOM,
	MSG_TIME_GRID,
	MSG_DURATION,
	MSG_SPEAKERS,
	MSG_CAPACITY,
	MSG_INTERPRETATION_BOOTH,
	MSG_STEP_FREE,
	MSG_YES,
	MSG_NO,
	MSG_PROPOSALS,
	MSG_SPEAKER_COUNT,
	MSG_COUNTRIES,
	MSG_PARTICIPANTS,
	MSG_SYNTHETIC_BANNER,
	MSG_SUBTOPICS,
	MSG_BACK_TO_EVENT,
	MSG_OTHER_THEMES,
	MSG_NOT_FOUND_TITLE,
	MSG_NOT_FOUND_TEXT,
	MSG_BAD_REQUEST_TITLE,
	MSG_BAD_REQUEST_TEXT,
	MSG_TOO_LARGE_TITLE,
	MSG_TOO_LARGE_TEXT,
	MSG_METHOD_TITLE,
	MSG_METHOD_TEXT,
	MSG_SERVER_ERROR_TITLE,
	MSG_SERVER_ERROR_TEXT,
	MSG_LANGUAGE,
	MSG_SKIP,
	MSG_VENUE,
	MSG_DATES,
	MSG_TIMEZONE,
	MSG_HOME,
	MSG_SLOT_SESSION,
	MSG_SLOT_PLENARY,
	MSG_SLOT_BREAK,
	MSG_TIME,
	MSG_ACTIVITY,
	MSG_FOOTER_SOFTWARE,
	MSG_FOOTER_DATA,
	MSG_PROPOSALS_IN_THEME,
	MSG_AT_A_GLANCE,
	MSG_MINUTES,
	MSG_SHARES_SLOT,
	MSG_SEE_THEME,
	MSG__MAX
};

const char *i18n(enum lang lang, enum msg msg);

/* "21–22 de noviembre de 2017", "21–22 November 2017". */
void i18n_date_range(
    struct buf *b, enum lang lang, int64_t first, int64_t last);
/* "martes 21 de noviembre", "Tuesday 21 November". */
void i18n_day_heading(struct buf *b, enum lang lang, int64_t day);
/* "09:30" */
void i18n_time(struct buf *b, int minutes);

#endif
