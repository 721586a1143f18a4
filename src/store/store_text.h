/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * store_text.h: what theme suggestion reads from and writes to the store:
 * the proposals' texts with their main theme, and the classifier's
 * suggestions.  Themes are indices into the event's themes (position
 * order), as everywhere in core.
 */
#ifndef CABILDO_STORE_TEXT_H
#define CABILDO_STORE_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/event.h"
#include "core/proposal.h"
#include "store/store.h"
#include "util/buf.h"

struct proposal_text {
	int64_t id;
	char *title;
	char *abstract; /* may be NULL */
	enum lang language;
	long theme;               /* main theme, index into ev->themes, or -1 */
	enum theme_source source; /* of the main theme */
};

/*
 * Every proposal of ev (loaded by store_event_load), by id, into *out
 * (free with proposal_texts_free).
 */
enum store_err store_proposal_texts(struct store *st, const struct event *ev,
    struct proposal_text **out, size_t *n);
void proposal_texts_free(struct proposal_text *v, size_t n);

struct theme_suggestion {
	int64_t proposal_id;
	size_t theme;
	bool main; /* make it the main theme (only when there is none) */
};

/*
 * Records the suggestions as themes of source 'classifier', in one
 * transaction; a theme the proposal already has is left as it is.
 */
enum store_err store_theme_suggestions_save(struct store *st,
    const struct event *ev, const struct theme_suggestion *v, size_t n,
    struct buf *msg);

/*
 * An organiser confirms theme (an index into ev->themes) as the main theme
 * of proposal id: the old main theme stays as a secondary one, the new
 * one is recorded with source 'organiser', and the audit log gets a line
 * by actor_person; one transaction.  STORE_ERR_NOTFOUND when the proposal
 * is not one of ev's.
 */
enum store_err store_proposal_theme_confirm(struct store *st,
    const struct event *ev, int64_t id, size_t theme, int64_t actor_person,
    struct buf *msg);

#endif
