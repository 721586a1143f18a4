/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * store_select.c: the SQLite side of store_select.h: quotas, the selection
 * instance, runs, pins, decisions, merges, confirmations and mails.
 */
#include "store/store_select.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cjson/cJSON.h>

#include "core/notify.h"
#include "core/person.h"
#include "core/score_norm.h"
#include "store/store_account.h"
#include "store/store_int.h"
#include "util/util.h"

#define Z_CLAMP  3.0
#define Z_OFFSET 4.0

/* ---- settings ---- */

static const char SQL_SETTINGS_GET[] =
    "SELECT min_women, min_mixed, min_countries, max_per_org, "
    "max_per_speaker, capacity, waitlist FROM selection_settings "
    "WHERE event_id = ?1";
static const char SQL_QUOTAS_GET[] =
    "SELECT kind, key, min, max FROM selection_quota WHERE event_id = ?1";
static const char SQL_SETTINGS_PUT[] =
    "INSERT INTO selection_settings (event_id, min_women, min_mixed, "
    "min_countries, max_per_org, max_per_speaker, capacity, waitlist) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) ON CONFLICT (event_id) DO "
    "UPDATE SET min_women = excluded.min_women, min_mixed = "
    "excluded.min_mixed, min_countries = excluded.min_countries, "
    "max_per_org = excluded.max_per_org, max_per_speaker = "
    "excluded.max_per_speaker, capacity = excluded.capacity, waitlist = "
    "excluded.waitlist, updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')";
static const char SQL_QUOTAS_CLEAR[] =
    "DELETE FROM selection_quota WHERE event_id = ?1";
static const char SQL_QUOTA_PUT[] =
    "INSERT INTO selection_quota (event_id, kind, key, min, max) "
    "VALUES (?1, ?2, ?3, ?4, ?5)";

static void
bind_id(sqlite3_stmt *p, int i, int64_t id)
{
	if (id > 0)
		sqlite3_bind_int64(p, i, id);
	else
		sqlite3_bind_null(p, i);
}

static enum store_err
fail_tx(struct store *st, int rc)
{
	store_tx_rollback(st);
	return store_map_rc(rc);
}

void
select_settings_init(struct select_settings *s, const struct event *ev)
{
	size_t i;

	memset(s, 0, sizeof(*s));
	s->waitlist = 10;
	s->nthemes = ev->nthemes;
	s->nformats = ev->nformats;
	s->theme_min = xcalloc(s->nthemes + 1, sizeof(int));
	s->theme_max = xcalloc(s->nthemes + 1, sizeof(int));
	s->format_min = xcalloc(s->nformats + 1, sizeof(int));
	s->format_max = xcalloc(s->nformats + 1, sizeof(int));
	for (i = 0; i < s->nthemes; i++)
		s->theme_max[i] = -1;
	for (i = 0; i < s->nformats; i++)
		s->format_max[i] = -1;
}

void
select_settings_release(struct select_settings *s)
{
	free(s->theme_min);
	free(s->theme_max);
	free(s->format_min);
	free(s->format_max);
	memset(s, 0, sizeof(*s));
}

enum store_err
store_select_settings_load(
    struct store *st, const struct event *ev, struct select_settings *s)
{
	sqlite3_stmt *p = store_sql(st, SQL_SETTINGS_GET);
	int rc;

	select_settings_init(s, ev);
	sqlite3_bind_int64(p, 1, ev->id);
	if ((rc = sqlite3_step(p)) == SQLITE_ROW) {
		s->min_women = sqlite3_column_double(p, 0);
		s->min_mixed = sqlite3_column_double(p, 1);
		s->min_countries = sqlite3_column_int(p, 2);
		s->max_per_org = sqlite3_column_int(p, 3);
		s->max_per_speaker = sqlite3_column_int(p, 4);
		s->capacity = sqlite3_column_int(p, 5);
		s->waitlist = sqlite3_column_int(p, 6);
	}
	sqlite3_reset(p);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_map_rc(rc);
	p = store_sql(st, SQL_QUOTAS_GET);
	sqlite3_bind_int64(p, 1, ev->id);
	while ((rc = sqlite3_step(p)) == SQLITE_ROW) {
		const char *kind = store_col_text(p, 0);
		const char *key = store_col_text(p, 1);
		long i;

		if (strcmp(kind, "theme") == 0 &&
		    (i = event_theme_find(ev, key)) >= 0) {
			s->theme_min[i] = sqlite3_column_int(p, 2);
			s->theme_max[i] = sqlite3_column_int(p, 3);
		} else if (strcmp(kind, "format") == 0 &&
		    (i = event_format_find(ev, key)) >= 0) {
			s->format_min[i] = sqlite3_column_int(p, 2);
			s->format_max[i] = sqlite3_column_int(p, 3);
		}
	}
	sqlite3_reset(p);
	return rc == SQLITE_DONE ? STORE_OK : store_map_rc(rc);
}

static int
put_quota(struct store *st, int64_t event, const char *kind, const char *key,
    int min, int max)
{
	sqlite3_stmt *p;

	if (min <= 0 && max < 0)
		return SQLITE_OK;
	p = store_sql(st, SQL_QUOTA_PUT);
	sqlite3_bind_int64(p, 1, event);
	store_bind_text(p, 2, kind);
	store_bind_text(p, 3, key);
	sqlite3_bind_int(p, 4, min > 0 ? min : 0);
	sqlite3_bind_int(p, 5, max >= 0 ? max : -1);
	return store_step_done(p);
}

enum store_err
store_select_settings_save(struct store *st, const struct event *ev,
    const struct select_settings *s, int64_t actor)
{
	sqlite3_stmt *p;
	size_t i;
	int rc;

	if ((rc = store_tx_begin(st)) != SQLITE_OK)
		return store_map_rc(rc);
	p = store_sql(st, SQL_SETTINGS_PUT);
	sqlite3_bind_int64(p, 1, ev->id);
	sqlite3_bind_double(p, 2, s->min_women);
	sqlite3_bind_double(p, 3, s->min_mixed);
	sqlite3_bind_int(p, 4, s->min_countries);
	sqlite3_bind_int(p, 5, s->max_per_org);
	sqlite3_bind_int(p, 6, s->max_per_speaker);
	sqlite3_bind_int(p, 7, s->capacity);
	sqlite3_bind_int(p, 8, s->waitlist);
	if ((rc = store_step_done(p)) != SQLITE_OK)
		return fail_tx(st, rc);
	p = store_sql(st, SQL_QUOTAS_CLEAR);
	sqlite3_bind_int64(p, 1, ev->id);
	if ((rc = store_step_done(p)) != SQLITE_OK)
		return fail_tx(st, rc);
	for (i = 0; i < s->nthemes && i < ev->nthemes; i++)
		if ((rc = put_quota(st, ev->id, "theme", ev->themes[i].key,
			 s->theme_min[i], s->theme_max[i])) != SQLITE_OK)
			return fail_tx(st, rc);
	for (i = 0; i < s->nformats && i < ev->nformats; i++)
		if ((rc = put_quota(st, ev->id, "format", ev->formats[i].key,
			 s->format_min[i], s->format_max[i])) != SQLITE_OK)
			return fail_tx(st, rc);
	if (store_audit(st, actor, ev->id, "selection_settings", ev->id,
		"update", NULL) != STORE_OK)
		return fail_tx(st, SQLITE_ERROR);
	if ((rc = store_tx_commit(st)) != SQLITE_OK)
		return fail_tx(st, rc);
	return STORE_OK;
}

/* ---- the instance ---- */

static const char SQL_CANDIDATES[] =
    "SELECT p.id, p.title, p.status, f.key, coalesce((SELECT t.key FROM "
    "proposal_theme pt JOIN theme t ON t.id = pt.theme_id WHERE "
    "pt.proposal_id = p.id ORDER BY pt.is_main DESC, t.position LIMIT 1), "
    "''), lower(trim(coalesce((SELECT nullif(trim(pe.organisation), '') "
    "FROM person pe WHERE pe.id = p.owner_id), (SELECT "
    "nullif(trim(pe.organisation), '') FROM proposal_speaker ps JOIN "
    "person pe ON pe.id = ps.person_id WHERE ps.proposal_id = p.id ORDER "
    "BY ps.position LIMIT 1), ''))), (SELECT pin FROM selection_pin sp "
    "WHERE sp.proposal_id = p.id) "
    "FROM proposal p JOIN format f ON f.id = p.format_id "
    "WHERE p.event_id = ?1 AND p.status NOT IN ('draft', 'withdrawn') "
    "AND p.merged_into IS NULL ORDER BY p.id";
static const char SQL_CAND_SPEAKERS[] =
    "SELECT ps.proposal_id, ps.person_id, pe.sector, "
    "coalesce(pe.gender, ''), coalesce(pe.country, '') "
    "FROM proposal_speaker ps JOIN proposal p ON p.id = ps.proposal_id "
    "JOIN person pe ON pe.id = ps.person_id WHERE p.event_id = ?1 AND "
    "p.status NOT IN ('draft', 'withdrawn') AND p.merged_into IS NULL AND "
    "ps.status != 'declined' ORDER BY ps.proposal_id, ps.position";
static const char SQL_CAND_REVIEWS[] =
    "SELECT r.proposal_id, r.reviewer_id, r.score, "
    "coalesce(r.confidence, 0) FROM review r JOIN proposal p ON p.id = "
    "r.proposal_id WHERE p.event_id = ?1 AND r.status = 'submitted' AND "
    "r.score IS NOT NULL ORDER BY r.id";

static int
cmp_i64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return (x > y) - (x < y);
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Index of id in the sorted ids[n], or SEL_NONE. */
static size_t
find_id(const int64_t *ids, size_t n, int64_t id)
{
	const int64_t *hit = bsearch(&id, ids, n, sizeof(*ids), cmp_i64);

	return hit != NULL ? (size_t)(hit - ids) : SEL_NONE;
}

static size_t
find_str(char **v, size_t n, const char *s)
{
	char **hit;

	if (s == NULL || s[0] == '\0')
		return SEL_NONE;
	hit = bsearch(&s, v, n, sizeof(*v), cmp_str);
	return hit != NULL ? (size_t)(hit - v) : SEL_NONE;
}

/* Sorts and removes duplicates; returns the new count. */
static size_t
uniq_str(char **v, size_t n)
{
	size_t i, k = 0;

	if (n == 0)
		return 0;
	qsort(v, n, sizeof(*v), cmp_str);
	for (i = 1; i < n; i++) {
		if (strcmp(v[i], v[k]) == 0)
			free(v[i]);
		else
			v[++k] = v[i];
	}
	return k + 1;
}

static size_t
uniq_i64(int64_t *v, size_t n)
{
	size_t i, k = 0;

	if (n == 0)
		return 0;
	qsort(v, n, sizeof(*v), cmp_i64);
	for (i = 1; i < n; i++)
		if (v[i] != v[k])
			v[++k] = v[i];
	return k + 1;
}

static bool
is_woman(const char *g)
{
	static const char *const words[] = { "woman", "female", "mujer",
		"mulher" };
	size_t i;

	for (i = 0; i < ARRAY_SIZE(words); i++)
		if (strcasecmp(g, words[i]) == 0)
			return true;
	return false;
}

/* Room time of the grid, and the longest session slot. */
static void
grid_capacity(const struct event *ev, const struct select_settings *s,
    long *minutes, int *slot_min)
{
	size_t d, k;
	long total = 0;
	int longest = 0;

	for (d = 0; d < ev->ndays; d++)
		for (k = 0; k < ev->days[d].nslots; k++) {
			const struct slot *sl = &ev->days[d].slots[k];
			int len = sl->end_min - sl->start_min;

			if (sl->kind != SLOT_SESSION || len <= 0)
				continue;
			total += len;
			if (len > longest)
				longest = len;
		}
	*slot_min = longest > 0 ? longest : 60;
	*minutes = s->capacity > 0 ? (long)s->capacity * *slot_min
				   : total * (long)ev->nrooms;
}

/* The room time an item takes: its own minutes when it shares a slot,
 * else the shortest session slot that holds it, else whole slots of the
 * longest. */
static int
item_minutes(const struct event *ev, const struct format *f, int longest)
{
	int best = 0, units;
	size_t d, k;

	if (f->shares_slot)
		return f->duration_min;
	for (d = 0; d < ev->ndays; d++)
		for (k = 0; k < ev->days[d].nslots; k++) {
			const struct slot *sl = &ev->days[d].slots[k];
			int len = sl->end_min - sl->start_min;

			if (sl->kind == SLOT_SESSION &&
			    len >= f->duration_min && (best == 0 || len < best))
				best = len;
		}
	if (best > 0)
		return best;
	units = (f->duration_min + longest - 1) / longest;
	return (units > 0 ? units : 1) * longest;
}

struct cand_row {
	int64_t id;
	char *title;
	bool confirmed;
	long format, theme;
	char *org;
	enum sel_pin pin;
};

static int
read_candidates(
    struct store *st, const struct event *ev, struct cand_row **out, size_t *n)
{
	sqlite3_stmt *p = store_sql(st, SQL_CANDIDATES);
	struct cand_row *v = NULL;
	size_t cap = 0, k = 0;
	int rc;

	sqlite3_bind_int64(p, 1, ev->id);
	while ((rc = sqlite3_step(p)) == SQLITE_ROW) {
		const char *pin = store_col_text(p, 6);
		long th = event_theme_find(ev, store_col_text(p, 4));

		XGROW(v, cap, k + 1);
		v[k].id = sqlite3_column_int64(p, 0);
		v[k].title = store_col_dup(p, 1);
		v[k].confirmed = strcmp(store_col_text(p, 2), "confirmed") == 0;
		v[k].format = event_format_find(ev, store_col_text(p, 3));
		v[k].theme = th >= 0 ? th : 0;
		v[k].org = store_col_dup(p, 5);
		v[k].pin = pin == NULL           ? SEL_PIN_NONE
		    : strcmp(pin, "accept") == 0 ? SEL_PIN_ACCEPT
						 : SEL_PIN_REJECT;
		if (v[k].confirmed)
			v[k].pin = SEL_PIN_ACCEPT;
		if (v[k].format < 0)
			v[k].format = 0;
		k++;
	}
	sqlite3_reset(p);
	*out = v;
	*n = k;
	return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

static void
cand_rows_free(struct cand_row *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(v[i].title);
		free(v[i].org);
	}
	free(v);
}

/* Normalised scores of the candidates (ids sorted) into z[], counts. */
static int
read_scores(struct store *st, int64_t event, const int64_t *ids, size_t n,
    double *z, size_t *count)
{
	sqlite3_stmt *p = store_sql(st, SQL_CAND_REVIEWS);
	struct sn_review *rv = NULL;
	int64_t *revs = NULL, *rid = NULL;
	struct sn_proposal *props;
	size_t cap = 0, cap2 = 0, k = 0, nr, i;
	int rc;

	sqlite3_bind_int64(p, 1, event);
	while ((rc = sqlite3_step(p)) == SQLITE_ROW) {
		size_t at = find_id(ids, n, sqlite3_column_int64(p, 0));
		double sc = sqlite3_column_double(p, 2);
		int conf = sqlite3_column_int(p, 3);

		if (at == SEL_NONE || !(sc >= 1 && sc <= 5))
			continue;
		XGROW(rv, cap, k + 1);
		XGROW(rid, cap2, k + 1);
		rv[k].proposal = at;
		rv[k].score = sc;
		rv[k].confidence = conf >= 0 && conf <= 5 ? conf : 0;
		rid[k] = sqlite3_column_int64(p, 1);
		k++;
	}
	sqlite3_reset(p);
	if (rc != SQLITE_DONE) {
		free(rv);
		free(rid);
		return rc;
	}
	revs = xcalloc(k + 1, sizeof(*revs));
	if (k > 0)
		memcpy(revs, rid, k * sizeof(*revs));
	nr = uniq_i64(revs, k);
	for (i = 0; i < k; i++)
		rv[i].reviewer = find_id(revs, nr, rid[i]);
	props = xcalloc(n + 1, sizeof(*props));
	if (score_norm(rv, k, n, nr, props, NULL, NULL) != SCORE_NORM_OK)
		rc = SQLITE_MISMATCH;
	for (i = 0; i < n; i++) {
		z[i] = props[i].zw;
		count[i] = props[i].count;
	}
	free(props);
	free(revs);
	free(rid);
	free(rv);
	return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

struct spk_row {
	int64_t proposal, person;
	bool state, woman;
	char *country;
};

static int
read_speakers(struct store *st, int64_t event, struct spk_row **out, size_t *n)
{
	sqlite3_stmt *p = store_sql(st, SQL_CAND_SPEAKERS);
	struct spk_row *v = NULL;
	size_t cap = 0, k = 0;
	enum sector sec;
	int rc;

	sqlite3_bind_int64(p, 1, event);
	while ((rc = sqlite3_step(p)) == SQLITE_ROW) {
		XGROW(v, cap, k + 1);
		v[k].proposal = sqlite3_column_int64(p, 0);
		v[k].person = sqlite3_column_int64(p, 1);
		v[k].state = sector_parse(store_col_text(p, 2), &sec) &&
		    sector_is_state(sec);
		v[k].woman = is_woman(store_col_text(p, 3));
		v[k].country = store_col_dup(p, 4);
		k++;
	}
	sqlite3_reset(p);
	*out = v;
	*n = k;
	return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/* Fills sel->q from s (arrays borrowed from s). */
static void
make_quotas(struct store_selection *sel, const struct select_settings *s)
{
	struct sel_quotas *q = &sel->q;

	memset(q, 0, sizeof(*q));
	sel->cap.name = "room time (minutes)";
	sel->cap.formats = 0;
	sel->cap.units = sel->minutes_capacity;
	q->caps = &sel->cap;
	q->ncaps = 1;
	q->theme_min = s->theme_min;
	q->theme_max = s->theme_max;
	q->format_min = s->format_min;
	q->format_max = s->format_max;
	q->mixed_share = s->min_mixed;
	q->women_share = s->min_women;
	q->min_countries = s->min_countries;
	q->max_per_org = s->max_per_org;
	q->max_per_speaker = s->max_per_speaker;
}

enum store_err
store_select_load(struct store *st, const struct event *ev,
    const struct select_settings *s, struct store_selection *sel,
    struct buf *msg)
{
	struct cand_row *cand = NULL;
	struct spk_row *spk = NULL;
	size_t ncand = 0, nspk = 0, i, j, k, ni, nperson, nc, no;
	int64_t *ids = NULL, *pids = NULL;
	double *z = NULL;
	size_t *cnt = NULL;
	char **ctry, **orgs;
	int rc;

	memset(sel, 0, sizeof(*sel));
	if ((rc = read_candidates(st, ev, &cand, &ncand)) != SQLITE_OK ||
	    (rc = read_speakers(st, ev->id, &spk, &nspk)) != SQLITE_OK) {
		store_msg_db(st, msg, "selection candidates");
		goto fail;
	}
	ids = xcalloc(ncand + 1, sizeof(*ids));
	for (i = 0; i < ncand; i++)
		ids[i] = cand[i].id; /* sorted: ORDER BY p.id */
	z = xcalloc(ncand + 1, sizeof(*z));
	cnt = xcalloc(ncand + 1, sizeof(*cnt));
	if ((rc = read_scores(st, ev->id, ids, ncand, z, cnt)) != SQLITE_OK) {
		store_msg_db(st, msg, "review scores");
		goto fail;
	}
	grid_capacity(ev, s, &sel->minutes_capacity, &sel->slot_minutes);

	/* persons, countries, organisations: sorted dictionaries */
	pids = xcalloc(nspk + 1, sizeof(*pids));
	ctry = xcalloc(nspk + 1, sizeof(*ctry));
	orgs = xcalloc(ncand + 1, sizeof(*orgs));
	for (i = 0, nc = 0; i < nspk; i++) {
		pids[i] = spk[i].person;
		if (spk[i].country[0] != '\0')
			ctry[nc++] = xstrdup(spk[i].country);
	}
	for (i = 0, no = 0; i < ncand; i++)
		if (cand[i].org[0] != '\0')
			orgs[no++] = xstrdup(cand[i].org);
	nperson = uniq_i64(pids, nspk);
	sel->countries = ctry;
	sel->in.ncountries = uniq_str(ctry, nc);
	sel->orgs = orgs;
	sel->in.norgs = uniq_str(orgs, no);
	sel->persons = xcalloc(nperson + 1, sizeof(*sel->persons));
	sel->person_state = xcalloc(nperson + 1, sizeof(bool));
	for (i = 0; i < nperson; i++)
		sel->persons[i].country = SEL_NONE;
	for (i = 0; i < nspk; i++) {
		size_t at = find_id(pids, nperson, spk[i].person);

		sel->persons[at].woman = spk[i].woman;
		sel->persons[at].country = find_str(
		    sel->countries, sel->in.ncountries, spk[i].country);
		sel->person_state[at] = spk[i].state;
	}

	/* items: reviewed or pinned to accept */
	sel->items = xcalloc(ncand + 1, sizeof(*sel->items));
	sel->proposal_id = xcalloc(ncand + 1, sizeof(int64_t));
	sel->title = xcalloc(ncand + 1, sizeof(char *));
	sel->z = xcalloc(ncand + 1, sizeof(double));
	sel->nreviews = xcalloc(ncand + 1, sizeof(size_t));
	sel->pin = xcalloc(ncand + 1, sizeof(enum sel_pin));
	sel->speakers = xcalloc(nspk + 1, sizeof(size_t));
	for (i = 0, ni = 0, k = 0, j = 0; i < ncand; i++) {
		struct sel_item *it = &sel->items[ni];
		const struct format *f = &ev->formats[cand[i].format];
		bool state = false, other = false;
		double zc;
		size_t first = k;

		while (j < nspk && spk[j].proposal < cand[i].id)
			j++;
		if (cnt[i] == 0 && cand[i].pin != SEL_PIN_ACCEPT) {
			sel->unreviewed += cand[i].pin == SEL_PIN_NONE;
			continue;
		}
		for (; j < nspk && spk[j].proposal == cand[i].id; j++) {
			size_t at = find_id(pids, nperson, spk[j].person);
			size_t t;
			bool dup = false;

			for (t = first; t < k; t++)
				dup = dup || sel->speakers[t] == at;
			if (dup || k - first >= SEL_MAX_SPEAKERS)
				continue;
			sel->speakers[k++] = at;
			if (sel->person_state[at])
				state = true;
			else
				other = true;
		}
		zc = cnt[i] > 0 ? z[i] : 0;
		zc = zc > Z_CLAMP ? Z_CLAMP : zc < -Z_CLAMP ? -Z_CLAMP : zc;
		it->size = item_minutes(ev, f, sel->slot_minutes);
		it->score = (zc + Z_OFFSET) * it->size / sel->slot_minutes;
		it->format = (size_t)cand[i].format;
		it->theme = (size_t)cand[i].theme;
		it->nspeakers = k - first;
		it->is_panel = it->nspeakers >= 2;
		it->mixes_sectors = it->is_panel && state && other;
		it->org = find_str(sel->orgs, sel->in.norgs, cand[i].org);
		it->pin = cand[i].pin;
		sel->proposal_id[ni] = cand[i].id;
		sel->title[ni] = cand[i].title;
		cand[i].title = NULL;
		sel->z[ni] = cnt[i] > 0 ? z[i] : 0;
		sel->nreviews[ni] = cnt[i];
		sel->pin[ni] = cand[i].pin;
		it->speakers = sel->speakers + first;
		it->name = sel->title[ni];
		ni++;
	}

	sel->theme_names = xcalloc(ev->nthemes + 1, sizeof(char *));
	sel->format_names = xcalloc(ev->nformats + 1, sizeof(char *));
	for (i = 0; i < ev->nthemes; i++)
		sel->theme_names[i] = ev->themes[i].key;
	for (i = 0; i < ev->nformats; i++)
		sel->format_names[i] = ev->formats[i].key;
	sel->in.items = sel->items;
	sel->in.nitems = ni;
	sel->in.persons = sel->persons;
	sel->in.npersons = nperson;
	sel->in.nthemes = ev->nthemes;
	sel->in.nformats = ev->nformats;
	sel->in.theme_names = sel->theme_names;
	sel->in.format_names = sel->format_names;
	make_quotas(sel, s);
	rc = SQLITE_OK;
fail:
	cand_rows_free(cand, ncand);
	for (i = 0; i < nspk; i++)
		free(spk[i].country);
	free(spk);
	free(ids);
	free(pids);
	free(z);
	free(cnt);
	if (rc != SQLITE_OK) {
		store_selection_release(sel);
		return store_map_rc(rc);
	}
	return STORE_OK;
}

void
store_selection_release(struct store_selection *sel)
{
	size_t i;

	for (i = 0; i < sel->in.nitems; i++)
		free(sel->title[i]);
	for (i = 0; i < sel->in.ncountries; i++)
		free(sel->countries[i]);
	for (i = 0; i < sel->in.norgs; i++)
		free(sel->orgs[i]);
	free(sel->items);
	free(sel->proposal_id);
	free(sel->title);
	free(sel->z);
	free(sel->nreviews);
	free(sel->pin);
	free(sel->speakers);
	free(sel->persons);
	free(sel->person_state);
	free(sel->countries);
	free(sel->orgs);
	free(sel->theme_names);
	free(sel->format_names);
	memset(sel, 0, sizeof(*sel));
}

void
select_summary(const struct store_selection *sel, const bool *accepted,
    struct select_summary *out)
{
	size_t i, k, *orgc, *seen_c;

	memset(out, 0, sizeof(*out));
	out->per_theme = xcalloc(sel->in.nthemes + 1, sizeof(size_t));
	out->per_format = xcalloc(sel->in.nformats + 1, sizeof(size_t));
	orgc = xcalloc(sel->in.norgs + 1, sizeof(size_t));
	seen_c = xcalloc(sel->in.ncountries + 1, sizeof(size_t));
	for (i = 0; i < sel->in.nitems; i++) {
		const struct sel_item *it = &sel->items[i];

		if (!accepted[i])
			continue;
		out->naccepted++;
		out->per_theme[it->theme]++;
		out->per_format[it->format]++;
		out->minutes_used += it->size;
		out->panels += it->is_panel;
		out->mixed_panels += it->mixes_sectors;
		if (it->org != SEL_NONE)
			orgc[it->org]++;
		for (k = 0; k < it->nspeakers; k++) {
			size_t p = it->speakers[k];

			out->speaker_slots++;
			out->women_slots += sel->persons[p].woman;
			out->state_slots += sel->person_state[p];
			if (sel->persons[p].country != SEL_NONE)
				seen_c[sel->persons[p].country] = 1;
		}
	}
	for (i = 0; i < sel->in.ncountries; i++)
		out->ncountries += seen_c[i];
	for (i = 0; i < sel->in.norgs; i++) {
		out->norgs += orgc[i] > 0;
		if (orgc[i] > out->max_org_count) {
			out->max_org_count = orgc[i];
			out->max_org = sel->orgs[i];
		}
	}
	free(orgc);
	free(seen_c);
}

void
select_summary_release(struct select_summary *s)
{
	free(s->per_theme);
	free(s->per_format);
	memset(s, 0, sizeof(*s));
}

/* ---- runs ---- */

static const char SQL_RUN_ADD[] =
    "INSERT INTO selection_run (event_id, created_by, objective, "
    "glpk_status, gap, seconds, quotas, binding, settings) VALUES (?1, ?2, "
    "?3, ?4, ?5, ?6, ?7, ?8, ?9) RETURNING id";
static const char SQL_RUN_ITEM_ADD[] =
    "INSERT INTO selection_run_item (run_id, proposal_id, accepted, score, "
    "rank) VALUES (?1, ?2, ?3, ?4, ?5)";
static const char SQL_RUN_GET[] =
    "SELECT id, status, created_at, glpk_status, coalesce(objective, 0), "
    "gap, seconds, binding, quotas, (SELECT count(*) FROM "
    "selection_run_item i WHERE i.run_id = r.id AND i.accepted = 1) FROM "
    "selection_run r WHERE event_id = ?1 AND (?2 = 0 OR id = ?2) ORDER BY "
    "id DESC LIMIT 1";
static const char SQL_RUN_ITEMS[] =
    "SELECT proposal_id, accepted FROM selection_run_item WHERE run_id = ?1";
static const char SQL_RUN_ITEMS_ORDERED[] =
    "SELECT proposal_id, accepted FROM selection_run_item WHERE run_id = ?1 "
    "ORDER BY accepted DESC, rank, proposal_id";
static const char SQL_RUN_STATUS[] =
    "SELECT status FROM selection_run WHERE id = ?2 AND event_id = ?1";
static const char SQL_RUN_SET[] =
    "UPDATE selection_run SET status = ?2 WHERE id = ?1";
static const char SQL_RUN_DISCARD_OTHERS[] =
    "UPDATE selection_run SET status = 'discarded' WHERE event_id = ?1 AND "
    "status = 'proposed' AND id != ?2";

/* Indices of items by z, best first (ties: proposal id). */
static const struct store_selection *rank_sel;

static int
cmp_rank(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;
	double zx = rank_sel->z[x], zy = rank_sel->z[y];

	if (zx != zy)
		return zx < zy ? 1 : -1;
	return (x > y) - (x < y);
}

static char *
quotas_json(const struct sel_result *res, struct buf *binding)
{
	cJSON *arr = cJSON_CreateArray();
	size_t i;
	char *s;

	for (i = 0; i < res->nquotas; i++) {
		const struct sel_quota *q = &res->quotas[i];
		bool binds = q->gain_known ? q->binds : q->active;
		cJSON *o;

		if (q->kind == SEL_Q_PIN && !binds)
			continue;
		o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "name", q->name ? q->name : "");
		cJSON_AddStringToObject(o, "kind", sel_quota_kind_key(q->kind));
		cJSON_AddNumberToObject(o, "value", q->value);
		cJSON_AddNumberToObject(o, "bound", q->bound);
		cJSON_AddBoolToObject(o, "active", q->active);
		cJSON_AddBoolToObject(o, "gain_known", q->gain_known);
		cJSON_AddNumberToObject(o, "gain", q->gain_known ? q->gain : 0);
		cJSON_AddBoolToObject(o, "binds", binds);
		cJSON_AddItemToArray(arr, o);
		if (binds) {
			if (binding->len > 0)
				buf_addstr(binding, "; ");
			buf_addstr(binding, q->name ? q->name : "");
		}
	}
	s = cJSON_PrintUnformatted(arr);
	cJSON_Delete(arr);
	return s;
}

static char *
settings_json(const struct event *ev, const struct select_settings *s)
{
	cJSON *o = cJSON_CreateObject(), *t = cJSON_CreateObject();
	size_t i;
	char *out;

	cJSON_AddNumberToObject(o, "min_women", s->min_women);
	cJSON_AddNumberToObject(o, "min_mixed", s->min_mixed);
	cJSON_AddNumberToObject(o, "min_countries", s->min_countries);
	cJSON_AddNumberToObject(o, "max_per_org", s->max_per_org);
	cJSON_AddNumberToObject(o, "max_per_speaker", s->max_per_speaker);
	cJSON_AddNumberToObject(o, "capacity", s->capacity);
	for (i = 0; i < s->nthemes && i < ev->nthemes; i++)
		if (s->theme_min[i] > 0 || s->theme_max[i] >= 0) {
			cJSON *q = cJSON_CreateArray();

			cJSON_AddItemToArray(
			    q, cJSON_CreateNumber(s->theme_min[i]));
			cJSON_AddItemToArray(
			    q, cJSON_CreateNumber(s->theme_max[i]));
			cJSON_AddItemToObject(t, ev->themes[i].key, q);
		}
	for (i = 0; i < s->nformats && i < ev->nformats; i++)
		if (s->format_min[i] > 0 || s->format_max[i] >= 0) {
			cJSON *q = cJSON_CreateArray();

			cJSON_AddItemToArray(
			    q, cJSON_CreateNumber(s->format_min[i]));
			cJSON_AddItemToArray(
			    q, cJSON_CreateNumber(s->format_max[i]));
			cJSON_AddItemToObject(t, ev->formats[i].key, q);
		}
	cJSON_AddItemToObject(o, "bounds", t);
	out = cJSON_PrintUnformatted(o);
	cJSON_Delete(o);
	return out;
}

enum store_err
store_select_run_save(struct store *st, const struct event *ev,
    const struct store_selection *sel, const struct sel_result *res,
    const struct select_settings *s, int64_t actor, int64_t *run_id)
{
	size_t n = sel->in.nitems, i, *order = xcalloc(n + 1, sizeof(size_t));
	struct buf binding;
	char *qj, *sj;
	sqlite3_stmt *p;
	int rc;

	buf_init(&binding, 0);
	qj = quotas_json(res, &binding);
	sj = settings_json(ev, s);
	for (i = 0; i < n; i++)
		order[i] = i;
	rank_sel = sel;
	qsort(order, n, sizeof(*order), cmp_rank);
	if ((rc = store_tx_begin(st)) != SQLITE_OK)
		goto out;
	p = store_sql(st, SQL_RUN_ADD);
	sqlite3_bind_int64(p, 1, ev->id);
	bind_id(p, 2, actor);
	sqlite3_bind_double(p, 3, res->objective);
	store_bind_text(p, 4, sel_status_str(res->status));
	sqlite3_bind_double(p, 5, res->gap);
	sqlite3_bind_double(p, 6, res->seconds);
	store_bind_text(p, 7, qj);
	store_bind_text(p, 8, binding.s);
	store_bind_text(p, 9, sj);
	if ((rc = store_step_int(p, run_id)) != SQLITE_OK)
		goto rollback;
	for (i = 0; i < n; i++) {
		size_t k = order[i];

		p = store_sql(st, SQL_RUN_ITEM_ADD);
		sqlite3_bind_int64(p, 1, *run_id);
		sqlite3_bind_int64(p, 2, sel->proposal_id[k]);
		sqlite3_bind_int(
		    p, 3, res->accepted != NULL && res->accepted[k]);
		sqlite3_bind_double(p, 4, sel->z[k]);
		sqlite3_bind_int64(p, 5, (int64_t)i + 1);
		if ((rc = store_step_done(p)) != SQLITE_OK)
			goto rollback;
	}
	if (store_audit(st, actor, ev->id, "selection_run", *run_id, "run",
		NULL) != STORE_OK) {
		rc = SQLITE_ERROR;
		goto rollback;
	}
	rc = store_tx_commit(st);
	if (rc == SQLITE_OK)
		goto out;
rollback:
	store_tx_rollback(st);
out:
	free(order);
	free(qj);
	free(sj);
	buf_release(&binding);
	return store_map_rc(rc);
}

void
select_run_release(struct select_run *r)
{
	size_t i;

	free(r->status);
	free(r->created_at);
	free(r->glpk_status);
	free(r->binding);
	for (i = 0; i < r->nquotas; i++)
		free(r->quotas[i].name);
	free(r->quotas);
	memset(r, 0, sizeof(*r));
}

static void
parse_quotas(const char *text, struct select_run *r)
{
	cJSON *arr = cJSON_Parse(text != NULL ? text : "[]"), *e;
	size_t n;

	n = cJSON_IsArray(arr) ? (size_t)cJSON_GetArraySize(arr) : 0;
	r->quotas = xcalloc(n + 1, sizeof(*r->quotas));
	if (n == 0) {
		cJSON_Delete(arr);
		return;
	}
	cJSON_ArrayForEach(e, arr)
	{
		struct select_run_quota *q = &r->quotas[r->nquotas];
		const cJSON *nm = cJSON_GetObjectItem(e, "name");

		if (r->nquotas >= n)
			break;
		q->name = xstrdup(cJSON_IsString(nm) ? nm->valuestring : "");
		q->value =
		    cJSON_GetNumberValue(cJSON_GetObjectItem(e, "value"));
		q->bound =
		    cJSON_GetNumberValue(cJSON_GetObjectItem(e, "bound"));
		q->gain = cJSON_GetNumberValue(cJSON_GetObjectItem(e, "gain"));
		q->active = cJSON_IsTrue(cJSON_GetObjectItem(e, "active"));
		q->gain_known =
		    cJSON_IsTrue(cJSON_GetObjectItem(e, "gain_known"));
		q->binds = cJSON_IsTrue(cJSON_GetObjectItem(e, "binds"));
		r->nquotas++;
	}
	cJSON_Delete(arr);
}

enum store_err
store_select_run_get(
    struct store *st, int64_t event_id, int64_t run_id, struct select_run *out)
{
	sqlite3_stmt *p = store_sql(st, SQL_RUN_GET);
	int rc;

	memset(out, 0, sizeof(*out));
	sqlite3_bind_int64(p, 1, event_id);
	sqlite3_bind_int64(p, 2, run_id);
	if ((rc = sqlite3_step(p)) == SQLITE_ROW) {
		out->id = sqlite3_column_int64(p, 0);
		out->status = store_col_dup(p, 1);
		out->created_at = store_col_dup(p, 2);
		out->glpk_status = store_col_dup(p, 3);
		out->objective = sqlite3_column_double(p, 4);
		out->gap = sqlite3_column_double(p, 5);
		out->seconds = sqlite3_column_double(p, 6);
		out->binding = store_col_dup(p, 7);
		parse_quotas(store_col_text(p, 8), out);
		out->naccepted = (size_t)sqlite3_column_int64(p, 9);
	}
	sqlite3_reset(p);
	if (rc == SQLITE_DONE)
		return STORE_ERR_NOTFOUND;
	return rc == SQLITE_ROW ? STORE_OK : store_map_rc(rc);
}

enum store_err
store_select_run_latest(
    struct store *st, int64_t event_id, struct select_run *out)
{
	return store_select_run_get(st, event_id, 0, out);
}

enum store_err
store_select_run_accepted(struct store *st, int64_t run_id,
    const struct store_selection *sel, bool *accepted)
{
	sqlite3_stmt *p = store_sql(st, SQL_RUN_ITEMS);
	int rc;

	memset(accepted, 0, sel->in.nitems * sizeof(bool));
	sqlite3_bind_int64(p, 1, run_id);
	while ((rc = sqlite3_step(p)) == SQLITE_ROW) {
		size_t at = find_id(sel->proposal_id, sel->in.nitems,
		    sqlite3_column_int64(p, 0));

		if (at != SEL_NONE)
			accepted[at] = sqlite3_column_int(p, 1) != 0;
	}
	sqlite3_reset(p);
	return rc == SQLITE_DONE ? STORE_OK : store_map_rc(rc);
}

/* ---- decisions ---- */

#define PROMOTED_NOTE "promoted from the waitlist"

static const char *const decision_keys[DECISION__MAX] = { "accept", "reject",
	"waitlist" };
static const char *const decision_status[DECISION__MAX] = { "accepted",
	"rejected", "waitlisted" };

static const char SQL_LATEST[] =
    "SELECT decision, coalesce(rank, 0) FROM decision WHERE proposal_id = "
    "?1 ORDER BY id DESC LIMIT 1";
static const char SQL_DECISION_ADD[] =
    "INSERT INTO decision (proposal_id, decision, decided_by, note, run_id, "
    "rank) VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
static const char SQL_STATUS_SET[] =
    "UPDATE proposal SET status = CASE WHEN ?2 = 'accepted' AND status = "
    "'confirmed' THEN status ELSE ?2 END, updated_at = "
    "strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?1";
static const char SQL_MERGED_OF[] =
    "SELECT id FROM proposal WHERE merged_into = ?1 ORDER BY id";
static const char SQL_IN_EVENT[] =
    "SELECT status, merged_into IS NOT NULL, (SELECT count(*) FROM "
    "proposal q WHERE q.merged_into = p.id) FROM proposal p WHERE id = ?2 "
    "AND event_id = ?1";

const char *
decision_key(enum decision_kind d)
{
	return (unsigned)d < DECISION__MAX ? decision_keys[d] : "?";
}

bool
decision_parse(const char *s, enum decision_kind *out)
{
	int i;

	for (i = 0; i < DECISION__MAX; i++)
		if (s != NULL && strcmp(s, decision_keys[i]) == 0) {
			*out = (enum decision_kind)i;
			return true;
		}
	return false;
}

static int
read_ids(struct store *st, const char *sql, int64_t a, int64_t **out, size_t *n)
{
	sqlite3_stmt *p = store_sql(st, sql);
	size_t cap = 0, k = 0;
	int64_t *v = NULL;
	int rc;

	sqlite3_bind_int64(p, 1, a);
	while ((rc = sqlite3_step(p)) == SQLITE_ROW) {
		XGROW(v, cap, k + 1);
		v[k++] = sqlite3_column_int64(p, 0);
	}
	sqlite3_reset(p);
	*out = v;
	*n = k;
	return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/* Inside a transaction: records d for id unless it is already in force
 * (same decision and rank), sets the status, audits, and does the same
 * for the proposals merged into id. */
static int
decide_one(struct store *st, int64_t event, int64_t id, enum decision_kind d,
    int64_t actor, const char *note, int64_t run, int rank, bool follow)
{
	sqlite3_stmt *p = store_sql(st, SQL_LATEST);
	bool same = false;
	int64_t *merged = NULL;
	size_t nm = 0, i;
	cJSON *o;
	char *detail;
	int rc;

	sqlite3_bind_int64(p, 1, id);
	if ((rc = sqlite3_step(p)) == SQLITE_ROW)
		same = strcmp(store_col_text(p, 0), decision_keys[d]) == 0 &&
		    sqlite3_column_int(p, 1) == rank;
	sqlite3_reset(p);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return rc;
	if (!same) {
		p = store_sql(st, SQL_DECISION_ADD);
		sqlite3_bind_int64(p, 1, id);
		store_bind_text(p, 2, decision_keys[d]);
		bind_id(p, 3, actor);
		store_bind_text(p, 3 + 1, note);
		bind_id(p, 5, run);
		if (rank > 0)
			sqlite3_bind_int(p, 6, rank);
		if ((rc = store_step_done(p)) != SQLITE_OK)
			return rc;
		p = store_sql(st, SQL_STATUS_SET);
		sqlite3_bind_int64(p, 1, id);
		store_bind_text(p, 2, decision_status[d]);
		if ((rc = store_step_done(p)) != SQLITE_OK)
			return rc;
		o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "decision", decision_keys[d]);
		if (run > 0)
			cJSON_AddNumberToObject(o, "run", (double)run);
		if (rank > 0)
			cJSON_AddNumberToObject(o, "rank", rank);
		if (note != NULL)
			cJSON_AddStringToObject(o, "note", note);
		detail = cJSON_PrintUnformatted(o);
		cJSON_Delete(o);
		rc = store_audit(st, actor, event, "proposal", id, "decision",
			 detail) == STORE_OK
		    ? SQLITE_OK
		    : SQLITE_ERROR;
		free(detail);
		if (rc != SQLITE_OK)
			return rc;
	}
	if (!follow)
		return SQLITE_OK;
	if ((rc = read_ids(st, SQL_MERGED_OF, id, &merged, &nm)) != SQLITE_OK)
		return rc;
	for (i = 0; i < nm && rc == SQLITE_OK; i++) {
		char mnote[64];

		snprintf(
		    mnote, sizeof(mnote), "merged into #%lld", (long long)id);
		rc = decide_one(
		    st, event, merged[i], d, actor, mnote, run, 0, false);
	}
	free(merged);
	return rc;
}

enum store_err
store_decide(struct store *st, int64_t event_id, int64_t proposal_id,
    enum decision_kind d, int64_t actor, const char *note, struct buf *msg)
{
	sqlite3_stmt *p;
	int rc;
	bool merged = false;

	if ((unsigned)d >= DECISION__MAX)
		return STORE_ERR_CONSTRAINT;
	if ((rc = store_tx_begin(st)) != SQLITE_OK)
		return store_map_rc(rc);
	p = store_sql(st, SQL_IN_EVENT);
	sqlite3_bind_int64(p, 1, event_id);
	sqlite3_bind_int64(p, 2, proposal_id);
	if ((rc = sqlite3_step(p)) == SQLITE_ROW) {
		const char *s = store_col_text(p, 0);

		merged = sqlite3_column_int(p, 1) != 0;
		if (strcmp(s, "draft") == 0 || strcmp(s, "withdrawn") == 0)
			rc = SQLITE_CONSTRAINT;
	}
	sqlite3_reset(p);
	if (rc == SQLITE_DONE) {
		if (msg != NULL)
			buf_addf(msg, "no proposal %lld in this event",
			    (long long)proposal_id);
		store_tx_rollback(st);
		return STORE_ERR_NOTFOUND;
	}
	if (rc != SQLITE_ROW || merged) {
		if (msg != NULL)
			buf_addf(msg,
			    "proposal %lld is a draft, withdrawn or merged "
			    "into another: decide on the joint session",
			    (long long)proposal_id);
		store_tx_rollback(st);
		return STORE_ERR_CONSTRAINT;
	}
	if ((rc = decide_one(st, event_id, proposal_id, d, actor, note, 0, 0,
		 true)) != SQLITE_OK ||
	    (rc = store_tx_commit(st)) != SQLITE_OK) {
		store_msg_db(st, msg, "decision");
		return fail_tx(st, rc);
	}
	return STORE_OK;
}

enum store_err
store_select_run_confirm(struct store *st, const struct event *ev,
    int64_t run_id, int waitlist, int64_t actor, struct buf *msg)
{
	sqlite3_stmt *p;
	int64_t *ids = NULL;
	bool *acc = NULL;
	size_t cap = 0, cap2 = 0, n = 0, i;
	int rc, wl = 0;
	bool proposed = false;

	if ((rc = store_tx_begin(st)) != SQLITE_OK)
		return store_map_rc(rc);
	p = store_sql(st, SQL_RUN_STATUS);
	sqlite3_bind_int64(p, 1, ev->id);
	sqlite3_bind_int64(p, 2, run_id);
	if ((rc = sqlite3_step(p)) == SQLITE_ROW)
		proposed = strcmp(store_col_text(p, 0), "proposed") == 0;
	sqlite3_reset(p);
	if (rc != SQLITE_ROW || !proposed) {
		if (msg != NULL)
			buf_addf(msg, "selection run %lld %s",
			    (long long)run_id,
			    rc == SQLITE_ROW ? "is not a proposal any more"
					     : "does not exist");
		store_tx_rollback(st);
		return rc == SQLITE_ROW ? STORE_ERR_CONSTRAINT
					: STORE_ERR_NOTFOUND;
	}
	p = store_sql(st, SQL_RUN_ITEMS_ORDERED);
	sqlite3_bind_int64(p, 1, run_id);
	while ((rc = sqlite3_step(p)) == SQLITE_ROW) {
		XGROW(ids, cap, n + 1);
		XGROW(acc, cap2, n + 1);
		ids[n] = sqlite3_column_int64(p, 0);
		acc[n++] = sqlite3_column_int(p, 1) != 0;
	}
	sqlite3_reset(p);
	if (rc != SQLITE_DONE)
		goto fail;
	rc = SQLITE_OK;
	for (i = 0; i < n && rc == SQLITE_OK; i++) {
		enum decision_kind d = DECISION_REJECT;
		int rank = 0;

		if (acc[i])
			d = DECISION_ACCEPT;
		else if (wl < waitlist) {
			d = DECISION_WAITLIST;
			rank = ++wl;
		}
		rc = decide_one(
		    st, ev->id, ids[i], d, actor, NULL, run_id, rank, true);
	}
	if (rc != SQLITE_OK)
		goto fail;
	p = store_sql(st, SQL_RUN_SET);
	sqlite3_bind_int64(p, 1, run_id);
	store_bind_text(p, 2, "confirmed");
	if ((rc = store_step_done(p)) != SQLITE_OK)
		goto fail;
	p = store_sql(st, SQL_RUN_DISCARD_OTHERS);
	sqlite3_bind_int64(p, 1, ev->id);
	sqlite3_bind_int64(p, 2, run_id);
	if ((rc = store_step_done(p)) != SQLITE_OK)
		goto fail;
	if (store_audit(st, actor, ev->id, "selection_run", run_id, "confirm",
		NULL) != STORE_OK) {
		rc = SQLITE_ERROR;
		goto fail;
	}
	if ((rc = store_tx_commit(st)) != SQLITE_OK)
		goto fail;
	free(ids);
	free(acc);
	return STORE_OK;
fail:
	store_msg_db(st, msg, "confirming the selection");
	free(ids);
	free(acc);
	return fail_tx(st, rc);
}

enum store_err
store_select_run_discard(
    struct store *st, int64_t event_id, int64_t run_id, int64_t actor)
{
	sqlite3_stmt *p;
	bool proposed = false;
	int rc;

	if ((rc = store_tx_begin(st)) != SQLITE_OK)
		return store_map_rc(rc);
	p = store_sql(st, SQL_RUN_STATUS);
	sqlite3_bind_int64(p, 1, event_id);
	sqlite3_bind_int64(p, 2, run_id);
	if ((rc = sqlite3_step(p)) == SQLITE_ROW)
		proposed = strcmp(store_col_text(p, 0), "proposed") == 0;
	sqlite3_reset(p);
	if (rc != SQLITE_ROW || !proposed) {
		store_tx_rollback(st);
		return rc == SQLITE_ROW ? STORE_ERR_CONSTRAINT
					: STORE_ERR_NOTFOUND;
	}
	p = store_sql(st, SQL_RUN_SET);
	sqlite3_bind_int64(p, 1, run_id);
	store_bind_text(p, 2, "discarded");
	if ((rc = store_step_done(p)) != SQLITE_OK ||
	    store_audit(st, actor, event_id, "selection_run", run_id, "discard",
		NULL) != STORE_OK ||
	    (rc = store_tx_commit(st)) != SQLITE_OK)
		return fail_tx(st, rc != SQLITE_OK ? rc : SQLITE_ERROR);
	return STORE_OK;
}

static const char SQL_PIN_PUT[] =
    "INSERT INTO selection_pin (proposal_id, pin) VALUES (?1, ?2) ON "
    "CONFLICT (proposal_id) DO UPDATE SET pin = excluded.pin";
static const char SQL_PIN_DEL[] =
    "DELETE FROM selection_pin WHERE proposal_id = ?1";

enum store_err
store_select_pin(struct store *st, int64_t event_id, int64_t proposal_id,
    enum sel_pin pin, int64_t actor)
{
	static const char *const keys[SEL_PIN__MAX] = { "none", "accept",
		"reject" };
	sqlite3_stmt *p;
	int rc;

	if ((unsigned)pin >= SEL_PIN__MAX)
		return STORE_ERR_CONSTRAINT;
	if ((rc = store_tx_begin(st)) != SQLITE_OK)
		return store_map_rc(rc);
	p = store_sql(st, SQL_IN_EVENT);
	sqlite3_bind_int64(p, 1, event_id);
	sqlite3_bind_int64(p, 2, proposal_id);
	rc = sqlite3_step(p);
	/* Drafts and withdrawn proposals were never sent, or are gone. */
	if (rc == SQLITE_ROW && pin != SEL_PIN_NONE &&
	    (strcmp(store_col_text(p, 0), "draft") == 0 ||
		strcmp(store_col_text(p, 0), "withdrawn") == 0))
		rc = SQLITE_DONE;
	sqlite3_reset(p);
	if (rc != SQLITE_ROW) {
		store_tx_rollback(st);
		return rc == SQLITE_DONE ? STORE_ERR_NOTFOUND
					 : store_map_rc(rc);
	}
	p = store_sql(st, pin == SEL_PIN_NONE ? SQL_PIN_DEL : SQL_PIN_PUT);
	sqlite3_bind_int64(p, 1, proposal_id);
	if (pin != SEL_PIN_NONE)
		store_bind_text(p, 2, keys[pin]);
	if ((rc = store_step_done(p)) != SQLITE_OK ||
	    store_audit(st, actor, event_id, "proposal", proposal_id,
		pin == SEL_PIN_NONE ? "unpin" : "pin",
		pin == SEL_PIN_ACCEPT       ? "{\"pin\":\"accept\"}"
		    : pin == SEL_PIN_REJECT ? "{\"pin\":\"reject\"}"
					    : NULL) != STORE_OK ||
	    (rc = store_tx_commit(st)) != SQLITE_OK)
		return fail_tx(st, rc != SQLITE_OK ? rc : SQLITE_ERROR);
	return STORE_OK;
}

/* ---- merges ---- */

static const char SQL_MERGE_SET[] =
    "UPDATE proposal SET merged_into = ?2, updated_at = "
    "strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?1";
static const char SQL_MERGE_SPEAKERS[] =
    "INSERT OR IGNORE INTO proposal_speaker (proposal_id, person_id, "
    "position, status) SELECT ?2, person_id, position + (SELECT "
    "coalesce(max(position), 0) + 1 FROM proposal_speaker WHERE "
    "proposal_id = ?2), status FROM proposal_speaker WHERE proposal_id = "
    "?1 AND status != 'declined'";

/* Inside a tx: STORE_OK when id can take part in a merge. */
static enum store_err
merge_check(
    struct store *st, int64_t event, int64_t id, bool target, struct buf *msg)
{
	sqlite3_stmt *p = store_sql(st, SQL_IN_EVENT);
	enum store_err e = STORE_OK;
	int rc;

	sqlite3_bind_int64(p, 1, event);
	sqlite3_bind_int64(p, 2, id);
	if ((rc = sqlite3_step(p)) == SQLITE_ROW) {
		const char *s = store_col_text(p, 0);

		if (strcmp(s, "draft") == 0 || strcmp(s, "withdrawn") == 0 ||
		    sqlite3_column_int(p, 1) != 0 ||
		    (!target && sqlite3_column_int(p, 2) != 0))
			e = STORE_ERR_CONSTRAINT;
	} else
		e = rc == SQLITE_DONE ? STORE_ERR_NOTFOUND : store_map_rc(rc);
	sqlite3_reset(p);
	if (e != STORE_OK && msg != NULL)
		buf_addf(msg,
		    e == STORE_ERR_NOTFOUND
			? "no proposal %lld in this event"
			: "proposal %lld cannot be merged: a draft, withdrawn, "
			  "already merged, or a joint session itself",
		    (long long)id);
	return e;
}

enum store_err
store_merge(struct store *st, int64_t event_id, int64_t target,
    const int64_t *others, size_t n, int64_t actor, struct buf *msg)
{
	sqlite3_stmt *p;
	enum store_err e;
	size_t i, j;
	int rc, d = -1, rank = 0;
	char detail[64];

	if (n == 0) {
		if (msg != NULL)
			buf_addstr(msg,
			    "nothing to merge: choose two or more "
			    "proposals");
		return STORE_ERR_CONSTRAINT;
	}
	for (i = 0; i < n; i++)
		for (j = 0; j <= i; j++)
			if (others[i] == target ||
			    (j < i && others[j] == others[i])) {
				if (msg != NULL)
					buf_addf(msg,
					    "proposal %lld is listed twice",
					    (long long)others[i]);
				return STORE_ERR_CONSTRAINT;
			}
	if ((rc = store_tx_begin(st)) != SQLITE_OK)
		return store_map_rc(rc);
	if ((e = merge_check(st, event_id, target, true, msg)) != STORE_OK)
		goto fail;
	for (i = 0; i < n; i++)
		if ((e = merge_check(st, event_id, others[i], false, msg)) !=
		    STORE_OK)
			goto fail;
	p = store_sql(st, SQL_LATEST);
	sqlite3_bind_int64(p, 1, target);
	if (sqlite3_step(p) == SQLITE_ROW) {
		enum decision_kind k;

		if (decision_parse(store_col_text(p, 0), &k))
			d = (int)k;
		rank = sqlite3_column_int(p, 1);
	}
	sqlite3_reset(p);
	(void)rank;
	for (i = 0; i < n; i++) {
		p = store_sql(st, SQL_MERGE_SET);
		sqlite3_bind_int64(p, 1, others[i]);
		sqlite3_bind_int64(p, 2, target);
		if ((rc = store_step_done(p)) != SQLITE_OK)
			goto fail_rc;
		p = store_sql(st, SQL_MERGE_SPEAKERS);
		sqlite3_bind_int64(p, 1, others[i]);
		sqlite3_bind_int64(p, 2, target);
		if ((rc = store_step_done(p)) != SQLITE_OK)
			goto fail_rc;
		snprintf(detail, sizeof(detail), "{\"into\":%lld}",
		    (long long)target);
		if (store_audit(st, actor, event_id, "proposal", others[i],
			"merge", detail) != STORE_OK) {
			rc = SQLITE_ERROR;
			goto fail_rc;
		}
	}
	if (d >= 0 &&
	    (rc = decide_one(st, event_id, target, (enum decision_kind)d, actor,
		 NULL, 0, 0, true)) != SQLITE_OK)
		goto fail_rc;
	if ((rc = store_tx_commit(st)) != SQLITE_OK)
		goto fail_rc;
	return STORE_OK;
fail_rc:
	store_msg_db(st, msg, "merging proposals");
	e = store_map_rc(rc);
fail:
	store_tx_rollback(st);
	return e;
}

/* ---- the organisers' list ---- */

static const char SQL_DECISIONS[] =
    "SELECT p.id, p.title, p.status, d.decision, coalesce(d.rank, 0), "
    "d.notified_at IS NOT NULL, coalesce(p.merged_into, 0), "
    "(SELECT count(*) FROM speaker_confirmation c WHERE c.proposal_id = "
    "p.id AND c.answer = 'confirm'), (SELECT count(*) FROM "
    "speaker_confirmation c WHERE c.proposal_id = p.id AND c.answer = "
    "'decline'), (SELECT count(*) FROM proposal_speaker ps WHERE "
    "ps.proposal_id = p.id AND ps.status != 'declined') "
    "FROM proposal p LEFT JOIN decision d ON d.id = (SELECT max(id) FROM "
    "decision x WHERE x.proposal_id = p.id) WHERE p.event_id = ?1 AND "
    "p.status != 'draft' ORDER BY p.id";

enum store_err
store_decisions(
    struct store *st, int64_t event_id, struct decision_row **out, size_t *n)
{
	sqlite3_stmt *p = store_sql(st, SQL_DECISIONS);
	struct decision_row *v = NULL;
	size_t cap = 0, k = 0;
	int rc;

	sqlite3_bind_int64(p, 1, event_id);
	while ((rc = sqlite3_step(p)) == SQLITE_ROW) {
		XGROW(v, cap, k + 1);
		v[k].id = sqlite3_column_int64(p, 0);
		v[k].title = store_col_dup(p, 1);
		v[k].status = store_col_dup(p, 2);
		v[k].decision = store_col_dup(p, 3);
		v[k].rank = sqlite3_column_int(p, 4);
		v[k].notified = sqlite3_column_int(p, 5) != 0;
		v[k].merged_into = sqlite3_column_int64(p, 6);
		v[k].nconfirmed = (size_t)sqlite3_column_int64(p, 7);
		v[k].ndeclined = (size_t)sqlite3_column_int64(p, 8);
		v[k].nspeakers = (size_t)sqlite3_column_int64(p, 9);
		k++;
	}
	sqlite3_reset(p);
	*out = v;
	*n = k;
	if (rc != SQLITE_DONE) {
		decision_rows_free(v, k);
		*out = NULL;
		*n = 0;
		return store_map_rc(rc);
	}
	return STORE_OK;
}

void
decision_rows_free(struct decision_row *rows, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(rows[i].title);
		free(rows[i].status);
		free(rows[i].decision);
	}
	free(rows);
}

/* ---- mails ---- */

static const char SQL_PENDING[] =
    "SELECT p.id, d.decision, coalesce(d.note, ''), p.title, p.language, "
    "m.title, coalesce(p.merged_into, p.id) FROM decision d JOIN proposal "
    "p ON p.id = d.proposal_id LEFT JOIN proposal m ON m.id = "
    "p.merged_into WHERE p.event_id = ?1 AND d.notified_at IS NULL AND "
    "d.id = (SELECT max(id) FROM decision x WHERE x.proposal_id = p.id) "
    "AND (?2 = 0 OR p.id = ?2) ORDER BY p.id";
static const char SQL_RECIPIENTS[] =
    "SELECT pe.name, pe.email, coalesce(pe.languages, '') FROM "
    "proposal_speaker ps JOIN person pe ON pe.id = ps.person_id WHERE "
    "ps.proposal_id = ?1 AND ps.status != 'declined' AND pe.email IS NOT "
    "NULL AND pe.email != '' ORDER BY ps.position";
static const char SQL_NOTIFIED[] =
    "UPDATE decision SET notified_at = strftime('%Y-%m-%dT%H:%M:%SZ', "
    "'now') WHERE proposal_id = ?1 AND notified_at IS NULL";

struct pending {
	int64_t id, link_id;
	enum notify_kind kind;
	char *title, *joint;
	enum lang lang;
	bool has_lang;
};

struct recipient {
	char *name, *email;
	enum lang lang;
	bool has_lang;
};

/* The first of "es,pt" that cabildo writes mail in. */
static bool
first_lang(const char *list, enum lang *out)
{
	while (list != NULL && *list != '\0') {
		size_t n = strcspn(list, ", ");

		if (n > 0 && lang_parse(list, n, out))
			return true;
		list += n;
		list += strspn(list, ", ");
	}
	return false;
}

static int
read_recipients(
    struct store *st, int64_t proposal, struct recipient **out, size_t *n)
{
	sqlite3_stmt *p = store_sql(st, SQL_RECIPIENTS);
	struct recipient *v = NULL;
	size_t cap = 0, k = 0;
	int rc;

	sqlite3_bind_int64(p, 1, proposal);
	while ((rc = sqlite3_step(p)) == SQLITE_ROW) {
		XGROW(v, cap, k + 1);
		v[k].name = store_col_dup(p, 0);
		v[k].email = store_col_dup(p, 1);
		v[k].has_lang = first_lang(store_col_text(p, 2), &v[k].lang);
		k++;
	}
	sqlite3_reset(p);
	*out = v;
	*n = k;
	return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/* Inside a transaction: queues the mails of pending decisions (of one
 * proposal, or all when proposal is 0). */
static int
notify_tx(struct store *st, const struct event *ev, const char *base_url,
    int64_t proposal, size_t *queued)
{
	sqlite3_stmt *p = store_sql(st, SQL_PENDING);
	struct pending *v = NULL;
	size_t cap = 0, k = 0, i, j;
	int rc;

	sqlite3_bind_int64(p, 1, ev->id);
	sqlite3_bind_int64(p, 2, proposal);
	while ((rc = sqlite3_step(p)) == SQLITE_ROW) {
		const char *lg = store_col_text(p, 4);

		XGROW(v, cap, k + 1);
		v[k].id = sqlite3_column_int64(p, 0);
		if (!notify_kind_parse(store_col_text(p, 1), &v[k].kind))
			v[k].kind = NOTIFY_REJECT;
		if (v[k].kind == NOTIFY_ACCEPT &&
		    strcmp(store_col_text(p, 2), PROMOTED_NOTE) == 0)
			v[k].kind = NOTIFY_PROMOTED;
		v[k].title = store_col_dup(p, 3);
		v[k].has_lang =
		    lg != NULL && lang_parse(lg, strlen(lg), &v[k].lang);
		v[k].joint = store_col_dup(p, 5);
		v[k].link_id = sqlite3_column_int64(p, 6);
		k++;
	}
	sqlite3_reset(p);
	if (rc != SQLITE_DONE)
		goto out;
	rc = SQLITE_OK;
	for (i = 0; i < k && rc == SQLITE_OK; i++) {
		struct recipient *r = NULL;
		size_t nr = 0;
		struct buf link;

		buf_init(&link, 0);
		buf_addf(&link, "%s/%s/cfp/%lld/participation",
		    base_url != NULL ? base_url : "", ev->slug,
		    (long long)v[i].link_id);
		if ((rc = read_recipients(st, v[i].id, &r, &nr)) != SQLITE_OK)
			nr = 0;
		for (j = 0; j < nr && rc == SQLITE_OK; j++) {
			enum lang lang = r[j].has_lang ? r[j].lang
			    : v[i].has_lang            ? v[i].lang
						       : ev->default_lang;
			struct notify_args a = {
				.event = l10n_get(&ev->name, lang),
				.title = v[i].title,
				.joint_title = v[i].joint,
				.name = r[j].name,
				.link = link.s,
			};
			struct notify_mail m;

			notify_render(lang, v[i].kind, &a, &m);
			if (store_outbox_add(
				st, r[j].email, m.subject, m.body) != STORE_OK)
				rc = SQLITE_ERROR;
			else
				(*queued)++;
			notify_mail_release(&m);
		}
		for (j = 0; j < nr; j++) {
			free(r[j].name);
			free(r[j].email);
		}
		free(r);
		buf_release(&link);
		if (rc == SQLITE_OK) {
			p = store_sql(st, SQL_NOTIFIED);
			sqlite3_bind_int64(p, 1, v[i].id);
			rc = store_step_done(p);
		}
	}
out:
	for (i = 0; i < k; i++) {
		free(v[i].title);
		free(v[i].joint);
	}
	free(v);
	return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

enum store_err
store_select_notify(struct store *st, const struct event *ev,
    const char *base_url, size_t *queued)
{
	int rc;

	*queued = 0;
	if ((rc = store_tx_begin(st)) != SQLITE_OK)
		return store_map_rc(rc);
	if ((rc = notify_tx(st, ev, base_url, 0, queued)) != SQLITE_OK ||
	    (rc = store_tx_commit(st)) != SQLITE_OK) {
		*queued = 0;
		return fail_tx(st, rc);
	}
	return STORE_OK;
}

/* ---- speakers ---- */

static const char SQL_SPEAKER_OF[] =
    "SELECT p.status, coalesce(p.owner_id, (SELECT person_id FROM "
    "proposal_speaker f WHERE f.proposal_id = p.id ORDER BY position "
    "LIMIT 1)) = ?3, p.title, "
    "(SELECT answer FROM speaker_confirmation c WHERE c.proposal_id = p.id "
    "AND c.person_id = ?3), f.shares_slot, ps.status FROM proposal p "
    "JOIN "
    "proposal_speaker ps ON ps.proposal_id = p.id AND ps.person_id = ?3 "
    "JOIN format f ON f.id = p.format_id WHERE p.id = ?2 AND p.event_id = "
    "?1";
static const char SQL_ANSWER_PUT[] =
    "INSERT INTO speaker_confirmation (proposal_id, person_id, answer) "
    "VALUES (?1, ?2, ?3) ON CONFLICT (proposal_id, person_id) DO UPDATE "
    "SET answer = excluded.answer, answered_at = "
    "strftime('%Y-%m-%dT%H:%M:%SZ', 'now')";
static const char SQL_SPEAKER_DECLINE[] =
    "UPDATE proposal_speaker SET status = 'declined' WHERE proposal_id = "
    "?1 AND person_id = ?2";
static const char SQL_SPEAKERS_LEFT[] =
    "SELECT count(*) FROM proposal_speaker WHERE proposal_id = ?1 AND "
    "status != 'declined'";
static const char SQL_STATUS_RAW[] =
    "UPDATE proposal SET status = ?2, updated_at = "
    "strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?1";
static const char SQL_FIRST_WAITLISTED[] =
    "SELECT p.id FROM proposal p JOIN format f ON f.id = p.format_id "
    "LEFT JOIN decision d ON d.id = (SELECT max(id) FROM decision x WHERE "
    "x.proposal_id = p.id) WHERE p.event_id = ?1 AND p.status = "
    "'waitlisted' AND p.merged_into IS NULL AND f.shares_slot = ?2 "
    "ORDER BY coalesce(d.rank, 1000000000), p.id LIMIT 1";

enum store_err
store_participation(struct store *st, int64_t event_id, int64_t proposal_id,
    int64_t person, struct participation *out)
{
	sqlite3_stmt *p = store_sql(st, SQL_SPEAKER_OF);
	int rc;

	memset(out, 0, sizeof(*out));
	sqlite3_bind_int64(p, 1, event_id);
	sqlite3_bind_int64(p, 2, proposal_id);
	sqlite3_bind_int64(p, 3, person);
	if ((rc = sqlite3_step(p)) == SQLITE_ROW) {
		out->status = store_col_dup(p, 0);
		out->owner = sqlite3_column_int(p, 1) != 0;
		out->title = store_col_dup(p, 2);
		out->answer = store_col_dup(p, 3);
	}
	sqlite3_reset(p);
	if (rc == SQLITE_DONE)
		return STORE_ERR_NOTFOUND;
	return rc == SQLITE_ROW ? STORE_OK : store_map_rc(rc);
}

void
participation_release(struct participation *p)
{
	free(p->title);
	free(p->status);
	free(p->answer);
	memset(p, 0, sizeof(*p));
}

enum store_err
store_speaker_answer(struct store *st, const struct event *ev,
    int64_t proposal_id, int64_t person, bool confirm, const char *base_url,
    int64_t *promoted, struct buf *msg)
{
	sqlite3_stmt *p;
	bool owner = false, accepted = false, shares = false;
	int64_t left = 0;
	size_t queued = 0;
	int rc;

	*promoted = 0;
	if ((rc = store_tx_begin(st)) != SQLITE_OK)
		return store_map_rc(rc);
	p = store_sql(st, SQL_SPEAKER_OF);
	sqlite3_bind_int64(p, 1, ev->id);
	sqlite3_bind_int64(p, 2, proposal_id);
	sqlite3_bind_int64(p, 3, person);
	if ((rc = sqlite3_step(p)) == SQLITE_ROW) {
		const char *s = store_col_text(p, 0);

		accepted = (strcmp(s, "accepted") == 0 ||
			       strcmp(s, "confirmed") == 0) &&
		    strcmp(store_col_text(p, 5), "declined") != 0;
		owner = sqlite3_column_int(p, 1) != 0;
		shares = sqlite3_column_int(p, 4) != 0;
	}
	sqlite3_reset(p);
	if (rc != SQLITE_ROW || !accepted) {
		if (msg != NULL)
			buf_addf(msg, "proposal %lld %s",
			    (long long)proposal_id,
			    rc == SQLITE_ROW
				? "is not accepted, or you declined"
				: "does not list you as a speaker");
		store_tx_rollback(st);
		return rc == SQLITE_ROW ? STORE_ERR_CONSTRAINT
		    : rc == SQLITE_DONE ? STORE_ERR_NOTFOUND
					: store_map_rc(rc);
	}
	p = store_sql(st, SQL_ANSWER_PUT);
	sqlite3_bind_int64(p, 1, proposal_id);
	sqlite3_bind_int64(p, 2, person);
	store_bind_text(p, 3, confirm ? "confirm" : "decline");
	if ((rc = store_step_done(p)) != SQLITE_OK)
		goto fail;
	if (store_audit(st, person, ev->id, "proposal", proposal_id,
		confirm ? "speaker-confirm" : "speaker-decline",
		NULL) != STORE_OK) {
		rc = SQLITE_ERROR;
		goto fail;
	}
	if (confirm) {
		if (owner) {
			p = store_sql(st, SQL_STATUS_RAW);
			sqlite3_bind_int64(p, 1, proposal_id);
			store_bind_text(p, 2, "confirmed");
			if ((rc = store_step_done(p)) != SQLITE_OK)
				goto fail;
		}
		goto commit;
	}
	p = store_sql(st, SQL_SPEAKER_DECLINE);
	sqlite3_bind_int64(p, 1, proposal_id);
	sqlite3_bind_int64(p, 2, person);
	if ((rc = store_step_done(p)) != SQLITE_OK)
		goto fail;
	p = store_sql(st, SQL_SPEAKERS_LEFT);
	sqlite3_bind_int64(p, 1, proposal_id);
	if ((rc = store_step_int(p, &left)) != SQLITE_OK)
		goto fail;
	if (!owner && left > 0)
		goto commit;
	/* The session is off: withdraw it and offer its slot. */
	p = store_sql(st, SQL_STATUS_RAW);
	sqlite3_bind_int64(p, 1, proposal_id);
	store_bind_text(p, 2, "withdrawn");
	if ((rc = store_step_done(p)) != SQLITE_OK)
		goto fail;
	if (store_audit(st, person, ev->id, "proposal", proposal_id, "withdraw",
		"{\"reason\":\"declined\"}") != STORE_OK) {
		rc = SQLITE_ERROR;
		goto fail;
	}
	p = store_sql(st, SQL_FIRST_WAITLISTED);
	sqlite3_bind_int64(p, 1, ev->id);
	sqlite3_bind_int(p, 2, shares);
	rc = store_step_int(p, promoted);
	if (rc == SQLITE_NOTFOUND) {
		*promoted = 0;
		goto commit;
	}
	if (rc != SQLITE_OK ||
	    (rc = decide_one(st, ev->id, *promoted, DECISION_ACCEPT, 0,
		 PROMOTED_NOTE, 0, 0, true)) != SQLITE_OK ||
	    (rc = notify_tx(st, ev, base_url, *promoted, &queued)) != SQLITE_OK)
		goto fail;
commit:
	if ((rc = store_tx_commit(st)) == SQLITE_OK)
		return STORE_OK;
fail:
	*promoted = 0;
	store_msg_db(st, msg, "speaker's answer");
	return fail_tx(st, rc);
}

/* ---- test and demo helper ---- */

static const char SQL_REVIEW_PUT[] =
    "INSERT INTO review (proposal_id, reviewer_id, score, confidence, "
    "status) VALUES (?1, ?2, ?3, ?4, 'submitted') ON CONFLICT "
    "(proposal_id, reviewer_id) DO UPDATE SET score = excluded.score, "
    "confidence = excluded.confidence, status = 'submitted', version = "
    "version + 1, updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')";

enum store_err
store_review_put(struct store *st, int64_t proposal_id, int64_t reviewer,
    double score, int confidence)
{
	sqlite3_stmt *p = store_sql(st, SQL_REVIEW_PUT);

	if (!(score >= 1 && score <= 5) || confidence < 0 || confidence > 5)
		return STORE_ERR_CONSTRAINT;
	sqlite3_bind_int64(p, 1, proposal_id);
	sqlite3_bind_int64(p, 2, reviewer);
	sqlite3_bind_double(p, 3, score);
	if (confidence > 0)
		sqlite3_bind_int(p, 4, confidence);
	return store_map_rc(store_step_done(p));
}

static const char SQL_SUBMITTER[] =
    "SELECT coalesce(p.owner_id, (SELECT person_id FROM proposal_speaker "
    "ps WHERE ps.proposal_id = p.id ORDER BY position LIMIT 1)) FROM "
    "proposal p WHERE p.id = ?2 AND p.event_id = ?1";

enum store_err
store_proposal_submitter(
    struct store *st, int64_t event_id, int64_t proposal_id, int64_t *person)
{
	sqlite3_stmt *p = store_sql(st, SQL_SUBMITTER);

	sqlite3_bind_int64(p, 1, event_id);
	sqlite3_bind_int64(p, 2, proposal_id);
	*person = 0;
	return store_map_rc(store_step_int(p, person));
}
