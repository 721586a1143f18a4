/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * export.c: the table of export.h and its dispatch to the encoders.
 */
#include "formats/export.h"

#include <string.h>

#include "formats/datapackage.h"
#include "formats/frab_xml.h"
#include "formats/ical.h"
#include "formats/schedule_json.h"
#include "formats/sessions_csv.h"
#include "formats/sessions_json.h"

const struct export_info export_formats[EXPORT__MAX] = {
	[EXPORT_FRAB] = { "frab", "schedule.xml",
	    "application/xml; charset=utf-8" },
	[EXPORT_SCHEDULE_JSON] = { "schedule-json", "schedule.json",
	    "application/json; charset=utf-8" },
	[EXPORT_ICAL] = { "ical", "schedule.ics",
	    "text/calendar; charset=utf-8" },
	[EXPORT_CSV] = { "csv", "sessions.csv", "text/csv; charset=utf-8" },
	[EXPORT_JSON] = { "json", NULL, "application/json; charset=utf-8" },
	[EXPORT_DATAPACKAGE] = { "datapackage", "datapackage.json",
	    "application/json; charset=utf-8" },
};

bool
export_by_name(const char *name, enum export_format *out)
{
	int i;

	for (i = 0; i < EXPORT__MAX; i++)
		if (strcmp(export_formats[i].name, name) == 0) {
			*out = (enum export_format)i;
			return true;
		}
	return false;
}

bool
export_by_file(const char *file, enum export_format *out)
{
	int i;

	for (i = 0; i < EXPORT__MAX; i++)
		if (export_formats[i].file != NULL &&
		    strcmp(export_formats[i].file, file) == 0) {
			*out = (enum export_format)i;
			return true;
		}
	return false;
}

void
export_write(const struct agenda *ag, enum export_format f, struct buf *out)
{
	switch (f) {
	case EXPORT_FRAB:
		frab_xml_write(ag, out);
		break;
	case EXPORT_SCHEDULE_JSON:
		schedule_json_write(ag, out);
		break;
	case EXPORT_ICAL:
		ical_write(ag, NULL, NULL, out);
		break;
	case EXPORT_CSV:
		sessions_csv_write(ag, out);
		break;
	case EXPORT_JSON:
		sessions_json_write(ag, 0, 0, out);
		break;
	case EXPORT_DATAPACKAGE:
	case EXPORT__MAX:
		datapackage_write(ag, out);
		break;
	}
}
