/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * store_text.c: the SQLite side of store_text.h.
 */
#include "store/store_text.h"

#include <stdlib.h>
#include <string.h>

#include "store/store_int.h"
#include "util/util.h"

static const char SQL_PROPOSAL_TEXTS[] =
    "SELECT p.id, p.title, p.abstract, p.language, t.key, pt.source "
    "FROM proposal p LEFT JOIN proposal_theme pt ON pt.proposal_id = p.id "
    "AND pt.is_main = 1 LEFT JOIN theme t ON t.id = pt.theme_id "
    "WHERE p.event_id = ?1 ORDER BY p.id";
static const char SQL_SUGGESTION_ADD[] =
    "INSERT OR IGNORE INTO proposal_theme (proposal_id, theme_id, is_main, "
    "source) SELECT p.id, t.id, ?3 AND NOT EXISTS (SELECT 1 FROM "
    "proposal_theme m WHERE m.proposal_id = p.id AND m.is_main = 1), "
    "'classifier' FROM proposal p JOIN theme t ON t.event_id = p.event_id "
    "WHERE p.id = ?1 AND p.event_id = ?4 AND t.key = ?2";
static const char SQL_PROPOSAL_OF_EVENT[] =
    "SELECT 1 FROM proposal WHERE id = ?1 AND event_id = ?2";
static const char SQL_THEME_DEMOTE[] =
    "UPDATE proposal_theme SET is_main = 0 WHERE proposal_id = ?1";
static const char SQL_THEME_CONFIRM[] =
    "INSERT INTO proposal_theme (proposal_id, theme_id, is_main, source) "
    "SELECT ?1, t.id, 1, 'organiser' FROM theme t WHERE t.event_id = ?2 "
    "AND t.key = ?3 ON CONFLICT (proposal_id, theme_id) DO UPDATE SET "
    "is_main = 1, source = 'organiser'";
static const char SQL_THEME_AUDIT[] =
    "INSERT INTO audit_log (actor_id, event_id, entity, entity_id, "
    "action, detail) VALUES (nullif(?1, 0), ?2, 'proposal', ?3, "
    "'theme', json_object('theme', ?4))";

void
proposal_texts_free(struct proposal_text *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(v[i].title);
		free(v[i].abstract);
	}
	free(v);
}

static enum theme_source
source_parse(const char *s)
{
	int i;

	for (i = 0; s != NULL && i < THEME_SOURCE__MAX; i++)
		if (strcmp(s, theme_source_key((enum theme_source)i)) == 0)
			return (enum theme_source)i;
	return THEME_SOURCE_AUTHOR;
}

enum store_err
store_proposal_texts(struct store *st, const struct event *ev,
    struct proposal_text **out, size_t *n)
{
	sqlite3_stmt *p = store_sql(st, SQL_PROPOSAL_TEXTS);
	struct proposal_text *v = NULL;
	size_t cap = 0, k = 0;
	int rc;

	sqlite3_bind_int64(p, 1, ev->id);
	while ((rc = sqlite3_step(p)) == SQLITE_ROW) {
		struct proposal_text *t;
		const char *lang = store_col_text(p, 3);
		const char *key = store_col_text(p, 4);

		XGROW(v, cap, k + 1);
		t = &v[k++];
		memset(t, 0, sizeof(*t));
		t->id = sqlite3_column_int64(p, 0);
		t->title =
		    xstrdup(store_col_text(p, 1) ? store_col_text(p, 1) : "");
		t->abstract = store_col_dup(p, 2);
		if (lang == NULL ||
		    !lang_parse(lang, strlen(lang), &t->language))
			t->language = ev->default_lang;
		t->theme = key != NULL ? event_theme_find(ev, key) : -1;
		t->source = source_parse(store_col_text(p, 5));
	}
	sqlite3_reset(p);
	if (rc != SQLITE_DONE) {
		proposal_texts_free(v, k);
		*out = NULL;
		*n = 0;
		return store_map_rc(rc);
	}
	*out = v;
	*n = k;
	return STORE_OK;
}

enum store_err
store_theme_suggestions_save(struct store *st, const struct event *ev,
    const struct theme_suggestion *v, size_t n, struct buf *msg)
{
	size_t i;
	int rc;

	if ((rc = store_tx_begin(st)) != SQLITE_OK) {
		store_msg_db(st, msg, "begin");
		return store_map_rc(rc);
	}
	for (i = 0; i < n; i++) {
		sqlite3_stmt *p = store_sql(st, SQL_SUGGESTION_ADD);

		if (v[i].theme >= ev->nthemes) {
			rc = SQLITE_MISUSE;
			break;
		}
		sqlite3_bind_int64(p, 1, v[i].proposal_id);
		store_bind_text(p, 2, ev->themes[v[i].theme].key);
		sqlite3_bind_int(p, 3, v[i].main);
		sqlite3_bind_int64(p, 4, ev->id);
		if ((rc = store_step_done(p)) != SQLITE_OK)
			break;
	}
	if (rc == SQLITE_OK && (rc = store_tx_commit(st)) == SQLITE_OK)
		return STORE_OK;
	store_msg_db(st, msg, "saving theme suggestions");
	store_tx_rollback(st);
	return store_map_rc(rc);
}

enum store_err
store_proposal_theme_confirm(struct store *st, const struct event *ev,
    int64_t id, size_t theme, int64_t actor_person, struct buf *msg)
{
	sqlite3_stmt *p;
	int rc;

	if (theme >= ev->nthemes)
		return STORE_ERR_CONSTRAINT;
	if ((rc = store_tx_begin(st)) != SQLITE_OK) {
		store_msg_db(st, msg, "begin");
		return store_map_rc(rc);
	}
	p = store_sql(st, SQL_PROPOSAL_OF_EVENT);
	sqlite3_bind_int64(p, 1, id);
	sqlite3_bind_int64(p, 2, ev->id);
	rc = sqlite3_step(p);
	sqlite3_reset(p);
	if (rc == SQLITE_DONE) {
		store_tx_rollback(st);
		return STORE_ERR_NOTFOUND;
	}
	rc = rc == SQLITE_ROW ? SQLITE_OK : rc;
	if (rc == SQLITE_OK) {
		p = store_sql(st, SQL_THEME_DEMOTE);
		sqlite3_bind_int64(p, 1, id);
		rc = store_step_done(p);
	}
	if (rc == SQLITE_OK) {
		p = store_sql(st, SQL_THEME_CONFIRM);
		sqlite3_bind_int64(p, 1, id);
		sqlite3_bind_int64(p, 2, ev->id);
		store_bind_text(p, 3, ev->themes[theme].key);
		rc = store_step_done(p);
	}
	if (rc == SQLITE_OK) {
		p = store_sql(st, SQL_THEME_AUDIT);
		sqlite3_bind_int64(p, 1, actor_person);
		sqlite3_bind_int64(p, 2, ev->id);
		sqlite3_bind_int64(p, 3, id);
		store_bind_text(p, 4, ev->themes[theme].key);
		rc = store_step_done(p);
	}
	if (rc == SQLITE_OK && (rc = store_tx_commit(st)) == SQLITE_OK)
		return STORE_OK;
	store_msg_db(st, msg, "confirming the theme");
	store_tx_rollback(st);
	return store_map_rc(rc);
}
