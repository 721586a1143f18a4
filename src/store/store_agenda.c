/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * store_agenda.c: the SQL of store_agenda.h.
 */
#include "store/store_agenda.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>
#include <sqlite3.h>

#include "store/store_int.h"
#include "util/util.h"

static const char sql_event_id[] = "SELECT id FROM event WHERE slug = ?1";
static const char sql_event_delete[] = "DELETE FROM event WHERE id = ?1";
static const char sql_event_insert[] =
    "INSERT INTO event (slug, start_date, end_date, timezone, venue_city, "
    "venue_country, languages, default_lang, licence, url, synthetic, "
    "day_change, timeslot) VALUES (?1, ?2, ?3, ?4, ?5, '', 'en,es,pt', 'en', "
    "?6, ?7, 0, ?8, ?9) RETURNING id";
static const char sql_event_i18n[] =
    "INSERT INTO event_i18n (event_id, lang, name, tagline, venue_name) "
    "VALUES (?1, 'en', ?2, ?3, ?4)";
static const char sql_theme_insert[] =
    "INSERT INTO theme (event_id, key, position, color) "
    "VALUES (?1, ?2, ?3, ?4) RETURNING id";
static const char sql_theme_i18n[] =
    "INSERT INTO theme_i18n (theme_id, lang, name) VALUES (?1, 'en', ?2)";
static const char sql_format_insert[] =
    "INSERT INTO format (event_id, key, position, duration_min, "
    "min_speakers, max_speakers) VALUES (?1, ?2, ?3, ?4, 0, 64) "
    "RETURNING id";
static const char sql_format_i18n[] =
    "INSERT INTO format_i18n (format_id, lang, name) VALUES (?1, 'en', ?2)";
static const char sql_room_insert[] =
    "INSERT INTO room (event_id, key, position, capacity, capacity_known) "
    "VALUES (?1, ?2, ?3, ?4, ?5) RETURNING id";
static const char sql_room_i18n[] =
    "INSERT INTO room_i18n (room_id, lang, name) VALUES (?1, 'en', ?2)";
static const char sql_day_insert[] =
    "INSERT INTO day (event_id, date) VALUES (?1, ?2)";
static const char sql_person_insert[] =
    "INSERT INTO person (name, ext_id) VALUES (?1, ?2) RETURNING id";
static const char sql_session_insert[] =
    "INSERT INTO session (event_id, room_id, starts_at, ends_at, locked, "
    "guid, ext_id, day, title, subtitle, abstract, description, theme_id, "
    "type, language, url) VALUES (?1, ?2, ?3, ?4, 1, ?5, ?6, ?7, ?8, ?9, "
    "?10, ?11, ?12, ?13, ?14, ?15) RETURNING id";
static const char sql_session_person[] =
    "INSERT INTO session_person (session_id, person_id, position) "
    "VALUES (?1, ?2, ?3)";

static const char sql_event_extra[] =
    "SELECT day_change, timeslot, "
    "max(updated_at, created_at) FROM event WHERE id = ?1";
static const char sql_rooms_unknown[] =
    "SELECT key FROM room WHERE event_id = ?1 AND capacity_known = 0";
static const char sql_sessions[] =
    "SELECT s.id, s.guid, s.ext_id, s.day, s.starts_at, s.ends_at, "
    "coalesce(s.title, p.title), s.subtitle, coalesce(s.abstract, "
    "p.abstract), coalesce(s.description, p.description), "
    "coalesce(s.type, f.key), coalesce(s.language, p.language), s.url, "
    "coalesce(t.key, (SELECT t2.key FROM proposal_theme pt JOIN theme t2 "
    "ON t2.id = pt.theme_id WHERE pt.proposal_id = p.id AND pt.is_main = 1 "
    "LIMIT 1)), r.key, coalesce(p.needs_interpretation, 0) "
    "FROM session s JOIN room r ON r.id = s.room_id "
    "LEFT JOIN proposal p ON p.id = s.proposal_id "
    "LEFT JOIN format f ON f.id = p.format_id "
    "LEFT JOIN theme t ON t.id = s.theme_id "
    "WHERE s.event_id = ?1 AND s.starts_at IS NOT NULL "
    "AND s.ends_at IS NOT NULL ORDER BY s.id";
static const char sql_session_persons[] =
    "SELECT sp.session_id, pe.id, pe.ext_id, pe.name, sp.position "
    "FROM session_person sp JOIN person pe ON pe.id = sp.person_id "
    "JOIN session s ON s.id = sp.session_id WHERE s.event_id = ?1 "
    "UNION ALL "
    "SELECT s.id, pe.id, pe.ext_id, pe.name, ps.position FROM session s "
    "JOIN proposal_speaker ps ON ps.proposal_id = s.proposal_id "
    "JOIN person pe ON pe.id = ps.person_id WHERE s.event_id = ?1 "
    "AND ps.status = 'accepted' AND NOT EXISTS (SELECT 1 FROM "
    "session_person x WHERE x.session_id = s.id) ORDER BY 1, 5";
static const char sql_stars[] =
    "SELECT i.session_id, count(*) FROM interest i JOIN session s "
    "ON s.id = i.session_id WHERE s.event_id = ?1 GROUP BY i.session_id";
static const char sql_pairs[] =
    "SELECT a.session_id, b.session_id, count(*) AS c FROM interest a "
    "JOIN interest b ON b.registration_id = a.registration_id "
    "AND b.session_id > a.session_id JOIN registration r "
    "ON r.id = a.registration_id WHERE r.event_id = ?1 "
    "GROUP BY 1, 2 ORDER BY c DESC, 1, 2 LIMIT ?2";
static const char sql_registered[] =
    "SELECT count(*) FROM registration WHERE event_id = ?1";
static const char sql_starring[] =
    "SELECT count(DISTINCT i.registration_id) FROM interest i "
    "JOIN registration r ON r.id = i.registration_id "
    "WHERE r.event_id = ?1 AND i.session_id IS NOT NULL";
static const char sql_token_reg[] =
    "SELECT r.id FROM calendar_token c JOIN registration r "
    "ON r.id = c.registration_id WHERE c.token = ?1 "
    "AND c.revoked_at IS NULL AND r.event_id = ?2";
static const char sql_token_sessions[] =
    "SELECT session_id FROM interest WHERE registration_id = ?1 "
    "AND session_id IS NOT NULL";
static const char sql_token_insert[] =
    "INSERT INTO calendar_token (token, registration_id) VALUES (?1, ?2)";
static const char sql_token_revoke[] =
    "UPDATE calendar_token SET revoked_at = strftime('%Y-%m-%dT%H:%M:%SZ', "
    "'now') WHERE registration_id = ?1 AND revoked_at IS NULL";

/* ---- import ---- */

/*
 * An imported event has its texts in one language (stored as English, the
 * fallback of every l10n) and offers the interface in all three.
 */

static void
local_time(int64_t date, int minute, char out[32])
{
	char d[11];

	agenda_norm(&date, &minute);
	format_date(date, d);
	snprintf(out, 32, "%sT%02d:%02d", d, minute / 60, minute % 60);
}

static int
insert_id(sqlite3_stmt *p, int64_t *id)
{
	return store_step_int(p, id);
}

struct import_ids {
	int64_t event;
	int64_t *themes, *rooms, *persons;
};

static int
import_event(struct store *st, struct agenda *ag, struct import_ids *ids)
{
	sqlite3_stmt *p = store_sql(st, sql_event_insert);
	char start[11], end[11];
	int rc;

	format_date(ag->start_date, start);
	format_date(ag->end_date, end);
	store_bind_text(p, 1, ag->slug);
	store_bind_text(p, 2, start);
	store_bind_text(p, 3, end);
	store_bind_text(p, 4, ag->timezone);
	store_bind_text(p, 5, ag->city);
	store_bind_text(p, 6, ag->licence != NULL ? ag->licence : "CC-BY-4.0");
	store_bind_text(p, 7, ag->url);
	sqlite3_bind_int(p, 8, ag->day_change_min);
	sqlite3_bind_int(p, 9, ag->timeslot_min);
	if ((rc = insert_id(p, &ids->event)) != SQLITE_OK)
		return rc;
	p = store_sql(st, sql_event_i18n);
	sqlite3_bind_int64(p, 1, ids->event);
	store_bind_text(p, 2, ag->title);
	store_bind_text(p, 3, ag->subtitle);
	store_bind_text(p, 4, ag->venue);
	return store_step_done(p);
}

static int
import_lists(struct store *st, struct agenda *ag, struct import_ids *ids)
{
	sqlite3_stmt *p;
	size_t i;
	int rc = SQLITE_OK;

	for (i = 0; i < ag->ntracks && rc == SQLITE_OK; i++) {
		p = store_sql(st, sql_theme_insert);
		sqlite3_bind_int64(p, 1, ids->event);
		store_bind_text(p, 2, ag->tracks[i].key);
		sqlite3_bind_int64(p, 3, (int64_t)i);
		store_bind_text(p, 4, ag->tracks[i].color);
		if ((rc = insert_id(p, &ids->themes[i])) != SQLITE_OK)
			break;
		p = store_sql(st, sql_theme_i18n);
		sqlite3_bind_int64(p, 1, ids->themes[i]);
		store_bind_text(p, 2, ag->tracks[i].name);
		rc = store_step_done(p);
	}
	for (i = 0; i < ag->nrooms && rc == SQLITE_OK; i++) {
		p = store_sql(st, sql_room_insert);
		sqlite3_bind_int64(p, 1, ids->event);
		store_bind_text(p, 2, ag->rooms[i].key);
		sqlite3_bind_int64(p, 3, (int64_t)i);
		sqlite3_bind_int(p, 4,
		    ag->rooms[i].capacity > 0 ? ag->rooms[i].capacity : 1);
		sqlite3_bind_int(p, 5, ag->rooms[i].capacity > 0);
		if ((rc = insert_id(p, &ids->rooms[i])) != SQLITE_OK)
			break;
		p = store_sql(st, sql_room_i18n);
		sqlite3_bind_int64(p, 1, ids->rooms[i]);
		store_bind_text(p, 2, ag->rooms[i].name);
		rc = store_step_done(p);
	}
	for (i = 0; i < ag->npersons && rc == SQLITE_OK; i++) {
		p = store_sql(st, sql_person_insert);
		store_bind_text(p, 1, ag->persons[i].name);
		if (ag->persons[i].ext_id > 0)
			sqlite3_bind_int64(p, 2, ag->persons[i].ext_id);
		rc = insert_id(p, &ids->persons[i]);
		ag->persons[i].id = ids->persons[i];
	}
	return rc;
}

/* Session types become the event's formats, in order of appearance. */
static int
import_formats(struct store *st, struct agenda *ag, int64_t event_id)
{
	struct agenda types;
	sqlite3_stmt *p;
	size_t i, k;
	int rc = SQLITE_OK;
	int64_t id;
	int *dur;

	agenda_init(&types);
	for (i = 0; i < ag->nsessions; i++)
		if (ag->sessions[i].type != NULL)
			agenda_track_intern(&types, ag->sessions[i].type);
	dur = xcalloc(types.ntracks + 1, sizeof(*dur));
	for (i = 0; i < ag->nsessions; i++) {
		if (ag->sessions[i].type == NULL)
			continue;
		k = agenda_track_intern(&types, ag->sessions[i].type);
		if (dur[k] == 0)
			dur[k] = ag->sessions[i].duration_min;
	}
	for (i = 0; i < types.ntracks && rc == SQLITE_OK; i++) {
		p = store_sql(st, sql_format_insert);
		sqlite3_bind_int64(p, 1, event_id);
		store_bind_text(p, 2, types.tracks[i].key);
		sqlite3_bind_int64(p, 3, (int64_t)i);
		sqlite3_bind_int(p, 4, dur[i] > 0 ? dur[i] : 30);
		if ((rc = insert_id(p, &id)) != SQLITE_OK)
			break;
		p = store_sql(st, sql_format_i18n);
		sqlite3_bind_int64(p, 1, id);
		store_bind_text(p, 2, types.tracks[i].name);
		rc = store_step_done(p);
	}
	free(dur);
	agenda_release(&types);
	return rc;
}

static int
import_days(struct store *st, const struct agenda *ag, int64_t event_id)
{
	int64_t *days = NULL;
	size_t n = agenda_days(ag, &days), i;
	char d[11];
	int rc = SQLITE_OK;

	for (i = 0; i < n && rc == SQLITE_OK; i++) {
		sqlite3_stmt *p = store_sql(st, sql_day_insert);

		format_date(days[i], d);
		sqlite3_bind_int64(p, 1, event_id);
		store_bind_text(p, 2, d);
		rc = store_step_done(p);
	}
	free(days);
	return rc;
}

static int
import_sessions(struct store *st, struct agenda *ag, struct import_ids *ids)
{
	char start[32], end[32], day[11];
	size_t i, j;
	int rc = SQLITE_OK;

	for (i = 0; i < ag->nsessions && rc == SQLITE_OK; i++) {
		struct agenda_session *s = &ag->sessions[i];
		sqlite3_stmt *p = store_sql(st, sql_session_insert);

		local_time(s->date, s->start_min, start);
		local_time(s->date, s->start_min + s->duration_min, end);
		format_date(s->day, day);
		sqlite3_bind_int64(p, 1, ids->event);
		sqlite3_bind_int64(p, 2, ids->rooms[s->room]);
		store_bind_text(p, 3, start);
		store_bind_text(p, 4, end);
		store_bind_text(p, 5, s->guid);
		if (s->ext_id > 0)
			sqlite3_bind_int64(p, 6, s->ext_id);
		store_bind_text(p, 7, day);
		store_bind_text(p, 8, s->title);
		store_bind_text(p, 9, s->subtitle);
		store_bind_text(p, 10, s->abstract);
		store_bind_text(p, 11, s->description);
		if (s->track != AGENDA_NONE)
			sqlite3_bind_int64(p, 12, ids->themes[s->track]);
		store_bind_text(p, 13, s->type);
		store_bind_text(p, 14, s->language);
		store_bind_text(p, 15, s->url);
		if ((rc = insert_id(p, &s->id)) != SQLITE_OK)
			break;
		for (j = 0; j < s->npersons && rc == SQLITE_OK; j++) {
			p = store_sql(st, sql_session_person);
			sqlite3_bind_int64(p, 1, s->id);
			sqlite3_bind_int64(p, 2, ids->persons[s->persons[j]]);
			sqlite3_bind_int64(p, 3, (int64_t)j);
			rc = store_step_done(p);
		}
	}
	return rc;
}

enum store_err
store_agenda_import(
    struct store *st, struct agenda *ag, bool replace, struct buf *msg)
{
	struct import_ids ids;
	int64_t old;
	size_t i;
	int rc;

	for (i = 0; i < ag->nsessions; i++)
		if (ag->sessions[i].room == AGENDA_NONE) {
			buf_addf(msg, "session '%s' has no room",
			    ag->sessions[i].title);
			return STORE_ERR_CONSTRAINT;
		}
	memset(&ids, 0, sizeof(ids));
	ids.themes = xcalloc(ag->ntracks + 1, sizeof(int64_t));
	ids.rooms = xcalloc(ag->nrooms + 1, sizeof(int64_t));
	ids.persons = xcalloc(ag->npersons + 1, sizeof(int64_t));
	if ((rc = store_tx_begin(st)) != SQLITE_OK)
		goto fail;
	{
		sqlite3_stmt *p = store_sql(st, sql_event_id);

		store_bind_text(p, 1, ag->slug);
		rc = store_step_int(p, &old);
	}
	if (rc == SQLITE_OK) {
		if (!replace) {
			buf_addf(msg,
			    "event '%s' already exists (--replace replaces "
			    "it)",
			    ag->slug);
			rc = SQLITE_CONSTRAINT;
			goto fail;
		}
		sqlite3_stmt *p = store_sql(st, sql_event_delete);

		sqlite3_bind_int64(p, 1, old);
		if ((rc = store_step_done(p)) != SQLITE_OK)
			goto fail;
	} else if (rc != SQLITE_NOTFOUND) {
		goto fail;
	}
	if ((rc = import_event(st, ag, &ids)) != SQLITE_OK ||
	    (rc = import_lists(st, ag, &ids)) != SQLITE_OK ||
	    (rc = import_formats(st, ag, ids.event)) != SQLITE_OK ||
	    (rc = import_days(st, ag, ids.event)) != SQLITE_OK ||
	    (rc = import_sessions(st, ag, &ids)) != SQLITE_OK ||
	    (rc = store_tx_commit(st)) != SQLITE_OK)
		goto fail;
	free(ids.themes);
	free(ids.rooms);
	free(ids.persons);
	return STORE_OK;
fail:
	if (msg != NULL && msg->len == 0)
		store_msg_db(st, msg, "importing the programme");
	store_tx_rollback(st);
	free(ids.themes);
	free(ids.rooms);
	free(ids.persons);
	return store_map_rc(rc);
}

/* ---- load ---- */

/* A map from store ids to indices, by binary search over sorted pairs. */
struct idmap {
	int64_t *id;
	size_t *idx;
	size_t n, cap;
};

static long
idmap_find(const struct idmap *m, int64_t id)
{
	size_t lo = 0, hi = m->n;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (m->id[mid] < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < m->n && m->id[lo] == id ? (long)m->idx[lo] : -1;
}

static void
idmap_insert(struct idmap *m, int64_t id, size_t idx)
{
	size_t lo = 0, hi = m->n, cap2 = m->cap;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (m->id[mid] < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	XGROW(m->id, m->cap, m->n + 1);
	XGROW(m->idx, cap2, m->n + 1);
	memmove(m->id + lo + 1, m->id + lo, (m->n - lo) * sizeof(*m->id));
	memmove(m->idx + lo + 1, m->idx + lo, (m->n - lo) * sizeof(*m->idx));
	m->id[lo] = id;
	m->idx[lo] = idx;
	m->n++;
}

static void
idmap_release(struct idmap *m)
{
	free(m->id);
	free(m->idx);
	memset(m, 0, sizeof(*m));
}

static bool
parse_local(const char *s, int64_t *date, int *minute)
{
	char d[11];

	if (s == NULL || strlen(s) < 16 || s[10] != 'T')
		return false;
	memcpy(d, s, 10);
	d[10] = '\0';
	return parse_date(d, date) && parse_hhmm(s + 11, minute);
}

static void
load_header(const struct event *ev, struct agenda *ag)
{
	enum lang l = ev->default_lang;
	const char *s;
	size_t i;

	ag->slug = xstrdup(ev->slug);
	ag->title = xstrdup(l10n_get(&ev->name, l));
	s = l10n_get(&ev->tagline, l);
	ag->subtitle = *s != '\0' ? xstrdup(s) : NULL;
	s = l10n_get(&ev->venue_name, l);
	ag->venue = *s != '\0' ? xstrdup(s) : NULL;
	ag->city = xstrdup_or_null(ev->venue_city);
	ag->timezone = xstrdup(ev->timezone != NULL ? ev->timezone : "UTC");
	ag->url = xstrdup_or_null(ev->url);
	ag->licence = xstrdup(ev->licence != NULL ? ev->licence : "CC-BY-4.0");
	ag->start_date = ev->start_date;
	ag->end_date = ev->end_date;
	ag->tracks = xcalloc(ev->nthemes + 1, sizeof(*ag->tracks));
	for (i = 0; i < ev->nthemes; i++) {
		ag->tracks[i].key = xstrdup(ev->themes[i].key);
		ag->tracks[i].name = xstrdup(l10n_get(&ev->themes[i].name, l));
		ag->tracks[i].color = xstrdup_or_null(ev->themes[i].color);
	}
	ag->ntracks = ev->nthemes;
	ag->rooms = xcalloc(ev->nrooms + 1, sizeof(*ag->rooms));
	for (i = 0; i < ev->nrooms; i++) {
		ag->rooms[i].key = xstrdup(ev->rooms[i].key);
		ag->rooms[i].name = xstrdup(l10n_get(&ev->rooms[i].name, l));
		ag->rooms[i].capacity = ev->rooms[i].capacity;
		ag->rooms[i].interpretation_booth =
		    ev->rooms[i].interpretation_booth;
		ag->rooms[i].step_free = ev->rooms[i].step_free;
	}
	ag->nrooms = ev->nrooms;
}

static int
load_extra(struct store *st, const struct event *ev, struct agenda *ag)
{
	sqlite3_stmt *p = store_sql(st, sql_event_extra);
	const char *k;
	size_t i;
	int rc;

	sqlite3_bind_int64(p, 1, ev->id);
	if ((rc = sqlite3_step(p)) == SQLITE_ROW) {
		ag->day_change_min = sqlite3_column_int(p, 0);
		ag->timeslot_min = sqlite3_column_int(p, 1);
		if (ag->timeslot_min <= 0)
			ag->timeslot_min = 5;
		if ((k = store_col_text(p, 2)) != NULL && strlen(k) == 20)
			memcpy(ag->modified, k, 21);
	}
	sqlite3_reset(p);
	p = store_sql(st, sql_rooms_unknown);
	sqlite3_bind_int64(p, 1, ev->id);
	while ((rc = sqlite3_step(p)) == SQLITE_ROW) {
		k = store_col_text(p, 0);
		for (i = 0; k != NULL && i < ag->nrooms; i++)
			if (strcmp(ag->rooms[i].key, k) == 0)
				ag->rooms[i].capacity = 0;
	}
	sqlite3_reset(p);
	return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

static size_t
find_key_track(const struct agenda *ag, const char *k)
{
	size_t i;

	for (i = 0; k != NULL && i < ag->ntracks; i++)
		if (strcmp(ag->tracks[i].key, k) == 0)
			return i;
	return AGENDA_NONE;
}

static size_t
find_key_room(const struct agenda *ag, const char *k)
{
	size_t i;

	for (i = 0; k != NULL && i < ag->nrooms; i++)
		if (strcmp(ag->rooms[i].key, k) == 0)
			return i;
	return AGENDA_NONE;
}

static char *
col_nonempty(sqlite3_stmt *p, int i)
{
	const char *s = store_col_text(p, i);

	return s != NULL && *s != '\0' ? xstrdup(s) : NULL;
}

static int
load_sessions(struct store *st, const struct event *ev, struct agenda *ag,
    struct idmap *sid)
{
	sqlite3_stmt *p = store_sql(st, sql_sessions);
	int64_t sdate, edate, day;
	int smin, emin, rc;
	char seed[32];

	sqlite3_bind_int64(p, 1, ev->id);
	while ((rc = sqlite3_step(p)) == SQLITE_ROW) {
		struct agenda_session *s;
		const char *g = store_col_text(p, 1);
		size_t room = find_key_room(ag, store_col_text(p, 14));

		if (!parse_local(store_col_text(p, 4), &sdate, &smin) ||
		    !parse_local(store_col_text(p, 5), &edate, &emin) ||
		    room == AGENDA_NONE)
			continue;
		s = agenda_session_add(ag);
		s->id = sqlite3_column_int64(p, 0);
		if (g != NULL && agenda_guid_valid(g)) {
			snprintf(s->guid, sizeof(s->guid), "%s", g);
		} else {
			snprintf(seed, sizeof(seed), "session:%lld",
			    (long long)s->id);
			agenda_guid_make(ev->slug, seed, s->guid);
		}
		s->ext_id = sqlite3_column_int64(p, 2);
		s->date = sdate;
		s->start_min = smin;
		s->duration_min =
		    (int)((edate * 1440 + emin) - (sdate * 1440 + smin));
		if (s->duration_min < 0)
			s->duration_min = 0;
		{
			const char *d = store_col_text(p, 3);

			if (d == NULL || !parse_date(d, &day))
				day = smin < ag->day_change_min ? sdate - 1
								: sdate;
			s->day = day;
		}
		s->title = xstrdup(
		    store_col_text(p, 6) != NULL ? store_col_text(p, 6) : "");
		s->subtitle = col_nonempty(p, 7);
		s->abstract = store_col_dup(p, 8);
		s->description = store_col_dup(p, 9);
		s->type = col_nonempty(p, 10);
		s->language = col_nonempty(p, 11);
		s->url = col_nonempty(p, 12);
		s->track = find_key_track(ag, store_col_text(p, 13));
		s->room = room;
		s->interpretation = sqlite3_column_int(p, 15) != 0;
		idmap_insert(sid, s->id, ag->nsessions - 1);
	}
	sqlite3_reset(p);
	return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

static int
load_persons(struct store *st, const struct event *ev, struct agenda *ag,
    const struct idmap *sid)
{
	sqlite3_stmt *p = store_sql(st, sql_session_persons);
	struct idmap pid;
	size_t cap = 0;
	long si, pi;
	int rc;

	memset(&pid, 0, sizeof(pid));
	sqlite3_bind_int64(p, 1, ev->id);
	while ((rc = sqlite3_step(p)) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(p, 1);

		if ((si = idmap_find(sid, sqlite3_column_int64(p, 0))) < 0)
			continue;
		if ((pi = idmap_find(&pid, id)) < 0) {
			struct agenda_person *pe;

			XGROW(ag->persons, cap, ag->npersons + 1);
			pe = &ag->persons[ag->npersons];
			memset(pe, 0, sizeof(*pe));
			pe->id = id;
			pe->ext_id = sqlite3_column_int64(p, 2);
			pe->name = xstrdup(store_col_text(p, 3) != NULL
				? store_col_text(p, 3)
				: "");
			pi = (long)ag->npersons++;
			idmap_insert(&pid, id, (size_t)pi);
		}
		if (ag->sessions[si].npersons < AGENDA_MAX_PERSONS_PER_SESSION)
			agenda_session_add_person(
			    &ag->sessions[si], (size_t)pi);
	}
	sqlite3_reset(p);
	idmap_release(&pid);
	return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

enum store_err
store_agenda_load(struct store *st, const struct event *ev, struct agenda *ag)
{
	struct idmap sid;
	int rc;

	memset(&sid, 0, sizeof(sid));
	load_header(ev, ag);
	if ((rc = load_extra(st, ev, ag)) == SQLITE_OK &&
	    (rc = load_sessions(st, ev, ag, &sid)) == SQLITE_OK)
		rc = load_persons(st, ev, ag, &sid);
	idmap_release(&sid);
	if (rc != SQLITE_OK) {
		agenda_release(ag);
		return store_map_rc(rc);
	}
	agenda_sort(ag);
	return STORE_OK;
}

enum store_err
store_agenda_stamp(struct store *st, const struct event *ev, char out[21])
{
	sqlite3_stmt *p = store_sql(st, sql_event_extra);
	const char *s;
	int rc;

	snprintf(out, 21, "1970-01-01T00:00:00Z");
	sqlite3_bind_int64(p, 1, ev->id);
	if ((rc = sqlite3_step(p)) == SQLITE_ROW &&
	    (s = store_col_text(p, 2)) != NULL && strlen(s) == 20)
		memcpy(out, s, 21);
	sqlite3_reset(p);
	return rc == SQLITE_ROW ? STORE_OK : store_map_rc(rc);
}

/* Index of each session id in ag, for the interest queries. */
static void
session_map(const struct agenda *ag, struct idmap *m)
{
	size_t i;

	memset(m, 0, sizeof(*m));
	for (i = 0; i < ag->nsessions; i++)
		idmap_insert(m, ag->sessions[i].id, i);
}

enum store_err
store_agenda_stars(struct store *st, const struct event *ev,
    const struct agenda *ag, size_t *stars)
{
	sqlite3_stmt *p = store_sql(st, sql_stars);
	struct idmap m;
	long i;
	int rc;

	session_map(ag, &m);
	memset(stars, 0, ag->nsessions * sizeof(*stars));
	sqlite3_bind_int64(p, 1, ev->id);
	while ((rc = sqlite3_step(p)) == SQLITE_ROW)
		if ((i = idmap_find(&m, sqlite3_column_int64(p, 0))) >= 0)
			stars[i] = (size_t)sqlite3_column_int64(p, 1);
	sqlite3_reset(p);
	idmap_release(&m);
	return rc == SQLITE_DONE ? STORE_OK : store_map_rc(rc);
}

enum store_err
store_agenda_pairs(struct store *st, const struct event *ev,
    const struct agenda *ag, size_t max, struct star_pair **out, size_t *n)
{
	sqlite3_stmt *p = store_sql(st, sql_pairs);
	struct idmap m;
	size_t cap = 0;
	long a, b;
	int rc;

	*out = NULL;
	*n = 0;
	session_map(ag, &m);
	sqlite3_bind_int64(p, 1, ev->id);
	sqlite3_bind_int64(p, 2, (int64_t)max);
	while ((rc = sqlite3_step(p)) == SQLITE_ROW) {
		a = idmap_find(&m, sqlite3_column_int64(p, 0));
		b = idmap_find(&m, sqlite3_column_int64(p, 1));
		if (a < 0 || b < 0)
			continue;
		XGROW(*out, cap, *n + 1);
		(*out)[*n].a = (size_t)a;
		(*out)[*n].b = (size_t)b;
		(*out)[(*n)++].count = (size_t)sqlite3_column_int64(p, 2);
	}
	sqlite3_reset(p);
	idmap_release(&m);
	return rc == SQLITE_DONE ? STORE_OK : store_map_rc(rc);
}

enum store_err
store_agenda_participants(struct store *st, const struct event *ev,
    size_t *registered, size_t *starring)
{
	sqlite3_stmt *p = store_sql(st, sql_registered);
	int64_t v = 0;
	int rc;

	sqlite3_bind_int64(p, 1, ev->id);
	if ((rc = store_step_int(p, &v)) != SQLITE_OK)
		return store_map_rc(rc);
	*registered = (size_t)v;
	p = store_sql(st, sql_starring);
	sqlite3_bind_int64(p, 1, ev->id);
	if ((rc = store_step_int(p, &v)) != SQLITE_OK)
		return store_map_rc(rc);
	*starring = (size_t)v;
	return STORE_OK;
}

enum store_err
store_calendar_token_sessions(struct store *st, const struct event *ev,
    const struct agenda *ag, const char *token, bool *marks)
{
	sqlite3_stmt *p = store_sql(st, sql_token_reg);
	int64_t reg;
	int rc;

	memset(marks, 0, ag->nsessions * sizeof(*marks));
	store_bind_text(p, 1, token);
	sqlite3_bind_int64(p, 2, ev->id);
	if ((rc = store_step_int(p, &reg)) != SQLITE_OK)
		return rc == SQLITE_NOTFOUND ? STORE_ERR_NOTFOUND
					     : store_map_rc(rc);
	return store_registration_marks(st, reg, ag, marks);
}

enum store_err
store_calendar_token_create(
    struct store *st, int64_t registration_id, char out[CALENDAR_TOKEN_LEN + 1])
{
	unsigned char r[CALENDAR_TOKEN_LEN / 2];
	sqlite3_stmt *p;
	size_t i;
	int rc;

	if (sodium_init() < 0)
		return STORE_ERR_IO;
	randombytes_buf(r, sizeof(r));
	for (i = 0; i < sizeof(r); i++)
		snprintf(out + 2 * i, 3, "%02x", r[i]);
	p = store_sql(st, sql_token_insert);
	store_bind_text(p, 1, out);
	sqlite3_bind_int64(p, 2, registration_id);
	rc = store_step_done(p);
	if (rc == SQLITE_OK)
		st->own_writes++;
	return store_map_rc(rc);
}

enum store_err
store_calendar_token_revoke(struct store *st, int64_t registration_id)
{
	sqlite3_stmt *p = store_sql(st, sql_token_revoke);
	int rc;

	sqlite3_bind_int64(p, 1, registration_id);
	rc = store_step_done(p);
	if (rc == SQLITE_OK)
		st->own_writes++;
	return store_map_rc(rc);
}

/* ---- participants ---- */

static const char sql_reg_find[] =
    "SELECT id FROM registration WHERE event_id = ?1 AND person_id = ?2";
static const char sql_reg_upsert[] =
    "INSERT INTO registration (event_id, person_id, needs) "
    "VALUES (?1, ?2, ?3) ON CONFLICT (event_id, person_id) "
    "DO UPDATE SET needs = excluded.needs RETURNING id";
static const char sql_reg_themes_clear[] =
    "DELETE FROM interest WHERE registration_id = ?1 "
    "AND theme_id IS NOT NULL";
static const char sql_reg_theme_add[] =
    "INSERT OR IGNORE INTO interest (registration_id, theme_id) "
    "SELECT ?1, id FROM theme WHERE event_id = ?2 AND key = ?3";
static const char sql_reg_needs[] =
    "SELECT needs FROM registration WHERE id = ?1";
static const char sql_reg_themes[] =
    "SELECT t.key FROM interest i JOIN theme t ON t.id = i.theme_id "
    "WHERE i.registration_id = ?1 ORDER BY t.position, t.key";
static const char sql_star_add[] =
    "INSERT OR IGNORE INTO interest (registration_id, session_id) "
    "SELECT r.id, s.id FROM registration r JOIN session s "
    "ON s.event_id = r.event_id WHERE r.id = ?1 AND s.id = ?2";
static const char sql_star_del[] =
    "DELETE FROM interest WHERE registration_id = ?1 AND session_id = ?2";
static const char sql_token_active[] =
    "SELECT token FROM calendar_token WHERE registration_id = ?1 "
    "AND revoked_at IS NULL ORDER BY created_at DESC LIMIT 1";

enum store_err
store_registration_find(
    struct store *st, int64_t event_id, int64_t person_id, int64_t *reg_id)
{
	sqlite3_stmt *p = store_sql(st, sql_reg_find);
	int rc;

	sqlite3_bind_int64(p, 1, event_id);
	sqlite3_bind_int64(p, 2, person_id);
	rc = store_step_int(p, reg_id);
	if (rc == SQLITE_NOTFOUND)
		return STORE_ERR_NOTFOUND;
	return store_map_rc(rc);
}

enum store_err
store_registration_save(struct store *st, int64_t event_id, int64_t person_id,
    const char *needs, const char *const *theme_keys, size_t nthemes,
    int64_t *reg_id)
{
	sqlite3_stmt *p;
	size_t i;
	int rc;

	if ((rc = store_tx_begin(st)) != SQLITE_OK)
		return store_map_rc(rc);
	p = store_sql(st, sql_reg_upsert);
	sqlite3_bind_int64(p, 1, event_id);
	sqlite3_bind_int64(p, 2, person_id);
	store_bind_text(p, 3, needs != NULL && *needs != '\0' ? needs : NULL);
	if ((rc = store_step_int(p, reg_id)) != SQLITE_OK)
		goto fail;
	p = store_sql(st, sql_reg_themes_clear);
	sqlite3_bind_int64(p, 1, *reg_id);
	if ((rc = store_step_done(p)) != SQLITE_OK)
		goto fail;
	for (i = 0; i < nthemes; i++) {
		p = store_sql(st, sql_reg_theme_add);
		sqlite3_bind_int64(p, 1, *reg_id);
		sqlite3_bind_int64(p, 2, event_id);
		store_bind_text(p, 3, theme_keys[i]);
		if ((rc = store_step_done(p)) != SQLITE_OK)
			goto fail;
	}
	if ((rc = store_tx_commit(st)) != SQLITE_OK)
		goto fail;
	return STORE_OK;
fail:
	store_tx_rollback(st);
	return store_map_rc(rc == SQLITE_NOTFOUND ? SQLITE_ERROR : rc);
}

enum store_err
store_registration_load(struct store *st, int64_t reg_id, char **needs,
    char ***theme_keys, size_t *nthemes)
{
	sqlite3_stmt *p = store_sql(st, sql_reg_needs);
	size_t cap = 0;
	int rc;

	*needs = NULL;
	*theme_keys = NULL;
	*nthemes = 0;
	sqlite3_bind_int64(p, 1, reg_id);
	if ((rc = sqlite3_step(p)) == SQLITE_ROW)
		*needs = store_col_dup(p, 0);
	sqlite3_reset(p);
	if (rc != SQLITE_ROW)
		return rc == SQLITE_DONE ? STORE_ERR_NOTFOUND
					 : store_map_rc(rc);
	p = store_sql(st, sql_reg_themes);
	sqlite3_bind_int64(p, 1, reg_id);
	while ((rc = sqlite3_step(p)) == SQLITE_ROW) {
		XGROW(*theme_keys, cap, *nthemes + 1);
		(*theme_keys)[(*nthemes)++] = store_col_dup(p, 0);
	}
	sqlite3_reset(p);
	return rc == SQLITE_DONE ? STORE_OK : store_map_rc(rc);
}

enum store_err
store_interest_set(
    struct store *st, int64_t reg_id, int64_t session_id, bool on)
{
	sqlite3_stmt *p = store_sql(st, on ? sql_star_add : sql_star_del);
	int rc;

	sqlite3_bind_int64(p, 1, reg_id);
	sqlite3_bind_int64(p, 2, session_id);
	rc = store_step_done(p);
	if (rc == SQLITE_OK)
		st->own_writes++;
	return store_map_rc(rc);
}

enum store_err
store_registration_marks(
    struct store *st, int64_t reg_id, const struct agenda *ag, bool *marks)
{
	sqlite3_stmt *p = store_sql(st, sql_token_sessions);
	struct idmap m;
	long i;
	int rc;

	memset(marks, 0, ag->nsessions * sizeof(*marks));
	session_map(ag, &m);
	sqlite3_bind_int64(p, 1, reg_id);
	while ((rc = sqlite3_step(p)) == SQLITE_ROW)
		if ((i = idmap_find(&m, sqlite3_column_int64(p, 0))) >= 0)
			marks[i] = true;
	sqlite3_reset(p);
	idmap_release(&m);
	return rc == SQLITE_DONE ? STORE_OK : store_map_rc(rc);
}

enum store_err
store_calendar_token_active(
    struct store *st, int64_t reg_id, char out[CALENDAR_TOKEN_LEN + 1])
{
	sqlite3_stmt *p = store_sql(st, sql_token_active);
	const char *s;
	int rc;

	out[0] = '\0';
	sqlite3_bind_int64(p, 1, reg_id);
	rc = sqlite3_step(p);
	if (rc == SQLITE_ROW && (s = store_col_text(p, 0)) != NULL &&
	    strlen(s) == CALENDAR_TOKEN_LEN)
		memcpy(out, s, CALENDAR_TOKEN_LEN + 1);
	sqlite3_reset(p);
	if (rc == SQLITE_ROW)
		return out[0] != '\0' ? STORE_OK : STORE_ERR_NOTFOUND;
	return rc == SQLITE_DONE ? STORE_ERR_NOTFOUND : store_map_rc(rc);
}
