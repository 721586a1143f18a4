/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * layout.h: the frame every HTML page shares: document head, skip link,
 * header with the language switcher, footer.  Pages write their <main>
 * content between layout_begin and layout_end.
 */
#ifndef CABILDO_LAYOUT_H
#define CABILDO_LAYOUT_H

#include "core/event.h"
#include "web/web.h"

/* title is plain text (escaped here); ev may be NULL. */
void layout_begin(struct request *req, struct response *resp, const char *title,
    const struct event *ev);
void layout_end(
    struct request *req, struct response *resp, const struct event *ev);

/* Restricts the page's language to the event's, falling back to its
 * default language. */
void layout_use_event_lang(struct request *req, const struct event *ev);

/*
 * Loads the event named by the path segment slug into ev, choosing the
 * page language among its languages.  On failure writes the 404 or 500
 * page and returns false.
 */
bool layout_load_event(struct request *req, struct response *resp,
    const char *slug, struct event *ev);

#endif
