/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * csrf.h: cross-site request forgery tokens for every state-changing form
 * (double submit: a random value in an HttpOnly, SameSite=Lax "csrf"
 * cookie, echoed in a hidden "csrf" field; a log-in issues a new one).  A
 * page from another site can neither read the cookie nor set it, so it
 * cannot forge the field.
 */
#ifndef CABILDO_CSRF_H
#define CABILDO_CSRF_H

#include <stdbool.h>

#include "web/web.h"

/* Writes the hidden field, issuing the cookie first if needed. */
void csrf_field(struct request *req, struct response *resp, struct buf *b);
/* True when the form's "csrf" field matches the cookie. */
bool csrf_valid(const struct request *req);
/* Sets a new token in req->user (sent as a cookie by csrf_send). */
void csrf_rotate(struct request *req);
/* Adds the cookie to resp when a new token was made. */
void csrf_send(struct request *req, struct response *resp);

#endif
