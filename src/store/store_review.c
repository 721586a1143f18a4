/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * store_review.c: reviewers, conflicts, assignments and reviews (see
 * store_review.h).  The assignment itself is solve/assign.c; this file
 * reads the problem from the database and writes the answer back in the
 * same transaction.
 */
#include "store/store_review.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/role.h"
#include "solve/assign.h"
#include "store/store_account.h"
#include "store/store_int.h"
#include "text/similar.h"
#include "util/util.h"

/* Cap of a proposal's text and of a reviewer's profile, in bytes: what
 * does not fit is left out, whole fields at a time. */
#define AFFINITY_TEXT_MAX ((size_t)64 << 10)

/* A pair is hidden from its reviewer when any conflict row names it. */
#define NOT_CONFLICTED(a)                                                      \
	"NOT EXISTS (SELECT 1 FROM review_conflict c WHERE c.proposal_id = " a \
	".proposal_id AND c.reviewer_id = " a ".reviewer_id)"

static const char sql_reviewers[] =
    "SELECT p.id, p.name, p.email, p.organisation, p.sector, p.country, "
    "coalesce(r.languages, p.languages), coalesce(r.max_load, -1), "
    "coalesce(r.status = 'accepted', 0), p.synthetic "
    "FROM account_role ar JOIN account a ON a.id = ar.account_id "
    "JOIN person p ON p.id = a.person_id "
    "LEFT JOIN reviewer r ON r.event_id = ar.event_id AND r.person_id = p.id "
    "WHERE ar.event_id = ?1 AND ar.role = 'reviewer' "
    "AND (?2 = 0 OR p.id = ?2) ORDER BY p.name, p.id";
static const char sql_reviewer_themes[] =
    "SELECT rt.person_id, t.key, rt.level FROM reviewer_theme rt "
    "JOIN theme t ON t.id = rt.theme_id WHERE rt.event_id = ?1 "
    "AND (?2 = 0 OR rt.person_id = ?2)";
static const char sql_reviewer_collabs[] =
    "SELECT person_id, email FROM reviewer_collaborator WHERE event_id = ?1 "
    "AND (?2 = 0 OR person_id = ?2) ORDER BY email";
static const char sql_reviewer_counts[] =
    "SELECT a.reviewer_id, count(*), coalesce(sum(rv.status = 'draft'), 0), "
    "coalesce(sum(rv.status = 'submitted'), 0) FROM review_assignment a "
    "JOIN proposal pr ON pr.id = a.proposal_id LEFT JOIN review rv ON "
    "rv.proposal_id = a.proposal_id AND rv.reviewer_id = a.reviewer_id "
    "WHERE pr.event_id = ?1 AND " NOT_CONFLICTED("a") " GROUP BY a.reviewer_id";
static const char sql_reviewer_conflicts[] =
    "SELECT c.reviewer_id, count(DISTINCT c.proposal_id) FROM "
    "review_conflict c JOIN proposal pr ON pr.id = c.proposal_id "
    "WHERE pr.event_id = ?1 GROUP BY c.reviewer_id";

static const char sql_reviewer_upsert[] =
    "INSERT INTO reviewer (event_id, person_id, languages, max_load, "
    "status) VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (event_id, person_id) "
    "DO UPDATE SET languages = excluded.languages, max_load = "
    "excluded.max_load, status = CASE WHEN excluded.status = 'accepted' "
    "THEN 'accepted' ELSE reviewer.status END";
static const char sql_reviewer_keep[] =
    "INSERT INTO reviewer (event_id, person_id, status) VALUES (?1, ?2, ?3) "
    "ON CONFLICT (event_id, person_id) DO UPDATE SET status = CASE WHEN "
    "excluded.status = 'accepted' THEN 'accepted' ELSE reviewer.status END";
static const char sql_reviewer_themes_delete[] =
    "DELETE FROM reviewer_theme WHERE event_id = ?1 AND person_id = ?2";
static const char sql_reviewer_theme_insert[] =
    "INSERT INTO reviewer_theme (event_id, person_id, theme_id, level) "
    "SELECT ?1, ?2, id, ?4 FROM theme WHERE event_id = ?1 AND key = ?3";
static const char sql_reviewer_collabs_delete[] =
    "DELETE FROM reviewer_collaborator WHERE event_id = ?1 AND person_id = ?2";
static const char sql_reviewer_collab_insert[] =
    "INSERT OR IGNORE INTO reviewer_collaborator (event_id, person_id, email) "
    "VALUES (?1, ?2, lower(?3))";

static const char sql_speakers[] =
    "SELECT ps.proposal_id, p.id, p.organisation, p.email "
    "FROM proposal_speaker ps JOIN proposal pr ON pr.id = ps.proposal_id "
    "JOIN person p ON p.id = ps.person_id WHERE pr.event_id = ?1 "
    "AND ps.status != 'declined' ORDER BY ps.proposal_id, ps.position";
static const char sql_cospeakers[] =
    "SELECT DISTINCT b.person_id FROM proposal_speaker a "
    "JOIN proposal_speaker b ON b.proposal_id = a.proposal_id "
    "JOIN proposal pr ON pr.id = a.proposal_id WHERE a.person_id = ?1 "
    "AND b.person_id != ?1 AND pr.event_id = ?2 ORDER BY 1";
static const char sql_auto_delete[] =
    "DELETE FROM review_conflict WHERE source = 'auto' AND proposal_id IN "
    "(SELECT id FROM proposal WHERE event_id = ?1)";
static const char sql_conflict_insert[] =
    "INSERT INTO review_conflict (proposal_id, reviewer_id, source, reason) "
    "VALUES (?1, ?2, ?3, ?4) ON CONFLICT (proposal_id, reviewer_id, source) "
    "DO UPDATE SET reason = excluded.reason";
/* Assignments that a conflict now forbids go, unless a review exists. */
static const char sql_conflicted_unassign[] =
    "DELETE FROM review_assignment WHERE proposal_id IN (SELECT id FROM "
    "proposal WHERE event_id = ?1) AND NOT " NOT_CONFLICTED(
	"review_assignment") " AND NOT EXISTS (SELECT 1 FROM review r WHERE r.proposal_id = "
			     "review_assignment.proposal_id AND r.reviewer_id = "
			     "review_assignment.reviewer_id)";
static const char sql_proposal_in_event[] =
    "SELECT id FROM proposal WHERE id = ?2 AND event_id = ?1 AND status "
    "NOT IN ('draft', 'withdrawn')";
static const char sql_conflicts[] =
    "SELECT c.proposal_id, pr.title, c.reviewer_id, p.name, c.source, "
    "c.reason FROM review_conflict c JOIN proposal pr ON pr.id = "
    "c.proposal_id JOIN person p ON p.id = c.reviewer_id WHERE "
    "pr.event_id = ?1 ORDER BY p.name, c.reviewer_id, c.proposal_id, "
    "c.source";

static const char sql_queue[] =
    "SELECT pr.id, pr.title, f.key, (SELECT t.key FROM proposal_theme pt "
    "JOIN theme t ON t.id = pt.theme_id WHERE pt.proposal_id = pr.id "
    "ORDER BY pt.is_main DESC, t.position LIMIT 1), pr.language, rv.status, "
    "rv.score FROM review_assignment a JOIN proposal pr ON pr.id = "
    "a.proposal_id JOIN format f ON f.id = pr.format_id LEFT JOIN review rv "
    "ON rv.proposal_id = a.proposal_id AND rv.reviewer_id = a.reviewer_id "
    "WHERE pr.event_id = ?1 AND a.reviewer_id = ?2 AND pr.status NOT IN "
    "('draft', 'withdrawn') AND " NOT_CONFLICTED(
	"a") " ORDER BY CASE rv.status WHEN 'draft' THEN 0 WHEN 'submitted' THEN 2 "
	     "ELSE 1 END, pr.id";
static const char sql_visible[] =
    "SELECT pr.id, pr.title, pr.abstract, pr.description, pr.language, "
    "f.key FROM review_assignment a JOIN proposal pr ON pr.id = "
    "a.proposal_id JOIN format f ON f.id = pr.format_id WHERE "
    "pr.event_id = ?1 AND a.reviewer_id = ?2 AND a.proposal_id = ?3 AND "
    "pr.status NOT IN ('draft', 'withdrawn') AND " NOT_CONFLICTED("a");
static const char sql_proposal_themes[] =
    "SELECT t.key FROM proposal_theme pt JOIN theme t ON t.id = pt.theme_id "
    "WHERE pt.proposal_id = ?1 ORDER BY pt.is_main DESC, t.position";
static const char sql_proposal_speakers[] =
    "SELECT p.name, p.organisation, p.sector, p.country FROM "
    "proposal_speaker ps JOIN person p ON p.id = ps.person_id WHERE "
    "ps.proposal_id = ?1 AND ps.status != 'declined' ORDER BY ps.position";

static const char sql_review_get[] =
    "SELECT id, score, coalesce(confidence, 0), comment_committee, "
    "comment_proposer, status, version FROM review WHERE proposal_id = ?1 "
    "AND reviewer_id = ?2";
static const char sql_review_scores[] =
    "SELECT criterion, score FROM review_score WHERE review_id = ?1";
static const char sql_review_insert[] =
    "INSERT INTO review (proposal_id, reviewer_id, score, confidence, "
    "comment_committee, comment_proposer, status, version) VALUES (?1, ?2, "
    "?3, ?4, ?5, ?6, ?7, 1) RETURNING id";
static const char sql_review_update[] =
    "UPDATE review SET score = ?3, confidence = ?4, comment_committee = ?5, "
    "comment_proposer = ?6, status = CASE WHEN status = 'submitted' THEN "
    "'submitted' ELSE ?7 END, version = version + 1, updated_at = "
    "strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?1 AND version = ?2";
static const char sql_review_upsert[] =
    "INSERT INTO review (proposal_id, reviewer_id, score, confidence, "
    "comment_committee, comment_proposer, status, version) VALUES (?1, ?2, "
    "?3, ?4, ?5, ?6, ?7, 1) ON CONFLICT (proposal_id, reviewer_id) DO "
    "UPDATE SET score = excluded.score, confidence = excluded.confidence, "
    "comment_committee = excluded.comment_committee, comment_proposer = "
    "excluded.comment_proposer, status = excluded.status, version = "
    "review.version + 1, updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', "
    "'now') RETURNING id";
static const char sql_scores_delete[] =
    "DELETE FROM review_score WHERE review_id = ?1";
static const char sql_score_insert[] =
    "INSERT INTO review_score (review_id, criterion, score) VALUES "
    "(?1, ?2, ?3)";
static const char sql_assignable[] =
    "SELECT 1 FROM review_assignment a JOIN proposal pr ON pr.id = "
    "a.proposal_id WHERE pr.event_id = ?1 AND a.proposal_id = ?2 AND "
    "a.reviewer_id = ?3 AND pr.status NOT IN ('draft', 'withdrawn') AND " NOT_CONFLICTED(
	"a");

static const char sql_assign_proposals[] =
    "SELECT id, language, title, abstract, description FROM proposal WHERE "
    "event_id = ?1 AND status NOT IN ('draft', 'withdrawn') ORDER BY id";
/* The reviewers' bios and the texts of the proposals they submitted or
 * speak on (in any event), for their text profiles. */
#define EVENT_REVIEWERS                                                      \
	"(SELECT a.person_id FROM account_role ar JOIN account a ON a.id = " \
	"ar.account_id WHERE ar.event_id = ?1 AND ar.role = 'reviewer')"
static const char sql_assign_bios[] =
    "SELECT id, bio FROM person WHERE id IN " EVENT_REVIEWERS
    " AND bio IS NOT NULL AND bio != ''";
static const char sql_assign_own_texts[] =
    "SELECT x.person_id, pr.title, pr.abstract, pr.description FROM "
    "(SELECT person_id, proposal_id FROM proposal_speaker WHERE status != "
    "'declined' AND person_id IN " EVENT_REVIEWERS " UNION SELECT owner_id, "
    "id FROM proposal WHERE owner_id IN " EVENT_REVIEWERS ") x JOIN proposal "
    "pr ON pr.id = x.proposal_id WHERE pr.status NOT IN ('draft', "
    "'withdrawn') ORDER BY x.person_id, pr.id";
static const char sql_assign_proposal_themes[] =
    "SELECT pt.proposal_id, pt.theme_id, pt.is_main FROM proposal_theme pt "
    "JOIN proposal pr ON pr.id = pt.proposal_id WHERE pr.event_id = ?1 AND "
    "pr.status NOT IN ('draft', 'withdrawn') ORDER BY pt.proposal_id";
static const char sql_assign_reviewer_themes[] =
    "SELECT person_id, theme_id, level = 'main' FROM reviewer_theme "
    "WHERE event_id = ?1";
static const char sql_assign_conflicts[] =
    "SELECT DISTINCT c.proposal_id, c.reviewer_id FROM review_conflict c "
    "JOIN proposal pr ON pr.id = c.proposal_id WHERE pr.event_id = ?1 "
    "ORDER BY 1, 2";
static const char sql_assign_existing[] =
    "SELECT a.proposal_id, a.reviewer_id FROM review_assignment a JOIN "
    "proposal pr ON pr.id = a.proposal_id WHERE pr.event_id = ?1 UNION "
    "SELECT r.proposal_id, r.reviewer_id FROM review r JOIN proposal pr ON "
    "pr.id = r.proposal_id WHERE pr.event_id = ?1 ORDER BY 1, 2";
static const char sql_assignment_insert[] =
    "INSERT OR IGNORE INTO review_assignment (proposal_id, reviewer_id) "
    "VALUES (?1, ?2)";

static const char sql_pairs[] =
    "SELECT a.proposal_id, a.reviewer_id, p.synthetic, rv.status FROM "
    "review_assignment a JOIN proposal pr ON pr.id = a.proposal_id JOIN "
    "person p ON p.id = a.reviewer_id LEFT JOIN review rv ON rv.proposal_id "
    "= a.proposal_id AND rv.reviewer_id = a.reviewer_id WHERE pr.event_id "
    "= ?1 AND " NOT_CONFLICTED("a") " ORDER BY a.proposal_id, a.reviewer_id";

static const char sql_progress_proposals[] =
    "SELECT pr.id, pr.title, (SELECT count(*) FROM review_assignment a "
    "WHERE a.proposal_id = pr.id), (SELECT count(*) FROM review r WHERE "
    "r.proposal_id = pr.id AND r.status = 'draft'), (SELECT count(*) FROM "
    "review r WHERE r.proposal_id = pr.id AND r.status = 'submitted') "
    "FROM proposal pr WHERE pr.event_id = ?1 AND pr.status NOT IN "
    "('draft', 'withdrawn') ORDER BY pr.id";
static const char sql_progress_reviews[] =
    "SELECT r.proposal_id, r.reviewer_id, r.score, coalesce(r.confidence, "
    "0) FROM review r JOIN proposal pr ON pr.id = r.proposal_id WHERE "
    "pr.event_id = ?1 AND r.status = 'submitted' AND r.score IS NOT NULL "
    "ORDER BY r.id";

static const char sql_demo_old[] =
    "SELECT person_id FROM reviewer WHERE event_id = ?1 AND synthetic = 1";
static const char sql_demo_del_reviews[] =
    "DELETE FROM review WHERE reviewer_id = ?1";
static const char sql_demo_del_assignments[] =
    "DELETE FROM review_assignment WHERE reviewer_id = ?1";
static const char sql_demo_del_person[] =
    "DELETE FROM person WHERE id = ?1 AND synthetic = 1";
static const char sql_demo_person[] =
    "INSERT INTO person (name, email, organisation, sector, country, gender, "
    "languages, synthetic) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 1) "
    "RETURNING id";
static const char sql_demo_account[] =
    "INSERT INTO account (person_id, email, confirmed_at) VALUES (?1, ?2, "
    "strftime('%Y-%m-%dT%H:%M:%SZ', 'now')) RETURNING id";
static const char sql_demo_role[] =
    "INSERT OR IGNORE INTO account_role (account_id, event_id, role) "
    "VALUES (?1, ?2, 'reviewer')";
static const char sql_demo_reviewer[] =
    "INSERT INTO reviewer (event_id, person_id, status, synthetic) VALUES "
    "(?1, ?2, 'accepted', 1)";

/* ---- small helpers ---- */

static enum store_err
fail(struct store *st, int rc, struct buf *msg, const char *what)
{
	store_msg_db(st, msg, what);
	store_tx_rollback(st);
	return store_map_rc(rc);
}

static void
langs_of(unsigned mask, char out[16])
{
	size_t n = 0;
	int i;

	out[0] = '\0';
	for (i = 0; i < LANG__MAX; i++) {
		if (!(mask & (1u << i)))
			continue;
		if (n > 0)
			out[n++] = ',';
		memcpy(out + n, lang_code((enum lang)i), 2);
		n += 2;
		out[n] = '\0';
	}
}

static bool
langs_has(const char *langs, const char *code)
{
	size_t n = code != NULL ? strlen(code) : 0;
	const char *s = langs;

	if (s == NULL || n == 0)
		return false;
	while ((s = strstr(s, code)) != NULL) {
		if ((s == langs || s[-1] == ',') &&
		    (s[n] == '\0' || s[n] == ','))
			return true;
		s += n;
	}
	return false;
}

static enum review_status
status_of(const char *s)
{
	if (s == NULL)
		return REVIEW_TODO;
	return strcmp(s, "submitted") == 0 ? REVIEW_SUBMITTED : REVIEW_DRAFT;
}

static int
cmp_i64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return (x > y) - (x < y);
}

/* ---- reviewers ---- */

void
reviewer_profile_release(struct reviewer_profile *p)
{
	size_t i;

	free(p->name);
	free(p->email);
	free(p->organisation);
	free(p->sector);
	free(p->country);
	free(p->languages);
	free(p->expertise);
	for (i = 0; i < p->ncollaborators; i++)
		free(p->collaborators[i]);
	free(p->collaborators);
	memset(p, 0, sizeof(*p));
}

void
reviewer_list_free(struct reviewer_profile *list, size_t n)
{
	size_t i;

	for (i = 0; list != NULL && i < n; i++)
		reviewer_profile_release(&list[i]);
	free(list);
}

static struct reviewer_profile *
find_reviewer(struct reviewer_profile *list, size_t n, int64_t id)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (list[i].person_id == id)
			return &list[i];
	return NULL;
}

static int
load_reviewers(struct store *st, const struct event *ev, int64_t only,
    struct reviewer_profile **out, size_t *n)
{
	struct reviewer_profile *list = NULL, *r;
	sqlite3_stmt *p = store_sql(st, sql_reviewers);
	size_t cap = 0, cnt = 0, i;
	long t;
	int rc;

	sqlite3_bind_int64(p, 1, ev->id);
	sqlite3_bind_int64(p, 2, only);
	while ((rc = sqlite3_step(p)) == SQLITE_ROW) {
		XGROW(list, cap, cnt + 1);
		r = &list[cnt++];
		memset(r, 0, sizeof(*r));
		r->person_id = sqlite3_column_int64(p, 0);
		r->name = store_col_dup(p, 1);
		r->email = store_col_dup(p, 2);
		r->organisation = store_col_dup(p, 3);
		r->sector = store_col_dup(p, 4);
		r->country = store_col_dup(p, 5);
		r->languages = store_col_dup(p, 6);
		r->max_load = sqlite3_column_int(p, 7);
		r->accepted = sqlite3_column_int(p, 8) != 0;
		r->synthetic = sqlite3_column_int(p, 9) != 0;
		r->nthemes = ev->nthemes;
		r->expertise = xcalloc(
		    ev->nthemes ? ev->nthemes : 1, sizeof(*r->expertise));
	}
	sqlite3_reset(p);
	if (rc != SQLITE_DONE)
		goto fail;

	p = store_sql(st, sql_reviewer_themes);
	sqlite3_bind_int64(p, 1, ev->id);
	sqlite3_bind_int64(p, 2, only);
	while ((rc = sqlite3_step(p)) == SQLITE_ROW) {
		const char *lvl = store_col_text(p, 2);

		r = find_reviewer(list, cnt, sqlite3_column_int64(p, 0));
		t = event_theme_find(ev, store_col_text(p, 1));
		if (r != NULL && t >= 0)
			r->expertise[t] =
			    lvl != NULL && strcmp(lvl, "main") == 0
			    ? EXPERTISE_MAIN
			    : EXPERTISE_SECONDARY;
	}
	sqlite3_reset(p);
	if (rc != SQLITE_DONE)
		goto fail;

	p = store_sql(st, sql_reviewer_collabs);
	sqlite3_bind_int64(p, 1, ev->id);
	sqlite3_bind_int64(p, 2, only);
	while ((rc = sqlite3_step(p)) == SQLITE_ROW) {
		r = find_reviewer(list, cnt, sqlite3_column_int64(p, 0));
		if (r == NULL)
			continue;
		r->collaborators = xreallocarray(
		    r->collaborators, r->ncollaborators + 1, sizeof(char *));
		r->collaborators[r->ncollaborators++] = store_col_dup(p, 1);
	}
	sqlite3_reset(p);
	if (rc != SQLITE_DONE)
		goto fail;

	p = store_sql(st, sql_reviewer_counts);
	sqlite3_bind_int64(p, 1, ev->id);
	while ((rc = sqlite3_step(p)) == SQLITE_ROW) {
		r = find_reviewer(list, cnt, sqlite3_column_int64(p, 0));
		if (r == NULL)
			continue;
		r->assigned = (size_t)sqlite3_column_int64(p, 1);
		r->drafts = (size_t)sqlite3_column_int64(p, 2);
		r->submitted = (size_t)sqlite3_column_int64(p, 3);
	}
	sqlite3_reset(p);
	if (rc != SQLITE_DONE)
		goto fail;
	p = store_sql(st, sql_reviewer_conflicts);
	sqlite3_bind_int64(p, 1, ev->id);
	while ((rc = sqlite3_step(p)) == SQLITE_ROW) {
		r = find_reviewer(list, cnt, sqlite3_column_int64(p, 0));
		if (r != NULL)
			r->conflicts = (size_t)sqlite3_column_int64(p, 1);
	}
	sqlite3_reset(p);
	if (rc != SQLITE_DONE)
		goto fail;
	*out = list;
	*n = cnt;
	return SQLITE_OK;
fail:
	for (i = 0; i < cnt; i++)
		reviewer_profile_release(&list[i]);
	free(list);
	return rc;
}

enum store_err
store_reviewer_list(struct store *st, const struct event *ev,
    struct reviewer_profile **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	return store_map_rc(load_reviewers(st, ev, 0, out, n));
}

enum store_err
store_reviewer_get(struct store *st, const struct event *ev, int64_t person_id,
    struct reviewer_profile *out)
{
	struct reviewer_profile *list = NULL;
	size_t n = 0;
	int rc;

	memset(out, 0, sizeof(*out));
	if (person_id <= 0)
		return STORE_ERR_NOTFOUND;
	if ((rc = load_reviewers(st, ev, person_id, &list, &n)) != SQLITE_OK)
		return store_map_rc(rc);
	if (n == 0) {
		free(list);
		return STORE_ERR_NOTFOUND;
	}
	*out = list[0];
	free(list);
	return STORE_OK;
}

static int refresh_conflicts(struct store *st, int64_t event_id, size_t *found);

enum store_err
store_reviewer_save(struct store *st, const struct event *ev,
    const struct reviewer_profile *r, struct buf *msg)
{
	sqlite3_stmt *p;
	size_t i, found;
	int rc;

	if ((rc = store_tx_begin(st)) != SQLITE_OK)
		return fail(st, rc, msg, "starting a transaction");
	p = store_sql(st, sql_reviewer_upsert);
	sqlite3_bind_int64(p, 1, ev->id);
	sqlite3_bind_int64(p, 2, r->person_id);
	store_bind_text(
	    p, 3, r->languages != NULL && *r->languages ? r->languages : NULL);
	if (r->max_load >= 0)
		sqlite3_bind_int(p, 4, r->max_load);
	store_bind_text(p, 5, "accepted");
	if ((rc = store_step_done(p)) != SQLITE_OK)
		return fail(st, rc, msg, "saving the reviewer");
	p = store_sql(st, sql_reviewer_themes_delete);
	sqlite3_bind_int64(p, 1, ev->id);
	sqlite3_bind_int64(p, 2, r->person_id);
	if ((rc = store_step_done(p)) != SQLITE_OK)
		return fail(st, rc, msg, "saving the themes");
	for (i = 0; i < r->nthemes && i < ev->nthemes; i++) {
		if (r->expertise[i] == EXPERTISE_NONE)
			continue;
		p = store_sql(st, sql_reviewer_theme_insert);
		sqlite3_bind_int64(p, 1, ev->id);
		sqlite3_bind_int64(p, 2, r->person_id);
		store_bind_text(p, 3, ev->themes[i].key);
		store_bind_text(p, 4,
		    r->expertise[i] == EXPERTISE_MAIN ? "main" : "secondary");
		if ((rc = store_step_done(p)) != SQLITE_OK)
			return fail(st, rc, msg, "saving the themes");
	}
	p = store_sql(st, sql_reviewer_collabs_delete);
	sqlite3_bind_int64(p, 1, ev->id);
	sqlite3_bind_int64(p, 2, r->person_id);
	if ((rc = store_step_done(p)) != SQLITE_OK)
		return fail(st, rc, msg, "saving the collaborators");
	for (i = 0; i < r->ncollaborators; i++) {
		p = store_sql(st, sql_reviewer_collab_insert);
		sqlite3_bind_int64(p, 1, ev->id);
		sqlite3_bind_int64(p, 2, r->person_id);
		store_bind_text(p, 3, r->collaborators[i]);
		if ((rc = store_step_done(p)) != SQLITE_OK)
			return fail(st, rc, msg, "saving the collaborators");
	}
	if ((rc = refresh_conflicts(st, ev->id, &found)) != SQLITE_OK)
		return fail(st, rc, msg, "finding conflicts");
	if ((rc = store_tx_commit(st)) != SQLITE_OK)
		return fail(st, rc, msg, "committing");
	return STORE_OK;
}

enum store_err
store_reviewer_accept(struct store *st, int64_t event_id, int64_t person_id)
{
	sqlite3_stmt *p = store_sql(st, sql_reviewer_keep);

	sqlite3_bind_int64(p, 1, event_id);
	sqlite3_bind_int64(p, 2, person_id);
	store_bind_text(p, 3, "accepted");
	return store_map_rc(store_step_done(p));
}

enum store_err
store_reviewer_invite(struct store *st, int64_t event_id, const char *email,
    const char *name, int64_t *account_id, int64_t *person_id, bool *created,
    struct buf *msg)
{
	struct account a;
	sqlite3_stmt *p;
	enum store_err e;
	int64_t id;

	*created = false;
	memset(&a, 0, sizeof(a));
	e = store_account_by_email(st, email, &a);
	if (e == STORE_ERR_NOTFOUND) {
		e = store_account_create(
		    st, email, name, NULL, false, false, &id, msg);
		if (e != STORE_OK)
			return e;
		*created = true;
		e = store_account_get(st, id, &a);
	}
	if (e != STORE_OK)
		return e;
	*account_id = a.id;
	*person_id = a.person_id;
	account_release(&a);
	if ((e = store_role_add(st, *account_id, event_id, ROLE_REVIEWER)) !=
	    STORE_OK)
		return e;
	p = store_sql(st, sql_reviewer_keep);
	sqlite3_bind_int64(p, 1, event_id);
	sqlite3_bind_int64(p, 2, *person_id);
	store_bind_text(p, 3, "invited");
	return store_map_rc(store_step_done(p));
}

/* ---- conflicts ---- */

const char *
conflict_source_key(enum conflict_source s)
{
	static const char *const keys[CONFLICT__MAX] = { "auto", "reviewer",
		"organiser" };

	return (unsigned)s < CONFLICT__MAX ? keys[s] : "auto";
}

static bool
conflict_source_parse(const char *s, enum conflict_source *out)
{
	int i;

	for (i = 0; s != NULL && i < CONFLICT__MAX; i++) {
		if (strcmp(s, conflict_source_key((enum conflict_source)i)) ==
		    0) {
			*out = (enum conflict_source)i;
			return true;
		}
	}
	return false;
}

struct spk {
	int64_t proposal;
	struct coi_speaker s;
	char *org, *email;
};

static int
load_cospeakers(struct store *st, int64_t event_id, int64_t person,
    int64_t **out, size_t *n)
{
	sqlite3_stmt *p = store_sql(st, sql_cospeakers);
	size_t cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	sqlite3_bind_int64(p, 1, person);
	sqlite3_bind_int64(p, 2, event_id);
	while ((rc = sqlite3_step(p)) == SQLITE_ROW) {
		XGROW(*out, cap, *n + 1);
		(*out)[(*n)++] = sqlite3_column_int64(p, 0);
	}
	sqlite3_reset(p);
	return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/* Runs inside the caller's transaction. */
static int
refresh_conflicts(struct store *st, int64_t event_id, size_t *found)
{
	struct reviewer_profile *revs = NULL;
	struct spk *spk = NULL;
	struct coi_speaker *one = NULL;
	struct event ev;
	sqlite3_stmt *p;
	size_t nrevs = 0, nspk = 0, cap = 0, i, j, k;
	int rc;

	*found = 0;
	event_init(&ev);
	ev.id = event_id;
	/* Only ids, organisations and addresses matter here: no themes. */
	if ((rc = load_reviewers(st, &ev, 0, &revs, &nrevs)) != SQLITE_OK)
		return rc;
	p = store_sql(st, sql_speakers);
	sqlite3_bind_int64(p, 1, event_id);
	while ((rc = sqlite3_step(p)) == SQLITE_ROW) {
		XGROW(spk, cap, nspk + 1);
		spk[nspk].proposal = sqlite3_column_int64(p, 0);
		spk[nspk].s.person = sqlite3_column_int64(p, 1);
		spk[nspk].org = store_col_dup(p, 2);
		spk[nspk].email = store_col_dup(p, 3);
		nspk++;
	}
	sqlite3_reset(p);
	if (rc != SQLITE_DONE)
		goto out;
	p = store_sql(st, sql_auto_delete);
	sqlite3_bind_int64(p, 1, event_id);
	if ((rc = store_step_done(p)) != SQLITE_OK)
		goto out;
	one = xcalloc(nspk ? nspk : 1, sizeof(*one));
	for (i = 0; i < nspk; i++) {
		spk[i].s.organisation = spk[i].org;
		spk[i].s.email = spk[i].email;
		one[i] = spk[i].s;
	}
	for (j = 0; j < nrevs; j++) {
		struct coi_reviewer r = { .person = revs[j].person_id,
			.organisation = revs[j].organisation,
			.collaborators =
			    (const char *const *)revs[j].collaborators,
			.ncollaborators = revs[j].ncollaborators };
		int64_t *co = NULL;
		size_t nco = 0;

		if ((rc = load_cospeakers(st, event_id, r.person, &co, &nco)) !=
		    SQLITE_OK)
			goto out;
		r.cospeakers = co;
		r.ncospeakers = nco;
		for (i = 0; i < nspk; i = k) {
			enum review_coi c;

			for (k = i;
			     k < nspk && spk[k].proposal == spk[i].proposal;
			     k++)
				;
			c = review_conflict(&r, one + i, k - i);
			if (c == COI_NONE)
				continue;
			p = store_sql(st, sql_conflict_insert);
			sqlite3_bind_int64(p, 1, spk[i].proposal);
			sqlite3_bind_int64(p, 2, r.person);
			store_bind_text(p, 3, "auto");
			store_bind_text(p, 4, review_coi_key(c));
			if ((rc = store_step_done(p)) != SQLITE_OK) {
				free(co);
				goto out;
			}
			(*found)++;
		}
		free(co);
	}
	p = store_sql(st, sql_conflicted_unassign);
	sqlite3_bind_int64(p, 1, event_id);
	rc = store_step_done(p);
out:
	for (i = 0; i < nspk; i++) {
		free(spk[i].org);
		free(spk[i].email);
	}
	free(spk);
	free(one);
	reviewer_list_free(revs, nrevs);
	event_release(&ev);
	return rc;
}

enum store_err
store_conflicts_refresh(
    struct store *st, int64_t event_id, size_t *found, struct buf *msg)
{
	int rc;

	if ((rc = store_tx_begin(st)) != SQLITE_OK)
		return fail(st, rc, msg, "starting a transaction");
	if ((rc = refresh_conflicts(st, event_id, found)) != SQLITE_OK)
		return fail(st, rc, msg, "finding conflicts");
	if ((rc = store_tx_commit(st)) != SQLITE_OK)
		return fail(st, rc, msg, "committing");
	return STORE_OK;
}

enum store_err
store_conflict_declare(struct store *st, int64_t event_id, int64_t proposal_id,
    int64_t reviewer, enum conflict_source src, const char *reason)
{
	sqlite3_stmt *p;
	int64_t id;
	int rc;

	if ((rc = store_tx_begin(st)) != SQLITE_OK)
		return fail(st, rc, NULL, "");
	p = store_sql(st, sql_proposal_in_event);
	sqlite3_bind_int64(p, 1, event_id);
	sqlite3_bind_int64(p, 2, proposal_id);
	if ((rc = store_step_int(p, &id)) != SQLITE_OK) {
		store_tx_rollback(st);
		return rc == SQLITE_NOTFOUND ? STORE_ERR_NOTFOUND
					     : store_map_rc(rc);
	}
	p = store_sql(st, sql_conflict_insert);
	sqlite3_bind_int64(p, 1, proposal_id);
	sqlite3_bind_int64(p, 2, reviewer);
	store_bind_text(p, 3, conflict_source_key(src));
	store_bind_text(p, 4,
	    reason != NULL && *reason ? reason : review_coi_key(COI_DECLARED));
	if ((rc = store_step_done(p)) != SQLITE_OK)
		return fail(st, rc, NULL, "");
	p = store_sql(st, sql_conflicted_unassign);
	sqlite3_bind_int64(p, 1, event_id);
	if ((rc = store_step_done(p)) != SQLITE_OK ||
	    (rc = store_tx_commit(st)) != SQLITE_OK)
		return fail(st, rc, NULL, "");
	return STORE_OK;
}

void
conflict_list_free(struct conflict_row *list, size_t n)
{
	size_t i;

	for (i = 0; list != NULL && i < n; i++) {
		free(list[i].title);
		free(list[i].reviewer_name);
		free(list[i].reason);
	}
	free(list);
}

enum store_err
store_conflict_list(
    struct store *st, int64_t event_id, struct conflict_row **out, size_t *n)
{
	sqlite3_stmt *p = store_sql(st, sql_conflicts);
	size_t cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	sqlite3_bind_int64(p, 1, event_id);
	while ((rc = sqlite3_step(p)) == SQLITE_ROW) {
		struct conflict_row *c;

		XGROW(*out, cap, *n + 1);
		c = &(*out)[(*n)++];
		c->proposal_id = sqlite3_column_int64(p, 0);
		c->title = store_col_dup(p, 1);
		c->reviewer = sqlite3_column_int64(p, 2);
		c->reviewer_name = store_col_dup(p, 3);
		if (!conflict_source_parse(store_col_text(p, 4), &c->source))
			c->source = CONFLICT_AUTO;
		c->reason = store_col_dup(p, 5);
	}
	sqlite3_reset(p);
	if (rc != SQLITE_DONE) {
		conflict_list_free(*out, *n);
		*out = NULL;
		*n = 0;
		return store_map_rc(rc);
	}
	return STORE_OK;
}

/* ---- the reviewer's queue and proposals ---- */

void
review_queue_free(struct review_queue_item *list, size_t n)
{
	size_t i;

	for (i = 0; list != NULL && i < n; i++) {
		free(list[i].title);
		free(list[i].format);
		free(list[i].theme);
		free(list[i].language);
	}
	free(list);
}

enum store_err
store_review_queue(struct store *st, int64_t event_id, int64_t reviewer,
    struct review_queue_item **out, size_t *n)
{
	sqlite3_stmt *p = store_sql(st, sql_queue);
	size_t cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	sqlite3_bind_int64(p, 1, event_id);
	sqlite3_bind_int64(p, 2, reviewer);
	while ((rc = sqlite3_step(p)) == SQLITE_ROW) {
		struct review_queue_item *q;

		XGROW(*out, cap, *n + 1);
		q = &(*out)[(*n)++];
		q->proposal_id = sqlite3_column_int64(p, 0);
		q->title = store_col_dup(p, 1);
		q->format = store_col_dup(p, 2);
		q->theme = store_col_dup(p, 3);
		q->language = store_col_dup(p, 4);
		q->status = status_of(store_col_text(p, 5));
		q->score = sqlite3_column_double(p, 6);
	}
	sqlite3_reset(p);
	if (rc != SQLITE_DONE) {
		review_queue_free(*out, *n);
		*out = NULL;
		*n = 0;
		return store_map_rc(rc);
	}
	return STORE_OK;
}

void
review_proposal_release(struct review_proposal *p)
{
	size_t i;

	free(p->title);
	free(p->abstract);
	free(p->description);
	free(p->language);
	free(p->format);
	for (i = 0; i < p->nthemes; i++)
		free(p->themes[i]);
	free(p->themes);
	for (i = 0; i < p->nspeakers; i++) {
		free(p->speakers[i].name);
		free(p->speakers[i].organisation);
		free(p->speakers[i].sector);
		free(p->speakers[i].country);
	}
	free(p->speakers);
	memset(p, 0, sizeof(*p));
}

enum store_err
store_review_proposal(struct store *st, int64_t event_id, int64_t reviewer,
    int64_t proposal_id, struct review_proposal *out)
{
	sqlite3_stmt *p = store_sql(st, sql_visible);
	size_t cap = 0;
	int rc;

	memset(out, 0, sizeof(*out));
	sqlite3_bind_int64(p, 1, event_id);
	sqlite3_bind_int64(p, 2, reviewer);
	sqlite3_bind_int64(p, 3, proposal_id);
	if ((rc = sqlite3_step(p)) != SQLITE_ROW) {
		sqlite3_reset(p);
		return rc == SQLITE_DONE ? STORE_ERR_NOTFOUND
					 : store_map_rc(rc);
	}
	out->id = sqlite3_column_int64(p, 0);
	out->title = store_col_dup(p, 1);
	out->abstract = store_col_dup(p, 2);
	out->description = store_col_dup(p, 3);
	out->language = store_col_dup(p, 4);
	out->format = store_col_dup(p, 5);
	sqlite3_reset(p);
	p = store_sql(st, sql_proposal_themes);
	sqlite3_bind_int64(p, 1, proposal_id);
	while ((rc = sqlite3_step(p)) == SQLITE_ROW) {
		XGROW(out->themes, cap, out->nthemes + 1);
		out->themes[out->nthemes++] = store_col_dup(p, 0);
	}
	sqlite3_reset(p);
	if (rc != SQLITE_DONE)
		goto fail;
	cap = 0;
	p = store_sql(st, sql_proposal_speakers);
	sqlite3_bind_int64(p, 1, proposal_id);
	while ((rc = sqlite3_step(p)) == SQLITE_ROW) {
		struct review_speaker *s;

		XGROW(out->speakers, cap, out->nspeakers + 1);
		s = &out->speakers[out->nspeakers++];
		s->name = store_col_dup(p, 0);
		s->organisation = store_col_dup(p, 1);
		s->sector = store_col_dup(p, 2);
		s->country = store_col_dup(p, 3);
	}
	sqlite3_reset(p);
	if (rc != SQLITE_DONE)
		goto fail;
	return STORE_OK;
fail:
	review_proposal_release(out);
	return store_map_rc(rc);
}

/* ---- reviews ---- */

void
review_data_release(struct review_data *r)
{
	free(r->scores);
	free(r->comment_committee);
	free(r->comment_proposer);
	memset(r, 0, sizeof(*r));
}

enum store_err
store_review_get(struct store *st, const struct review_settings *rs,
    int64_t proposal_id, int64_t reviewer, struct review_data *out)
{
	sqlite3_stmt *p = store_sql(st, sql_review_get);
	int64_t id;
	long k;
	int rc;

	memset(out, 0, sizeof(*out));
	out->proposal_id = proposal_id;
	out->reviewer = reviewer;
	out->nscores = rs->ncriteria;
	out->scores = xcalloc(rs->ncriteria ? rs->ncriteria : 1, sizeof(int));
	sqlite3_bind_int64(p, 1, proposal_id);
	sqlite3_bind_int64(p, 2, reviewer);
	if ((rc = sqlite3_step(p)) != SQLITE_ROW) {
		sqlite3_reset(p);
		out->status = REVIEW_TODO;
		return rc == SQLITE_DONE ? STORE_OK : store_map_rc(rc);
	}
	id = sqlite3_column_int64(p, 0);
	out->score = sqlite3_column_double(p, 1);
	out->confidence = sqlite3_column_int(p, 2);
	out->comment_committee = store_col_dup(p, 3);
	out->comment_proposer = store_col_dup(p, 4);
	out->status = status_of(store_col_text(p, 5));
	out->version = sqlite3_column_int64(p, 6);
	sqlite3_reset(p);
	p = store_sql(st, sql_review_scores);
	sqlite3_bind_int64(p, 1, id);
	while ((rc = sqlite3_step(p)) == SQLITE_ROW) {
		k = review_criterion_find(rs, store_col_text(p, 0));
		if (k >= 0)
			out->scores[k] = sqlite3_column_int(p, 1);
	}
	sqlite3_reset(p);
	return rc == SQLITE_DONE ? STORE_OK : store_map_rc(rc);
}

static void
bind_review(sqlite3_stmt *p, const struct review_data *r, bool complete)
{
	if (complete)
		sqlite3_bind_double(p, 3, r->score);
	if (r->confidence >= 1 && r->confidence <= 5)
		sqlite3_bind_int(p, 4, r->confidence);
	store_bind_text(p, 5, r->comment_committee);
	store_bind_text(p, 6, r->comment_proposer);
	store_bind_text(
	    p, 7, r->status == REVIEW_SUBMITTED ? "submitted" : "draft");
}

static bool
scores_complete(const struct review_settings *rs, const struct review_data *r)
{
	size_t i;

	if (rs->ncriteria == 0 || r->nscores < rs->ncriteria)
		return false;
	for (i = 0; i < rs->ncriteria; i++)
		if (r->scores[i] < REVIEW_SCORE_MIN ||
		    r->scores[i] > REVIEW_SCORE_MAX)
			return false;
	return true;
}

static int
write_scores(struct store *st, const struct review_settings *rs,
    int64_t review_id, const struct review_data *r)
{
	sqlite3_stmt *p = store_sql(st, sql_scores_delete);
	size_t i;
	int rc;

	sqlite3_bind_int64(p, 1, review_id);
	if ((rc = store_step_done(p)) != SQLITE_OK)
		return rc;
	for (i = 0; i < rs->ncriteria && i < r->nscores; i++) {
		if (r->scores[i] < REVIEW_SCORE_MIN ||
		    r->scores[i] > REVIEW_SCORE_MAX)
			continue;
		p = store_sql(st, sql_score_insert);
		sqlite3_bind_int64(p, 1, review_id);
		store_bind_text(p, 2, rs->criteria[i].key);
		sqlite3_bind_int(p, 3, r->scores[i]);
		if ((rc = store_step_done(p)) != SQLITE_OK)
			return rc;
	}
	return SQLITE_OK;
}

enum store_err
store_review_save(struct store *st, int64_t event_id,
    const struct review_settings *rs, struct review_data *r, bool *stale)
{
	sqlite3_stmt *p;
	bool complete = scores_complete(rs, r);
	int64_t id = 0, version = 0, one;
	int rc;

	*stale = false;
	/* A submitted review has every score: the selection reads it. */
	if (r->status == REVIEW_SUBMITTED && !complete)
		return STORE_ERR_CONSTRAINT;
	if ((rc = store_tx_begin(st)) != SQLITE_OK)
		return fail(st, rc, NULL, "");
	p = store_sql(st, sql_assignable);
	sqlite3_bind_int64(p, 1, event_id);
	sqlite3_bind_int64(p, 2, r->proposal_id);
	sqlite3_bind_int64(p, 3, r->reviewer);
	if ((rc = store_step_int(p, &one)) != SQLITE_OK) {
		store_tx_rollback(st);
		return rc == SQLITE_NOTFOUND ? STORE_ERR_NOTFOUND
					     : store_map_rc(rc);
	}
	p = store_sql(st, sql_review_get);
	sqlite3_bind_int64(p, 1, r->proposal_id);
	sqlite3_bind_int64(p, 2, r->reviewer);
	if ((rc = sqlite3_step(p)) == SQLITE_ROW) {
		id = sqlite3_column_int64(p, 0);
		version = sqlite3_column_int64(p, 6);
	}
	sqlite3_reset(p);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return fail(st, rc, NULL, "");
	if (version != r->version) {
		*stale = true;
		store_tx_rollback(st);
		return STORE_OK;
	}
	if (id == 0) {
		p = store_sql(st, sql_review_insert);
		sqlite3_bind_int64(p, 1, r->proposal_id);
		sqlite3_bind_int64(p, 2, r->reviewer);
		bind_review(p, r, complete);
		rc = store_step_int(p, &id);
	} else {
		p = store_sql(st, sql_review_update);
		bind_review(p, r, complete);
		sqlite3_bind_int64(p, 1, id);
		sqlite3_bind_int64(p, 2, version);
		rc = store_step_done(p);
	}
	if (rc != SQLITE_OK ||
	    (rc = write_scores(st, rs, id, r)) != SQLITE_OK ||
	    (rc = store_tx_commit(st)) != SQLITE_OK)
		return fail(st, rc, NULL, "");
	r->version = version + 1;
	return STORE_OK;
}

enum store_err
store_reviews_put(struct store *st, int64_t event_id,
    const struct review_settings *rs, const struct review_data *list, size_t n,
    struct buf *msg)
{
	sqlite3_stmt *p;
	int64_t id;
	size_t i;
	int rc;

	(void)event_id;
	if ((rc = store_tx_begin(st)) != SQLITE_OK)
		return fail(st, rc, msg, "starting a transaction");
	for (i = 0; i < n; i++) {
		const struct review_data *r = &list[i];

		p = store_sql(st, sql_review_upsert);
		sqlite3_bind_int64(p, 1, r->proposal_id);
		sqlite3_bind_int64(p, 2, r->reviewer);
		bind_review(p, r, scores_complete(rs, r));
		if ((rc = store_step_int(p, &id)) != SQLITE_OK ||
		    (rc = write_scores(st, rs, id, r)) != SQLITE_OK)
			return fail(st, rc, msg, "saving a review");
	}
	if ((rc = store_tx_commit(st)) != SQLITE_OK)
		return fail(st, rc, msg, "committing");
	return STORE_OK;
}

enum store_err
store_review_pairs(
    struct store *st, int64_t event_id, struct review_pair **out, size_t *n)
{
	sqlite3_stmt *p = store_sql(st, sql_pairs);
	size_t cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	sqlite3_bind_int64(p, 1, event_id);
	while ((rc = sqlite3_step(p)) == SQLITE_ROW) {
		XGROW(*out, cap, *n + 1);
		(*out)[*n].proposal_id = sqlite3_column_int64(p, 0);
		(*out)[*n].reviewer = sqlite3_column_int64(p, 1);
		(*out)[*n].synthetic = sqlite3_column_int(p, 2) != 0;
		(*out)[*n].status = status_of(store_col_text(p, 3));
		(*n)++;
	}
	sqlite3_reset(p);
	if (rc != SQLITE_DONE) {
		free(*out);
		*out = NULL;
		*n = 0;
		return store_map_rc(rc);
	}
	return STORE_OK;
}

/* ---- assignment ---- */

struct pair {
	int64_t a, b;
};

static int
cmp_pair(const void *x, const void *y)
{
	const struct pair *p = x, *q = y;

	if (p->a != q->a)
		return (p->a > q->a) - (p->a < q->a);
	return (p->b > q->b) - (p->b < q->b);
}

static int
load_pairs(struct store *st, const char *sql, int64_t event_id,
    struct pair **out, size_t *n)
{
	sqlite3_stmt *p = store_sql(st, sql);
	size_t cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	sqlite3_bind_int64(p, 1, event_id);
	while ((rc = sqlite3_step(p)) == SQLITE_ROW) {
		XGROW(*out, cap, *n + 1);
		(*out)[*n].a = sqlite3_column_int64(p, 0);
		(*out)[*n].b = sqlite3_column_int64(p, 1);
		(*n)++;
	}
	sqlite3_reset(p);
	return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

static bool
has_pair(const struct pair *v, size_t n, int64_t a, int64_t b)
{
	struct pair key = { a, b };

	return n > 0 && bsearch(&key, v, n, sizeof(*v), cmp_pair) != NULL;
}

/* What the affinity needs about a proposal. */
struct aprop {
	int64_t id;
	char *language;
	int64_t main_theme; /* 0 when none */
	int64_t *others;
	size_t nothers;
	char *text; /* title, abstract, description; freed once vectorised */
};

/* A reviewer's level in a theme (by theme id). */
static enum expertise
level_in(const struct pair *rt, size_t nrt, int64_t person, int64_t theme)
{
	/* rt: (person, theme) pairs, b's low bit cleared for main: see
	 * load below, where b = theme * 2 + is_main. */
	if (theme == 0)
		return EXPERTISE_NONE;
	if (has_pair(rt, nrt, person, theme * 2 + 1))
		return EXPERTISE_MAIN;
	if (has_pair(rt, nrt, person, theme * 2))
		return EXPERTISE_SECONDARY;
	return EXPERTISE_NONE;
}

/* Appends s and a blank line to b, unless s is empty. */
static void
text_add(struct buf *b, const char *s)
{
	if (s != NULL && *s != '\0' && buf_addstr(b, s))
		buf_addstr(b, "\n\n");
}

static int
load_aprops(struct store *st, int64_t event_id, struct aprop **out, size_t *n)
{
	sqlite3_stmt *p = store_sql(st, sql_assign_proposals);
	size_t cap = 0, i = 0;
	struct buf b;
	int rc;

	*out = NULL;
	*n = 0;
	sqlite3_bind_int64(p, 1, event_id);
	while ((rc = sqlite3_step(p)) == SQLITE_ROW) {
		XGROW(*out, cap, *n + 1);
		memset(&(*out)[*n], 0, sizeof(**out));
		(*out)[*n].id = sqlite3_column_int64(p, 0);
		(*out)[*n].language = store_col_dup(p, 1);
		buf_init(&b, AFFINITY_TEXT_MAX);
		text_add(&b, store_col_text(p, 2));
		text_add(&b, store_col_text(p, 3));
		text_add(&b, store_col_text(p, 4));
		(*out)[*n].text = buf_detach(&b, NULL);
		(*n)++;
	}
	sqlite3_reset(p);
	if (rc != SQLITE_DONE)
		return rc;
	p = store_sql(st, sql_assign_proposal_themes);
	sqlite3_bind_int64(p, 1, event_id);
	while ((rc = sqlite3_step(p)) == SQLITE_ROW) {
		int64_t pid = sqlite3_column_int64(p, 0);
		int64_t tid = sqlite3_column_int64(p, 1);
		struct aprop *a;

		while (i < *n && (*out)[i].id < pid)
			i++;
		if (i == *n || (*out)[i].id != pid)
			continue;
		a = &(*out)[i];
		if (sqlite3_column_int(p, 2) && a->main_theme == 0) {
			a->main_theme = tid;
		} else {
			a->others = xreallocarray(
			    a->others, a->nothers + 1, sizeof(int64_t));
			a->others[a->nothers++] = tid;
		}
	}
	sqlite3_reset(p);
	/* A proposal without a main theme takes its first as main. */
	for (i = 0; i < *n; i++)
		if ((*out)[i].main_theme == 0 && (*out)[i].nothers > 0)
			(*out)[i].main_theme = (*out)[i].others[0];
	return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

static void
aprops_free(struct aprop *a, size_t n)
{
	size_t i;

	for (i = 0; a != NULL && i < n; i++) {
		free(a[i].language);
		free(a[i].others);
		free(a[i].text);
	}
	free(a);
}

static double
now_seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/*
 * Everything the affinity of a pair needs, read once: reviewers,
 * proposals, conflicts, expertise, and the TF-IDF vectors of the
 * proposals and of each reviewer's profile in each language
 * (core/review.h says what a profile holds).
 */
struct affinity_ctx {
	struct reviewer_profile *revs;
	size_t nrevs;
	struct aprop *props;
	size_t nprops;
	struct pair *conf, *rt;
	size_t nconf, nrt;
	float *cos; /* nprops x nrevs: proposal i, profile of reviewer j */
};

static void
affinity_ctx_release(struct affinity_ctx *c)
{
	reviewer_list_free(c->revs, c->nrevs);
	aprops_free(c->props, c->nprops);
	free(c->conf);
	free(c->rt);
	free(c->cos);
	memset(c, 0, sizeof(*c));
}

static size_t
reviewer_index(const struct affinity_ctx *c, int64_t person)
{
	size_t i;

	for (i = 0; i < c->nrevs; i++)
		if (c->revs[i].person_id == person)
			return i;
	return SIZE_MAX;
}

/* The profile text of reviewer j in language lang into b. */
static void
profile_text(const struct event *ev, const struct reviewer_profile *r,
    enum lang lang, const char *bio, const char *own, struct buf *b)
{
	size_t t, k, rep;

	text_add(b, bio);
	for (t = 0; t < ev->nthemes && t < r->nthemes; t++) {
		const struct theme *th = &ev->themes[t];

		if (r->expertise[t] == EXPERTISE_NONE)
			continue;
		for (rep = r->expertise[t] == EXPERTISE_MAIN ? 2 : 1; rep > 0;
		     rep--) {
			text_add(b, l10n_get(&th->name, lang));
			text_add(b, l10n_get(&th->description, lang));
			for (k = 0; k < th->nsubtopics; k++)
				text_add(
				    b, l10n_get(&th->subtopics[k].name, lang));
		}
	}
	text_add(b, own);
}

/*
 * c->cos from the vectors v (the proposals, then each reviewer's profile
 * in each language) and the proposals' languages: each profile is spread
 * into a dense array once, so a pair costs one pass over the proposal's
 * terms.
 */
static void
cosine_matrix(
    struct affinity_ctx *c, const struct svec *v, const enum lang *plang)
{
	size_t nr = c->nrevs, dim = 0, i, j, k, n = c->nprops + nr * LANG__MAX;
	float *dense;
	enum lang l;

	for (i = 0; i < n; i++)
		for (k = 0; k < v[i].n; k++)
			if (v[i].idx[k] >= dim)
				dim = (size_t)v[i].idx[k] + 1;
	dense = xcalloc(dim ? dim : 1, sizeof(*dense));
	c->cos = xcalloc(
	    c->nprops > 0 && nr > 0 ? c->nprops * nr : 1, sizeof(*c->cos));
	for (j = 0; j < nr; j++) {
		for (l = 0; l < LANG__MAX; l++) {
			const struct svec *r =
			    &v[c->nprops + j * LANG__MAX + l];

			if (r->n == 0)
				continue;
			for (k = 0; k < r->n; k++)
				dense[r->idx[k]] = r->val[k];
			for (i = 0; i < c->nprops; i++) {
				double d = 0;

				if (plang[i] != l)
					continue;
				for (k = 0; k < v[i].n; k++)
					d += (double)dense[v[i].idx[k]] *
					    v[i].val[k];
				c->cos[i * nr + j] = (float)d;
			}
			for (k = 0; k < r->n; k++)
				dense[r->idx[k]] = 0;
		}
	}
	free(dense);
}

/* Reads bios and own proposals, builds every vector. */
static int
load_vectors(struct store *st, const struct event *ev, struct affinity_ctx *c)
{
	size_t nr = c->nrevs, nvec, i, j;
	char **bio = xcalloc(nr ? nr : 1, sizeof(*bio));
	struct svec *v = NULL;
	enum lang *plang;
	struct buf *own = xcalloc(nr ? nr : 1, sizeof(*own));
	char **texts;
	sqlite3_stmt *p;
	struct buf b;
	int rc;
	enum lang l;

	for (j = 0; j < nr; j++)
		buf_init(&own[j], AFFINITY_TEXT_MAX);
	p = store_sql(st, sql_assign_bios);
	sqlite3_bind_int64(p, 1, ev->id);
	while ((rc = sqlite3_step(p)) == SQLITE_ROW)
		if ((j = reviewer_index(c, sqlite3_column_int64(p, 0))) < nr &&
		    bio[j] == NULL)
			bio[j] = store_col_dup(p, 1);
	sqlite3_reset(p);
	if (rc != SQLITE_DONE)
		goto out;
	p = store_sql(st, sql_assign_own_texts);
	sqlite3_bind_int64(p, 1, ev->id);
	while ((rc = sqlite3_step(p)) == SQLITE_ROW) {
		if ((j = reviewer_index(c, sqlite3_column_int64(p, 0))) >= nr)
			continue;
		text_add(&own[j], store_col_text(p, 1));
		text_add(&own[j], store_col_text(p, 2));
		text_add(&own[j], store_col_text(p, 3));
	}
	sqlite3_reset(p);
	if (rc != SQLITE_DONE)
		goto out;

	nvec = c->nprops + nr * LANG__MAX;
	texts = xcalloc(nvec ? nvec : 1, sizeof(*texts));
	plang = xcalloc(c->nprops ? c->nprops : 1, sizeof(*plang));
	for (i = 0; i < c->nprops; i++) {
		const char *code = c->props[i].language;

		texts[i] = c->props[i].text;
		if (code == NULL ||
		    !lang_parse(code, strlen(code), &plang[i]) ||
		    !event_has_lang(ev, plang[i]))
			plang[i] = ev->default_lang;
	}
	for (j = 0; j < nr; j++) {
		for (l = 0; l < LANG__MAX; l++) {
			buf_init(&b, AFFINITY_TEXT_MAX);
			if (event_has_lang(ev, l))
				profile_text(
				    ev, &c->revs[j], l, bio[j], own[j].s, &b);
			texts[c->nprops + j * LANG__MAX + l] =
			    buf_detach(&b, NULL);
		}
	}
	similar_vectors((const char *const *)texts, nvec, ev->default_lang, &v);
	cosine_matrix(c, v, plang);
	for (i = 0; i < nvec; i++)
		svec_release(&v[i]);
	free(v);
	for (i = c->nprops; i < nvec; i++)
		free(texts[i]);
	free(texts);
	free(plang);
	for (i = 0; i < c->nprops; i++) {
		free(c->props[i].text);
		c->props[i].text = NULL;
	}
	rc = SQLITE_DONE;
out:
	for (j = 0; j < nr; j++) {
		free(bio[j]);
		buf_release(&own[j]);
	}
	free(bio);
	free(own);
	return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

static int
affinity_ctx_load(struct store *st, const struct event *ev,
    struct affinity_ctx *c, const char **what)
{
	sqlite3_stmt *p;
	size_t rtcap = 0;
	int rc;

	memset(c, 0, sizeof(*c));
	*what = "reading the reviewers";
	if ((rc = load_reviewers(st, ev, 0, &c->revs, &c->nrevs)) !=
		SQLITE_OK ||
	    (rc = load_aprops(st, ev->id, &c->props, &c->nprops)) !=
		SQLITE_OK ||
	    (rc = load_pairs(st, sql_assign_conflicts, ev->id, &c->conf,
		 &c->nconf)) != SQLITE_OK)
		return rc;
	*what = "reading the reviewers' themes";
	p = store_sql(st, sql_assign_reviewer_themes);
	sqlite3_bind_int64(p, 1, ev->id);
	while ((rc = sqlite3_step(p)) == SQLITE_ROW) {
		XGROW(c->rt, rtcap, c->nrt + 1);
		c->rt[c->nrt].a = sqlite3_column_int64(p, 0);
		c->rt[c->nrt].b = sqlite3_column_int64(p, 1) * 2 +
		    (sqlite3_column_int(p, 2) != 0);
		c->nrt++;
	}
	sqlite3_reset(p);
	if (rc != SQLITE_DONE)
		return rc;
	if (c->nrt > 0)
		qsort(c->rt, c->nrt, sizeof(*c->rt), cmp_pair);
	*what = "reading the reviewers' profiles";
	return load_vectors(st, ev, c);
}

/* The affinity of proposal i and reviewer j, its parts into *parts. */
static int
pair_affinity(const struct affinity_ctx *c, size_t i, size_t j,
    struct affinity_parts *parts)
{
	const struct aprop *a = &c->props[i];
	int64_t r = c->revs[j].person_id;
	enum expertise other = EXPERTISE_NONE, l;
	size_t t;

	for (t = 0; t < a->nothers; t++) {
		if (a->others[t] == a->main_theme)
			continue;
		l = level_in(c->rt, c->nrt, r, a->others[t]);
		if (l > other)
			other = l;
	}
	return review_affinity_text(level_in(c->rt, c->nrt, r, a->main_theme),
	    other, langs_has(c->revs[j].languages, a->language),
	    c->cos[i * c->nrevs + j], parts);
}

/* CABILDO_ASSIGN_DUMP=FILE writes the instance as text for bench/assign.c
 * (assign_problem_format): a benchmarking aid, not a user feature. */
static bool
dump_instance(const struct assign_problem *pb, struct buf *msg)
{
	const char *path = getenv("CABILDO_ASSIGN_DUMP");
	struct buf b;
	FILE *f;
	bool ok;

	if (!path || !*path)
		return true;
	buf_init(&b, 0);
	assign_problem_format(pb, &b);
	f = fopen(path, "w");
	ok = f && !b.overflow && fwrite(b.s, 1, b.len, f) == b.len;
	if (f && fclose(f) != 0)
		ok = false;
	if (!ok && msg)
		buf_addf(msg, "cannot write CABILDO_ASSIGN_DUMP file %s", path);
	buf_release(&b);
	return ok;
}

enum store_err
store_review_assign(struct store *st, const struct event *ev,
    unsigned per_proposal, unsigned max_load, bool fair,
    struct review_assign_report *rep, struct buf *msg)
{
	struct affinity_ctx c;
	struct pair *kept = NULL;
	size_t nkept = 0;
	struct assign_edge *edges = NULL;
	size_t *first = NULL, ecap = 0, ne = 0, i, j, t;
	unsigned *loads = NULL;
	int64_t *pids = NULL, *rids = NULL;
	struct assign_problem pb;
	struct assign_result res;
	sqlite3_stmt *p;
	enum store_err e = STORE_OK;
	const char *what = "reading the reviewers";
	double t0;
	int rc;

	memset(rep, 0, sizeof(*rep));
	memset(&res, 0, sizeof(res));
	memset(&c, 0, sizeof(c));
	if ((rc = store_tx_begin(st)) != SQLITE_OK)
		return fail(st, rc, msg, "starting a transaction");
	t0 = now_seconds();
	if ((rc = refresh_conflicts(st, ev->id, &i)) != SQLITE_OK ||
	    (rc = affinity_ctx_load(st, ev, &c, &what)) != SQLITE_OK ||
	    (rc = load_pairs(st, sql_assign_existing, ev->id, &kept, &nkept)) !=
		SQLITE_OK) {
		e = fail(st, rc, msg, what);
		goto out;
	}

	rep->proposals = c.nprops;
	rep->reviewers = c.nrevs;
	first = xcalloc(c.nprops + 1, sizeof(*first));
	loads = xcalloc(c.nrevs ? c.nrevs : 1, sizeof(*loads));
	pids = xcalloc(c.nprops ? c.nprops : 1, sizeof(*pids));
	rids = xcalloc(c.nrevs ? c.nrevs : 1, sizeof(*rids));
	for (j = 0; j < c.nrevs; j++) {
		rids[j] = c.revs[j].person_id;
		loads[j] = c.revs[j].max_load >= 0
		    ? (unsigned)c.revs[j].max_load
		    : max_load;
	}
	for (i = 0; i < c.nprops; i++) {
		pids[i] = c.props[i].id;
		first[i] = ne;
		for (j = 0; j < c.nrevs; j++) {
			if (has_pair(c.conf, c.nconf, pids[i], rids[j]))
				continue;
			XGROW(edges, ecap, ne + 1);
			edges[ne].reviewer = (uint32_t)j;
			edges[ne].affinity = pair_affinity(&c, i, j, NULL);
			edges[ne].keep =
			    has_pair(kept, nkept, pids[i], rids[j]);
			if (edges[ne].keep)
				rep->kept++;
			ne++;
		}
	}
	first[c.nprops] = ne;
	rep->edges = ne;
	rep->affinity_seconds = now_seconds() - t0;
	memset(&pb, 0, sizeof(pb));
	pb.nproposals = c.nprops;
	pb.nreviewers = c.nrevs;
	pb.per_proposal = per_proposal;
	pb.max_load = loads;
	pb.first = first;
	pb.edges = edges;
	pb.proposal_ids = pids;
	pb.reviewer_ids = rids;
	if (!dump_instance(&pb, msg)) {
		store_tx_rollback(st);
		e = STORE_ERR_IO;
		goto out;
	}
	t0 = now_seconds();
	rep->status = (int)assign_solve(
	    &pb, fair ? ASSIGN_FAIR : ASSIGN_TOTAL, &res, msg);
	rep->seconds = now_seconds() - t0;
	if (rep->status != ASSIGN_OK) {
		store_tx_rollback(st);
		goto out;
	}
	rep->total_affinity = res.total_affinity;
	rep->worst = res.worst;
	for (i = 0; i < c.nprops; i++) {
		for (t = first[i]; t < first[i + 1]; t++) {
			if (!res.chosen[t] || edges[t].keep)
				continue;
			p = store_sql(st, sql_assignment_insert);
			sqlite3_bind_int64(p, 1, pids[i]);
			sqlite3_bind_int64(p, 2, rids[edges[t].reviewer]);
			if ((rc = store_step_done(p)) != SQLITE_OK) {
				e = fail(st, rc, msg, "saving the assignment");
				goto out;
			}
			rep->added++;
		}
	}
	if ((rc = store_tx_commit(st)) != SQLITE_OK)
		e = fail(st, rc, msg, "committing");
out:
	assign_result_release(&res);
	affinity_ctx_release(&c);
	free(kept);
	free(edges);
	free(first);
	free(loads);
	free(pids);
	free(rids);
	return e;
}

void
review_fit_list_free(struct review_fit *list, size_t n)
{
	size_t i;

	for (i = 0; list != NULL && i < n; i++)
		free(list[i].name);
	free(list);
}

static int
cmp_fit(const void *x, const void *y)
{
	const struct review_fit *a = x, *b = y;

	if (a->affinity != b->affinity)
		return a->affinity < b->affinity ? 1 : -1;
	return (a->reviewer > b->reviewer) - (a->reviewer < b->reviewer);
}

enum store_err
store_review_fit(struct store *st, const struct event *ev, int64_t proposal_id,
    struct review_fit **out, size_t *n)
{
	struct affinity_ctx c;
	struct pair *kept = NULL;
	size_t nkept = 0, i, j, cnt = 0;
	struct review_fit *list = NULL;
	const char *what;
	int rc;

	*out = NULL;
	*n = 0;
	if ((rc = store_tx_begin(st)) != SQLITE_OK)
		return store_map_rc(rc);
	if ((rc = affinity_ctx_load(st, ev, &c, &what)) != SQLITE_OK ||
	    (rc = load_pairs(st, sql_assign_existing, ev->id, &kept, &nkept)) !=
		SQLITE_OK) {
		store_tx_rollback(st);
		affinity_ctx_release(&c);
		return store_map_rc(rc);
	}
	store_tx_rollback(st);
	for (i = 0; i < c.nprops && c.props[i].id != proposal_id; i++)
		;
	if (i == c.nprops) {
		affinity_ctx_release(&c);
		free(kept);
		return STORE_ERR_NOTFOUND;
	}
	list = xcalloc(c.nrevs ? c.nrevs : 1, sizeof(*list));
	for (j = 0; j < c.nrevs; j++) {
		struct review_fit *f = &list[cnt++];

		f->reviewer = c.revs[j].person_id;
		f->name = xstrdup(c.revs[j].name != NULL ? c.revs[j].name : "");
		f->conflict =
		    has_pair(c.conf, c.nconf, proposal_id, f->reviewer);
		f->assigned = has_pair(kept, nkept, proposal_id, f->reviewer);
		f->affinity = pair_affinity(&c, i, j, &f->parts);
	}
	qsort(list, cnt, sizeof(*list), cmp_fit);
	affinity_ctx_release(&c);
	free(kept);
	*out = list;
	*n = cnt;
	return STORE_OK;
}

/* ---- progress ---- */

void
review_progress_release(struct review_progress *p)
{
	size_t i;

	reviewer_list_free(p->reviewers, p->nreviewers);
	for (i = 0; i < p->nproposals; i++)
		free(p->proposals[i].title);
	free(p->proposals);
	free(p->reviews);
	memset(p, 0, sizeof(*p));
}

struct idx {
	int64_t id;
	size_t i;
};

static int
cmp_idx(const void *a, const void *b)
{
	return cmp_i64(
	    &((const struct idx *)a)->id, &((const struct idx *)b)->id);
}

enum store_err
store_review_progress(
    struct store *st, const struct event *ev, struct review_progress *out)
{
	struct idx *ri = NULL, key, *hit;
	sqlite3_stmt *p;
	size_t cap = 0, i;
	int rc;

	memset(out, 0, sizeof(*out));
	if ((rc = load_reviewers(
		 st, ev, 0, &out->reviewers, &out->nreviewers)) != SQLITE_OK)
		return store_map_rc(rc);
	p = store_sql(st, sql_progress_proposals);
	sqlite3_bind_int64(p, 1, ev->id);
	while ((rc = sqlite3_step(p)) == SQLITE_ROW) {
		struct progress_proposal *q;

		XGROW(out->proposals, cap, out->nproposals + 1);
		q = &out->proposals[out->nproposals++];
		q->id = sqlite3_column_int64(p, 0);
		q->title = store_col_dup(p, 1);
		q->assigned = (size_t)sqlite3_column_int64(p, 2);
		q->drafts = (size_t)sqlite3_column_int64(p, 3);
		q->submitted = (size_t)sqlite3_column_int64(p, 4);
	}
	sqlite3_reset(p);
	if (rc != SQLITE_DONE)
		goto fail;
	ri = xcalloc(out->nreviewers ? out->nreviewers : 1, sizeof(*ri));
	for (i = 0; i < out->nreviewers; i++) {
		ri[i].id = out->reviewers[i].person_id;
		ri[i].i = i;
	}
	qsort(ri, out->nreviewers, sizeof(*ri), cmp_idx);
	cap = 0;
	p = store_sql(st, sql_progress_reviews);
	sqlite3_bind_int64(p, 1, ev->id);
	while ((rc = sqlite3_step(p)) == SQLITE_ROW) {
		struct progress_review *v;
		size_t lo = 0, hi = out->nproposals;
		int64_t pid = sqlite3_column_int64(p, 0);

		/* proposals are sorted by id */
		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;

			if (out->proposals[mid].id < pid)
				lo = mid + 1;
			else
				hi = mid;
		}
		key.id = sqlite3_column_int64(p, 1);
		hit = out->nreviewers > 0
		    ? bsearch(&key, ri, out->nreviewers, sizeof(*ri), cmp_idx)
		    : NULL;
		if (lo == out->nproposals || out->proposals[lo].id != pid ||
		    hit == NULL)
			continue;
		XGROW(out->reviews, cap, out->nreviews + 1);
		v = &out->reviews[out->nreviews++];
		v->proposal = lo;
		v->reviewer = hit->i;
		v->score = sqlite3_column_double(p, 2);
		v->confidence = sqlite3_column_int(p, 3);
	}
	sqlite3_reset(p);
	free(ri);
	if (rc != SQLITE_DONE)
		goto fail;
	return STORE_OK;
fail:
	review_progress_release(out);
	return store_map_rc(rc);
}

/* ---- demo reviewers ---- */

enum store_err
store_demo_reviewers_replace(struct store *st, const struct event *ev,
    const struct demo_reviewer *list, size_t n, struct buf *msg)
{
	int64_t *old = NULL, pid, aid;
	size_t nold = 0, cap = 0, i, t;
	sqlite3_stmt *p;
	char langs[16];
	int rc;

	if ((rc = store_tx_begin(st)) != SQLITE_OK)
		return fail(st, rc, msg, "starting a transaction");
	p = store_sql(st, sql_demo_old);
	sqlite3_bind_int64(p, 1, ev->id);
	while ((rc = sqlite3_step(p)) == SQLITE_ROW) {
		XGROW(old, cap, nold + 1);
		old[nold++] = sqlite3_column_int64(p, 0);
	}
	sqlite3_reset(p);
	if (rc != SQLITE_DONE)
		goto fail;
	for (i = 0; i < nold; i++) {
		static const char *const del[] = { sql_demo_del_reviews,
			sql_demo_del_assignments, sql_demo_del_person };
		size_t k;

		for (k = 0; k < ARRAY_SIZE(del); k++) {
			p = store_sql(st, del[k]);
			sqlite3_bind_int64(p, 1, old[i]);
			if ((rc = store_step_done(p)) != SQLITE_OK)
				goto fail;
		}
	}
	for (i = 0; i < n; i++) {
		const struct demo_reviewer *d = &list[i];

		langs_of(d->person.languages, langs);
		p = store_sql(st, sql_demo_person);
		store_bind_text(p, 1, d->person.name);
		store_bind_text(p, 2, d->person.email);
		store_bind_text(p, 3, d->person.organisation);
		store_bind_text(p, 4, sector_key(d->person.sector));
		store_bind_text(p, 5, d->person.country);
		store_bind_text(p, 6, d->person.gender);
		store_bind_text(p, 7, langs);
		if ((rc = store_step_int(p, &pid)) != SQLITE_OK)
			goto fail;
		p = store_sql(st, sql_demo_account);
		sqlite3_bind_int64(p, 1, pid);
		store_bind_text(p, 2, d->person.email);
		if ((rc = store_step_int(p, &aid)) != SQLITE_OK)
			goto fail;
		p = store_sql(st, sql_demo_role);
		sqlite3_bind_int64(p, 1, aid);
		sqlite3_bind_int64(p, 2, ev->id);
		if ((rc = store_step_done(p)) != SQLITE_OK)
			goto fail;
		p = store_sql(st, sql_demo_reviewer);
		sqlite3_bind_int64(p, 1, ev->id);
		sqlite3_bind_int64(p, 2, pid);
		if ((rc = store_step_done(p)) != SQLITE_OK)
			goto fail;
		for (t = 0; t < d->nthemes; t++) {
			if (d->themes[t] >= ev->nthemes)
				continue;
			p = store_sql(st, sql_reviewer_theme_insert);
			sqlite3_bind_int64(p, 1, ev->id);
			sqlite3_bind_int64(p, 2, pid);
			store_bind_text(p, 3, ev->themes[d->themes[t]].key);
			store_bind_text(
			    p, 4, d->main[t] ? "main" : "secondary");
			if ((rc = store_step_done(p)) != SQLITE_OK)
				goto fail;
		}
	}
	if ((rc = refresh_conflicts(st, ev->id, &i)) != SQLITE_OK ||
	    (rc = store_tx_commit(st)) != SQLITE_OK)
		goto fail;
	free(old);
	return STORE_OK;
fail:
	free(old);
	return fail(st, rc, msg, "saving the demo reviewers");
}
