/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * page_cfp.h: what the call-for-proposals pages share with the
 * organisers' pages.
 */
#ifndef CABILDO_PAGE_CFP_H
#define CABILDO_PAGE_CFP_H

#include <stdbool.h>
#include <time.h>

#include "core/event.h"
#include "core/proposal.h"

/* True between cfp.opens and cfp.closes (event time zone); unset bounds
 * do not limit. */
bool cfp_is_open(const struct event *ev, time_t now);
/* "Enviada", "Submitted"... */
const char *cfp_status_label(enum lang lang, enum proposal_status s);

#endif
