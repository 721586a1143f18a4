/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * store_proposal.c: the SQLite side of store_proposal.h.
 */
#include "store/store_proposal.h"

#include <stdlib.h>
#include <string.h>

#include "store/store_account.h"
#include "store/store_int.h"
#include "util/util.h"

#define NOW "strftime('%Y-%m-%dT%H:%M:%SZ', 'now')"

static const char SQL_FORMAT_ID[] =
    "SELECT id FROM format WHERE event_id = ?1 AND key = ?2";
static const char SQL_THEME_ID[] =
    "SELECT id FROM theme WHERE event_id = ?1 AND key = ?2";
static const char SQL_INSERT[] =
    "INSERT INTO proposal (event_id, format_id, title, abstract, "
    "description, language, needs_interpretation, status, owner_id, "
    "submitted_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, CASE WHEN "
    "?8 = 'submitted' THEN " NOW " END) RETURNING id";
static const char SQL_UPDATE[] =
    "UPDATE proposal SET format_id = ?3, title = ?4, abstract = ?5, "
    "description = ?6, language = ?7, needs_interpretation = ?8, "
    "status = ?9, submitted_at = CASE WHEN ?9 = 'submitted' THEN "
    "coalesce(submitted_at, " NOW ") ELSE submitted_at END, "
    "updated_at = " NOW " WHERE id = ?1 AND event_id = ?2";
static const char SQL_THEMES_UNMAIN[] =
    "UPDATE proposal_theme SET is_main = 0 WHERE proposal_id = ?1";
static const char SQL_THEMES_DELETE[] =
    "DELETE FROM proposal_theme WHERE proposal_id = ?1 AND "
    "source = 'author'";
static const char SQL_THEME_PUT[] =
    "INSERT INTO proposal_theme (proposal_id, theme_id, is_main, source) "
    "VALUES (?1, ?2, ?3, 'author') ON CONFLICT (proposal_id, theme_id) "
    "DO UPDATE SET is_main = excluded.is_main, source = 'author'";
static const char SQL_SPEAKERS_MARK[] =
    "UPDATE proposal_speaker SET position = -1 - position "
    "WHERE proposal_id = ?1";
static const char SQL_SPEAKER_PUT[] =
    "INSERT INTO proposal_speaker (proposal_id, person_id, position, "
    "status) VALUES (?1, ?2, ?3, ?4) ON CONFLICT (proposal_id, person_id) "
    "DO UPDATE SET position = excluded.position";
static const char SQL_SPEAKERS_STALE[] =
    "DELETE FROM proposal_speaker WHERE proposal_id = ?1 AND position < 0";
static const char SQL_PERSON_BY_EMAIL[] =
    "SELECT id FROM person WHERE email = ?1";
static const char SQL_PERSON_NEW[] =
    "INSERT INTO person (name, email) VALUES (?1, ?1) RETURNING id";
static const char SQL_LOAD[] =
    "SELECT p.id, p.event_id, p.owner_id, p.title, p.abstract, "
    "p.description, f.key, p.language, p.needs_interpretation, p.status, "
    "p.updated_at FROM proposal p JOIN format f ON f.id = p.format_id "
    "WHERE p.id = ?1 AND p.event_id = ?2";
static const char SQL_LOAD_THEMES[] =
    "SELECT t.key, pt.is_main FROM proposal_theme pt JOIN theme t "
    "ON t.id = pt.theme_id WHERE pt.proposal_id = ?1 "
    "ORDER BY pt.is_main DESC, t.position";
static const char SQL_LOAD_SPEAKERS[] =
    "SELECT pe.email FROM proposal_speaker ps JOIN person pe "
    "ON pe.id = ps.person_id WHERE ps.proposal_id = ?1 AND "
    "ps.position > 0 ORDER BY ps.position";
static const char SQL_ANSWER_PUT[] =
    "INSERT INTO proposal_answer (proposal_id, question, value) "
    "VALUES (?1, ?2, ?3) ON CONFLICT (proposal_id, question) DO UPDATE "
    "SET value = excluded.value, updated_at = CASE WHEN value = "
    "excluded.value THEN updated_at ELSE " NOW " END";
static const char SQL_ANSWER_DELETE[] =
    "DELETE FROM proposal_answer WHERE proposal_id = ?1 AND question = ?2";
static const char SQL_LOAD_ANSWERS[] =
    "SELECT question, value FROM proposal_answer WHERE proposal_id = ?1 "
    "ORDER BY question";
static const char SQL_EVENT_ANSWERS[] =
    "SELECT a.proposal_id, a.question, a.value FROM proposal_answer a "
    "JOIN proposal p ON p.id = a.proposal_id WHERE p.event_id = ?1 AND "
    "p.status <> 'draft' ORDER BY a.proposal_id, a.question";
static const char SQL_MINE[] = "SELECT id FROM proposal WHERE event_id = ?1 "
			       "AND owner_id = ?2 ORDER BY id DESC";
static const char SQL_STATUS[] =
    "UPDATE proposal SET status = ?3, updated_at = " NOW
    " WHERE id = ?1 AND event_id = ?2";
/* Whether proposal p has a (not declined) speaker from the state, or one
 * from outside it; for the sector-mix filter. */
#define SPEAKERS_WITH(cond)                                                  \
	"EXISTS (SELECT 1 FROM proposal_speaker xs JOIN person xp ON "       \
	"xp.id = xs.person_id WHERE xs.proposal_id = p.id AND xs.status <> " \
	"'declined' AND xp.sector " cond ")"
#define STATE_SECTORS     "('government', 'legislature', 'judiciary')"
#define SPEAKERS_STATE    SPEAKERS_WITH("IN " STATE_SECTORS)
#define SPEAKERS_NONSTATE SPEAKERS_WITH("NOT IN " STATE_SECTORS)

static const char SQL_LIST[] =
    "SELECT p.id, p.title, f.key, t.key, p.language, p.status, pe.name, "
    "pe.organisation, pe.sector, pe.country, pe.gender, "
    "(SELECT count(*) FROM proposal_speaker x WHERE x.proposal_id = p.id), "
    "p.submitted_at "
    "FROM proposal p JOIN format f ON f.id = p.format_id "
    "LEFT JOIN proposal_theme pt ON pt.proposal_id = p.id AND "
    "pt.is_main = 1 LEFT JOIN theme t ON t.id = pt.theme_id "
    "LEFT JOIN proposal_speaker s0 ON s0.proposal_id = p.id AND "
    "s0.position = 0 LEFT JOIN person pe ON pe.id = s0.person_id "
    "WHERE p.event_id = ?1 AND p.status <> 'draft' "
    "AND (?2 IS NULL OR t.key = ?2) AND (?3 IS NULL OR f.key = ?3) "
    "AND (?4 IS NULL OR p.language = ?4) AND (?5 IS NULL OR p.status = ?5) "
    "AND (?6 IS NULL OR pe.country = ?6) AND (?7 IS NULL OR p.id IN "
    "(SELECT rowid FROM proposal_fts WHERE proposal_fts MATCH ?7)) "
    "AND (?8 IS NULL OR (CASE ?8 "
    "WHEN 'mixed' THEN " SPEAKERS_STATE " AND " SPEAKERS_NONSTATE " "
    "WHEN 'state' THEN " SPEAKERS_STATE " AND NOT " SPEAKERS_NONSTATE " "
    "WHEN 'non-state' THEN NOT " SPEAKERS_STATE " END)) "
    "ORDER BY p.id";

static enum store_err
map(int rc)
{
	return rc == SQLITE_NOTFOUND ? STORE_ERR_NOTFOUND : store_map_rc(rc);
}

void
cfp_proposal_release(struct cfp_proposal *p)
{
	size_t i;

	free(p->title);
	free(p->abstract);
	free(p->description);
	free(p->format);
	free(p->theme);
	for (i = 0; i < p->nsecondary; i++)
		free(p->secondary[i]);
	free(p->language);
	for (i = 0; i < p->ncospeakers; i++)
		free(p->cospeakers[i]);
	for (i = 0; i < p->nanswers; i++) {
		free(p->answers[i].question);
		free(p->answers[i].value);
	}
	free(p->answers);
	free(p->updated_at);
	memset(p, 0, sizeof(*p));
}

const char *
cfp_answer_get(const struct cfp_proposal *p, const char *id)
{
	size_t i;

	for (i = 0; i < p->nanswers; i++)
		if (strcmp(p->answers[i].question, id) == 0)
			return p->answers[i].value;
	return "";
}

void
cfp_answer_set(struct cfp_proposal *p, const char *id, const char *value)
{
	size_t i;

	for (i = 0; i < p->nanswers; i++) {
		if (strcmp(p->answers[i].question, id) == 0) {
			free(p->answers[i].value);
			p->answers[i].value = xstrdup(value);
			return;
		}
	}
	p->answers =
	    xreallocarray(p->answers, p->nanswers + 1, sizeof(*p->answers));
	p->answers[p->nanswers].question = xstrdup(id);
	p->answers[p->nanswers++].value = xstrdup(value);
}

static int
save_answers(struct store *st, const struct cfp_proposal *pr)
{
	sqlite3_stmt *p;
	size_t i;
	int rc;

	for (i = 0; i < pr->nanswers; i++) {
		const struct cfp_answer *a = &pr->answers[i];

		if (a->value == NULL || *a->value == '\0') {
			p = store_sql(st, SQL_ANSWER_DELETE);
			sqlite3_bind_int64(p, 1, pr->id);
			store_bind_text(p, 2, a->question);
		} else {
			p = store_sql(st, SQL_ANSWER_PUT);
			sqlite3_bind_int64(p, 1, pr->id);
			store_bind_text(p, 2, a->question);
			store_bind_text(p, 3, a->value);
		}
		if ((rc = store_step_done(p)) != SQLITE_OK)
			return rc;
	}
	return SQLITE_OK;
}

static int
key_id(struct store *st, const char *sql, int64_t event_id, const char *key,
    int64_t *id, const char *what, struct buf *msg)
{
	sqlite3_stmt *p = store_sql(st, sql);
	int rc;

	sqlite3_bind_int64(p, 1, event_id);
	store_bind_text(p, 2, key);
	rc = store_step_int(p, id);
	if (rc == SQLITE_NOTFOUND && msg != NULL)
		buf_addf(msg, "unknown %s '%s'", what, key != NULL ? key : "");
	return rc;
}

static int
person_for(struct store *st, const char *email, int64_t *id)
{
	sqlite3_stmt *p = store_sql(st, SQL_PERSON_BY_EMAIL);
	int rc;

	store_bind_text(p, 1, email);
	rc = store_step_int(p, id);
	if (rc != SQLITE_NOTFOUND)
		return rc;
	/* Invited by address: the name is the address until they sign up. */
	p = store_sql(st, SQL_PERSON_NEW);
	store_bind_text(p, 1, email);
	return store_step_int(p, id);
}

static int
save_themes(struct store *st, const struct cfp_proposal *pr, struct buf *msg)
{
	sqlite3_stmt *p;
	int64_t tid;
	size_t i;
	int rc;

	p = store_sql(st, SQL_THEMES_UNMAIN);
	sqlite3_bind_int64(p, 1, pr->id);
	if ((rc = store_step_done(p)) != SQLITE_OK)
		return rc;
	p = store_sql(st, SQL_THEMES_DELETE);
	sqlite3_bind_int64(p, 1, pr->id);
	if ((rc = store_step_done(p)) != SQLITE_OK)
		return rc;
	for (i = 0; i <= pr->nsecondary; i++) {
		const char *key = i == 0 ? pr->theme : pr->secondary[i - 1];

		if (key == NULL || *key == '\0')
			continue;
		rc = key_id(
		    st, SQL_THEME_ID, pr->event_id, key, &tid, "theme", msg);
		if (rc != SQLITE_OK)
			return rc;
		p = store_sql(st, SQL_THEME_PUT);
		sqlite3_bind_int64(p, 1, pr->id);
		sqlite3_bind_int64(p, 2, tid);
		sqlite3_bind_int(p, 3, i == 0);
		if ((rc = store_step_done(p)) != SQLITE_OK)
			return rc;
	}
	return SQLITE_OK;
}

static int
save_speakers(struct store *st, const struct cfp_proposal *pr)
{
	sqlite3_stmt *p;
	int64_t pid;
	size_t i;
	int rc;

	p = store_sql(st, SQL_SPEAKERS_MARK);
	sqlite3_bind_int64(p, 1, pr->id);
	if ((rc = store_step_done(p)) != SQLITE_OK)
		return rc;
	for (i = 0; i <= pr->ncospeakers; i++) {
		if (i == 0)
			pid = pr->owner_id;
		else if ((rc = person_for(st, pr->cospeakers[i - 1], &pid)) !=
		    SQLITE_OK)
			return rc;
		if (pid == 0)
			continue;
		p = store_sql(st, SQL_SPEAKER_PUT);
		sqlite3_bind_int64(p, 1, pr->id);
		sqlite3_bind_int64(p, 2, pid);
		sqlite3_bind_int64(p, 3, (int64_t)i);
		store_bind_text(p, 4, i == 0 ? "accepted" : "invited");
		if ((rc = store_step_done(p)) != SQLITE_OK)
			return rc;
	}
	p = store_sql(st, SQL_SPEAKERS_STALE);
	sqlite3_bind_int64(p, 1, pr->id);
	return store_step_done(p);
}

static void
bind_body(sqlite3_stmt *p, int first, const struct cfp_proposal *pr,
    int64_t format_id)
{
	sqlite3_bind_int64(p, first, format_id);
	store_bind_text(p, first + 1, pr->title != NULL ? pr->title : "");
	store_bind_text(p, first + 2, pr->abstract);
	store_bind_text(p, first + 3, pr->description);
	store_bind_text(p, first + 4, pr->language != NULL ? pr->language : "");
	sqlite3_bind_int(p, first + 5, pr->interpretation);
	store_bind_text(p, first + 6, proposal_status_key(pr->status));
}

/* Inserts or updates pr inside the caller's transaction. */
static int
save_one(struct store *st, struct cfp_proposal *pr, int64_t actor,
    const char *action, const char *detail, struct buf *msg)
{
	sqlite3_stmt *p;
	int64_t format_id, id = pr->id;
	int rc;

	rc = key_id(st, SQL_FORMAT_ID, pr->event_id, pr->format, &format_id,
	    "format", msg);
	if (rc != SQLITE_OK)
		return rc;
	if (id == 0) {
		p = store_sql(st, SQL_INSERT);
		sqlite3_bind_int64(p, 1, pr->event_id);
		bind_body(p, 2, pr, format_id);
		if (pr->owner_id != 0)
			sqlite3_bind_int64(p, 9, pr->owner_id);
		rc = store_step_int(p, &id);
	} else {
		p = store_sql(st, SQL_UPDATE);
		sqlite3_bind_int64(p, 1, id);
		sqlite3_bind_int64(p, 2, pr->event_id);
		bind_body(p, 3, pr, format_id);
		rc = store_step_done(p);
	}
	if (rc != SQLITE_OK)
		return rc;
	pr->id = id;
	if ((rc = save_themes(st, pr, msg)) != SQLITE_OK ||
	    (rc = save_speakers(st, pr)) != SQLITE_OK ||
	    (rc = save_answers(st, pr)) != SQLITE_OK)
		return rc;
	if (store_audit(st, actor, pr->event_id, "proposal", id, action,
		detail) != STORE_OK)
		return SQLITE_ERROR;
	return SQLITE_OK;
}

enum store_err
store_cfp_save(struct store *st, struct cfp_proposal *pr, int64_t actor,
    const char *action, const char *detail, struct buf *msg)
{
	int64_t orig = pr->id;
	int rc;

	if ((rc = store_tx_begin(st)) == SQLITE_OK &&
	    (rc = save_one(st, pr, actor, action, detail, msg)) == SQLITE_OK &&
	    (rc = store_tx_commit(st)) == SQLITE_OK)
		return STORE_OK;
	if (msg != NULL && msg->len == 0)
		store_msg_db(st, msg, "saving the proposal");
	store_tx_rollback(st);
	pr->id = orig;
	return map(rc);
}

static const char SQL_SPEAKER_NEW[] =
    "INSERT INTO person (name, email, organisation, sector, country) "
    "VALUES (?1, ?2, ?3, ?4, ?5) RETURNING id";

enum store_err
store_cfp_import(struct store *st, struct cfp_proposal *list,
    const struct cfp_person *owners, size_t n, int64_t actor, struct buf *msg)
{
	sqlite3_stmt *p;
	size_t i;
	int rc;

	if ((rc = store_tx_begin(st)) != SQLITE_OK)
		goto fail;
	for (i = 0; i < n; i++) {
		p = store_sql(st, SQL_PERSON_BY_EMAIL);
		store_bind_text(p, 1, owners[i].email);
		rc = store_step_int(p, &list[i].owner_id);
		if (rc == SQLITE_NOTFOUND) {
			p = store_sql(st, SQL_SPEAKER_NEW);
			store_bind_text(p, 1, owners[i].name);
			store_bind_text(p, 2, owners[i].email);
			store_bind_text(p, 3, owners[i].organisation);
			store_bind_text(p, 4, owners[i].sector);
			store_bind_text(p, 5, owners[i].country);
			rc = store_step_int(p, &list[i].owner_id);
		}
		if (rc != SQLITE_OK)
			goto fail;
		list[i].id = 0;
		rc = save_one(st, &list[i], actor, "import", NULL, msg);
		if (rc != SQLITE_OK)
			goto fail;
	}
	if ((rc = store_tx_commit(st)) != SQLITE_OK)
		goto fail;
	return STORE_OK;
fail:
	if (msg != NULL && msg->len == 0)
		store_msg_db(st, msg, "importing the proposals");
	store_tx_rollback(st);
	for (i = 0; i < n; i++)
		list[i].id = 0;
	return map(rc);
}

enum store_err
store_cfp_load(
    struct store *st, int64_t event_id, int64_t id, struct cfp_proposal *out)
{
	sqlite3_stmt *p = store_sql(st, SQL_LOAD);
	int rc;

	memset(out, 0, sizeof(*out));
	sqlite3_bind_int64(p, 1, id);
	sqlite3_bind_int64(p, 2, event_id);
	rc = sqlite3_step(p);
	if (rc != SQLITE_ROW) {
		sqlite3_reset(p);
		return rc == SQLITE_DONE ? STORE_ERR_NOTFOUND
					 : store_map_rc(rc);
	}
	out->id = sqlite3_column_int64(p, 0);
	out->event_id = sqlite3_column_int64(p, 1);
	out->owner_id = sqlite3_column_int64(p, 2);
	out->title = store_col_dup(p, 3);
	out->abstract = store_col_dup(p, 4);
	out->description = store_col_dup(p, 5);
	out->format = store_col_dup(p, 6);
	out->language = store_col_dup(p, 7);
	out->interpretation = sqlite3_column_int(p, 8) != 0;
	if (!proposal_status_parse(store_col_text(p, 9), &out->status))
		out->status = PROPOSAL_DRAFT;
	out->updated_at = store_col_dup(p, 10);
	sqlite3_reset(p);
	p = store_sql(st, SQL_LOAD_THEMES);
	sqlite3_bind_int64(p, 1, id);
	while ((rc = sqlite3_step(p)) == SQLITE_ROW) {
		if (sqlite3_column_int(p, 1) && out->theme == NULL)
			out->theme = store_col_dup(p, 0);
		else if (out->nsecondary < PROPOSAL_MAX_SECONDARY)
			out->secondary[out->nsecondary++] = store_col_dup(p, 0);
	}
	sqlite3_reset(p);
	p = store_sql(st, SQL_LOAD_SPEAKERS);
	sqlite3_bind_int64(p, 1, id);
	while ((rc = sqlite3_step(p)) == SQLITE_ROW)
		if (out->ncospeakers < CFP_MAX_COSPEAKERS)
			out->cospeakers[out->ncospeakers++] =
			    store_col_dup(p, 0);
	sqlite3_reset(p);
	if (rc != SQLITE_DONE)
		return store_map_rc(rc);
	p = store_sql(st, SQL_LOAD_ANSWERS);
	sqlite3_bind_int64(p, 1, id);
	while ((rc = sqlite3_step(p)) == SQLITE_ROW)
		cfp_answer_set(out, store_col_text(p, 0), store_col_text(p, 1));
	sqlite3_reset(p);
	return rc == SQLITE_DONE ? STORE_OK : store_map_rc(rc);
}

enum store_err
store_cfp_mine(struct store *st, int64_t event_id, int64_t person,
    struct cfp_proposal **out, size_t *n)
{
	sqlite3_stmt *p = store_sql(st, SQL_MINE);
	int64_t *ids = NULL;
	size_t cap = 0, count = 0, i;
	enum store_err e = STORE_OK;
	int rc;

	*out = NULL;
	*n = 0;
	sqlite3_bind_int64(p, 1, event_id);
	sqlite3_bind_int64(p, 2, person);
	while ((rc = sqlite3_step(p)) == SQLITE_ROW) {
		XGROW(ids, cap, count + 1);
		ids[count++] = sqlite3_column_int64(p, 0);
	}
	sqlite3_reset(p);
	if (rc != SQLITE_DONE) {
		free(ids);
		return store_map_rc(rc);
	}
	*out = xcalloc(count + 1, sizeof(**out));
	for (i = 0; i < count && e == STORE_OK; i++)
		e = store_cfp_load(st, event_id, ids[i], &(*out)[i]);
	*n = i;
	free(ids);
	return e;
}

void
cfp_proposals_free(struct cfp_proposal *list, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		cfp_proposal_release(&list[i]);
	free(list);
}

enum store_err
store_cfp_set_status(struct store *st, int64_t event_id, int64_t id,
    enum proposal_status status, int64_t actor)
{
	sqlite3_stmt *p;
	struct buf detail;
	int rc;

	if ((rc = store_tx_begin(st)) != SQLITE_OK)
		return map(rc);
	p = store_sql(st, SQL_STATUS);
	sqlite3_bind_int64(p, 1, id);
	sqlite3_bind_int64(p, 2, event_id);
	store_bind_text(p, 3, proposal_status_key(status));
	rc = store_step_done(p);
	buf_init(&detail, 256);
	buf_addf(&detail, "{\"status\":\"%s\"}", proposal_status_key(status));
	if (rc == SQLITE_OK &&
	    store_audit(st, actor, event_id, "proposal", id, "status",
		detail.s) != STORE_OK)
		rc = SQLITE_ERROR;
	buf_release(&detail);
	if (rc == SQLITE_OK)
		rc = store_tx_commit(st);
	if (rc != SQLITE_OK)
		store_tx_rollback(st);
	return map(rc);
}

/* Appends s[0..n) to b as an FTS5 string, its quotes doubled. */
static void
fts_string(struct buf *b, const char *s, size_t n)
{
	buf_addc(b, '"');
	for (; n > 0; n--, s++) {
		if (*s == '"')
			buf_addc(b, '"');
		buf_addc(b, *s);
	}
	buf_addc(b, '"');
}

/*
 * The search box's text as an FTS5 query.  Every piece is quoted, so no
 * input can be an FTS5 syntax error; all pieces must match (AND):
 *   word      ("word" OR "word"*)  the word or one sharing its stem
 *                                  (store_fts.c), or any word it begins
 *   word*     "word"*              only words it begins (no stemming)
 *   "a b"     "a b"                the words in a row, each stemmed; an
 *                                  unclosed quote runs to the end
 * NULL when q has no piece.
 */
static char *
fts_query(const char *q)
{
	struct buf b;
	size_t n, k;

	/* A one-letter word becomes ` AND ("a" OR "a"*)`: 19 bytes for 2. */
	buf_init(&b, 16 * strlen(q) + 64);
	while (*q != '\0') {
		while (*q == ' ' || *q == '\t' || *q == '\n' || *q == '\r')
			q++;
		if (*q == '"') {
			q++;
			n = strcspn(q, "\"");
			if (n > 0) {
				if (b.len > 0)
					buf_addstr(&b, " AND ");
				fts_string(&b, q, n);
			}
			q += n;
			if (*q == '"')
				q++;
			continue;
		}
		n = strcspn(q, " \t\n\r\"");
		if (n == 0)
			break;
		for (k = n; k > 0 && q[k - 1] == '*'; k--)
			;
		if (k > 0 && b.len > 0)
			buf_addstr(&b, " AND ");
		if (k > 0 && k < n) {
			fts_string(&b, q, k);
			buf_addc(&b, '*');
		} else if (k > 0) {
			buf_addc(&b, '(');
			fts_string(&b, q, k);
			buf_addstr(&b, " OR ");
			fts_string(&b, q, k);
			buf_addstr(&b, "*)");
		}
		q += n;
	}
	if (b.len == 0 || b.overflow) {
		buf_release(&b);
		return NULL;
	}
	return buf_detach(&b, NULL);
}

enum store_err
store_cfp_list(struct store *st, int64_t event_id, const struct cfp_filter *f,
    struct cfp_row **out, size_t *n)
{
	sqlite3_stmt *p = store_sql(st, SQL_LIST);
	struct cfp_row *rows = NULL, *r;
	size_t cap = 0, count = 0;
	char *q = f->query != NULL ? fts_query(f->query) : NULL;
	int rc;

	sqlite3_bind_int64(p, 1, event_id);
	store_bind_text(p, 2, f->theme);
	store_bind_text(p, 3, f->format);
	store_bind_text(p, 4, f->language);
	store_bind_text(p, 5, f->status);
	store_bind_text(p, 6, f->country);
	store_bind_text(p, 7, q);
	store_bind_text(p, 8, f->sector_mix);
	while ((rc = sqlite3_step(p)) == SQLITE_ROW) {
		XGROW(rows, cap, count + 1);
		r = &rows[count++];
		r->id = sqlite3_column_int64(p, 0);
		r->title = store_col_dup(p, 1);
		r->format = store_col_dup(p, 2);
		r->theme = store_col_dup(p, 3);
		r->language = store_col_dup(p, 4);
		r->status = store_col_dup(p, 5);
		r->name = store_col_dup(p, 6);
		r->organisation = store_col_dup(p, 7);
		r->sector = store_col_dup(p, 8);
		r->country = store_col_dup(p, 9);
		r->gender = store_col_dup(p, 10);
		r->nspeakers = sqlite3_column_int(p, 11);
		r->submitted_at = store_col_dup(p, 12);
	}
	sqlite3_reset(p);
	free(q);
	*out = rows;
	*n = count;
	if (rc != SQLITE_DONE) {
		cfp_rows_free(rows, count);
		*out = NULL;
		*n = 0;
		return store_map_rc(rc);
	}
	return STORE_OK;
}

void
cfp_rows_free(struct cfp_row *rows, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(rows[i].title);
		free(rows[i].format);
		free(rows[i].theme);
		free(rows[i].language);
		free(rows[i].status);
		free(rows[i].name);
		free(rows[i].organisation);
		free(rows[i].sector);
		free(rows[i].country);
		free(rows[i].gender);
		free(rows[i].submitted_at);
	}
	free(rows);
}

static const char SQL_HISTORY[] =
    "SELECT a.at, pe.name, a.action, a.detail FROM audit_log a LEFT JOIN "
    "person pe ON pe.id = a.actor_id WHERE a.entity = 'proposal' AND "
    "a.entity_id = ?1 AND a.event_id = ?2 ORDER BY a.id";

enum store_err
store_cfp_history(struct store *st, int64_t event_id, int64_t id,
    struct cfp_change **out, size_t *n)
{
	sqlite3_stmt *p = store_sql(st, SQL_HISTORY);
	struct cfp_change *list = NULL, *c;
	size_t cap = 0, count = 0;
	int rc;

	sqlite3_bind_int64(p, 1, id);
	sqlite3_bind_int64(p, 2, event_id);
	while ((rc = sqlite3_step(p)) == SQLITE_ROW) {
		XGROW(list, cap, count + 1);
		c = &list[count++];
		c->at = store_col_dup(p, 0);
		c->actor = store_col_dup(p, 1);
		c->action = store_col_dup(p, 2);
		c->detail = store_col_dup(p, 3);
	}
	sqlite3_reset(p);
	*out = list;
	*n = count;
	if (rc != SQLITE_DONE) {
		cfp_history_free(list, count);
		*out = NULL;
		*n = 0;
		return store_map_rc(rc);
	}
	return STORE_OK;
}

void
cfp_history_free(struct cfp_change *list, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(list[i].at);
		free(list[i].actor);
		free(list[i].action);
		free(list[i].detail);
	}
	free(list);
}

static const char SQL_INVITATIONS[] =
    "SELECT p.id, p.title, o.name, s.status FROM proposal_speaker s "
    "JOIN proposal p ON p.id = s.proposal_id LEFT JOIN person o "
    "ON o.id = p.owner_id WHERE p.event_id = ?1 AND s.person_id = ?2 AND "
    "s.position > 0 AND p.status NOT IN ('draft', 'withdrawn') "
    "ORDER BY p.id DESC";
static const char SQL_ANSWER[] =
    "UPDATE proposal_speaker SET status = ?4 WHERE proposal_id = ?1 AND "
    "person_id = ?3 AND position > 0 AND proposal_id IN (SELECT id FROM "
    "proposal WHERE event_id = ?2)";

enum store_err
store_cfp_invitations(struct store *st, int64_t event_id, int64_t person,
    struct cfp_invitation **out, size_t *n)
{
	sqlite3_stmt *p = store_sql(st, SQL_INVITATIONS);
	struct cfp_invitation *list = NULL, *c;
	size_t cap = 0, count = 0;
	int rc;

	sqlite3_bind_int64(p, 1, event_id);
	sqlite3_bind_int64(p, 2, person);
	while ((rc = sqlite3_step(p)) == SQLITE_ROW) {
		XGROW(list, cap, count + 1);
		c = &list[count++];
		c->id = sqlite3_column_int64(p, 0);
		c->title = store_col_dup(p, 1);
		c->owner = store_col_dup(p, 2);
		c->status = store_col_dup(p, 3);
	}
	sqlite3_reset(p);
	*out = list;
	*n = count;
	if (rc != SQLITE_DONE) {
		cfp_invitations_free(list, count);
		*out = NULL;
		*n = 0;
		return store_map_rc(rc);
	}
	return STORE_OK;
}

void
cfp_invitations_free(struct cfp_invitation *list, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(list[i].title);
		free(list[i].owner);
		free(list[i].status);
	}
	free(list);
}

enum store_err
store_cfp_answer(
    struct store *st, int64_t event_id, int64_t id, int64_t person, bool accept)
{
	sqlite3_stmt *p;
	int rc;

	if ((rc = store_tx_begin(st)) != SQLITE_OK)
		return map(rc);
	p = store_sql(st, SQL_ANSWER);
	sqlite3_bind_int64(p, 1, id);
	sqlite3_bind_int64(p, 2, event_id);
	sqlite3_bind_int64(p, 3, person);
	store_bind_text(p, 4, accept ? "accepted" : "declined");
	rc = store_step_done(p);
	if (rc == SQLITE_OK && sqlite3_changes(st->db) == 0)
		rc = SQLITE_NOTFOUND;
	if (rc == SQLITE_OK &&
	    store_audit(st, person, event_id, "proposal", id,
		accept ? "speaker-accept" : "speaker-decline",
		NULL) != STORE_OK)
		rc = SQLITE_ERROR;
	if (rc == SQLITE_OK)
		rc = store_tx_commit(st);
	if (rc != SQLITE_OK)
		store_tx_rollback(st);
	return map(rc);
}

enum store_err
store_cfp_answers(
    struct store *st, int64_t event_id, struct cfp_answer_row **out, size_t *n)
{
	sqlite3_stmt *p = store_sql(st, SQL_EVENT_ANSWERS);

	sqlite3_bind_int64(p, 1, event_id);
	return store_answer_rows(p, out, n);
}

enum store_err
store_answer_rows(sqlite3_stmt *p, struct cfp_answer_row **out, size_t *n)
{
	struct cfp_answer_row *rows = NULL;
	size_t cap = 0, count = 0;
	int rc;

	while ((rc = sqlite3_step(p)) == SQLITE_ROW) {
		XGROW(rows, cap, count + 1);
		rows[count].proposal_id = sqlite3_column_int64(p, 0);
		rows[count].question = store_col_dup(p, 1);
		rows[count++].value = store_col_dup(p, 2);
	}
	sqlite3_reset(p);
	*out = rows;
	*n = count;
	return rc == SQLITE_DONE ? STORE_OK : store_map_rc(rc);
}

void
cfp_answer_rows_free(struct cfp_answer_row *rows, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(rows[i].question);
		free(rows[i].value);
	}
	free(rows);
}
