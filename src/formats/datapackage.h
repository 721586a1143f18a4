/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * datapackage.h: the Frictionless Data package (datapackage.json) that
 * describes an event's open-data files (sessions.csv with its table
 * schema, schedule.xml, schedule.json, schedule.ics) and the licence the
 * organiser chose (CC BY 4.0 unless the event says otherwise).
 */
#ifndef CABILDO_DATAPACKAGE_H
#define CABILDO_DATAPACKAGE_H

#include "core/agenda.h"
#include "util/buf.h"

/* Appends datapackage.json for the event's exports. */
void datapackage_write(const struct agenda *ag, struct buf *out);

#endif
