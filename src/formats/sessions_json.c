/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * sessions_json.c: the JSON API page writer of sessions_json.h.
 */
#include "formats/sessions_json.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "formats/agenda_io.h"
#include "util/util.h"

static void
add_str_or_null(cJSON *o, const char *name, const char *s)
{
	cJSON_AddItemToObject(
	    o, name, s != NULL ? cJSON_CreateString(s) : cJSON_CreateNull());
}

static cJSON *
keyed(const char *key, const char *name)
{
	cJSON *o = cJSON_CreateObject();

	cJSON_AddStringToObject(o, "key", key);
	cJSON_AddStringToObject(o, "name", name);
	return o;
}

static cJSON *
session_obj(const struct agenda *ag, const struct agenda_session *s)
{
	cJSON *o = cJSON_CreateObject(), *sp;
	struct buf t;
	char d[11];
	size_t i;

	buf_init(&t, 0);
	cJSON_AddStringToObject(o, "guid", s->guid);
	cJSON_AddStringToObject(o, "title", s->title);
	add_str_or_null(o, "subtitle", s->subtitle);
	add_str_or_null(o, "abstract", s->abstract);
	format_date(s->day, d);
	cJSON_AddStringToObject(o, "day", d);
	agenda_iso_local(ag, s->date, s->start_min, &t);
	cJSON_AddStringToObject(o, "start", t.s);
	buf_reset(&t);
	agenda_iso_local(ag, s->date, s->start_min + s->duration_min, &t);
	cJSON_AddStringToObject(o, "end", t.s);
	cJSON_AddNumberToObject(o, "duration_min", s->duration_min);
	cJSON_AddItemToObject(o, "room",
	    s->room != AGENDA_NONE
		? keyed(ag->rooms[s->room].key, ag->rooms[s->room].name)
		: cJSON_CreateNull());
	cJSON_AddItemToObject(o, "track",
	    s->track != AGENDA_NONE
		? keyed(ag->tracks[s->track].key, ag->tracks[s->track].name)
		: cJSON_CreateNull());
	add_str_or_null(o, "type", s->type);
	add_str_or_null(o, "language", s->language);
	sp = cJSON_AddArrayToObject(o, "speakers");
	for (i = 0; i < s->npersons; i++) {
		const struct agenda_person *p = &ag->persons[s->persons[i]];
		cJSON *po = cJSON_CreateObject();

		cJSON_AddNumberToObject(
		    po, "id", (double)(p->id > 0 ? p->id : p->ext_id));
		cJSON_AddStringToObject(po, "name", p->name);
		cJSON_AddItemToArray(sp, po);
	}
	add_str_or_null(o, "url", s->url);
	buf_release(&t);
	return o;
}

void
sessions_json_write(
    const struct agenda *ag, size_t offset, size_t limit, struct buf *out)
{
	cJSON *root = cJSON_CreateObject(), *arr;
	size_t end, i;
	char next[160];
	char *text;

	if (offset > ag->nsessions)
		offset = ag->nsessions;
	if (limit == 0)
		limit = ag->nsessions - offset;
	end = offset + limit < ag->nsessions ? offset + limit : ag->nsessions;
	cJSON_AddStringToObject(root, "event", ag->slug);
	cJSON_AddNumberToObject(root, "total", (double)ag->nsessions);
	cJSON_AddNumberToObject(root, "offset", (double)offset);
	cJSON_AddNumberToObject(root, "limit", (double)limit);
	if (end < ag->nsessions) {
		snprintf(next, sizeof(next),
		    "/api/v1/events/%s/sessions?offset=%zu&limit=%zu", ag->slug,
		    end, limit);
		cJSON_AddStringToObject(root, "next", next);
	} else {
		cJSON_AddNullToObject(root, "next");
	}
	arr = cJSON_AddArrayToObject(root, "sessions");
	for (i = offset; i < end; i++)
		cJSON_AddItemToArray(arr, session_obj(ag, &ag->sessions[i]));
	text = cJSON_PrintUnformatted(root);
	buf_addstr(out, text);
	buf_addc(out, '\n');
	cJSON_free(text);
	cJSON_Delete(root);
}
