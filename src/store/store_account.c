/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * store_account.c: the SQLite side of store_account.h.
 */
#include "store/store_account.h"

#include <stdlib.h>
#include <string.h>

#include "store/store_int.h"
#include "util/util.h"

static const char SQL_PERSON_BY_EMAIL[] =
    "SELECT id FROM person WHERE email = ?1";
static const char SQL_PERSON_INSERT[] =
    "INSERT INTO person (name, email) VALUES (?1, ?2) RETURNING id";
static const char SQL_PERSON_RENAME[] =
    "UPDATE person SET name = ?2 WHERE id = ?1";
static const char SQL_ACCOUNT_INSERT[] =
    "INSERT INTO account (person_id, email, password_hash, is_admin, "
    "confirmed_at) VALUES (?1, ?2, ?3, ?4, CASE WHEN ?5 THEN "
    "strftime('%Y-%m-%dT%H:%M:%SZ', 'now') END) RETURNING id";
static const char SQL_ACCOUNT_BY_EMAIL[] =
    "SELECT a.id, a.person_id, a.email, p.name, a.password_hash, "
    "a.is_admin, a.confirmed_at IS NOT NULL FROM account a JOIN person p "
    "ON p.id = a.person_id WHERE a.email = ?1";
static const char SQL_ACCOUNT_BY_ID[] =
    "SELECT a.id, a.person_id, a.email, p.name, a.password_hash, "
    "a.is_admin, a.confirmed_at IS NOT NULL FROM account a JOIN person p "
    "ON p.id = a.person_id WHERE a.id = ?1";
static const char SQL_ACCOUNT_PASSWORD[] =
    "UPDATE account SET password_hash = ?2 WHERE id = ?1";
static const char SQL_ACCOUNT_CONFIRM[] =
    "UPDATE account SET confirmed_at = coalesce(confirmed_at, "
    "strftime('%Y-%m-%dT%H:%M:%SZ', 'now')) WHERE id = ?1";
static const char SQL_ROLES[] = "SELECT role FROM account_role "
				"WHERE account_id = ?1 AND event_id = ?2";
static const char SQL_ROLE_ADD[] =
    "INSERT OR IGNORE INTO account_role (account_id, event_id, role) "
    "VALUES (?1, ?2, ?3)";
static const char SQL_TOKEN_PUT[] =
    "INSERT INTO account_token (token_hash, account_id, purpose, "
    "expires_at) VALUES (?1, ?2, ?3, strftime('%Y-%m-%dT%H:%M:%SZ', "
    "'now', ?4))";
static const char SQL_TOKEN_TAKE[] =
    "UPDATE account_token SET used_at = strftime('%Y-%m-%dT%H:%M:%SZ', "
    "'now') WHERE token_hash = ?1 AND purpose = ?2 AND used_at IS NULL "
    "AND expires_at > strftime('%Y-%m-%dT%H:%M:%SZ', 'now') "
    "RETURNING account_id";
static const char SQL_SESSION_PUT[] =
    "INSERT INTO login_session (token_hash, account_id, expires_at) "
    "VALUES (?1, ?2, strftime('%Y-%m-%dT%H:%M:%SZ', 'now', ?3))";
static const char SQL_SESSION_GET[] =
    "SELECT account_id FROM login_session WHERE token_hash = ?1 AND "
    "expires_at > strftime('%Y-%m-%dT%H:%M:%SZ', 'now')";
static const char SQL_SESSION_DELETE[] =
    "DELETE FROM login_session WHERE token_hash = ?1";
static const char SQL_SESSION_DELETE_ALL[] =
    "DELETE FROM login_session WHERE account_id = ?1";
static const char SQL_OUTBOX_ADD[] =
    "INSERT INTO outbox (to_addr, subject, body) VALUES (?1, ?2, ?3)";
static const char SQL_OUTBOX_LIST[] =
    "SELECT id, to_addr, subject, body, created_at, sent_at FROM outbox "
    "ORDER BY id";
static const char SQL_AUDIT[] =
    "INSERT INTO audit_log (actor_id, event_id, entity, entity_id, action, "
    "detail) VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
static const char SQL_EVENT_ID[] = "SELECT id FROM event WHERE slug = ?1";

static const char *const purpose_key[TOKEN__MAX] = {
	[TOKEN_CONFIRM] = "confirm",
	[TOKEN_RESET] = "reset",
};

static enum store_err
map(int rc)
{
	return rc == SQLITE_NOTFOUND ? STORE_ERR_NOTFOUND : store_map_rc(rc);
}

/* One write outside a transaction: counts it for store_generation. */
static int
write1(struct store *st, sqlite3_stmt *p)
{
	int rc = store_step_done(p);

	if (rc == SQLITE_OK && sqlite3_changes(st->db) > 0)
		st->own_writes++;
	return rc;
}

static void
bind_id(sqlite3_stmt *p, int i, int64_t id)
{
	if (id == 0)
		sqlite3_bind_null(p, i);
	else
		sqlite3_bind_int64(p, i, id);
}

void
account_release(struct account *a)
{
	free(a->email);
	free(a->name);
	free(a->password_hash);
	memset(a, 0, sizeof(*a));
}

enum store_err
store_account_create(struct store *st, const char *email, const char *name,
    const char *password_hash, bool admin, bool confirmed, int64_t *id,
    struct buf *msg)
{
	sqlite3_stmt *p;
	int64_t person;
	int rc;

	if ((rc = store_tx_begin(st)) != SQLITE_OK)
		goto fail;
	p = store_sql(st, SQL_PERSON_BY_EMAIL);
	store_bind_text(p, 1, email);
	rc = store_step_int(p, &person);
	if (rc == SQLITE_NOTFOUND) {
		p = store_sql(st, SQL_PERSON_INSERT);
		store_bind_text(p, 1, name);
		store_bind_text(p, 2, email);
		rc = store_step_int(p, &person);
	} else if (rc == SQLITE_OK) {
		p = store_sql(st, SQL_PERSON_RENAME);
		sqlite3_bind_int64(p, 1, person);
		store_bind_text(p, 2, name);
		rc = store_step_done(p);
	}
	if (rc != SQLITE_OK)
		goto fail;
	p = store_sql(st, SQL_ACCOUNT_INSERT);
	sqlite3_bind_int64(p, 1, person);
	store_bind_text(p, 2, email);
	store_bind_text(p, 3, password_hash);
	sqlite3_bind_int(p, 4, admin);
	sqlite3_bind_int(p, 5, confirmed);
	if ((rc = store_step_int(p, id)) != SQLITE_OK)
		goto fail;
	if ((rc = store_tx_commit(st)) != SQLITE_OK)
		goto fail;
	return STORE_OK;
fail:
	if (msg != NULL) {
		if ((rc & 0xff) == SQLITE_CONSTRAINT)
			buf_addf(msg, "'%s' already has an account", email);
		else
			store_msg_db(st, msg, "creating the account");
	}
	store_tx_rollback(st);
	return map(rc);
}

static enum store_err
account_row(sqlite3_stmt *p, struct account *out)
{
	int rc = sqlite3_step(p);

	memset(out, 0, sizeof(*out));
	if (rc == SQLITE_ROW) {
		out->id = sqlite3_column_int64(p, 0);
		out->person_id = sqlite3_column_int64(p, 1);
		out->email = store_col_dup(p, 2);
		out->name = store_col_dup(p, 3);
		out->password_hash = store_col_dup(p, 4);
		out->admin = sqlite3_column_int(p, 5) != 0;
		out->confirmed = sqlite3_column_int(p, 6) != 0;
	}
	sqlite3_reset(p);
	if (rc == SQLITE_ROW)
		return STORE_OK;
	return rc == SQLITE_DONE ? STORE_ERR_NOTFOUND : store_map_rc(rc);
}

enum store_err
store_account_by_email(struct store *st, const char *email, struct account *out)
{
	sqlite3_stmt *p = store_sql(st, SQL_ACCOUNT_BY_EMAIL);

	store_bind_text(p, 1, email);
	return account_row(p, out);
}

enum store_err
store_account_get(struct store *st, int64_t id, struct account *out)
{
	sqlite3_stmt *p = store_sql(st, SQL_ACCOUNT_BY_ID);

	sqlite3_bind_int64(p, 1, id);
	return account_row(p, out);
}

enum store_err
store_account_set_password(
    struct store *st, int64_t id, const char *password_hash)
{
	sqlite3_stmt *p = store_sql(st, SQL_ACCOUNT_PASSWORD);

	sqlite3_bind_int64(p, 1, id);
	store_bind_text(p, 2, password_hash);
	return map(write1(st, p));
}

enum store_err
store_account_confirm(struct store *st, int64_t id)
{
	sqlite3_stmt *p = store_sql(st, SQL_ACCOUNT_CONFIRM);

	sqlite3_bind_int64(p, 1, id);
	return map(write1(st, p));
}

enum store_err
store_roles(
    struct store *st, int64_t account_id, int64_t event_id, unsigned *out)
{
	sqlite3_stmt *p = store_sql(st, SQL_ROLES);
	enum role r;
	int rc;

	*out = 0;
	sqlite3_bind_int64(p, 1, account_id);
	sqlite3_bind_int64(p, 2, event_id);
	while ((rc = sqlite3_step(p)) == SQLITE_ROW)
		if (role_parse(store_col_text(p, 0), &r))
			*out |= ROLE_BIT(r);
	sqlite3_reset(p);
	return rc == SQLITE_DONE ? STORE_OK : store_map_rc(rc);
}

enum store_err
store_role_add(
    struct store *st, int64_t account_id, int64_t event_id, enum role r)
{
	sqlite3_stmt *p = store_sql(st, SQL_ROLE_ADD);

	sqlite3_bind_int64(p, 1, account_id);
	sqlite3_bind_int64(p, 2, event_id);
	store_bind_text(p, 3, role_key(r));
	return map(write1(st, p));
}

static void
ttl_modifier(char *out, size_t size, int ttl)
{
	struct buf b;

	buf_init(&b, size);
	buf_addf(&b, "%+d seconds", ttl);
	memcpy(out, b.s, b.len + 1);
	buf_release(&b);
}

enum store_err
store_token_put(struct store *st, const char *hash_hex, int64_t account_id,
    enum token_purpose purpose, int ttl)
{
	sqlite3_stmt *p = store_sql(st, SQL_TOKEN_PUT);
	char mod[32];

	ttl_modifier(mod, sizeof(mod), ttl);
	store_bind_text(p, 1, hash_hex);
	sqlite3_bind_int64(p, 2, account_id);
	store_bind_text(p, 3, purpose_key[purpose]);
	store_bind_text(p, 4, mod);
	return map(write1(st, p));
}

enum store_err
store_token_take(struct store *st, const char *hash_hex,
    enum token_purpose purpose, int64_t *account_id)
{
	sqlite3_stmt *p = store_sql(st, SQL_TOKEN_TAKE);
	int rc;

	store_bind_text(p, 1, hash_hex);
	store_bind_text(p, 2, purpose_key[purpose]);
	rc = store_step_int(p, account_id);
	if (rc == SQLITE_OK)
		st->own_writes++;
	return map(rc);
}

enum store_err
store_session_put(
    struct store *st, const char *hash_hex, int64_t account_id, int ttl)
{
	sqlite3_stmt *p = store_sql(st, SQL_SESSION_PUT);
	char mod[32];

	ttl_modifier(mod, sizeof(mod), ttl);
	store_bind_text(p, 1, hash_hex);
	sqlite3_bind_int64(p, 2, account_id);
	store_bind_text(p, 3, mod);
	return map(write1(st, p));
}

enum store_err
store_session_get(struct store *st, const char *hash_hex, int64_t *account_id)
{
	sqlite3_stmt *p = store_sql(st, SQL_SESSION_GET);

	store_bind_text(p, 1, hash_hex);
	return map(store_step_int(p, account_id));
}

enum store_err
store_session_delete(struct store *st, const char *hash_hex)
{
	sqlite3_stmt *p = store_sql(st, SQL_SESSION_DELETE);

	store_bind_text(p, 1, hash_hex);
	return map(write1(st, p));
}

enum store_err
store_session_delete_all(struct store *st, int64_t account_id)
{
	sqlite3_stmt *p = store_sql(st, SQL_SESSION_DELETE_ALL);

	sqlite3_bind_int64(p, 1, account_id);
	return map(write1(st, p));
}

enum store_err
store_outbox_add(
    struct store *st, const char *to, const char *subject, const char *body)
{
	sqlite3_stmt *p = store_sql(st, SQL_OUTBOX_ADD);

	store_bind_text(p, 1, to);
	store_bind_text(p, 2, subject);
	store_bind_text(p, 3, body);
	return map(write1(st, p));
}

enum store_err
store_outbox_list(struct store *st, struct outbox_mail **out, size_t *n)
{
	sqlite3_stmt *p = store_sql(st, SQL_OUTBOX_LIST);
	struct outbox_mail *list = NULL, *m;
	size_t cap = 0, count = 0;
	int rc;

	while ((rc = sqlite3_step(p)) == SQLITE_ROW) {
		XGROW(list, cap, count + 1);
		m = &list[count++];
		m->id = sqlite3_column_int64(p, 0);
		m->to = store_col_dup(p, 1);
		m->subject = store_col_dup(p, 2);
		m->body = store_col_dup(p, 3);
		m->created_at = store_col_dup(p, 4);
		m->sent_at = store_col_dup(p, 5);
	}
	sqlite3_reset(p);
	*out = list;
	*n = count;
	if (rc != SQLITE_DONE) {
		outbox_list_free(list, count);
		*out = NULL;
		*n = 0;
		return store_map_rc(rc);
	}
	return STORE_OK;
}

void
outbox_list_free(struct outbox_mail *list, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(list[i].to);
		free(list[i].subject);
		free(list[i].body);
		free(list[i].created_at);
		free(list[i].sent_at);
	}
	free(list);
}

enum store_err
store_audit(struct store *st, int64_t actor_person, int64_t event_id,
    const char *entity, int64_t entity_id, const char *action,
    const char *detail)
{
	sqlite3_stmt *p = store_sql(st, SQL_AUDIT);

	bind_id(p, 1, actor_person);
	bind_id(p, 2, event_id);
	store_bind_text(p, 3, entity);
	bind_id(p, 4, entity_id);
	store_bind_text(p, 5, action);
	store_bind_text(p, 6, detail);
	return map(write1(st, p));
}

enum store_err
store_event_id(struct store *st, const char *slug, int64_t *id)
{
	sqlite3_stmt *p = store_sql(st, SQL_EVENT_ID);

	store_bind_text(p, 1, slug);
	return map(store_step_int(p, id));
}

static const char SQL_PROFILE_GET[] =
    "SELECT name, email, organisation, sector, country, gender, languages, "
    "bio FROM person WHERE id = ?1";
static const char SQL_PROFILE_SAVE[] =
    "UPDATE person SET name = ?2, organisation = ?3, sector = ?4, "
    "country = ?5, gender = ?6, languages = ?7, bio = ?8 WHERE id = ?1";
/*
 * Deleting an account (see store_account.h for what is kept): these run in
 * order in one transaction; ?1 is the account, ?2 the person.  The e-mail
 * address is read first, because the last statements blank it.
 */
static const char *const SQL_ACCOUNT_ERASE[] = {
	/* mail to the address, sent or not, and its traces in the log */
	"DELETE FROM outbox WHERE to_addr = (SELECT email FROM account "
	"WHERE id = ?1) OR to_addr = (SELECT email FROM person WHERE id = ?2)",
	"UPDATE audit_log SET detail = replace(detail, (SELECT email FROM "
	"person WHERE id = ?2), '[deleted]') WHERE instr(detail, (SELECT "
	"email FROM person WHERE id = ?2)) > 0",
	/* proposals not yet in the programme are withdrawn */
	"INSERT INTO audit_log(actor_id, event_id, entity, entity_id, action, "
	"detail) SELECT ?2, event_id, 'proposal', id, 'withdraw', "
	"'{\"reason\":\"account deleted\"}' FROM proposal WHERE owner_id = "
	"?2 AND status IN ('draft', 'submitted', 'waitlisted')",
	"UPDATE proposal SET status = 'withdrawn', updated_at = "
	"strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE owner_id = ?2 AND "
	"status IN ('draft', 'submitted', 'waitlisted')",
	/* registrations (needs, stars, calendar tokens), time preferences */
	"DELETE FROM registration WHERE person_id = ?2",
	"DELETE FROM availability WHERE person_id = ?2",
	"DELETE FROM speaker_preference WHERE person_id = ?2",
	/* sessions, tokens and roles go with the account (ON DELETE) */
	"DELETE FROM account WHERE id = ?1",
	"UPDATE person SET name = '-', email = NULL, organisation = NULL, "
	"sector = 'other', country = NULL, gender = NULL, bio = NULL, "
	"languages = NULL WHERE id = ?2",
};

/* Everything kept about an account, as one JSON document. */
static const char SQL_ACCOUNT_DATA[] =
    "SELECT json_object("
    "'account', (SELECT json_object('email', email, 'admin', "
    "json(CASE WHEN is_admin THEN 'true' ELSE 'false' END), "
    "'confirmed_at', confirmed_at, 'created_at', created_at) "
    "FROM account WHERE id = ?1), "
    "'roles', json((SELECT json_group_array(json_object('event', e.slug, "
    "'role', r.role)) FROM account_role r JOIN event e ON e.id = r.event_id "
    "WHERE r.account_id = ?1)), "
    "'person', (SELECT json_object('name', name, 'email', email, "
    "'organisation', organisation, 'sector', sector, 'country', country, "
    "'gender', gender, 'languages', languages, 'bio', bio, "
    "'created_at', created_at) FROM person WHERE id = ?2), "
    "'proposals', json((SELECT json_group_array(json_object('id', p.id, "
    "'event', e.slug, 'title', p.title, 'abstract', p.abstract, "
    "'description', p.description, 'language', p.language, "
    "'status', p.status, 'owner', json(CASE WHEN p.owner_id = ?2 "
    "THEN 'true' ELSE 'false' END), 'submitted_at', p.submitted_at, "
    "'created_at', p.created_at, 'updated_at', p.updated_at, "
    /* the owner's answers to the organiser's questions (0007) */
    "'answers', CASE WHEN p.owner_id = ?2 THEN json((SELECT "
    "json_group_object(question, value) FROM proposal_answer WHERE "
    "proposal_id = p.id)) END)) "
    "FROM proposal p JOIN event e ON e.id = p.event_id WHERE p.owner_id = "
    "?2 OR p.id IN (SELECT proposal_id FROM proposal_speaker WHERE "
    "person_id = ?2))), "
    "'registrations', json((SELECT json_group_array(json_object("
    "'event', e.slug, 'needs', r.needs, 'created_at', r.created_at, "
    "'stars', json((SELECT json_group_array(json_object('session', "
    "s.id, 'title', coalesce(s.title, (SELECT title FROM proposal WHERE "
    "id = s.proposal_id)), 'starts_at', s.starts_at)) FROM interest i "
    "JOIN session s ON s.id = i.session_id WHERE i.registration_id = "
    "r.id)))) FROM registration r JOIN event e ON e.id = r.event_id "
    "WHERE r.person_id = ?2)), "
    "'reviews', json((SELECT json_group_array(json_object('proposal', "
    "proposal_id, 'score', score, 'confidence', confidence, "
    "'comment_committee', comment_committee, 'comment_proposer', "
    "comment_proposer, 'conflict', conflict, 'status', status, "
    "'updated_at', updated_at)) FROM review WHERE reviewer_id = ?2)))";

void
profile_release(struct profile *p)
{
	free(p->name);
	free(p->email);
	free(p->organisation);
	free(p->sector);
	free(p->country);
	free(p->gender);
	free(p->languages);
	free(p->bio);
	memset(p, 0, sizeof(*p));
}

enum store_err
store_profile_get(struct store *st, int64_t person, struct profile *out)
{
	sqlite3_stmt *p = store_sql(st, SQL_PROFILE_GET);
	int rc;

	memset(out, 0, sizeof(*out));
	sqlite3_bind_int64(p, 1, person);
	rc = sqlite3_step(p);
	if (rc == SQLITE_ROW) {
		out->name = store_col_dup(p, 0);
		out->email = store_col_dup(p, 1);
		out->organisation = store_col_dup(p, 2);
		out->sector = store_col_dup(p, 3);
		out->country = store_col_dup(p, 4);
		out->gender = store_col_dup(p, 5);
		out->languages = store_col_dup(p, 6);
		out->bio = store_col_dup(p, 7);
	}
	sqlite3_reset(p);
	if (rc == SQLITE_ROW)
		return STORE_OK;
	return rc == SQLITE_DONE ? STORE_ERR_NOTFOUND : store_map_rc(rc);
}

enum store_err
store_profile_save(struct store *st, int64_t person, const struct profile *pr)
{
	sqlite3_stmt *p = store_sql(st, SQL_PROFILE_SAVE);

	sqlite3_bind_int64(p, 1, person);
	store_bind_text(p, 2, pr->name);
	store_bind_text(p, 3, pr->organisation);
	store_bind_text(p, 4, pr->sector != NULL ? pr->sector : "other");
	store_bind_text(p, 5, pr->country);
	store_bind_text(p, 6, pr->gender);
	store_bind_text(p, 7, pr->languages);
	store_bind_text(p, 8, pr->bio);
	return map(write1(st, p));
}

enum store_err
store_account_delete(struct store *st, int64_t account_id, int64_t person)
{
	sqlite3_stmt *p;
	size_t i;
	int rc;

	if ((rc = store_tx_begin(st)) != SQLITE_OK)
		return map(rc);
	for (i = 0; rc == SQLITE_OK && i < ARRAY_SIZE(SQL_ACCOUNT_ERASE); i++) {
		p = store_sql(st, SQL_ACCOUNT_ERASE[i]);
		sqlite3_bind_int64(p, 1, account_id);
		sqlite3_bind_int64(p, 2, person);
		rc = store_step_done(p);
	}
	if (rc == SQLITE_OK)
		rc = store_tx_commit(st);
	if (rc != SQLITE_OK)
		store_tx_rollback(st);
	return map(rc);
}

enum store_err
store_account_data(
    struct store *st, int64_t account_id, int64_t person, struct buf *out)
{
	sqlite3_stmt *p = store_sql(st, SQL_ACCOUNT_DATA);
	const char *s;
	int rc;

	sqlite3_bind_int64(p, 1, account_id);
	sqlite3_bind_int64(p, 2, person);
	rc = sqlite3_step(p);
	if (rc == SQLITE_ROW && (s = store_col_text(p, 0)) != NULL)
		buf_addstr(out, s);
	sqlite3_reset(p);
	return rc == SQLITE_ROW ? STORE_OK : store_map_rc(rc);
}
