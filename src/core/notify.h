/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * notify.h: the messages that tell proposers and speakers what was
 * decided about their proposal (issue 6, decisions), in Spanish, English
 * and Portuguese.  Pure: the texts in, a subject and a plain-text body
 * out; store_select.c queues them in the outbox.
 */
#ifndef CABILDO_NOTIFY_H
#define CABILDO_NOTIFY_H

#include <stdbool.h>

#include "core/lang.h"

enum notify_kind {
	NOTIFY_ACCEPT,   /* accepted by the committee */
	NOTIFY_REJECT,   /* not accepted */
	NOTIFY_WAITLIST, /* on the waitlist, may still be accepted */
	NOTIFY_PROMOTED, /* accepted from the waitlist after a decline */
	NOTIFY__MAX
};

struct notify_args {
	const char *event; /* the event's name in the mail's language */
	const char *title; /* the proposal's title */
	const char
	    *joint_title; /* the joint session it was merged into, or NULL */
	const char *name; /* the recipient, or NULL */
	const char *link; /* where to confirm or decline, or NULL */
};

struct notify_mail {
	char *subject; /* one line: line breaks of the inputs become spaces */
	char *body;
};

/* Fills out (owned: notify_mail_release).  NULL strings print as "". */
void notify_render(enum lang lang, enum notify_kind kind,
    const struct notify_args *a, struct notify_mail *out);
void notify_mail_release(struct notify_mail *m);

/* "accept" -> NOTIFY_ACCEPT...; false for anything else. */
bool notify_kind_parse(const char *decision, enum notify_kind *out);

#endif
