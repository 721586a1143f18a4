/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * datapackage.c: the Frictionless Data package (datapackage.json) that
 * describes an event's open-data exports and their licence.
 */
#include "formats/datapackage.h"

#include <string.h>

#include <cjson/cJSON.h>

#include "formats/sessions_csv.h"
#include "util/util.h"

struct licence {
	const char *id, *title, *url;
};

static const struct licence licences[] = {
	{ "CC-BY-4.0", "Creative Commons Attribution 4.0",
	    "https://creativecommons.org/licenses/by/4.0/" },
	{ "CC-BY-SA-4.0", "Creative Commons Attribution Share-Alike 4.0",
	    "https://creativecommons.org/licenses/by-sa/4.0/" },
	{ "CC0-1.0", "CC0 1.0 Public Domain Dedication",
	    "https://creativecommons.org/publicdomain/zero/1.0/" },
	{ "ODbL-1.0", "Open Data Commons Open Database License 1.0",
	    "https://opendatacommons.org/licenses/odbl/1-0/" },
	{ "PDDL-1.0",
	    "Open Data Commons Public Domain Dedication and "
	    "License 1.0",
	    "https://opendatacommons.org/licenses/pddl/1-0/" },
};

static void
resource(cJSON *arr, const char *name, const char *path, const char *format,
    const char *media, const char *title)
{
	cJSON *o = cJSON_CreateObject();

	cJSON_AddStringToObject(o, "name", name);
	cJSON_AddStringToObject(o, "path", path);
	cJSON_AddStringToObject(o, "title", title);
	cJSON_AddStringToObject(o, "format", format);
	cJSON_AddStringToObject(o, "mediatype", media);
	cJSON_AddStringToObject(o, "encoding", "utf-8");
	cJSON_AddItemToArray(arr, o);
}

void
datapackage_write(const struct agenda *ag, struct buf *out)
{
	cJSON *root = cJSON_CreateObject(), *arr, *lic, *res, *csv, *schema;
	const char *id = ag->licence != NULL ? ag->licence : "CC-BY-4.0";
	const struct licence *l = NULL;
	size_t i;
	char *text;

	for (i = 0; i < ARRAY_SIZE(licences); i++)
		if (strcmp(licences[i].id, id) == 0)
			l = &licences[i];
	cJSON_AddStringToObject(root, "profile", "data-package");
	cJSON_AddStringToObject(root, "name", ag->slug);
	cJSON_AddStringToObject(root, "title", ag->title);
	if (ag->modified[0] != '\0')
		cJSON_AddStringToObject(root, "created", ag->modified);
	arr = cJSON_AddArrayToObject(root, "licenses");
	lic = cJSON_CreateObject();
	cJSON_AddStringToObject(lic, "name", id);
	if (l != NULL) {
		cJSON_AddStringToObject(lic, "title", l->title);
		cJSON_AddStringToObject(lic, "path", l->url);
	}
	cJSON_AddItemToArray(arr, lic);
	arr = cJSON_AddArrayToObject(root, "resources");
	csv = cJSON_CreateObject();
	cJSON_AddStringToObject(csv, "name", "sessions");
	cJSON_AddStringToObject(csv, "path", "sessions.csv");
	cJSON_AddStringToObject(csv, "title", "Sessions, one per row");
	cJSON_AddStringToObject(csv, "profile", "tabular-data-resource");
	cJSON_AddStringToObject(csv, "format", "csv");
	cJSON_AddStringToObject(csv, "mediatype", "text/csv");
	cJSON_AddStringToObject(csv, "encoding", "utf-8");
	schema = cJSON_AddObjectToObject(csv, "schema");
	res = cJSON_AddArrayToObject(schema, "fields");
	for (i = 0; i < sessions_csv_ncolumns; i++) {
		cJSON *f = cJSON_CreateObject();

		cJSON_AddStringToObject(
		    f, "name", sessions_csv_columns[i].name);
		cJSON_AddStringToObject(
		    f, "type", sessions_csv_columns[i].type);
		cJSON_AddStringToObject(
		    f, "description", sessions_csv_columns[i].description);
		cJSON_AddItemToArray(res, f);
	}
	cJSON_AddStringToObject(schema, "primaryKey", "guid");
	cJSON_AddItemToArray(arr, csv);
	resource(arr, "schedule-xml", "schedule.xml", "xml", "application/xml",
	    "frab/pentabarf schedule.xml");
	resource(arr, "schedule-json", "schedule.json", "json",
	    "application/json", "c3voc schedule.json");
	resource(arr, "calendar", "schedule.ics", "ics", "text/calendar",
	    "iCalendar (RFC 5545)");
	text = cJSON_Print(root);
	buf_addstr(out, text);
	buf_addc(out, '\n');
	cJSON_free(text);
	cJSON_Delete(root);
}
