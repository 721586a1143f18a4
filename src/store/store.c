/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * store.c: the SQLite backend of store.h.  All SQL lives in the stmt table
 * below, prepared once per connection on first use (openradtool's
 * stmts[STMT__MAX]); values are always bound, never printed into SQL.
 */
#include "store/store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "store/store_fts.h"
#include "store/store_int.h"
#include "util/embed.h"
#include "util/util.h"

enum stmt {
	S_BEGIN,
	S_COMMIT,
	S_ROLLBACK,
	S_DATA_VERSION,
	S_EVENT_ID,
	S_EVENT_INSERT,
	S_EVENT_UPDATE,
	S_EVENT_I18N_DELETE,
	S_EVENT_I18N_INSERT,
	S_THEME_MARK,
	S_THEME_UPSERT,
	S_THEME_I18N_DELETE,
	S_THEME_I18N_INSERT,
	S_THEME_STALE,
	S_THEME_DELETE,
	S_SUBTOPIC_MARK,
	S_SUBTOPIC_UPSERT,
	S_SUBTOPIC_I18N_DELETE,
	S_SUBTOPIC_I18N_INSERT,
	S_SUBTOPIC_DELETE_STALE,
	S_FORMAT_MARK,
	S_FORMAT_UPSERT,
	S_FORMAT_I18N_DELETE,
	S_FORMAT_I18N_INSERT,
	S_FORMAT_STALE,
	S_FORMAT_DELETE,
	S_ROOM_MARK,
	S_ROOM_UPSERT,
	S_ROOM_I18N_DELETE,
	S_ROOM_I18N_INSERT,
	S_ROOM_STALE,
	S_ROOM_DELETE,
	S_DAY_DELETE_ALL,
	S_DAY_INSERT,
	S_SLOT_INSERT,
	S_SLOT_I18N_INSERT,
	S_EVENT_GET,
	S_EVENT_I18N_GET,
	S_THEMES_GET,
	S_SUBTOPICS_GET,
	S_FORMATS_GET,
	S_ROOMS_GET,
	S_SLOTS_GET,
	S_EVENT_LIST,
	S_COUNT_PROPOSALS,
	S_COUNT_SPEAKERS,
	S_COUNT_PARTICIPANTS,
	S_COUNT_COUNTRIES,
	S_COUNT_PER_THEME,
	S_REAL_PROPOSALS,
	S_POP_DELETE_PROPOSALS,
	S_POP_DELETE_REGISTRATIONS,
	S_POP_DELETE_PERSONS,
	S_EVENT_SET_SYNTHETIC,
	S_PERSON_INSERT,
	S_PROPOSAL_INSERT,
	S_PROPOSAL_THEME_INSERT,
	S_PROPOSAL_SPEAKER_INSERT,
	S_REGISTRATION_INSERT,
	S_INTEREST_THEME_INSERT,
	S_ID_LIST,
	S_FORMAT_ID,
	STMT__MAX
};

static const char *const stmt_sql[STMT__MAX] = {
	[S_BEGIN] = "BEGIN IMMEDIATE",
	[S_COMMIT] = "COMMIT",
	[S_ROLLBACK] = "ROLLBACK",
	[S_DATA_VERSION] = "PRAGMA data_version",
	[S_EVENT_ID] = "SELECT id FROM event WHERE slug = ?1",
	[S_EVENT_INSERT] = "INSERT INTO event (slug, start_date, end_date, "
			   "timezone, venue_city, venue_country, languages, "
			   "default_lang, licence, url, cfp_opens, cfp_closes, "
			   "synthetic) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, "
			   "?9, ?10, ?11, ?12, ?13)",
	[S_EVENT_UPDATE] =
	    "UPDATE event SET start_date = ?2, end_date = ?3, "
	    "timezone = ?4, venue_city = ?5, venue_country = ?6, "
	    "languages = ?7, default_lang = ?8, licence = ?9, "
	    "url = ?10, cfp_opens = ?11, cfp_closes = ?12, "
	    "synthetic = max(synthetic, ?13), updated_at = "
	    "strftime('%Y-%m-%dT%H:%M:%SZ', 'now') "
	    "WHERE slug = ?1",
	[S_EVENT_I18N_DELETE] = "DELETE FROM event_i18n WHERE event_id = ?1",
	[S_EVENT_I18N_INSERT] =
	    "INSERT INTO event_i18n (event_id, lang, name, "
	    "tagline, venue_name) VALUES (?1, ?2, ?3, ?4, ?5)",
	[S_THEME_MARK] = "UPDATE theme SET position = -1 - position "
			 "WHERE event_id = ?1",
	[S_THEME_UPSERT] =
	    "INSERT INTO theme (event_id, key, position, color) "
	    "VALUES (?1, ?2, ?3, ?4) ON CONFLICT (event_id, key) "
	    "DO UPDATE SET position = excluded.position, "
	    "color = excluded.color RETURNING id",
	[S_THEME_I18N_DELETE] = "DELETE FROM theme_i18n WHERE theme_id = ?1",
	[S_THEME_I18N_INSERT] = "INSERT INTO theme_i18n (theme_id, lang, name, "
				"description) VALUES (?1, ?2, ?3, ?4)",
	[S_THEME_STALE] = "SELECT id, key FROM theme WHERE event_id = ?1 "
			  "AND position < 0",
	[S_THEME_DELETE] = "DELETE FROM theme WHERE id = ?1",
	[S_SUBTOPIC_MARK] = "UPDATE subtopic SET position = -1 - position "
			    "WHERE theme_id = ?1",
	[S_SUBTOPIC_UPSERT] = "INSERT INTO subtopic (theme_id, key, position) "
			      "VALUES (?1, ?2, ?3) ON CONFLICT (theme_id, key) "
			      "DO UPDATE SET position = excluded.position "
			      "RETURNING id",
	[S_SUBTOPIC_I18N_DELETE] = "DELETE FROM subtopic_i18n "
				   "WHERE subtopic_id = ?1",
	[S_SUBTOPIC_I18N_INSERT] = "INSERT INTO subtopic_i18n (subtopic_id, "
				   "lang, name) VALUES (?1, ?2, ?3)",
	[S_SUBTOPIC_DELETE_STALE] = "DELETE FROM subtopic WHERE theme_id = ?1 "
				    "AND position < 0",
	[S_FORMAT_MARK] = "UPDATE format SET position = -1 - position "
			  "WHERE event_id = ?1",
	[S_FORMAT_UPSERT] = "INSERT INTO format (event_id, key, position, "
			    "duration_min, min_speakers, max_speakers, "
			    "shares_slot) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) "
			    "ON CONFLICT (event_id, key) DO UPDATE SET "
			    "position = excluded.position, duration_min = "
			    "excluded.duration_min, min_speakers = "
			    "excluded.min_speakers, max_speakers = "
			    "excluded.max_speakers, shares_slot = "
			    "excluded.shares_slot RETURNING id",
	[S_FORMAT_I18N_DELETE] = "DELETE FROM format_i18n WHERE format_id = ?1",
	[S_FORMAT_I18N_INSERT] = "INSERT INTO format_i18n (format_id, lang, "
				 "name, description) VALUES (?1, ?2, ?3, ?4)",
	[S_FORMAT_STALE] = "SELECT id, key FROM format WHERE event_id = ?1 "
			   "AND position < 0",
	[S_FORMAT_DELETE] = "DELETE FROM format WHERE id = ?1",
	[S_ROOM_MARK] = "UPDATE room SET position = -1 - position "
			"WHERE event_id = ?1",
	[S_ROOM_UPSERT] =
	    "INSERT INTO room (event_id, key, position, capacity, "
	    "interpretation_booth, step_free) VALUES (?1, ?2, ?3, "
	    "?4, ?5, ?6) ON CONFLICT (event_id, key) DO UPDATE "
	    "SET position = excluded.position, capacity = "
	    "excluded.capacity, interpretation_booth = "
	    "excluded.interpretation_booth, step_free = "
	    "excluded.step_free RETURNING id",
	[S_ROOM_I18N_DELETE] = "DELETE FROM room_i18n WHERE room_id = ?1",
	[S_ROOM_I18N_INSERT] = "INSERT INTO room_i18n (room_id, lang, name) "
			       "VALUES (?1, ?2, ?3)",
	[S_ROOM_STALE] = "SELECT id, key FROM room WHERE event_id = ?1 "
			 "AND position < 0",
	[S_ROOM_DELETE] = "DELETE FROM room WHERE id = ?1",
	[S_DAY_DELETE_ALL] = "DELETE FROM day WHERE event_id = ?1",
	[S_DAY_INSERT] = "INSERT INTO day (event_id, date) VALUES (?1, ?2) "
			 "RETURNING id",
	[S_SLOT_INSERT] = "INSERT INTO slot (day_id, position, start_min, "
			  "end_min, kind) VALUES (?1, ?2, ?3, ?4, ?5) "
			  "RETURNING id",
	[S_SLOT_I18N_INSERT] = "INSERT INTO slot_i18n (slot_id, lang, label) "
			       "VALUES (?1, ?2, ?3)",
	[S_EVENT_GET] = "SELECT id, slug, start_date, end_date, timezone, "
			"venue_city, venue_country, languages, default_lang, "
			"licence, url, cfp_opens, cfp_closes, synthetic "
			"FROM event WHERE slug = ?1",
	[S_EVENT_I18N_GET] = "SELECT lang, name, tagline, venue_name "
			     "FROM event_i18n WHERE event_id = ?1",
	[S_THEMES_GET] = "SELECT t.id, t.key, t.color, i.lang, i.name, "
			 "i.description FROM theme t LEFT JOIN theme_i18n i "
			 "ON i.theme_id = t.id WHERE t.event_id = ?1 "
			 "ORDER BY t.position, t.id",
	[S_SUBTOPICS_GET] = "SELECT s.theme_id, s.id, s.key, i.lang, i.name "
			    "FROM subtopic s JOIN theme t ON t.id = s.theme_id "
			    "LEFT JOIN subtopic_i18n i ON i.subtopic_id = s.id "
			    "WHERE t.event_id = ?1 "
			    "ORDER BY t.position, s.position, s.id",
	[S_FORMATS_GET] = "SELECT f.id, f.key, f.duration_min, f.min_speakers, "
			  "f.max_speakers, f.shares_slot, i.lang, i.name, "
			  "i.description FROM format f LEFT JOIN format_i18n i "
			  "ON i.format_id = f.id WHERE f.event_id = ?1 "
			  "ORDER BY f.position, f.id",
	[S_ROOMS_GET] = "SELECT r.id, r.key, r.capacity, "
			"r.interpretation_booth, r.step_free, i.lang, i.name "
			"FROM room r LEFT JOIN room_i18n i ON i.room_id = r.id "
			"WHERE r.event_id = ?1 ORDER BY r.position, r.id",
	[S_SLOTS_GET] = "SELECT d.id, d.date, s.id, s.start_min, s.end_min, "
			"s.kind, i.lang, i.label FROM day d JOIN slot s "
			"ON s.day_id = d.id LEFT JOIN slot_i18n i "
			"ON i.slot_id = s.id WHERE d.event_id = ?1 "
			"ORDER BY d.date, s.position, s.id",
	[S_EVENT_LIST] = "SELECT e.id, e.slug, e.start_date, e.end_date, "
			 "e.venue_city, e.venue_country, e.synthetic, i.lang, "
			 "i.name FROM event e LEFT JOIN event_i18n i "
			 "ON i.event_id = e.id ORDER BY e.start_date, e.id",
	[S_COUNT_PROPOSALS] = "SELECT count(*) FROM proposal WHERE event_id = "
			      "?1 AND status NOT IN ('draft', 'withdrawn')",
	[S_COUNT_SPEAKERS] = "SELECT count(DISTINCT ps.person_id) FROM "
			     "proposal_speaker ps JOIN proposal p ON p.id = "
			     "ps.proposal_id WHERE p.event_id = ?1 AND "
			     "p.status NOT IN ('draft', 'withdrawn')",
	[S_COUNT_PARTICIPANTS] = "SELECT count(*) FROM registration "
				 "WHERE event_id = ?1",
	[S_COUNT_COUNTRIES] = "SELECT count(DISTINCT pe.country) FROM "
			      "proposal_speaker ps JOIN proposal p ON p.id = "
			      "ps.proposal_id JOIN person pe ON pe.id = "
			      "ps.person_id WHERE p.event_id = ?1 AND "
			      "p.status NOT IN ('draft', 'withdrawn')",
	[S_COUNT_PER_THEME] = "SELECT pt.theme_id, count(*) FROM "
			      "proposal_theme pt JOIN proposal p ON p.id = "
			      "pt.proposal_id WHERE p.event_id = ?1 AND "
			      "pt.is_main = 1 AND p.status NOT IN ('draft', "
			      "'withdrawn') GROUP BY pt.theme_id",
	[S_REAL_PROPOSALS] = "SELECT count(*) FROM proposal WHERE event_id = "
			     "?1 AND synthetic = 0",
	[S_POP_DELETE_PROPOSALS] = "DELETE FROM proposal WHERE event_id = ?1 "
				   "AND synthetic = 1",
	[S_POP_DELETE_REGISTRATIONS] = "DELETE FROM registration WHERE "
				       "event_id = ?1 AND synthetic = 1",
	[S_POP_DELETE_PERSONS] = "DELETE FROM person WHERE synthetic = 1 AND "
				 "NOT EXISTS (SELECT 1 FROM proposal_speaker "
				 "WHERE person_id = person.id) AND NOT EXISTS "
				 "(SELECT 1 FROM registration WHERE person_id "
				 "= person.id) AND NOT EXISTS (SELECT 1 FROM "
				 "account WHERE person_id = person.id)",
	[S_EVENT_SET_SYNTHETIC] =
	    "UPDATE event SET synthetic = 1 WHERE id = ?1",
	[S_PERSON_INSERT] = "INSERT INTO person (name, email, organisation, "
			    "sector, country, gender, languages, synthetic) "
			    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) "
			    "RETURNING id",
	[S_PROPOSAL_INSERT] = "INSERT INTO proposal (event_id, format_id, "
			      "title, abstract, language, "
			      "needs_interpretation, status, synthetic, "
			      "submitted_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, "
			      "?7, ?8, CASE WHEN ?7 = 'draft' THEN NULL ELSE "
			      "strftime('%Y-%m-%dT%H:%M:%SZ', 'now') END) "
			      "RETURNING id",
	[S_PROPOSAL_THEME_INSERT] = "INSERT INTO proposal_theme (proposal_id, "
				    "theme_id, is_main, source) VALUES (?1, "
				    "?2, ?3, ?4)",
	[S_PROPOSAL_SPEAKER_INSERT] = "INSERT INTO proposal_speaker "
				      "(proposal_id, person_id, position) "
				      "VALUES (?1, ?2, ?3)",
	[S_REGISTRATION_INSERT] = "INSERT INTO registration (event_id, "
				  "person_id, synthetic) VALUES (?1, ?2, 1) "
				  "RETURNING id",
	[S_INTEREST_THEME_INSERT] = "INSERT INTO interest (registration_id, "
				    "theme_id, weight) VALUES (?1, ?2, 1)",
	[S_ID_LIST] = "SELECT id FROM theme WHERE event_id = ?1 "
		      "ORDER BY position",
	[S_FORMAT_ID] =
	    "SELECT id FROM format WHERE event_id = ?1 AND key = ?2",
};

struct store_stmt_slot {
	const char *sql;
	sqlite3_stmt *stmt;
};

const char *
store_strerror(enum store_err err)
{
	static const char *const msgs[STORE_ERR__MAX] = {
		[STORE_OK] = "success",
		[STORE_ERR_OPEN] = "cannot open the database",
		[STORE_ERR_NEWER] = "the database is from a newer cabildo",
		[STORE_ERR_MIGRATE] = "a schema migration failed",
		[STORE_ERR_OUTDATED] = "the database schema is out of date",
		[STORE_ERR_NOTFOUND] = "not found",
		[STORE_ERR_CONSTRAINT] =
		    "the change conflicts with stored data",
		[STORE_ERR_BUSY] = "the database is busy",
		[STORE_ERR_IO] = "database error",
	};

	return (unsigned)err < STORE_ERR__MAX ? msgs[err] : "unknown error";
}

enum store_err
store_map_rc(int rc)
{
	switch (rc & 0xff) {
	case SQLITE_OK:
	case SQLITE_DONE:
	case SQLITE_ROW:
		return STORE_OK;
	case SQLITE_NOTFOUND: /* what store_step_int says of "no row" */
		return STORE_ERR_NOTFOUND;
	case SQLITE_CONSTRAINT:
		return STORE_ERR_CONSTRAINT;
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return STORE_ERR_BUSY;
	default:
		return STORE_ERR_IO;
	}
}

static size_t
slot_of(const char *sql, size_t cap)
{
	uintptr_t h = (uintptr_t)sql;

	h ^= h >> 17;
	h *= 0x9e3779b97f4a7c15ULL;
	return (size_t)(h >> 7) & (cap - 1);
}

static void
cache_grow(struct store *st)
{
	struct store_stmt_slot *old = st->cache;
	size_t oldcap = st->cache_cap, i, j;

	st->cache_cap = oldcap == 0 ? 128 : oldcap * 2;
	st->cache = xcalloc(st->cache_cap, sizeof(*st->cache));
	for (i = 0; i < oldcap; i++) {
		if (old[i].sql == NULL)
			continue;
		for (j = slot_of(old[i].sql, st->cache_cap);
		     st->cache[j].sql != NULL;
		     j = (j + 1) & (st->cache_cap - 1))
			;
		st->cache[j] = old[i];
	}
	free(old);
}

sqlite3_stmt *
store_sql(struct store *st, const char *sql)
{
	size_t i;
	sqlite3_stmt *p;

	if (st->cache_n * 2 >= st->cache_cap)
		cache_grow(st);
	for (i = slot_of(sql, st->cache_cap); st->cache[i].sql != NULL;
	     i = (i + 1) & (st->cache_cap - 1)) {
		if (st->cache[i].sql == sql) {
			p = st->cache[i].stmt;
			sqlite3_reset(p);
			sqlite3_clear_bindings(p);
			return p;
		}
	}
	if (sqlite3_prepare_v3(st->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &p,
		NULL) != SQLITE_OK)
		die("store: cannot prepare '%.60s': %s", sql,
		    sqlite3_errmsg(st->db));
	st->cache[i].sql = sql;
	st->cache[i].stmt = p;
	st->cache_n++;
	return p;
}

/* The prepared statement, reset and with bindings cleared. */
static sqlite3_stmt *
stmt_get(struct store *st, enum stmt s)
{
	return store_sql(st, stmt_sql[s]);
}

void
store_bind_text(sqlite3_stmt *p, int i, const char *s)
{
	if (s == NULL)
		sqlite3_bind_null(p, i);
	else
		sqlite3_bind_text(p, i, s, -1, SQLITE_STATIC);
}

const char *
store_col_text(sqlite3_stmt *p, int i)
{
	return (const char *)sqlite3_column_text(p, i);
}

char *
store_col_dup(sqlite3_stmt *p, int i)
{
	return xstrdup_or_null(store_col_text(p, i));
}

/* Runs a statement that returns no rows (or whose rows are ignored). */
int
store_step_done(sqlite3_stmt *p)
{
	int rc;

	while ((rc = sqlite3_step(p)) == SQLITE_ROW)
		;
	sqlite3_reset(p);
	return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/* Runs a statement returning one integer (an id, a count). */
int
store_step_int(sqlite3_stmt *p, int64_t *out)
{
	int rc = sqlite3_step(p);

	if (rc == SQLITE_ROW) {
		*out = sqlite3_column_int64(p, 0);
		rc = store_step_done(p);
	} else {
		sqlite3_reset(p);
		if (rc == SQLITE_DONE)
			rc = SQLITE_NOTFOUND;
	}
	return rc;
}

void
store_msg_db(struct store *st, struct buf *msg, const char *what)
{
	if (msg != NULL)
		buf_addf(msg, "%s: %s", what, sqlite3_errmsg(st->db));
}

/* ---- migrations ---- */

static int
migration_number(const char *path)
{
	const char *base = strrchr(path, '/');
	int64_t v;
	char num[5];

	base = base != NULL ? base + 1 : path;
	if (strlen(base) < 5 || base[4] != '_')
		return -1;
	memcpy(num, base, 4);
	num[4] = '\0';
	return parse_i64(num, 1, 9999, &v) ? (int)v : -1;
}

int
store_schema_latest(void)
{
	const struct embed_file *f;
	int latest = 0, n;

	for (f = embed_sql; f->path != NULL; f++)
		if ((n = migration_number(f->path)) > latest)
			latest = n;
	return latest;
}

int
store_schema_version(struct store *st)
{
	sqlite3_stmt *p;
	int v = -1;

	if (sqlite3_prepare_v2(st->db, "PRAGMA user_version", -1, &p, NULL) !=
	    SQLITE_OK)
		return -1;
	if (sqlite3_step(p) == SQLITE_ROW)
		v = sqlite3_column_int(p, 0);
	sqlite3_finalize(p);
	return v;
}

static enum store_err
migrate(struct store *st, struct buf *msg)
{
	const struct embed_file *f;
	int current = store_schema_version(st), latest = store_schema_latest();
	int want, rc;
	char *err = NULL, pragma[64];

	if (current < 0) {
		store_msg_db(st, msg, "reading the schema version");
		return STORE_ERR_OPEN;
	}
	if (current > latest)
		return STORE_ERR_NEWER; /* check_version said why */
	/* embed_sql is sorted by name: apply, in order, every migration
	 * numbered above the current version (numbers may have gaps). */
	for (f = embed_sql; f->path != NULL; f++) {
		if ((want = migration_number(f->path)) <= current)
			continue;
		/* Migrations are our own trusted scripts, never input. */
		rc = sqlite3_exec(st->db, "BEGIN IMMEDIATE", NULL, NULL, &err);
		if (rc == SQLITE_OK)
			rc = sqlite3_exec(
			    st->db, (const char *)f->data, NULL, NULL, &err);
		if (rc == SQLITE_OK) {
			snprintf(pragma, sizeof(pragma),
			    "PRAGMA user_version = %d", want);
			rc = sqlite3_exec(st->db, pragma, NULL, NULL, &err);
		}
		if (rc == SQLITE_OK)
			rc = sqlite3_exec(st->db, "COMMIT", NULL, NULL, &err);
		if (rc != SQLITE_OK) {
			if (msg != NULL)
				buf_addf(msg, "migration '%s': %s", f->path,
				    err != NULL ? err : "failed");
			sqlite3_free(err);
			sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
			return rc == SQLITE_BUSY ? STORE_ERR_BUSY
						 : STORE_ERR_MIGRATE;
		}
	}
	return STORE_OK;
}

/* ---- open and close ---- */

static enum store_err
check_version(struct store *st, enum store_flags flags, struct buf *msg)
{
	int v = store_schema_version(st), latest = store_schema_latest();

	if (v < 0) {
		store_msg_db(st, msg, "reading the schema version");
		return STORE_ERR_OPEN;
	}
	if (v > latest) {
		if (msg != NULL)
			buf_addf(msg,
			    "schema version %d, but this cabildo knows only up "
			    "to %d: upgrade cabildo",
			    v, latest);
		return STORE_ERR_NEWER;
	}
	if (v < latest && (flags & (STORE_READONLY | STORE_NO_MIGRATE))) {
		if (msg != NULL)
			buf_addf(msg,
			    "schema version %d, this cabildo needs %d: run "
			    "'cabildo init'",
			    v, latest);
		return STORE_ERR_OUTDATED;
	}
	return STORE_OK;
}

static enum store_err
exec_pragma(struct store *st, const char *sql, struct buf *msg)
{
	if (sqlite3_exec(st->db, sql, NULL, NULL, NULL) != SQLITE_OK) {
		store_msg_db(st, msg, sql);
		return STORE_ERR_OPEN;
	}
	return STORE_OK;
}

enum store_err
store_open(const char *path, enum store_flags flags, struct store **out,
    struct buf *msg)
{
	struct store *st;
	enum store_err err;
	int oflags;

	*out = NULL;
	if (!(flags & STORE_CREATE) && access(path, F_OK) != 0) {
		if (msg != NULL)
			buf_addf(msg, "'%s': no such database file", path);
		return STORE_ERR_OPEN;
	}
	st = xcalloc(1, sizeof(*st));
	if (flags & STORE_READONLY)
		oflags = SQLITE_OPEN_READONLY;
	else if (flags & STORE_CREATE)
		oflags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
	else
		oflags = SQLITE_OPEN_READWRITE;
	oflags |= SQLITE_OPEN_NOMUTEX;
	if (sqlite3_open_v2(path, &st->db, oflags, NULL) != SQLITE_OK) {
		if (msg != NULL)
			buf_addf(msg, "'%s': %s", path,
			    st->db != NULL ? sqlite3_errmsg(st->db)
					   : "out of memory");
		sqlite3_close(st->db);
		free(st);
		return STORE_ERR_OPEN;
	}
	sqlite3_extended_result_codes(st->db, 1);
	sqlite3_busy_timeout(st->db, 5000);
	/* proposal_fts needs its tokenizer, migrations included (0008). */
	if (store_fts_register(st->db) != SQLITE_OK) {
		store_msg_db(st, msg, "registering the text search tokenizer");
		store_close(st);
		return STORE_ERR_OPEN;
	}
	/* A newer schema is refused before anything is written to the file. */
	if ((err = check_version(st, flags, msg)) != STORE_OK) {
		store_close(st);
		return err;
	}
	/*
	 * WAL lets readers run beside one writer.  synchronous=FULL syncs the
	 * WAL at every commit, so an acknowledged write survives power loss,
	 * not only a crash of the process.  NORMAL would sync only at
	 * checkpoints: still consistent after any crash, but the last
	 * acknowledged commits could vanish with the power, and a lost
	 * proposal is what the organisers cannot afford (one fsync per
	 * commit costs little next to argon2id and page rendering).
	 * tests/crash/run.sh checks that no acknowledged write is lost when
	 * the process is killed (SIGKILL keeps what reached the kernel, so
	 * it cannot tell FULL from NORMAL); docs/OPERATIONS.md, "Durability".
	 */
	if ((err = exec_pragma(st, "PRAGMA foreign_keys = ON", msg)) != 0 ||
	    (!(flags & STORE_READONLY) &&
		((err = exec_pragma(st, "PRAGMA journal_mode = WAL", msg)) !=
			0 ||
		    (err = exec_pragma(st, "PRAGMA synchronous = FULL", msg)) !=
			0))) {
		store_close(st);
		return err;
	}
	if (!(flags & (STORE_READONLY | STORE_NO_MIGRATE)) &&
	    (err = migrate(st, msg)) != STORE_OK) {
		store_close(st);
		return err;
	}
	*out = st;
	return STORE_OK;
}

void
store_close(struct store *st)
{
	size_t i;

	if (st == NULL)
		return;
	for (i = 0; i < st->cache_cap; i++)
		if (st->cache[i].stmt != NULL)
			sqlite3_finalize(st->cache[i].stmt);
	free(st->cache);
	sqlite3_close(st->db);
	free(st);
}

uint64_t
store_generation(struct store *st)
{
	sqlite3_stmt *p = stmt_get(st, S_DATA_VERSION);
	int64_t v = 0;

	store_step_int(p, &v);
	return ((uint64_t)v << 20) + st->own_writes;
}

/* ---- transactions ---- */

int
store_tx_begin(struct store *st)
{
	return store_step_done(stmt_get(st, S_BEGIN));
}

int
store_tx_commit(struct store *st)
{
	int rc = store_step_done(stmt_get(st, S_COMMIT));

	if (rc == SQLITE_OK)
		st->own_writes++;
	return rc;
}

void
store_tx_rollback(struct store *st)
{
	if (!sqlite3_get_autocommit(st->db))
		store_step_done(stmt_get(st, S_ROLLBACK));
}

/* ---- saving an event ---- */

static void
langs_string(const struct event *ev, char *out, size_t size)
{
	size_t i, n = 0;

	out[0] = '\0';
	for (i = 0; i < ev->nlanguages && n + 4 < size; i++)
		n += (size_t)snprintf(out + n, size - n, "%s%s", i ? "," : "",
		    lang_code(ev->languages[i]));
}

/* Runs S with ?1 = id. */
static int
mark(struct store *st, enum stmt s, int64_t id)
{
	sqlite3_stmt *p = stmt_get(st, s);

	sqlite3_bind_int64(p, 1, id);
	return store_step_done(p);
}

static int
save_header(struct store *st, struct event *ev, bool *created)
{
	sqlite3_stmt *p;
	char start[11], end[11], langs[16];
	int64_t id;
	int rc, i;

	format_date(ev->start_date, start);
	format_date(ev->end_date, end);
	langs_string(ev, langs, sizeof(langs));
	p = stmt_get(st, S_EVENT_ID);
	store_bind_text(p, 1, ev->slug);
	rc = store_step_int(p, &id);
	if (rc != SQLITE_OK && rc != SQLITE_NOTFOUND)
		return rc;
	*created = rc == SQLITE_NOTFOUND;
	p = stmt_get(st, *created ? S_EVENT_INSERT : S_EVENT_UPDATE);
	store_bind_text(p, 1, ev->slug);
	store_bind_text(p, 2, start);
	store_bind_text(p, 3, end);
	store_bind_text(p, 4, ev->timezone);
	store_bind_text(p, 5, ev->venue_city);
	store_bind_text(p, 6, ev->venue_country);
	store_bind_text(p, 7, langs);
	store_bind_text(p, 8, lang_code(ev->default_lang));
	store_bind_text(p, 9, ev->licence);
	store_bind_text(p, 10, ev->url);
	store_bind_text(p, 11, ev->cfp_opens);
	store_bind_text(p, 12, ev->cfp_closes);
	sqlite3_bind_int(p, 13, ev->synthetic);
	if ((rc = store_step_done(p)) != SQLITE_OK)
		return rc;
	if (*created)
		id = sqlite3_last_insert_rowid(st->db);
	ev->id = id;

	if ((rc = mark(st, S_EVENT_I18N_DELETE, id)) != SQLITE_OK)
		return rc;
	for (i = 0; i < LANG__MAX; i++) {
		if (ev->name.text[i] == NULL)
			continue;
		p = stmt_get(st, S_EVENT_I18N_INSERT);
		sqlite3_bind_int64(p, 1, id);
		store_bind_text(p, 2, lang_code((enum lang)i));
		store_bind_text(p, 3, ev->name.text[i]);
		store_bind_text(p, 4, ev->tagline.text[i]);
		store_bind_text(p, 5, ev->venue_name.text[i]);
		if ((rc = store_step_done(p)) != SQLITE_OK)
			return rc;
	}
	return SQLITE_OK;
}

/* Inserts the (id, lang, a[, b]) rows of an i18n table, one for each
 * language a has. */
static int
insert_i18n(struct store *st, enum stmt ins, int64_t id, const struct l10n *a,
    const struct l10n *b)
{
	sqlite3_stmt *p;
	int rc, i;

	for (i = 0; i < LANG__MAX; i++) {
		if (a->text[i] == NULL)
			continue;
		p = stmt_get(st, ins);
		sqlite3_bind_int64(p, 1, id);
		store_bind_text(p, 2, lang_code((enum lang)i));
		store_bind_text(p, 3, a->text[i]);
		if (b != NULL)
			store_bind_text(p, 4, b->text[i]);
		if ((rc = store_step_done(p)) != SQLITE_OK)
			return rc;
	}
	return SQLITE_OK;
}

/* Replaces the (id, lang, a, b) rows of an i18n table for one owner. */
static int
save_i18n(struct store *st, enum stmt del, enum stmt ins, int64_t id,
    const struct l10n *a, const struct l10n *b)
{
	int rc = mark(st, del, id);

	return rc != SQLITE_OK ? rc : insert_i18n(st, ins, id, a, b);
}

/* Deletes the stale rows one by one, naming the first that is in use. */
static int
delete_stale(struct store *st, enum stmt stale, enum stmt del, const char *what,
    int64_t event_id, struct buf *msg)
{
	sqlite3_stmt *p = stmt_get(st, stale);
	int64_t *ids = NULL;
	char **keys = NULL;
	size_t n = 0, cap = 0, kcap = 0, i;
	int rc;

	sqlite3_bind_int64(p, 1, event_id);
	while ((rc = sqlite3_step(p)) == SQLITE_ROW) {
		XGROW(ids, cap, n + 1);
		XGROW(keys, kcap, n + 1);
		ids[n] = sqlite3_column_int64(p, 0);
		keys[n++] = store_col_dup(p, 1);
	}
	sqlite3_reset(p);
	rc = rc == SQLITE_DONE ? SQLITE_OK : rc;
	for (i = 0; i < n && rc == SQLITE_OK; i++) {
		p = stmt_get(st, del);
		sqlite3_bind_int64(p, 1, ids[i]);
		rc = store_step_done(p);
		if ((rc & 0xff) == SQLITE_CONSTRAINT && msg != NULL)
			buf_addf(msg,
			    "%s '%s' is no longer in the event file, but "
			    "proposals or sessions use it",
			    what, keys[i]);
	}
	for (i = 0; i < n; i++)
		free(keys[i]);
	free(keys);
	free(ids);
	return rc;
}

static int
save_themes(struct store *st, const struct event *ev, struct buf *msg)
{
	sqlite3_stmt *p;
	int64_t tid = 0, sid = 0;
	size_t i, j;
	int rc;

	if ((rc = mark(st, S_THEME_MARK, ev->id)) != SQLITE_OK)
		return rc;
	for (i = 0; i < ev->nthemes; i++) {
		const struct theme *t = &ev->themes[i];

		p = stmt_get(st, S_THEME_UPSERT);
		sqlite3_bind_int64(p, 1, ev->id);
		store_bind_text(p, 2, t->key);
		sqlite3_bind_int64(p, 3, (int64_t)i);
		store_bind_text(p, 4, t->color);
		if ((rc = store_step_int(p, &tid)) != SQLITE_OK ||
		    (rc = save_i18n(st, S_THEME_I18N_DELETE,
			 S_THEME_I18N_INSERT, tid, &t->name,
			 &t->description)) != SQLITE_OK ||
		    (rc = mark(st, S_SUBTOPIC_MARK, tid)) != SQLITE_OK)
			return rc;
		for (j = 0; j < t->nsubtopics; j++) {
			p = stmt_get(st, S_SUBTOPIC_UPSERT);
			sqlite3_bind_int64(p, 1, tid);
			store_bind_text(p, 2, t->subtopics[j].key);
			sqlite3_bind_int64(p, 3, (int64_t)j);
			if ((rc = store_step_int(p, &sid)) != SQLITE_OK ||
			    (rc = save_i18n(st, S_SUBTOPIC_I18N_DELETE,
				 S_SUBTOPIC_I18N_INSERT, sid,
				 &t->subtopics[j].name, NULL)) != SQLITE_OK)
				return rc;
		}
		if ((rc = mark(st, S_SUBTOPIC_DELETE_STALE, tid)) != SQLITE_OK)
			return rc;
	}
	return delete_stale(
	    st, S_THEME_STALE, S_THEME_DELETE, "theme", ev->id, msg);
}

static int
save_formats(struct store *st, const struct event *ev, struct buf *msg)
{
	sqlite3_stmt *p;
	int64_t fid = 0;
	size_t i;
	int rc;

	if ((rc = mark(st, S_FORMAT_MARK, ev->id)) != SQLITE_OK)
		return rc;
	for (i = 0; i < ev->nformats; i++) {
		const struct format *f = &ev->formats[i];

		p = stmt_get(st, S_FORMAT_UPSERT);
		sqlite3_bind_int64(p, 1, ev->id);
		store_bind_text(p, 2, f->key);
		sqlite3_bind_int64(p, 3, (int64_t)i);
		sqlite3_bind_int(p, 4, f->duration_min);
		sqlite3_bind_int(p, 5, f->min_speakers);
		sqlite3_bind_int(p, 6, f->max_speakers);
		sqlite3_bind_int(p, 7, f->shares_slot);
		if ((rc = store_step_int(p, &fid)) != SQLITE_OK ||
		    (rc = save_i18n(st, S_FORMAT_I18N_DELETE,
			 S_FORMAT_I18N_INSERT, fid, &f->name,
			 &f->description)) != SQLITE_OK)
			return rc;
	}
	return delete_stale(
	    st, S_FORMAT_STALE, S_FORMAT_DELETE, "format", ev->id, msg);
}

static int
save_rooms(struct store *st, const struct event *ev, struct buf *msg)
{
	sqlite3_stmt *p;
	int64_t rid = 0;
	size_t i;
	int rc;

	if ((rc = mark(st, S_ROOM_MARK, ev->id)) != SQLITE_OK)
		return rc;
	for (i = 0; i < ev->nrooms; i++) {
		const struct room *r = &ev->rooms[i];

		p = stmt_get(st, S_ROOM_UPSERT);
		sqlite3_bind_int64(p, 1, ev->id);
		store_bind_text(p, 2, r->key);
		sqlite3_bind_int64(p, 3, (int64_t)i);
		sqlite3_bind_int(p, 4, r->capacity);
		sqlite3_bind_int(p, 5, r->interpretation_booth);
		sqlite3_bind_int(p, 6, r->step_free);
		if ((rc = store_step_int(p, &rid)) != SQLITE_OK ||
		    (rc = save_i18n(st, S_ROOM_I18N_DELETE, S_ROOM_I18N_INSERT,
			 rid, &r->name, NULL)) != SQLITE_OK)
			return rc;
	}
	return delete_stale(
	    st, S_ROOM_STALE, S_ROOM_DELETE, "room", ev->id, msg);
}

static int
save_grid(struct store *st, const struct event *ev)
{
	sqlite3_stmt *p;
	char date[11];
	int64_t did = 0, sid = 0;
	size_t i, j;
	int rc;

	if ((rc = mark(st, S_DAY_DELETE_ALL, ev->id)) != SQLITE_OK)
		return rc;
	for (i = 0; i < ev->ndays; i++) {
		const struct day *d = &ev->days[i];

		format_date(d->date, date);
		p = stmt_get(st, S_DAY_INSERT);
		sqlite3_bind_int64(p, 1, ev->id);
		store_bind_text(p, 2, date);
		if ((rc = store_step_int(p, &did)) != SQLITE_OK)
			return rc;
		for (j = 0; j < d->nslots; j++) {
			const struct slot *s = &d->slots[j];

			p = stmt_get(st, S_SLOT_INSERT);
			sqlite3_bind_int64(p, 1, did);
			sqlite3_bind_int64(p, 2, (int64_t)j);
			sqlite3_bind_int(p, 3, s->start_min);
			sqlite3_bind_int(p, 4, s->end_min);
			store_bind_text(p, 5, slot_kind_name(s->kind));
			if ((rc = store_step_int(p, &sid)) != SQLITE_OK ||
			    (rc = insert_i18n(st, S_SLOT_I18N_INSERT, sid,
				 &s->label, NULL)) != SQLITE_OK)
				return rc;
		}
	}
	return SQLITE_OK;
}

/* ---- the review form (issue 6) ---- */

static const char sql_review_set[] =
    "UPDATE event SET review_deadline = ?2, review_blind = ?3, "
    "review_per_proposal = ?4, review_max_load = ?5 WHERE id = ?1";
static const char sql_criteria_delete[] =
    "DELETE FROM review_criterion WHERE event_id = ?1";
static const char sql_criterion_insert[] =
    "INSERT INTO review_criterion (event_id, key, position, weight) "
    "VALUES (?1, ?2, ?3, ?4) RETURNING id";
static const char sql_criterion_i18n_insert[] =
    "INSERT INTO review_criterion_i18n (criterion_id, lang, name, "
    "description) VALUES (?1, ?2, ?3, ?4)";
static const char sql_review_get[] =
    "SELECT review_deadline, review_blind, review_per_proposal, "
    "review_max_load FROM event WHERE id = ?1";
static const char sql_criteria_get[] =
    "SELECT c.id, c.key, c.weight, i.lang, i.name, i.description "
    "FROM review_criterion c LEFT JOIN review_criterion_i18n i "
    "ON i.criterion_id = c.id WHERE c.event_id = ?1 "
    "ORDER BY c.position, c.id";

/* Criteria are referred to by key (review_score.criterion), so they are
 * simply replaced. */
static int
save_review(struct store *st, const struct event *ev)
{
	const struct review_settings *rs = &ev->review;
	sqlite3_stmt *p = store_sql(st, sql_review_set);
	int64_t cid;
	size_t i;
	int rc, l;

	sqlite3_bind_int64(p, 1, ev->id);
	store_bind_text(p, 2, rs->deadline);
	sqlite3_bind_int(p, 3, rs->blind);
	sqlite3_bind_int(p, 4, rs->per_proposal);
	sqlite3_bind_int(p, 5, rs->max_load);
	if ((rc = store_step_done(p)) != SQLITE_OK)
		return rc;
	p = store_sql(st, sql_criteria_delete);
	sqlite3_bind_int64(p, 1, ev->id);
	if ((rc = store_step_done(p)) != SQLITE_OK)
		return rc;
	for (i = 0; i < rs->ncriteria; i++) {
		const struct review_criterion *k = &rs->criteria[i];

		p = store_sql(st, sql_criterion_insert);
		sqlite3_bind_int64(p, 1, ev->id);
		store_bind_text(p, 2, k->key);
		sqlite3_bind_int64(p, 3, (int64_t)i);
		sqlite3_bind_double(p, 4, k->weight);
		if ((rc = store_step_int(p, &cid)) != SQLITE_OK)
			return rc;
		for (l = 0; l < LANG__MAX; l++) {
			if (k->name.text[l] == NULL)
				continue;
			p = store_sql(st, sql_criterion_i18n_insert);
			sqlite3_bind_int64(p, 1, cid);
			store_bind_text(p, 2, lang_code((enum lang)l));
			store_bind_text(p, 3, k->name.text[l]);
			store_bind_text(p, 4, k->description.text[l]);
			if ((rc = store_step_done(p)) != SQLITE_OK)
				return rc;
		}
	}
	return SQLITE_OK;
}

enum store_err
store_event_save(
    struct store *st, struct event *ev, bool *created, struct buf *msg)
{
	size_t before = msg != NULL ? msg->len : 0;
	int rc;

	if ((rc = store_tx_begin(st)) != SQLITE_OK) {
		store_msg_db(st, msg, "starting a transaction");
		return store_map_rc(rc);
	}
	if ((rc = save_header(st, ev, created)) != SQLITE_OK ||
	    (rc = save_themes(st, ev, msg)) != SQLITE_OK ||
	    (rc = save_formats(st, ev, msg)) != SQLITE_OK ||
	    (rc = save_rooms(st, ev, msg)) != SQLITE_OK ||
	    (rc = save_grid(st, ev)) != SQLITE_OK ||
	    (rc = save_review(st, ev)) != SQLITE_OK ||
	    (rc = store_questions_save(st, ev)) != SQLITE_OK ||
	    (rc = store_tx_commit(st)) != SQLITE_OK) {
		if (msg != NULL && msg->len == before)
			store_msg_db(st, msg, "saving the event");
		store_tx_rollback(st);
		ev->id = 0;
		return store_map_rc(rc);
	}
	return STORE_OK;
}

/* ---- loading an event ---- */

static bool
row_lang(sqlite3_stmt *p, int col, enum lang *lang)
{
	const char *s = store_col_text(p, col);

	return s != NULL && lang_parse(s, strlen(s), lang);
}

static bool
parse_langs(const char *s, struct event *ev)
{
	enum lang lang;

	ev->nlanguages = 0;
	while (s != NULL && *s != '\0' && ev->nlanguages < LANG__MAX) {
		if (!lang_parse(s, 2, &lang))
			return false;
		ev->languages[ev->nlanguages++] = lang;
		s += 2;
		if (*s == ',')
			s++;
	}
	return ev->nlanguages > 0;
}

static int
load_header(struct store *st, const char *slug, struct event *ev)
{
	sqlite3_stmt *p = stmt_get(st, S_EVENT_GET);
	const char *s;
	enum lang lang;
	int rc;

	store_bind_text(p, 1, slug);
	if ((rc = sqlite3_step(p)) != SQLITE_ROW) {
		sqlite3_reset(p);
		return rc == SQLITE_DONE ? SQLITE_NOTFOUND : rc;
	}
	ev->id = sqlite3_column_int64(p, 0);
	ev->slug = store_col_dup(p, 1);
	if (!parse_date(store_col_text(p, 2), &ev->start_date) ||
	    !parse_date(store_col_text(p, 3), &ev->end_date)) {
		sqlite3_reset(p);
		return SQLITE_CORRUPT;
	}
	ev->timezone = store_col_dup(p, 4);
	ev->venue_city = store_col_dup(p, 5);
	if ((s = store_col_text(p, 6)) != NULL && strlen(s) == 2)
		memcpy(ev->venue_country, s, 3);
	parse_langs(store_col_text(p, 7), ev);
	s = store_col_text(p, 8);
	ev->default_lang =
	    s != NULL && lang_parse(s, strlen(s), &lang) ? lang : LANG_EN;
	ev->licence = store_col_dup(p, 9);
	ev->url = store_col_dup(p, 10);
	ev->cfp_opens = store_col_dup(p, 11);
	ev->cfp_closes = store_col_dup(p, 12);
	ev->synthetic = sqlite3_column_int(p, 13) != 0;
	sqlite3_reset(p);

	p = stmt_get(st, S_EVENT_I18N_GET);
	sqlite3_bind_int64(p, 1, ev->id);
	while ((rc = sqlite3_step(p)) == SQLITE_ROW) {
		if (!row_lang(p, 0, &lang))
			continue;
		l10n_set(&ev->name, lang, store_col_text(p, 1));
		l10n_set(&ev->tagline, lang, store_col_text(p, 2));
		l10n_set(&ev->venue_name, lang, store_col_text(p, 3));
	}
	sqlite3_reset(p);
	return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

static int
load_themes(struct store *st, struct event *ev, int64_t **ids)
{
	sqlite3_stmt *p = stmt_get(st, S_THEMES_GET);
	size_t cap = 0, icap = 0;
	int64_t last = -1, id;
	enum lang lang;
	int rc;

	sqlite3_bind_int64(p, 1, ev->id);
	while ((rc = sqlite3_step(p)) == SQLITE_ROW) {
		struct theme *t;

		id = sqlite3_column_int64(p, 0);
		if (id != last) {
			XGROW(ev->themes, cap, ev->nthemes + 1);
			XGROW(*ids, icap, ev->nthemes + 1);
			t = &ev->themes[ev->nthemes];
			memset(t, 0, sizeof(*t));
			(*ids)[ev->nthemes++] = id;
			t->key = store_col_dup(p, 1);
			t->color = store_col_dup(p, 2);
			last = id;
		}
		t = &ev->themes[ev->nthemes - 1];
		if (row_lang(p, 3, &lang)) {
			l10n_set(&t->name, lang, store_col_text(p, 4));
			l10n_set(&t->description, lang, store_col_text(p, 5));
		}
	}
	sqlite3_reset(p);
	if (rc != SQLITE_DONE)
		return rc;

	p = stmt_get(st, S_SUBTOPICS_GET);
	sqlite3_bind_int64(p, 1, ev->id);
	{
		size_t ti = 0, scap = 0;
		int64_t last_sub = -1;

		while ((rc = sqlite3_step(p)) == SQLITE_ROW) {
			int64_t tid = sqlite3_column_int64(p, 0);
			int64_t sid = sqlite3_column_int64(p, 1);
			struct theme *t;
			struct subtopic *s;

			while (ti < ev->nthemes && (*ids)[ti] != tid) {
				ti++;
				scap = 0;
			}
			if (ti == ev->nthemes)
				break;
			t = &ev->themes[ti];
			if (sid != last_sub) {
				if (t->nsubtopics == 0)
					scap = 0;
				XGROW(t->subtopics, scap, t->nsubtopics + 1);
				s = &t->subtopics[t->nsubtopics++];
				memset(s, 0, sizeof(*s));
				s->key = store_col_dup(p, 2);
				last_sub = sid;
			}
			s = &t->subtopics[t->nsubtopics - 1];
			if (row_lang(p, 3, &lang))
				l10n_set(&s->name, lang, store_col_text(p, 4));
		}
		sqlite3_reset(p);
	}
	return rc == SQLITE_DONE || rc == SQLITE_ROW ? SQLITE_OK : rc;
}

static int
load_formats(struct store *st, struct event *ev)
{
	sqlite3_stmt *p = stmt_get(st, S_FORMATS_GET);
	size_t cap = 0;
	int64_t last = -1, id;
	enum lang lang;
	int rc;

	sqlite3_bind_int64(p, 1, ev->id);
	while ((rc = sqlite3_step(p)) == SQLITE_ROW) {
		struct format *f;

		id = sqlite3_column_int64(p, 0);
		if (id != last) {
			XGROW(ev->formats, cap, ev->nformats + 1);
			f = &ev->formats[ev->nformats++];
			memset(f, 0, sizeof(*f));
			f->key = store_col_dup(p, 1);
			f->duration_min = sqlite3_column_int(p, 2);
			f->min_speakers = sqlite3_column_int(p, 3);
			f->max_speakers = sqlite3_column_int(p, 4);
			f->shares_slot = sqlite3_column_int(p, 5) != 0;
			last = id;
		}
		f = &ev->formats[ev->nformats - 1];
		if (row_lang(p, 6, &lang)) {
			l10n_set(&f->name, lang, store_col_text(p, 7));
			l10n_set(&f->description, lang, store_col_text(p, 8));
		}
	}
	sqlite3_reset(p);
	return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

static int
load_rooms(struct store *st, struct event *ev)
{
	sqlite3_stmt *p = stmt_get(st, S_ROOMS_GET);
	size_t cap = 0;
	int64_t last = -1, id;
	enum lang lang;
	int rc;

	sqlite3_bind_int64(p, 1, ev->id);
	while ((rc = sqlite3_step(p)) == SQLITE_ROW) {
		struct room *r;

		id = sqlite3_column_int64(p, 0);
		if (id != last) {
			XGROW(ev->rooms, cap, ev->nrooms + 1);
			r = &ev->rooms[ev->nrooms++];
			memset(r, 0, sizeof(*r));
			r->key = store_col_dup(p, 1);
			r->capacity = sqlite3_column_int(p, 2);
			r->interpretation_booth = sqlite3_column_int(p, 3) != 0;
			r->step_free = sqlite3_column_int(p, 4) != 0;
			last = id;
		}
		r = &ev->rooms[ev->nrooms - 1];
		if (row_lang(p, 5, &lang))
			l10n_set(&r->name, lang, store_col_text(p, 6));
	}
	sqlite3_reset(p);
	return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

static int
load_grid(struct store *st, struct event *ev)
{
	sqlite3_stmt *p = stmt_get(st, S_SLOTS_GET);
	size_t dcap = 0, scap = 0;
	int64_t last_day = -1, last_slot = -1, did, sid;
	enum lang lang;
	int rc;

	sqlite3_bind_int64(p, 1, ev->id);
	while ((rc = sqlite3_step(p)) == SQLITE_ROW) {
		struct day *d;
		struct slot *s;

		did = sqlite3_column_int64(p, 0);
		if (did != last_day) {
			XGROW(ev->days, dcap, ev->ndays + 1);
			d = &ev->days[ev->ndays++];
			memset(d, 0, sizeof(*d));
			if (!parse_date(store_col_text(p, 1), &d->date))
				d->date = ev->start_date;
			scap = 0;
			last_day = did;
		}
		d = &ev->days[ev->ndays - 1];
		sid = sqlite3_column_int64(p, 2);
		if (sid != last_slot) {
			XGROW(d->slots, scap, d->nslots + 1);
			s = &d->slots[d->nslots++];
			memset(s, 0, sizeof(*s));
			s->start_min = sqlite3_column_int(p, 3);
			s->end_min = sqlite3_column_int(p, 4);
			if (!slot_kind_parse(store_col_text(p, 5), &s->kind))
				s->kind = SLOT_SESSION;
			last_slot = sid;
		}
		s = &d->slots[d->nslots - 1];
		if (row_lang(p, 6, &lang))
			l10n_set(&s->label, lang, store_col_text(p, 7));
	}
	sqlite3_reset(p);
	return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

static int
load_review(struct store *st, struct event *ev)
{
	struct review_settings *rs = &ev->review;
	sqlite3_stmt *p = store_sql(st, sql_review_get);
	size_t cap = 0;
	int64_t last = -1, id;
	enum lang lang;
	int rc;

	sqlite3_bind_int64(p, 1, ev->id);
	if ((rc = sqlite3_step(p)) == SQLITE_ROW) {
		rs->deadline = store_col_dup(p, 0);
		rs->blind = sqlite3_column_int(p, 1) != 0;
		rs->per_proposal = sqlite3_column_int(p, 2);
		rs->max_load = sqlite3_column_int(p, 3);
	}
	sqlite3_reset(p);
	if (rc != SQLITE_ROW)
		return rc == SQLITE_DONE ? SQLITE_NOTFOUND : rc;
	p = store_sql(st, sql_criteria_get);
	sqlite3_bind_int64(p, 1, ev->id);
	while ((rc = sqlite3_step(p)) == SQLITE_ROW) {
		struct review_criterion *k;

		id = sqlite3_column_int64(p, 0);
		if (id != last) {
			XGROW(rs->criteria, cap, rs->ncriteria + 1);
			k = &rs->criteria[rs->ncriteria++];
			memset(k, 0, sizeof(*k));
			k->key = store_col_dup(p, 1);
			k->weight = sqlite3_column_double(p, 2);
			last = id;
		}
		k = &rs->criteria[rs->ncriteria - 1];
		if (row_lang(p, 3, &lang)) {
			l10n_set(&k->name, lang, store_col_text(p, 4));
			l10n_set(&k->description, lang, store_col_text(p, 5));
		}
	}
	sqlite3_reset(p);
	return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

enum store_err
store_event_load(struct store *st, const char *slug, struct event *ev)
{
	int64_t *theme_ids = NULL;
	int rc;

	if ((rc = load_header(st, slug, ev)) == SQLITE_OK &&
	    (rc = load_themes(st, ev, &theme_ids)) == SQLITE_OK &&
	    (rc = load_formats(st, ev)) == SQLITE_OK &&
	    (rc = load_rooms(st, ev)) == SQLITE_OK &&
	    (rc = load_grid(st, ev)) == SQLITE_OK &&
	    (rc = load_review(st, ev)) == SQLITE_OK)
		rc = store_questions_load(st, ev);
	free(theme_ids);
	if (rc != SQLITE_OK) {
		event_release(ev);
		return rc == SQLITE_NOTFOUND ? STORE_ERR_NOTFOUND
					     : store_map_rc(rc);
	}
	return STORE_OK;
}

enum store_err
store_event_list(struct store *st, struct event_summary **out, size_t *n)
{
	sqlite3_stmt *p = stmt_get(st, S_EVENT_LIST);
	struct event_summary *list = NULL, *e;
	size_t cap = 0, count = 0;
	int64_t last = -1, id;
	enum lang lang;
	const char *s;
	int rc;

	while ((rc = sqlite3_step(p)) == SQLITE_ROW) {
		id = sqlite3_column_int64(p, 0);
		if (id != last) {
			XGROW(list, cap, count + 1);
			e = &list[count++];
			memset(e, 0, sizeof(*e));
			e->id = id;
			e->slug = store_col_dup(p, 1);
			if (!parse_date(store_col_text(p, 2), &e->start_date))
				e->start_date = 0;
			if (!parse_date(store_col_text(p, 3), &e->end_date))
				e->end_date = e->start_date;
			e->venue_city = store_col_dup(p, 4);
			if ((s = store_col_text(p, 5)) != NULL &&
			    strlen(s) == 2)
				memcpy(e->venue_country, s, 3);
			e->synthetic = sqlite3_column_int(p, 6) != 0;
			last = id;
		}
		e = &list[count - 1];
		if (row_lang(p, 7, &lang))
			l10n_set(&e->name, lang, store_col_text(p, 8));
	}
	sqlite3_reset(p);
	if (rc != SQLITE_DONE) {
		store_event_list_free(list, count);
		return store_map_rc(rc);
	}
	*out = list;
	*n = count;
	return STORE_OK;
}

void
store_event_list_free(struct event_summary *list, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(list[i].slug);
		free(list[i].venue_city);
		l10n_release(&list[i].name);
	}
	free(list);
}

static int
count_one(struct store *st, enum stmt s, int64_t event_id, size_t *out)
{
	sqlite3_stmt *p = stmt_get(st, s);
	int64_t v = 0;
	int rc;

	sqlite3_bind_int64(p, 1, event_id);
	rc = store_step_int(p, &v);
	*out = (size_t)v;
	return rc;
}

enum store_err
store_event_counts(
    struct store *st, const struct event *ev, struct event_counts *out)
{
	sqlite3_stmt *p;
	int64_t *ids = NULL;
	size_t cap = 0, n = 0, i;
	int rc;

	memset(out, 0, sizeof(*out));
	out->per_theme = xcalloc(ev->nthemes + 1, sizeof(*out->per_theme));
	if ((rc = count_one(st, S_COUNT_PROPOSALS, ev->id, &out->proposals)) !=
		SQLITE_OK ||
	    (rc = count_one(st, S_COUNT_SPEAKERS, ev->id, &out->speakers)) !=
		SQLITE_OK ||
	    (rc = count_one(st, S_COUNT_PARTICIPANTS, ev->id,
		 &out->participants)) != SQLITE_OK ||
	    (rc = count_one(st, S_COUNT_COUNTRIES, ev->id, &out->countries)) !=
		SQLITE_OK)
		goto out;
	/* theme ids in position order match ev->themes */
	p = stmt_get(st, S_ID_LIST);
	sqlite3_bind_int64(p, 1, ev->id);
	while ((rc = sqlite3_step(p)) == SQLITE_ROW) {
		XGROW(ids, cap, n + 1);
		ids[n++] = sqlite3_column_int64(p, 0);
	}
	sqlite3_reset(p);
	if (rc != SQLITE_DONE)
		goto out;
	p = stmt_get(st, S_COUNT_PER_THEME);
	sqlite3_bind_int64(p, 1, ev->id);
	while ((rc = sqlite3_step(p)) == SQLITE_ROW) {
		int64_t tid = sqlite3_column_int64(p, 0);

		for (i = 0; i < n && i < ev->nthemes; i++)
			if (ids[i] == tid)
				out->per_theme[i] =
				    (size_t)sqlite3_column_int64(p, 1);
	}
	sqlite3_reset(p);
	rc = rc == SQLITE_DONE ? SQLITE_OK : rc;
out:
	free(ids);
	if (rc != SQLITE_OK) {
		event_counts_release(out);
		return store_map_rc(rc);
	}
	return STORE_OK;
}

void
event_counts_release(struct event_counts *c)
{
	free(c->per_theme);
	c->per_theme = NULL;
}

/* ---- the demo population ---- */

static void
person_langs(unsigned mask, char *out, size_t size)
{
	size_t n = 0;
	int i;

	out[0] = '\0';
	for (i = 0; i < LANG__MAX; i++)
		if ((mask & (1u << i)) && n + 4 < size)
			n += (size_t)snprintf(out + n, size - n, "%s%s",
			    n ? "," : "", lang_code((enum lang)i));
}

static int
theme_and_format_ids(struct store *st, const struct event *ev,
    int64_t *theme_ids, int64_t *format_ids)
{
	struct event stored;
	int64_t *ids = NULL;
	size_t i;
	int rc;

	/* Ids come from the stored event so that keys line up. */
	event_init(&stored);
	if ((rc = load_header(st, ev->slug, &stored)) == SQLITE_OK)
		rc = load_themes(st, &stored, &ids);
	if (rc == SQLITE_OK) {
		for (i = 0; i < ev->nthemes; i++) {
			long k = event_theme_find(&stored, ev->themes[i].key);

			if (k < 0) {
				rc = SQLITE_NOTFOUND;
				break;
			}
			theme_ids[i] = ids[k];
		}
	}
	free(ids);
	event_release(&stored);
	if (rc != SQLITE_OK)
		return rc;
	for (i = 0; i < ev->nformats; i++) {
		sqlite3_stmt *p = stmt_get(st, S_FORMAT_ID);

		sqlite3_bind_int64(p, 1, ev->id);
		store_bind_text(p, 2, ev->formats[i].key);
		if ((rc = store_step_int(p, &format_ids[i])) != SQLITE_OK)
			return rc;
	}
	return SQLITE_OK;
}

static int
insert_population(struct store *st, const struct event *ev,
    const struct population *pop, int64_t *theme_ids, int64_t *format_ids)
{
	int64_t *pid = xcalloc(pop->npersons, sizeof(*pid));
	sqlite3_stmt *p;
	char langs[16];
	size_t i, j;
	int64_t id, rid;
	int rc = SQLITE_OK;

	for (i = 0; i < pop->npersons && rc == SQLITE_OK; i++) {
		const struct person *pe = &pop->persons[i];

		person_langs(pe->languages, langs, sizeof(langs));
		p = stmt_get(st, S_PERSON_INSERT);
		store_bind_text(p, 1, pe->name);
		store_bind_text(p, 2, pe->email);
		store_bind_text(p, 3, pe->organisation);
		store_bind_text(p, 4, sector_key(pe->sector));
		store_bind_text(p, 5, pe->country);
		store_bind_text(p, 6, pe->gender);
		store_bind_text(p, 7, langs);
		sqlite3_bind_int(p, 8, pe->synthetic);
		rc = store_step_int(p, &pid[i]);
	}
	for (i = 0; i < pop->nproposals && rc == SQLITE_OK; i++) {
		const struct proposal *pr = &pop->proposals[i];

		p = stmt_get(st, S_PROPOSAL_INSERT);
		sqlite3_bind_int64(p, 1, ev->id);
		sqlite3_bind_int64(p, 2, format_ids[pr->format]);
		store_bind_text(p, 3, pr->title);
		store_bind_text(p, 4, pr->abstract);
		store_bind_text(p, 5, lang_code(pr->language));
		sqlite3_bind_int(p, 6, pr->needs_interpretation);
		store_bind_text(p, 7, proposal_status_key(pr->status));
		sqlite3_bind_int(p, 8, pr->synthetic);
		if ((rc = store_step_int(p, &id)) != SQLITE_OK)
			break;
		for (j = 0; j <= pr->nsecondary && rc == SQLITE_OK; j++) {
			p = stmt_get(st, S_PROPOSAL_THEME_INSERT);
			sqlite3_bind_int64(p, 1, id);
			sqlite3_bind_int64(p, 2,
			    theme_ids[j == 0 ? pr->theme
					     : pr->secondary[j - 1]]);
			sqlite3_bind_int(p, 3, j == 0);
			store_bind_text(
			    p, 4, theme_source_key(THEME_SOURCE_AUTHOR));
			rc = store_step_done(p);
		}
		for (j = 0; j < pr->nspeakers && rc == SQLITE_OK; j++) {
			p = stmt_get(st, S_PROPOSAL_SPEAKER_INSERT);
			sqlite3_bind_int64(p, 1, id);
			sqlite3_bind_int64(p, 2, pid[pr->speakers[j]]);
			sqlite3_bind_int64(p, 3, (int64_t)j);
			rc = store_step_done(p);
		}
	}
	for (i = 0; i < pop->nparticipants && rc == SQLITE_OK; i++) {
		const struct participant *pa = &pop->participants[i];

		p = stmt_get(st, S_REGISTRATION_INSERT);
		sqlite3_bind_int64(p, 1, ev->id);
		sqlite3_bind_int64(p, 2, pid[pa->person]);
		if ((rc = store_step_int(p, &rid)) != SQLITE_OK)
			break;
		for (j = 0; j < pa->nthemes && rc == SQLITE_OK; j++) {
			p = stmt_get(st, S_INTEREST_THEME_INSERT);
			sqlite3_bind_int64(p, 1, rid);
			sqlite3_bind_int64(p, 2, theme_ids[pa->themes[j]]);
			rc = store_step_done(p);
		}
	}
	free(pid);
	return rc;
}

enum store_err
store_population_replace(struct store *st, const struct event *ev,
    const struct population *pop, struct buf *msg)
{
	int64_t *theme_ids = xcalloc(ev->nthemes + 1, sizeof(*theme_ids));
	int64_t *format_ids = xcalloc(ev->nformats + 1, sizeof(*format_ids));
	size_t real = 0;
	int rc;

	if ((rc = store_tx_begin(st)) != SQLITE_OK)
		goto fail;
	if ((rc = count_one(st, S_REAL_PROPOSALS, ev->id, &real)) != SQLITE_OK)
		goto fail;
	if (real > 0) {
		if (msg != NULL)
			buf_addf(msg,
			    "event '%s' holds %zu real proposals: the demo "
			    "only fills events without real data",
			    ev->slug, real);
		rc = SQLITE_CONSTRAINT;
		goto fail;
	}
	if ((rc = mark(st, S_POP_DELETE_PROPOSALS, ev->id)) != SQLITE_OK ||
	    (rc = mark(st, S_POP_DELETE_REGISTRATIONS, ev->id)) != SQLITE_OK ||
	    (rc = store_step_done(stmt_get(st, S_POP_DELETE_PERSONS))) !=
		SQLITE_OK ||
	    (rc = mark(st, S_EVENT_SET_SYNTHETIC, ev->id)) != SQLITE_OK ||
	    (rc = theme_and_format_ids(st, ev, theme_ids, format_ids)) !=
		SQLITE_OK ||
	    (rc = insert_population(st, ev, pop, theme_ids, format_ids)) !=
		SQLITE_OK ||
	    (rc = store_tx_commit(st)) != SQLITE_OK)
		goto fail;
	free(theme_ids);
	free(format_ids);
	return STORE_OK;
fail:
	if (msg != NULL && msg->len == 0)
		store_msg_db(st, msg, "saving the demo population");
	store_tx_rollback(st);
	free(theme_ids);
	free(format_ids);
	return store_map_rc(rc);
}
