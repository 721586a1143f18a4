/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * page_review.h: what the reviewer's pages share with the organisers'
 * review pages.
 */
#ifndef CABILDO_PAGE_REVIEW_H
#define CABILDO_PAGE_REVIEW_H

#include <stdbool.h>
#include <time.h>

#include "core/event.h"

/* True until the event's review deadline (its time zone); no deadline
 * means always. */
bool review_is_open(const struct event *ev, time_t now);
/* The label of a conflict reason (a review_coi_key) in lang; other
 * reasons (declared by hand) are returned as they are. */
const char *review_coi_label(enum lang lang, const char *key);

#endif
