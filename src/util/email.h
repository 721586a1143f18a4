/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * email.h: a deliberately plain check of e-mail addresses: one '@', a
 * dot in the domain, no spaces, quotes, brackets or non-ASCII, at most
 * EMAIL_MAX bytes; and one spelling per address (trimmed, lowercased), so
 * that accounts and co-speakers match however people type them.
 */
#ifndef CABILDO_EMAIL_H
#define CABILDO_EMAIL_H

#define EMAIL_MAX 254

/* A normalised copy of s (caller frees), or NULL when it is invalid. */
char *email_normalise(const char *s);

#endif
