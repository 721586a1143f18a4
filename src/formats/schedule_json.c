/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * schedule_json.c: schedule.json in and out with cJSON.
 */
#include "formats/schedule_json.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "util/json.h"
#include "util/utf8.h"
#include "util/util.h"

#ifndef CABILDO_VERSION
#define CABILDO_VERSION "dev"
#endif

/* ---- reading ---- */

struct jreader {
	const char *text;
	size_t len;
	const char *file;
	const cJSON *root;
	struct agenda *ag;
	struct buf *warn, *err;
	int offset_seen;
	bool has_offset;
	enum agenda_read_err status;
};

static int
line_of(struct jreader *jr, const cJSON *node)
{
	int line = 1, col = 1;

	json_where(jr->text, jr->len, jr->root, node, false, &line, &col);
	return line;
}

static void
jfail(struct jreader *jr, const cJSON *node, enum agenda_read_err e,
    const char *what)
{
	if (jr->status != AGENDA_READ_OK)
		return;
	jr->status = e;
	buf_addf(jr->err, "%s:%d: %s", jr->file, line_of(jr, node), what);
}

/* A string member, or NULL when absent, null or not a string. */
static const char *
str(const cJSON *o, const char *name)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, name);

	return cJSON_IsString(v) ? v->valuestring : NULL;
}

static char *
dup_trim(const char *s)
{
	size_t a = 0, b;

	if (s == NULL)
		return NULL;
	b = strlen(s);
	while (a < b &&
	    (s[a] == ' ' || s[a] == '\n' || s[a] == '\t' || s[a] == '\r'))
		a++;
	while (b > a &&
	    (s[b - 1] == ' ' || s[b - 1] == '\n' || s[b - 1] == '\t' ||
		s[b - 1] == '\r'))
		b--;
	return b > a ? xstrndup(s + a, b - a) : NULL;
}

static int64_t
id_of(const cJSON *o)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, "id");
	int64_t n = 0;

	if (cJSON_IsNumber(v) && v->valuedouble >= 1 && v->valuedouble < 9e15 &&
	    floor(v->valuedouble) == v->valuedouble)
		return (int64_t)v->valuedouble;
	if (cJSON_IsString(v) && parse_i64(v->valuestring, 1, INT64_MAX, &n))
		return n;
	return 0;
}

static void
skip(struct jreader *jr, const cJSON *ev, const char *why)
{
	const char *t = str(ev, "title");

	buf_addf(jr->warn, "%s:%d: skipped event '%.80s': %s\n", jr->file,
	    line_of(jr, ev), t != NULL ? t : "", why);
}

static bool
text_ok(struct jreader *jr, const cJSON *ev)
{
	static const char *const fields[] = { "title", "subtitle", "abstract",
		"description", "track", "type", "language", "room" };
	size_t i;

	for (i = 0; i < ARRAY_SIZE(fields); i++) {
		const char *s = str(ev, fields[i]);

		if (s != NULL && strlen(s) > AGENDA_TEXT_MAX) {
			jfail(jr, ev, AGENDA_READ_TOOBIG,
			    "text longer than 256 KiB");
			return false;
		}
	}
	return true;
}

static void
read_persons(struct jreader *jr, const cJSON *ev, struct agenda_session *s)
{
	const cJSON *persons = cJSON_GetObjectItemCaseSensitive(ev, "persons");
	const cJSON *p;

	cJSON_ArrayForEach(p, persons)
	{
		const char *name = str(p, "public_name");
		char *n;

		if (name == NULL)
			name = str(p, "name");
		if (cJSON_IsString(p))
			name = p->valuestring;
		if ((n = dup_trim(name)) == NULL)
			continue;
		if (s->npersons >= AGENDA_MAX_PERSONS_PER_SESSION) {
			buf_addf(jr->warn,
			    "%s:%d: skipped person '%s': more than %d in one "
			    "event\n",
			    jr->file, line_of(jr, p), n,
			    AGENDA_MAX_PERSONS_PER_SESSION);
		} else {
			agenda_session_add_person(s,
			    agenda_person_intern(
				jr->ag, cJSON_IsObject(p) ? id_of(p) : 0, n));
		}
		free(n);
	}
}

static void
read_event(
    struct jreader *jr, const cJSON *ev, int64_t day, const char *room_key)
{
	struct agenda *ag = jr->ag;
	struct agenda_session *s;
	const char *date = str(ev, "date"), *start = str(ev, "start");
	const char *guid = str(ev, "guid");
	char *room = dup_trim(str(ev, "room")), *title, *track;
	int64_t d = 0;
	int minute = 0, dur = 0, off;
	bool has_off = false;

	if (!cJSON_IsObject(ev)) {
		skip(jr, ev, "not an object");
		free(room);
		return;
	}
	if (!text_ok(jr, ev)) {
		free(room);
		return;
	}
	if (room == NULL)
		room = dup_trim(room_key);
	if (date != NULL &&
	    agenda_parse_datetime(date, &d, &minute, &off, &has_off)) {
		if (has_off && !jr->has_offset) {
			jr->offset_seen = off;
			jr->has_offset = true;
		}
	} else if (start != NULL && day != 0 &&
	    agenda_parse_duration(start, &minute) && minute < 1440) {
		d = day + (minute < ag->day_change_min ? 1 : 0);
	} else {
		skip(jr, ev, "no valid \"date\"");
		free(room);
		return;
	}
	if (str(ev, "duration") == NULL ||
	    !agenda_parse_duration(str(ev, "duration"), &dur)) {
		skip(jr, ev, "no valid \"duration\"");
		free(room);
		return;
	}
	if (room == NULL) {
		skip(jr, ev, "no room");
		return;
	}
	if (str(ev, "title") == NULL) {
		skip(jr, ev, "no \"title\"");
		free(room);
		return;
	}
	if (ag->nsessions >= AGENDA_MAX_SESSIONS) {
		jfail(jr, ev, AGENDA_READ_TOOBIG, "more than 20000 events");
		free(room);
		return;
	}
	title = xstrdup(str(ev, "title"));
	s = agenda_session_add(ag);
	s->title = title;
	s->ext_id = id_of(ev);
	if (guid != NULL)
		snprintf(s->guid, sizeof(s->guid), "%.36s", guid);
	s->subtitle = dup_trim(str(ev, "subtitle"));
	s->abstract = xstrdup_or_null(str(ev, "abstract"));
	s->description = xstrdup_or_null(str(ev, "description"));
	s->type = dup_trim(str(ev, "type"));
	s->language = dup_trim(str(ev, "language"));
	s->url = dup_trim(str(ev, "url"));
	if ((track = dup_trim(str(ev, "track"))) != NULL)
		s->track = agenda_track_intern(ag, track);
	free(track);
	s->room = agenda_room_intern(ag, room);
	free(room);
	s->date = d;
	s->start_min = minute;
	s->duration_min = dur;
	s->day = day != 0 ? day : d;
	read_persons(jr, ev, s);
}

static void
read_conference(struct jreader *jr, const cJSON *conf)
{
	struct agenda *ag = jr->ag;
	const cJSON *tracks, *rooms, *t;
	const char *s;
	char d[11];
	int64_t v;
	int m;

	ag->slug = dup_trim(str(conf, "acronym"));
	ag->title = dup_trim(str(conf, "title"));
	ag->timezone = dup_trim(str(conf, "time_zone_name"));
	ag->url = dup_trim(str(conf, "url"));
	if ((s = str(conf, "start")) != NULL && strlen(s) >= 10) {
		snprintf(d, sizeof(d), "%.10s", s);
		if (parse_date(d, &v))
			ag->start_date = v;
	}
	if ((s = str(conf, "end")) != NULL && strlen(s) >= 10) {
		snprintf(d, sizeof(d), "%.10s", s);
		if (parse_date(d, &v))
			ag->end_date = v;
	}
	if ((s = str(conf, "timeslot_duration")) != NULL &&
	    agenda_parse_duration(s, &m) && m > 0)
		ag->timeslot_min = m;
	tracks = cJSON_GetObjectItemCaseSensitive(conf, "tracks");
	cJSON_ArrayForEach(t, tracks)
	{
		const char *name = str(t, "name"), *color = str(t, "color");
		char *n = dup_trim(name);
		size_t k;

		if (n == NULL)
			continue;
		k = agenda_track_intern(ag, n);
		if (color != NULL && strlen(color) == 7 && color[0] == '#' &&
		    ag->tracks[k].color == NULL)
			ag->tracks[k].color = xstrdup(color);
		free(n);
	}
	rooms = cJSON_GetObjectItemCaseSensitive(conf, "rooms");
	cJSON_ArrayForEach(t, rooms)
	{
		char *n = dup_trim(str(t, "name"));
		const cJSON *cap =
		    cJSON_GetObjectItemCaseSensitive(t, "capacity");

		if (n == NULL)
			continue;
		m = (int)agenda_room_intern(ag, n);
		if (cJSON_IsNumber(cap) && cap->valuedouble >= 1 &&
		    cap->valuedouble < 1e6)
			ag->rooms[m].capacity = (int)cap->valuedouble;
		free(n);
	}
}

/* Depth of [ and { outside strings, with the line where it passes max. */
static int
too_deep(const char *s, size_t len, int max)
{
	int depth = 0, line = 1;
	bool in_str = false;
	size_t i;

	for (i = 0; i < len; i++) {
		char c = s[i];

		if (c == '\n')
			line++;
		if (in_str) {
			if (c == '\\')
				i++;
			else if (c == '"')
				in_str = false;
			continue;
		}
		if (c == '"')
			in_str = true;
		else if (c == '[' || c == '{') {
			if (++depth > max)
				return line;
		} else if (c == ']' || c == '}')
			depth--;
	}
	return 0;
}

enum agenda_read_err
schedule_json_read(const char *text, size_t len, const char *file,
    struct agenda *ag, struct buf *warn, struct buf *err)
{
	struct jreader jr;
	const cJSON *sched, *conf, *days, *day;
	const char *end = NULL;
	cJSON *root;
	long nul;
	int line, col;

	memset(&jr, 0, sizeof(jr));
	jr.text = text;
	jr.len = len;
	jr.file = file;
	jr.ag = ag;
	jr.warn = warn;
	jr.err = err;
	if (len > AGENDA_FILE_MAX) {
		buf_addf(err, "%s: larger than %zu MiB", file,
		    AGENDA_FILE_MAX >> 20);
		return AGENDA_READ_TOOBIG;
	}
	if (!utf8_valid(text, len)) {
		buf_addf(
		    err, "%s:1: not valid UTF-8, or holds a NUL byte", file);
		return AGENDA_READ_SYNTAX;
	}
	if ((line = too_deep(text, len, SCHEDULE_JSON_DEPTH_MAX)) != 0) {
		buf_addf(err, "%s:%d: nested deeper than %d", file, line,
		    SCHEDULE_JSON_DEPTH_MAX);
		return AGENDA_READ_TOOBIG;
	}
	if ((nul = json_find_nul_escape(text, len)) >= 0) {
		json_line_col(text, len, (size_t)nul, &line, &col);
		buf_addf(err, "%s:%d:%d: \\u0000 in a string", file, line, col);
		return AGENDA_READ_SYNTAX;
	}
	root = cJSON_ParseWithLengthOpts(text, len, &end, false);
	if (root == NULL) {
		size_t off =
		    end != NULL && end >= text ? (size_t)(end - text) : 0;

		if (cJSON_GetErrorPtr() != NULL &&
		    cJSON_GetErrorPtr() >= text &&
		    cJSON_GetErrorPtr() <= text + len)
			off = (size_t)(cJSON_GetErrorPtr() - text);
		json_line_col(text, len, off, &line, &col);
		buf_addf(err, "%s:%d:%d: malformed JSON", file, line, col);
		return AGENDA_READ_SYNTAX;
	}
	jr.root = root;
	sched = cJSON_GetObjectItemCaseSensitive(root, "schedule");
	conf = cJSON_GetObjectItemCaseSensitive(sched, "conference");
	if (!cJSON_IsObject(conf)) {
		buf_addf(
		    err, "%s:1: no \"schedule\".\"conference\" object", file);
		cJSON_Delete(root);
		return AGENDA_READ_INVALID;
	}
	read_conference(&jr, conf);
	days = cJSON_GetObjectItemCaseSensitive(conf, "days");
	cJSON_ArrayForEach(day, days)
	{
		const cJSON *rooms =
		    cJSON_GetObjectItemCaseSensitive(day, "rooms");
		const char *ds = str(day, "date");
		const cJSON *room, *ev;
		int64_t date = 0;

		if (ds == NULL || !parse_date(ds, &date)) {
			buf_addf(warn, "%s:%d: day without a valid \"date\"\n",
			    file, line_of(&jr, day));
			date = 0;
		}
		cJSON_ArrayForEach(room, rooms)
		{
			cJSON_ArrayForEach(ev, room)
			{
				read_event(&jr, ev, date, room->string);
				if (jr.status != AGENDA_READ_OK)
					break;
			}
		}
	}
	cJSON_Delete(root);
	if (jr.status != AGENDA_READ_OK)
		return jr.status;
	if (ag->title == NULL)
		ag->title = xstrdup(ag->slug != NULL ? ag->slug : file);
	{
		char key[64];

		agenda_keyify(
		    ag->slug != NULL ? ag->slug : ag->title, key, sizeof(key));
		free(ag->slug);
		ag->slug = xstrdup(key);
	}
	agenda_import_finish(ag, jr.offset_seen, jr.has_offset, file, warn);
	return AGENDA_READ_OK;
}

/* ---- writing ---- */

static void
add_str(cJSON *o, const char *name, const char *s)
{
	cJSON_AddItemToObject(o, name, cJSON_CreateString(s != NULL ? s : ""));
}

static void
add_str_or_null(cJSON *o, const char *name, const char *s)
{
	cJSON_AddItemToObject(
	    o, name, s != NULL ? cJSON_CreateString(s) : cJSON_CreateNull());
}

static bool
tz_pattern_ok(const char *tz)
{
	/* c3voc: ^([A-Z][a-z]+/[A-Z][a-z]+)|UTC$ (search semantics) */
	const char *p = tz;

	if (tz == NULL)
		return false;
	if (strlen(tz) >= 3 && strcmp(tz + strlen(tz) - 3, "UTC") == 0)
		return true;
	if (!(*p >= 'A' && *p <= 'Z'))
		return false;
	for (p++; *p >= 'a' && *p <= 'z'; p++)
		;
	if (p == tz + 1 || *p != '/')
		return false;
	p++;
	if (!(*p >= 'A' && *p <= 'Z'))
		return false;
	return p[1] >= 'a' && p[1] <= 'z';
}

static cJSON *
event_json(const struct agenda *ag, const struct agenda_session *s, int64_t id)
{
	cJSON *o = cJSON_CreateObject(), *persons;
	struct buf t;
	char n[32], slug[96], key[64];
	size_t i;

	buf_init(&t, 0);
	add_str(o, "guid", s->guid);
	cJSON_AddNumberToObject(o, "id", (double)id);
	agenda_iso_local(ag, s->date, s->start_min, &t);
	add_str(o, "date", t.s);
	snprintf(
	    n, sizeof(n), "%02d:%02d", s->start_min / 60, s->start_min % 60);
	add_str(o, "start", n);
	snprintf(n, sizeof(n), "%02d:%02d", s->duration_min / 60,
	    s->duration_min % 60);
	add_str(o, "duration", n);
	add_str(
	    o, "room", s->room != AGENDA_NONE ? ag->rooms[s->room].name : "");
	agenda_keyify(s->title, key, 48);
	snprintf(
	    slug, sizeof(slug), "%s-%lld-%s", ag->slug, (long long)id, key);
	add_str(o, "slug", slug);
	add_str(o, "url", s->url != NULL ? s->url : "");
	add_str(o, "title", s->title);
	add_str_or_null(o, "subtitle", s->subtitle);
	add_str_or_null(o, "track",
	    s->track != AGENDA_NONE ? ag->tracks[s->track].name : NULL);
	add_str(o, "type", s->type != NULL ? s->type : "");
	add_str_or_null(o, "language", s->language);
	add_str_or_null(o, "abstract", s->abstract);
	add_str_or_null(o, "description", s->description);
	persons = cJSON_AddArrayToObject(o, "persons");
	for (i = 0; i < s->npersons; i++) {
		const struct agenda_person *p = &ag->persons[s->persons[i]];
		cJSON *po = cJSON_CreateObject();

		cJSON_AddNumberToObject(
		    po, "id", (double)(p->ext_id > 0 ? p->ext_id : p->id));
		add_str(po, "public_name", p->name);
		cJSON_AddItemToArray(persons, po);
	}
	cJSON_AddArrayToObject(o, "links");
	buf_release(&t);
	return o;
}

void
schedule_json_write(const struct agenda *ag, struct buf *out)
{
	cJSON *root = cJSON_CreateObject(), *sched, *conf, *arr, *gen;
	int64_t *days = NULL, *ids = agenda_export_ids(ag);
	size_t ndays = agenda_days(ag, &days), di, i, j, r;
	struct buf t;
	char d[11], acr[72];
	char *text;

	buf_init(&t, 0);
	add_str(root, "$schema", "https://c3voc.de/schedule/schema.json");
	gen = cJSON_AddObjectToObject(root, "generator");
	add_str(gen, "name", "cabildo");
	add_str(gen, "version", CABILDO_VERSION);
	sched = cJSON_AddObjectToObject(root, "schedule");
	add_str(sched, "version", "1.0");
	conf = cJSON_AddObjectToObject(sched, "conference");
	agenda_acronym(ag->slug, acr, sizeof(acr));
	add_str(conf, "acronym", acr);
	add_str(conf, "title", ag->title);
	format_date(ag->start_date, d);
	add_str(conf, "start", d);
	format_date(ag->end_date, d);
	add_str(conf, "end", d);
	cJSON_AddNumberToObject(conf, "daysCount", (double)ndays);
	snprintf(acr, sizeof(acr), "%02d:%02d", ag->timeslot_min / 60,
	    ag->timeslot_min % 60);
	add_str(conf, "timeslot_duration", acr);
	if (tz_pattern_ok(ag->timezone))
		add_str(conf, "time_zone_name", ag->timezone);
	if (ag->url != NULL && strncmp(ag->url, "http", 4) == 0)
		add_str(conf, "url", ag->url);
	arr = cJSON_AddArrayToObject(conf, "tracks");
	for (i = 0; i < ag->ntracks; i++) {
		cJSON *o = cJSON_CreateObject();

		add_str(o, "name", ag->tracks[i].name);
		add_str(o, "slug", ag->tracks[i].key);
		if (ag->tracks[i].color != NULL)
			add_str(o, "color", ag->tracks[i].color);
		cJSON_AddItemToArray(arr, o);
	}
	arr = cJSON_AddArrayToObject(conf, "rooms");
	for (i = 0; i < ag->nrooms; i++) {
		cJSON *o = cJSON_CreateObject();
		char guid[AGENDA_GUID_LEN + 1], seed[80];

		snprintf(seed, sizeof(seed), "room:%s", ag->rooms[i].key);
		agenda_guid_make(ag->slug, seed, guid);
		add_str(o, "name", ag->rooms[i].name);
		add_str(o, "slug", ag->rooms[i].key);
		add_str(o, "guid", guid);
		if (ag->rooms[i].capacity > 0)
			cJSON_AddNumberToObject(
			    o, "capacity", ag->rooms[i].capacity);
		cJSON_AddItemToArray(arr, o);
	}
	arr = cJSON_AddArrayToObject(conf, "days");
	for (di = 0, i = 0; di < ndays; di++) {
		cJSON *day = cJSON_CreateObject(), *rooms;
		size_t first = i, last;
		int64_t smin = INT64_MAX, emax = INT64_MIN;

		while (i < ag->nsessions && ag->sessions[i].day == days[di])
			i++;
		last = i;
		for (j = first; j < last; j++) {
			int64_t st = agenda_session_start(&ag->sessions[j]);

			smin = st < smin ? st : smin;
			if (st + ag->sessions[j].duration_min > emax)
				emax = st + ag->sessions[j].duration_min;
		}
		cJSON_AddNumberToObject(day, "index", (double)(di + 1));
		format_date(days[di], d);
		add_str(day, "date", d);
		buf_reset(&t);
		agenda_iso_local(ag, smin / 1440, (int)(smin % 1440), &t);
		add_str(day, "day_start", t.s);
		buf_reset(&t);
		agenda_iso_local(ag, emax / 1440, (int)(emax % 1440), &t);
		add_str(day, "day_end", t.s);
		rooms = cJSON_AddObjectToObject(day, "rooms");
		for (r = 0; r < ag->nrooms; r++) {
			cJSON *list = NULL;

			for (j = first; j < last; j++) {
				if (ag->sessions[j].room != r)
					continue;
				if (list == NULL)
					list = cJSON_AddArrayToObject(
					    rooms, ag->rooms[r].name);
				cJSON_AddItemToArray(list,
				    event_json(ag, &ag->sessions[j], ids[j]));
			}
		}
		cJSON_AddItemToArray(arr, day);
	}
	text = cJSON_Print(root);
	buf_addstr(out, text);
	buf_addc(out, '\n');
	cJSON_free(text);
	cJSON_Delete(root);
	buf_release(&t);
	free(days);
	free(ids);
}
