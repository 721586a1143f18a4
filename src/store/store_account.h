/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * store_account.h: accounts, their per-event roles, browser sessions,
 * one-time tokens, the mail outbox and the audit log.
 *
 * Secrets never reach the database in clear: sessions and tokens are
 * stored as the hex SHA-256 of the value the user holds (web/auth.c makes
 * them); passwords as libsodium argon2id strings.  Times are UTC
 * "YYYY-MM-DDTHH:MM:SSZ" computed by the database.
 *
 * Ownership: out-structs own their strings; release them with the
 * matching *_release or *_free.
 */
#ifndef CABILDO_STORE_ACCOUNT_H
#define CABILDO_STORE_ACCOUNT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/role.h"
#include "store/store.h"

struct account {
	int64_t id;
	int64_t person_id;
	char *email;
	char *name;
	char *password_hash; /* NULL when no password was ever set */
	bool admin;
	bool confirmed;
};

void account_release(struct account *a);

/*
 * Creates an account and its person (or adopts the person who already has
 * this e-mail address, as co-speakers invited by address do), in one
 * transaction.  An address that already has an account gives
 * STORE_ERR_CONSTRAINT.  password_hash may be NULL.
 */
enum store_err store_account_create(struct store *st, const char *email,
    const char *name, const char *password_hash, bool admin, bool confirmed,
    int64_t *id, struct buf *msg);

/* STORE_ERR_NOTFOUND when there is no such account. */
enum store_err store_account_by_email(
    struct store *st, const char *email, struct account *out);
enum store_err store_account_get(
    struct store *st, int64_t id, struct account *out);

enum store_err store_account_set_password(
    struct store *st, int64_t id, const char *password_hash);
enum store_err store_account_confirm(struct store *st, int64_t id);

/* Roles of an account in an event (a ROLE_BIT mask); 0 when none. */
enum store_err store_roles(
    struct store *st, int64_t account_id, int64_t event_id, unsigned *out);
enum store_err store_role_add(
    struct store *st, int64_t account_id, int64_t event_id, enum role r);

enum token_purpose { TOKEN_CONFIRM, TOKEN_RESET, TOKEN__MAX };

/* Stores a one-time token valid for ttl seconds. */
enum store_err store_token_put(struct store *st, const char *hash_hex,
    int64_t account_id, enum token_purpose purpose, int ttl);
/*
 * Spends a token: sets *account_id and marks it used, atomically.  An
 * unknown, spent or expired token, or one for another purpose, gives
 * STORE_ERR_NOTFOUND.
 */
enum store_err store_token_take(struct store *st, const char *hash_hex,
    enum token_purpose purpose, int64_t *account_id);

enum store_err store_session_put(
    struct store *st, const char *hash_hex, int64_t account_id, int ttl);
/* The account of a live session; STORE_ERR_NOTFOUND when none. */
enum store_err store_session_get(
    struct store *st, const char *hash_hex, int64_t *account_id);
enum store_err store_session_delete(struct store *st, const char *hash_hex);
/* Ends every session of an account (after a password reset). */
enum store_err store_session_delete_all(struct store *st, int64_t account_id);

enum store_err store_outbox_add(
    struct store *st, const char *to, const char *subject, const char *body);

struct outbox_mail {
	int64_t id;
	char *to;
	char *subject;
	char *body;
	char *created_at;
	char *sent_at; /* NULL until sent */
};

/* Every mail, oldest first. */
enum store_err store_outbox_list(
    struct store *st, struct outbox_mail **out, size_t *n);
void outbox_list_free(struct outbox_mail *list, size_t n);

/*
 * Appends to the audit log.  actor_person and event_id may be 0 (none);
 * detail is JSON or NULL.
 */
enum store_err store_audit(struct store *st, int64_t actor_person,
    int64_t event_id, const char *entity, int64_t entity_id, const char *action,
    const char *detail);

/* A person's profile; strings may be NULL when unset. */
struct profile {
	char *name;
	char *email;
	char *organisation;
	char *sector;    /* sector key */
	char *country;   /* ISO alpha-2 */
	char *gender;    /* self-described */
	char *languages; /* "es,pt" */
	char *bio;       /* Markdown */
};

void profile_release(struct profile *p);
enum store_err store_profile_get(
    struct store *st, int64_t person, struct profile *out);
/* Saves every field but email. */
enum store_err store_profile_save(
    struct store *st, int64_t person, const struct profile *p);

/*
 * Deletes the account with its sessions, tokens and roles; deletes the
 * person's registrations (needs, stars, calendar feeds), availability and
 * time preferences, and every mail to the address in the outbox; replaces
 * the address in the audit log; withdraws the proposals the person owns
 * that are still drafts, submitted or waitlisted (accepted and confirmed
 * ones stay in the programme for the organisers to handle); and blanks the
 * person (name "-", no e-mail, organisation, country, gender, languages or
 * bio), keeping the row so that proposals and reviews that name it stay
 * whole.  One transaction.
 */
enum store_err store_account_delete(
    struct store *st, int64_t account_id, int64_t person);

/*
 * Appends to out everything kept about an account and its person as one
 * JSON object: account, roles, person, proposals (owned or as a
 * co-speaker), registrations with their starred sessions, and reviews.
 */
enum store_err store_account_data(
    struct store *st, int64_t account_id, int64_t person, struct buf *out);

/* The id of the event with that slug; STORE_ERR_NOTFOUND when none. */
enum store_err store_event_id(struct store *st, const char *slug, int64_t *id);

#endif
