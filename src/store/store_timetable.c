/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * store_timetable.c: the SQLite side of store_timetable.h.  Units are the
 * event's session slots (plenaries and breaks hold nothing the optimiser
 * places); an item's audience is its number of stars.
 */
#include "store/store_timetable.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store_int.h"
#include "util/util.h"

static const char SQL_ROOMS[] = "SELECT id, key FROM room WHERE event_id = ?1";
static const char SQL_ITEMS[] =
    "SELECT s.id, s.room_id, s.starts_at, s.ends_at, s.locked, "
    "coalesce(s.title, p.title), coalesce(p.needs_interpretation, 0), "
    "f.duration_min, coalesce(f.shares_slot, 0), "
    "coalesce((SELECT t.key FROM proposal_theme pt JOIN theme t ON "
    "t.id = pt.theme_id WHERE pt.proposal_id = p.id AND pt.is_main = 1), "
    "(SELECT t.key FROM theme t WHERE t.id = s.theme_id)), "
    "s.position "
    "FROM session s LEFT JOIN proposal p ON p.id = s.proposal_id "
    "LEFT JOIN format f ON f.id = p.format_id "
    "WHERE s.event_id = ?1 AND (p.id IS NULL OR p.status IN "
    "('accepted', 'confirmed')) ORDER BY s.id";
static const char SQL_SPEAKERS[] =
    "SELECT s.id, ps.person_id, pe.name FROM session s "
    "JOIN proposal_speaker ps ON ps.proposal_id = s.proposal_id "
    "JOIN person pe ON pe.id = ps.person_id "
    "WHERE s.event_id = ?1 AND ps.status != 'declined' "
    "UNION ALL SELECT s.id, sp.person_id, pe.name FROM session s "
    "JOIN session_person sp ON sp.session_id = s.id "
    "JOIN person pe ON pe.id = sp.person_id "
    "WHERE s.event_id = ?1 AND s.proposal_id IS NULL";
static const char SQL_INTERESTS[] =
    "SELECT i.registration_id, i.session_id FROM interest i "
    "JOIN registration r ON r.id = i.registration_id "
    "WHERE r.event_id = ?1 AND i.session_id IS NOT NULL AND i.weight > 0 "
    "ORDER BY i.registration_id, i.session_id";
static const char SQL_AVAIL[] =
    "SELECT person_id, starts_at, ends_at, available FROM availability "
    "WHERE event_id = ?1";
static const char SQL_PREFS[] =
    "SELECT person_id, starts_at, ends_at, cost FROM speaker_preference "
    "WHERE event_id = ?1";
static const char SQL_PLACE[] =
    "UPDATE session SET room_id = ?2, starts_at = ?3, ends_at = ?4, "
    "day = ?5, position = ?6 WHERE id = ?1";
static const char SQL_VERSION[] =
    "INSERT INTO timetable_version (event_id, seed, hard, soft, bound, "
    "costs, origin) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) RETURNING id";
static const char SQL_PUBLISH[] =
    "UPDATE timetable_version SET published = (id = ?2) WHERE event_id = ?1";
static const char SQL_VERSIONS[] =
    "SELECT id, created_at, origin, hard, soft, published FROM "
    "timetable_version WHERE event_id = ?1 ORDER BY id DESC";
static const char SQL_VERSION_OF[] =
    "SELECT count(*) FROM timetable_version WHERE id = ?2 AND event_id = ?1";
static const char SQL_VERSION_PLACES[] =
    "SELECT session_id, room_id, starts_at, position FROM "
    "timetable_version_session WHERE version_id = ?1";
static const char SQL_UNLOCK[] =
    "UPDATE session SET locked = 0 WHERE event_id = ?1";
static const char SQL_LOCK[] = "UPDATE session SET locked = 1 WHERE id = ?1";
static const char SQL_VERSION_SESSION[] =
    "INSERT INTO timetable_version_session (version_id, session_id, "
    "room_id, starts_at, ends_at, position) VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
static const char SQL_DEMO_DELETE[] =
    "DELETE FROM session WHERE event_id = ?1 AND title IS NULL AND "
    "(proposal_id IS NULL OR proposal_id IN (SELECT id FROM proposal "
    "WHERE event_id = ?1 AND synthetic = 1))";
static const char SQL_DEMO_PROPOSALS[] =
    "SELECT id FROM proposal WHERE event_id = ?1 AND synthetic = 1 "
    "ORDER BY id";
static const char SQL_DEMO_REGISTRATIONS[] =
    "SELECT id FROM registration WHERE event_id = ?1 AND synthetic = 1 "
    "ORDER BY id";
static const char SQL_DEMO_SESSION[] =
    "INSERT INTO session (event_id, proposal_id) VALUES (?1, ?2) "
    "RETURNING id";
static const char SQL_DEMO_INTEREST[] =
    "INSERT INTO interest (registration_id, session_id) VALUES (?1, ?2)";

/* ---- times ---- */

/* "YYYY-MM-DDTHH:MM" into days and minutes. */
static bool
parse_when(const char *s, int64_t *days, int *min)
{
	char date[11];

	if (s == NULL || strlen(s) < 16 || s[10] != 'T')
		return false;
	memcpy(date, s, 10);
	date[10] = '\0';
	return parse_date(date, days) && parse_hhmm(s + 11, min);
}

void
store_timetable_when(const struct store_timetable *t, const struct event *ev,
    int u, int plus, char out[17])
{
	char date[11];
	unsigned m = (unsigned)(t->units[u].start_min + plus) % 1440u;

	(void)ev;
	format_date(t->day_date[t->units[u].day], date);
	memcpy(out, date, 10);
	out[10] = 'T';
	out[11] = (char)('0' + m / 600);
	out[12] = (char)('0' + m / 60 % 10);
	out[13] = ':';
	out[14] = (char)('0' + m % 60 / 10);
	out[15] = (char)('0' + m % 10);
	out[16] = '\0';
}

/* The unit holding that moment, or -1. */
static int
unit_at(const struct store_timetable *t, int64_t days, int min)
{
	int u;

	for (u = 0; u < t->in.nunits; u++)
		if (t->day_date[t->units[u].day] == days &&
		    t->units[u].start_min <= min &&
		    min < t->units[u].start_min + t->units[u].len_min)
			return u;
	return -1;
}

static int64_t
abs_min(const struct store_timetable *t, int u, int plus)
{
	return t->day_date[t->units[u].day] * 1440 + t->units[u].start_min +
	    plus;
}

/* ---- loading ---- */

static void
load_units(const struct event *ev, struct store_timetable *t)
{
	size_t d, s;
	int n = 0;

	t->day_date = xcalloc(ev->ndays + 1, sizeof(*t->day_date));
	for (d = 0; d < ev->ndays; d++)
		n += (int)ev->days[d].nslots;
	t->units = xcalloc((size_t)n + 1, sizeof(*t->units));
	n = 0;
	for (d = 0; d < ev->ndays; d++) {
		t->day_date[d] = ev->days[d].date;
		for (s = 0; s < ev->days[d].nslots; s++) {
			const struct slot *sl = &ev->days[d].slots[s];

			if (sl->kind != SLOT_SESSION)
				continue;
			t->units[n].day = (int)d;
			t->units[n].start_min = sl->start_min;
			t->units[n].len_min = sl->end_min - sl->start_min;
			n++;
		}
	}
	t->in.units = t->units;
	t->in.nunits = n;
}

static int
load_rooms(struct store *st, const struct event *ev, struct store_timetable *t)
{
	sqlite3_stmt *p = store_sql(st, SQL_ROOMS);
	size_t r;
	int rc;

	t->rooms = xcalloc(ev->nrooms + 1, sizeof(*t->rooms));
	t->room_id = xcalloc(ev->nrooms + 1, sizeof(*t->room_id));
	for (r = 0; r < ev->nrooms; r++) {
		const struct room *ro = &ev->rooms[r];

		t->rooms[r].capacity = ro->capacity;
		t->rooms[r].features =
		    (ro->interpretation_booth ? TT_NEED_BOOTH : 0) |
		    (ro->step_free ? TT_NEED_STEP_FREE : 0);
		t->rooms[r].name = ro->key;
	}
	sqlite3_bind_int64(p, 1, ev->id);
	while ((rc = sqlite3_step(p)) == SQLITE_ROW) {
		long k = event_room_find(ev, store_col_text(p, 1));

		if (k >= 0)
			t->room_id[k] = sqlite3_column_int64(p, 0);
	}
	t->in.rooms = t->rooms;
	t->in.nrooms = (int)ev->nrooms;
	return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

static long
room_index(const struct store_timetable *t, int64_t id)
{
	int r;

	for (r = 0; r < t->in.nrooms; r++)
		if (t->room_id[r] == id)
			return r;
	return -1;
}

static int
item_index(const struct store_timetable *t, int64_t sid)
{
	int lo = 0, hi = t->in.nitems;

	while (lo < hi) {
		int mid = lo + (hi - lo) / 2;

		if (t->session_id[mid] == sid)
			return mid;
		if (t->session_id[mid] < sid)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

static int
load_items(struct store *st, const struct event *ev, bool keep_published,
    struct store_timetable *t)
{
	sqlite3_stmt *p = store_sql(st, SQL_ITEMS);
	size_t cap = 0, ncap = 0, pcap = 0, scap = 0;
	int *scr = NULL; /* room, unit, position of each item as stored */
	int rc, n = 0;

	sqlite3_bind_int64(p, 1, ev->id);
	while ((rc = sqlite3_step(p)) == SQLITE_ROW) {
		struct tt_item *it;
		int64_t d1 = 0, d2 = 0;
		int m1 = 0, m2 = 0, u = -1;
		long r = -1, th;
		bool placed;
		const char *key;

		XGROW(t->items, cap, (size_t)n + 1);
		XGROW(t->session_id, ncap, (size_t)n + 1);
		XGROW(t->item_name, pcap, (size_t)n + 1);
		it = &t->items[n];
		memset(it, 0, sizeof(*it));
		t->session_id[n] = sqlite3_column_int64(p, 0);
		t->item_name[n] = store_col_dup(p, 5);
		it->name = t->item_name[n];
		it->needs = sqlite3_column_int(p, 6) ? TT_NEED_BOOTH : 0;
		it->shared = sqlite3_column_int(p, 8) != 0;
		placed = sqlite3_column_type(p, 1) != SQLITE_NULL &&
		    parse_when(store_col_text(p, 2), &d1, &m1);
		if (placed) {
			r = room_index(t, sqlite3_column_int64(p, 1));
			u = unit_at(t, d1, m1);
		}
		it->minutes = sqlite3_column_int(p, 7);
		if (sqlite3_column_type(p, 7) == SQLITE_NULL && placed &&
		    parse_when(store_col_text(p, 3), &d2, &m2))
			it->minutes = (int)((d2 - d1) * 1440 + m2 - m1);
		if (it->minutes <= 0)
			it->minutes = 60;
		key = store_col_text(p, 9);
		th = key != NULL ? event_theme_find(ev, key) : -1;
		it->theme = (int)th;
		it->fixed_room = it->fixed_unit = -1;
		it->pub_room = it->pub_unit = -1;
		if (r >= 0 && u >= 0) {
			if (sqlite3_column_int(p, 4)) {
				it->fixed_room = (int)r;
				it->fixed_unit = u;
			}
			if (keep_published) {
				it->pub_room = (int)r;
				it->pub_unit = u;
			}
		}
		XGROW(scr, scap, (size_t)n * 3 + 3);
		scr[n * 3] = (int)r;
		scr[n * 3 + 1] = u;
		scr[n * 3 + 2] = sqlite3_column_int(p, 10);
		n++;
	}
	if (rc != SQLITE_DONE) {
		free(scr);
		return rc;
	}
	t->in.items = t->items;
	t->in.nitems = n;
	tt_assign_init(&t->current, n);
	for (int i = 0; i < n; i++) {
		t->current.place[i].room = scr[i * 3];
		t->current.place[i].unit = scr[i * 3 + 1];
		t->current.place[i].order = scr[i * 3 + 2];
		if (scr[i * 3] < 0 || scr[i * 3 + 1] < 0)
			t->current.place[i].room = t->current.place[i].unit =
			    -1;
	}
	free(scr);
	return SQLITE_OK;
}

struct spk_row {
	int64_t sid, pid;
	char *name;
};

static int
cmp_spk_pid(const void *a, const void *b)
{
	const struct spk_row *x = a, *y = b;

	if (x->pid != y->pid)
		return (x->pid > y->pid) - (x->pid < y->pid);
	return (x->sid > y->sid) - (x->sid < y->sid);
}

static int
load_speakers(struct store *st, const struct event *ev,
    struct store_timetable *t, int64_t **pids)
{
	sqlite3_stmt *p = store_sql(st, SQL_SPEAKERS);
	struct spk_row *rows = NULL;
	size_t cap = 0, n = 0, k;
	int *cnt = xcalloc((size_t)t->in.nitems + 1, sizeof(int));
	int *off = xcalloc((size_t)t->in.nitems + 1, sizeof(int));
	int rc, np = 0, i;

	sqlite3_bind_int64(p, 1, ev->id);
	while ((rc = sqlite3_step(p)) == SQLITE_ROW) {
		XGROW(rows, cap, n + 1);
		rows[n].sid = sqlite3_column_int64(p, 0);
		rows[n].pid = sqlite3_column_int64(p, 1);
		rows[n].name = store_col_dup(p, 2);
		n++;
	}
	if (n > 1)
		qsort(rows, n, sizeof(*rows), cmp_spk_pid);
	*pids = xcalloc(n + 1, sizeof(**pids));
	t->person_name = xcalloc(n + 1, sizeof(*t->person_name));
	for (k = 0; k < n; k++)
		if (k == 0 || rows[k].pid != rows[k - 1].pid) {
			(*pids)[np] = rows[k].pid;
			t->person_name[np] = rows[k].name;
			rows[k].name = NULL;
			np++;
		}
	for (k = 0; k < n; k++)
		if ((i = item_index(t, rows[k].sid)) >= 0)
			cnt[i]++;
	for (i = 0, off[0] = 0; i < t->in.nitems; i++)
		off[i] = i == 0 ? 0 : off[i - 1] + cnt[i - 1];
	t->speakers = xcalloc(n + 1, sizeof(int));
	for (i = 0; i < t->in.nitems; i++) {
		t->items[i].speakers = t->speakers + off[i];
		t->items[i].nspeakers = 0;
	}
	for (k = 0, np = -1; k < n; k++) {
		if (k == 0 || rows[k].pid != rows[k - 1].pid)
			np++;
		free(rows[k].name);
		if ((i = item_index(t, rows[k].sid)) < 0)
			continue;
		t->speakers[off[i] + t->items[i].nspeakers++] = np;
	}
	t->persons = xcalloc((size_t)np + 2, sizeof(*t->persons));
	t->in.persons = t->persons;
	t->in.npersons = np + 1;
	for (i = 0; i <= np; i++)
		t->persons[i].name = t->person_name[i];
	free(rows);
	free(cnt);
	free(off);
	return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

static int
person_index(const int64_t *pids, int n, int64_t pid)
{
	int lo = 0, hi = n;

	while (lo < hi) {
		int mid = lo + (hi - lo) / 2;

		if (pids[mid] == pid)
			return mid;
		if (pids[mid] < pid)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

/* Availability windows (available = 1) and blocks (0); preferences. */
static int
load_windows(struct store *st, const struct event *ev,
    struct store_timetable *t, const int64_t *pids)
{
	int U = t->in.nunits, P = t->in.npersons, rc, pass;
	bool *has_window = xcalloc((size_t)P + 1, sizeof(bool));
	bool *has_rows = xcalloc((size_t)P + 1, sizeof(bool));
	bool *has_pref = xcalloc((size_t)P + 1, sizeof(bool));

	t->avail = xcalloc((size_t)P * (size_t)U + 1, sizeof(bool));
	t->pref = xcalloc((size_t)P * (size_t)U + 1, sizeof(int));
	memset(t->avail, 1, (size_t)P * (size_t)U);
	for (pass = 0; pass < 3; pass++) {
		sqlite3_stmt *p =
		    store_sql(st, pass == 2 ? SQL_PREFS : SQL_AVAIL);

		sqlite3_bind_int64(p, 1, ev->id);
		while ((rc = sqlite3_step(p)) == SQLITE_ROW) {
			int x =
			    person_index(pids, P, sqlite3_column_int64(p, 0));
			int64_t d1, d2, a, b;
			int m1, m2, u, v = sqlite3_column_int(p, 3);

			if (x < 0 ||
			    !parse_when(store_col_text(p, 1), &d1, &m1) ||
			    !parse_when(store_col_text(p, 2), &d2, &m2))
				continue;
			a = d1 * 1440 + m1;
			b = d2 * 1440 + m2;
			if (pass == 0) { /* windows: first clear, then open */
				if (v && !has_window[x]) {
					has_window[x] = true;
					memset(&t->avail[x * U], 0, (size_t)U);
				}
				has_rows[x] = true;
				continue;
			}
			for (u = 0; u < U; u++) {
				int64_t ua = abs_min(t, u, 0);
				int64_t ub = abs_min(t, u, t->units[u].len_min);

				if (pass == 2) {
					if (ua < b && a < ub) {
						t->pref[x * U + u] += v;
						has_pref[x] = true;
					}
				} else if (v && a <= ua && ub <= b) {
					t->avail[x * U + u] = true;
				}
			}
		}
		if (rc != SQLITE_DONE)
			goto out;
	}
	/* Blocks last, so that they win over windows. */
	{
		sqlite3_stmt *p = store_sql(st, SQL_AVAIL);

		sqlite3_bind_int64(p, 1, ev->id);
		while ((rc = sqlite3_step(p)) == SQLITE_ROW) {
			int x =
			    person_index(pids, P, sqlite3_column_int64(p, 0));
			int64_t d1, d2;
			int m1, m2, u;

			if (x < 0 || sqlite3_column_int(p, 3) ||
			    !parse_when(store_col_text(p, 1), &d1, &m1) ||
			    !parse_when(store_col_text(p, 2), &d2, &m2))
				continue;
			for (u = 0; u < U; u++)
				if (abs_min(t, u, 0) < d2 * 1440 + m2 &&
				    d1 * 1440 + m1 <
					abs_min(t, u, t->units[u].len_min))
					t->avail[x * U + u] = false;
		}
	}
	if (rc == SQLITE_DONE) {
		for (int x = 0; x < P; x++) {
			t->persons[x].available =
			    has_rows[x] ? &t->avail[x * U] : NULL;
			t->persons[x].pref_cost =
			    has_pref[x] ? &t->pref[x * U] : NULL;
		}
	}
out:
	free(has_window);
	free(has_rows);
	free(has_pref);
	return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

static int
load_interests(
    struct store *st, const struct event *ev, struct store_timetable *t)
{
	sqlite3_stmt *p = store_sql(st, SQL_INTERESTS);
	size_t cap = 0, ocap = 0, rcap = 0, n = 0;
	int np = 0, rc, i, k;
	int64_t last = -1;

	t->want_off = NULL;
	XGROW(t->want_off, ocap, 1);
	t->want_off[0] = 0;
	sqlite3_bind_int64(p, 1, ev->id);
	while ((rc = sqlite3_step(p)) == SQLITE_ROW) {
		int64_t reg = sqlite3_column_int64(p, 0);

		if ((i = item_index(t, sqlite3_column_int64(p, 1))) < 0)
			continue;
		if (reg != last) {
			XGROW(t->want_off, ocap, (size_t)np + 2);
			XGROW(t->registration_id, rcap, (size_t)np + 1);
			t->registration_id[np] = reg;
			np++;
			last = reg;
		}
		XGROW(t->want, cap, n + 1);
		t->want[n++] = i;
		t->want_off[np] = (int)n;
	}
	/* Rows are ordered by session id, so items are sorted: dedupe. */
	for (k = 0; k < np; k++)
		for (int j = t->want_off[k]; j < t->want_off[k + 1]; j++)
			t->items[t->want[j]].audience++;
	t->in.nparticipants = np;
	t->in.want_off = t->want_off;
	t->in.want = t->want != NULL ? t->want : t->want_off;
	return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

enum store_err
store_timetable_load(struct store *st, const struct event *ev,
    bool keep_published, struct store_timetable *out, struct buf *msg)
{
	int64_t *pids = NULL;
	int rc;

	memset(out, 0, sizeof(*out));
	out->in.w = tt_default_weights;
	out->in.nthemes = (int)ev->nthemes;
	load_units(ev, out);
	if ((rc = load_rooms(st, ev, out)) != SQLITE_OK ||
	    (rc = load_items(st, ev, keep_published, out)) != SQLITE_OK ||
	    (rc = load_speakers(st, ev, out, &pids)) != SQLITE_OK ||
	    (rc = load_windows(st, ev, out, pids)) != SQLITE_OK ||
	    (rc = load_interests(st, ev, out)) != SQLITE_OK) {
		store_msg_db(st, msg, "loading the timetable");
		free(pids);
		return store_map_rc(rc);
	}
	free(pids);
	return STORE_OK;
}

void
store_timetable_release(struct store_timetable *t)
{
	int i;

	for (i = 0; i < t->in.nitems; i++)
		free(t->item_name[i]);
	for (i = 0; i < t->in.npersons; i++)
		free(t->person_name[i]);
	free(t->item_name);
	free(t->person_name);
	free(t->session_id);
	free(t->room_id);
	free(t->registration_id);
	free(t->day_date);
	free(t->units);
	free(t->rooms);
	free(t->items);
	free(t->persons);
	free(t->speakers);
	free(t->want_off);
	free(t->want);
	free(t->avail);
	free(t->pref);
	tt_assign_release(&t->current);
	memset(t, 0, sizeof(*t));
}

/* ---- saving ---- */

/* Minutes before item i inside its shared cell (earlier order). */
static int
offset_in_cell(
    const struct store_timetable *t, const struct tt_assign *a, int i)
{
	int j, off = 0;

	if (!t->items[i].shared)
		return 0;
	for (j = 0; j < t->in.nitems; j++)
		if (j != i && t->items[j].shared &&
		    a->place[j].room == a->place[i].room &&
		    a->place[j].unit == a->place[i].unit &&
		    a->place[j].order < a->place[i].order)
			off += t->items[j].minutes;
	return off;
}

static void
costs_json(const struct tt_cost *c, struct buf *b)
{
	int k;

	buf_addc(b, '{');
	for (k = 0; k < TT_COST__MAX; k++)
		buf_addf(b, "%s\"%s\": %lld", k ? ", " : "",
		    tt_cost_name((enum tt_cost_kind)k), (long long)c->count[k]);
	buf_addc(b, '}');
}

/*
 * Records a as a new version (origin) and, with sessions, writes it into
 * the session rows and marks it published; in one transaction.
 */
static enum store_err
save_impl(struct store *st, const struct event *ev,
    const struct store_timetable *t, const struct tt_assign *a,
    const struct tt_cost *cost, const char *origin, uint64_t seed,
    int64_t bound, bool sessions, int64_t *version, struct buf *msg)
{
	struct buf js;
	sqlite3_stmt *p;
	int rc, i;

	buf_init(&js, 0);
	costs_json(cost, &js);
	if ((rc = store_tx_begin(st)) != SQLITE_OK)
		goto fail;
	p = store_sql(st, SQL_VERSION);
	sqlite3_bind_int64(p, 1, ev->id);
	sqlite3_bind_int64(p, 2, (int64_t)seed);
	sqlite3_bind_int64(p, 3, cost->hard);
	sqlite3_bind_int64(p, 4, cost->soft);
	sqlite3_bind_int64(p, 5, bound);
	store_bind_text(p, 6, js.s);
	store_bind_text(p, 7, origin);
	if ((rc = store_step_int(p, version)) != SQLITE_OK)
		goto fail;
	for (i = 0; i < t->in.nitems; i++) {
		const struct tt_place *pl = &a->place[i];
		char s1[17], s2[17], date[11];
		bool placed = pl->room >= 0 && pl->unit >= 0;
		int off;

		if (placed) {
			off = offset_in_cell(t, a, i);
			store_timetable_when(t, ev, pl->unit, off, s1);
			store_timetable_when(
			    t, ev, pl->unit, off + t->items[i].minutes, s2);
			format_date(t->day_date[t->units[pl->unit].day], date);
		}
		if (sessions) {
			p = store_sql(st, SQL_PLACE);
			sqlite3_bind_int64(p, 1, t->session_id[i]);
			if (placed) {
				sqlite3_bind_int64(p, 2, t->room_id[pl->room]);
				store_bind_text(p, 3, s1);
				store_bind_text(p, 4, s2);
				store_bind_text(p, 5, date);
			}
			sqlite3_bind_int(p, 6, pl->order);
			if ((rc = store_step_done(p)) != SQLITE_OK)
				goto fail;
		}
		p = store_sql(st, SQL_VERSION_SESSION);
		sqlite3_bind_int64(p, 1, *version);
		sqlite3_bind_int64(p, 2, t->session_id[i]);
		if (placed) {
			sqlite3_bind_int64(p, 3, t->room_id[pl->room]);
			store_bind_text(p, 4, s1);
			store_bind_text(p, 5, s2);
		}
		sqlite3_bind_int(p, 6, pl->order);
		if ((rc = store_step_done(p)) != SQLITE_OK)
			goto fail;
	}
	if (sessions) {
		p = store_sql(st, SQL_PUBLISH);
		sqlite3_bind_int64(p, 1, ev->id);
		sqlite3_bind_int64(p, 2, *version);
		if ((rc = store_step_done(p)) != SQLITE_OK)
			goto fail;
	}
	if ((rc = store_tx_commit(st)) != SQLITE_OK)
		goto fail;
	buf_release(&js);
	return STORE_OK;
fail:
	if (msg != NULL)
		store_msg_db(st, msg, "saving the timetable");
	store_tx_rollback(st);
	buf_release(&js);
	return store_map_rc(rc);
}

enum store_err
store_timetable_save(struct store *st, const struct event *ev,
    const struct store_timetable *t, const struct tt_assign *a,
    const struct tt_cost *cost, uint64_t seed, int64_t bound, int64_t *version,
    struct buf *msg)
{
	return save_impl(
	    st, ev, t, a, cost, "optimiser", seed, bound, true, version, msg);
}

enum store_err
store_timetable_save_version(struct store *st, const struct event *ev,
    const struct store_timetable *t, const struct tt_assign *a,
    const struct tt_cost *cost, const char *origin, uint64_t seed,
    int64_t bound, int64_t *version, struct buf *msg)
{
	return save_impl(
	    st, ev, t, a, cost, origin, seed, bound, false, version, msg);
}

/* ---- versions ---- */

enum store_err
store_tt_versions(
    struct store *st, int64_t event_id, struct tt_version **out, size_t *n)
{
	sqlite3_stmt *p = store_sql(st, SQL_VERSIONS);
	size_t cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	sqlite3_bind_int64(p, 1, event_id);
	while ((rc = sqlite3_step(p)) == SQLITE_ROW) {
		struct tt_version *v;

		XGROW(*out, cap, *n + 1);
		v = &(*out)[(*n)++];
		memset(v, 0, sizeof(*v));
		v->id = sqlite3_column_int64(p, 0);
		snprintf(v->created_at, sizeof(v->created_at), "%s",
		    store_col_text(p, 1) ? store_col_text(p, 1) : "");
		snprintf(v->origin, sizeof(v->origin), "%s",
		    store_col_text(p, 2) ? store_col_text(p, 2) : "");
		v->hard = sqlite3_column_int64(p, 3);
		v->soft = sqlite3_column_int64(p, 4);
		v->published = sqlite3_column_int(p, 5) != 0;
	}
	return store_map_rc(rc == SQLITE_DONE ? SQLITE_OK : rc);
}

enum store_err
store_tt_version_assign(struct store *st, int64_t event_id,
    const struct store_timetable *t, int64_t version, struct tt_assign *a)
{
	sqlite3_stmt *p = store_sql(st, SQL_VERSION_OF);
	int64_t found = 0;
	int rc;

	sqlite3_bind_int64(p, 1, event_id);
	sqlite3_bind_int64(p, 2, version);
	if ((rc = store_step_int(p, &found)) != SQLITE_OK)
		return store_map_rc(rc);
	if (found == 0)
		return STORE_ERR_NOTFOUND;
	tt_assign_init(a, t->in.nitems);
	p = store_sql(st, SQL_VERSION_PLACES);
	sqlite3_bind_int64(p, 1, version);
	while ((rc = sqlite3_step(p)) == SQLITE_ROW) {
		int i = item_index(t, sqlite3_column_int64(p, 0));
		int64_t d;
		int m, u;
		long r;

		if (i < 0 || sqlite3_column_type(p, 1) == SQLITE_NULL ||
		    !parse_when(store_col_text(p, 2), &d, &m))
			continue;
		r = room_index(t, sqlite3_column_int64(p, 1));
		u = unit_at(t, d, m);
		if (r < 0 || u < 0)
			continue;
		a->place[i].room = (int)r;
		a->place[i].unit = u;
		a->place[i].order = sqlite3_column_int(p, 3);
	}
	return store_map_rc(rc == SQLITE_DONE ? SQLITE_OK : rc);
}

enum store_err
store_tt_publish(struct store *st, const struct event *ev,
    const struct store_timetable *t, int64_t version, struct buf *msg)
{
	struct tt_assign a = { 0 };
	sqlite3_stmt *p;
	enum store_err e;
	int rc, i;

	if ((e = store_tt_version_assign(st, ev->id, t, version, &a)) !=
	    STORE_OK) {
		tt_assign_release(&a);
		return e;
	}
	if ((rc = store_tx_begin(st)) != SQLITE_OK)
		goto fail;
	for (i = 0; i < t->in.nitems; i++) {
		const struct tt_place *pl = &a.place[i];
		char s1[17], s2[17], date[11];

		p = store_sql(st, SQL_PLACE);
		sqlite3_bind_int64(p, 1, t->session_id[i]);
		if (pl->room >= 0 && pl->unit >= 0) {
			int off = offset_in_cell(t, &a, i);

			store_timetable_when(t, ev, pl->unit, off, s1);
			store_timetable_when(
			    t, ev, pl->unit, off + t->items[i].minutes, s2);
			format_date(t->day_date[t->units[pl->unit].day], date);
			sqlite3_bind_int64(p, 2, t->room_id[pl->room]);
			store_bind_text(p, 3, s1);
			store_bind_text(p, 4, s2);
			store_bind_text(p, 5, date);
		}
		sqlite3_bind_int(p, 6, pl->order);
		if ((rc = store_step_done(p)) != SQLITE_OK)
			goto fail;
	}
	p = store_sql(st, SQL_PUBLISH);
	sqlite3_bind_int64(p, 1, ev->id);
	sqlite3_bind_int64(p, 2, version);
	if ((rc = store_step_done(p)) != SQLITE_OK ||
	    (rc = store_tx_commit(st)) != SQLITE_OK)
		goto fail;
	tt_assign_release(&a);
	return STORE_OK;
fail:
	if (msg != NULL)
		store_msg_db(st, msg, "publishing the timetable");
	store_tx_rollback(st);
	tt_assign_release(&a);
	return store_map_rc(rc);
}

enum store_err
store_tt_set_locked(struct store *st, int64_t event_id,
    const struct store_timetable *t, const bool *locked)
{
	sqlite3_stmt *p;
	int rc, i;

	if ((rc = store_tx_begin(st)) != SQLITE_OK)
		return store_map_rc(rc);
	p = store_sql(st, SQL_UNLOCK);
	sqlite3_bind_int64(p, 1, event_id);
	if ((rc = store_step_done(p)) != SQLITE_OK)
		goto fail;
	for (i = 0; i < t->in.nitems; i++) {
		if (!locked[i])
			continue;
		p = store_sql(st, SQL_LOCK);
		sqlite3_bind_int64(p, 1, t->session_id[i]);
		if ((rc = store_step_done(p)) != SQLITE_OK)
			goto fail;
	}
	if ((rc = store_tx_commit(st)) == SQLITE_OK)
		return STORE_OK;
fail:
	store_tx_rollback(st);
	return store_map_rc(rc);
}

int
store_timetable_item(const struct store_timetable *t, int64_t session_id)
{
	return item_index(t, session_id);
}

/* ---- the demo programme ---- */

static int
ids_of(
    struct store *st, const char *sql, int64_t event, int64_t **out, size_t *n)
{
	sqlite3_stmt *p = store_sql(st, sql);
	size_t cap = 0;
	int rc;

	*n = 0;
	sqlite3_bind_int64(p, 1, event);
	while ((rc = sqlite3_step(p)) == SQLITE_ROW) {
		XGROW(*out, cap, *n + 1);
		(*out)[(*n)++] = sqlite3_column_int64(p, 0);
	}
	return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

enum store_err
store_timetable_demo(struct store *st, const struct event *ev,
    const struct population *pop, const struct demo_programme *prog,
    struct buf *msg)
{
	int64_t *pid = NULL, *rid = NULL, *sid = NULL;
	size_t npid = 0, nrid = 0, k;
	sqlite3_stmt *p;
	int rc;

	sid = xcalloc(pop->nproposals + 1, sizeof(*sid));
	if ((rc = store_tx_begin(st)) != SQLITE_OK)
		goto fail;
	p = store_sql(st, SQL_DEMO_DELETE);
	sqlite3_bind_int64(p, 1, ev->id);
	if ((rc = store_step_done(p)) != SQLITE_OK ||
	    (rc = ids_of(st, SQL_DEMO_PROPOSALS, ev->id, &pid, &npid)) !=
		SQLITE_OK ||
	    (rc = ids_of(st, SQL_DEMO_REGISTRATIONS, ev->id, &rid, &nrid)) !=
		SQLITE_OK)
		goto fail;
	if (npid != pop->nproposals || nrid != pop->nparticipants) {
		rc = SQLITE_MISMATCH;
		buf_addf(msg, "the stored demo population does not match");
		goto fail;
	}
	for (k = 0; k < prog->naccepted; k++) {
		p = store_sql(st, SQL_DEMO_SESSION);
		sqlite3_bind_int64(p, 1, ev->id);
		sqlite3_bind_int64(p, 2, pid[prog->accepted[k]]);
		if ((rc = store_step_int(p, &sid[prog->accepted[k]])) !=
		    SQLITE_OK)
			goto fail;
	}
	for (k = 0; k < prog->ninterests; k++) {
		p = store_sql(st, SQL_DEMO_INTEREST);
		sqlite3_bind_int64(p, 1, rid[prog->interests[k].participant]);
		sqlite3_bind_int64(p, 2, sid[prog->interests[k].proposal]);
		if ((rc = store_step_done(p)) != SQLITE_OK)
			goto fail;
	}
	if ((rc = store_tx_commit(st)) != SQLITE_OK)
		goto fail;
	free(pid);
	free(rid);
	free(sid);
	return STORE_OK;
fail:
	if (msg->len == 0)
		store_msg_db(st, msg, "saving the demo programme");
	store_tx_rollback(st);
	free(pid);
	free(rid);
	free(sid);
	return store_map_rc(rc);
}
