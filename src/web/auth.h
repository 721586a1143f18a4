/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * auth.h: who is asking, and may they.  Passwords (argon2id through
 * libsodium, at most AUTH_HASH_CONCURRENCY hashes at a time since each
 * takes 64 MiB), random tokens stored hashed, the session cookie, rate
 * limits, and auth_gate, which web_handle runs before every handler: it
 * loads the session, applies the route's access level, and for a POST
 * parses the form and checks its CSRF token (web/csrf.h).
 *
 * Cookies: "sid" holds the session token (HttpOnly, SameSite=Lax, Path=/,
 * Secure over TLS or with CABILDO_SECURE_COOKIES=1 in the environment,
 * for a TLS-terminating proxy); the database keeps only its SHA-256.
 */
#ifndef CABILDO_AUTH_H
#define CABILDO_AUTH_H

#include <stdbool.h>
#include <stdint.h>
#include <time.h>

#include "core/event.h"
#include "web/route.h"
#include "web/web.h"

#define AUTH_HASH_CONCURRENCY 2
#define AUTH_PASSWORD_MIN     10  /* characters */
#define AUTH_PASSWORD_MAX     256 /* bytes */
#define AUTH_TOKEN_LEN        43  /* base64url of 32 random bytes */
#define AUTH_HASH_HEX         65  /* 64 hex digits and NUL */
#define AUTH_SESSION_TTL      (14 * 24 * 3600)
#define AUTH_CONFIRM_TTL      (7 * 24 * 3600)
#define AUTH_RESET_TTL        3600
#define AUTH_PWHASH_MAX       128 /* crypto_pwhash_STRBYTES */

/* The visitor, set by auth_gate on every request (never NULL after it). */
struct auth_user {
	int64_t account_id; /* 0 when signed out */
	int64_t person_id;
	char *email;
	char *name;
	bool admin;
	bool confirmed;
	int64_t event_id; /* the event of seg[0] when it names one, else 0 */
	unsigned roles;   /* ROLE_BIT mask in that event */
	char *sid_hash;   /* the session's hash, for logging out */
	char csrf[AUTH_TOKEN_LEN + 1]; /* this visitor's CSRF token */
	bool csrf_new;                 /* csrf must be sent as a cookie */
};

/* Initialises libsodium; false if it cannot (call once at start). */
bool auth_init(void);
/* Tests only: the cheapest argon2id parameters, so suites run fast. */
void auth_set_fast_hashing(bool fast);

/* argon2id string of password into out; false on failure (memory). */
bool auth_password_hash(const char *password, char out[AUTH_PWHASH_MAX]);
bool auth_password_verify(const char *hash, const char *password);
/*
 * Spends the time of a verification without an account, so that a
 * failed log-in takes as long whether the address has an account or not.
 */
void auth_password_burn(const char *password);

#define AUTH_EMAIL_MAX 254

/*
 * A trimmed, lowercased copy of an e-mail address (caller frees), or NULL
 * when it does not look like one: one '@', a dot in the domain, no
 * spaces, quotes, brackets or non-ASCII.
 */
char *auth_email_normalise(const char *s);

/*
 * The site's address for links in mail ("https://cfp.example.org"), from
 * the environment variable CABILDO_PUBLIC_URL; "" (links relative to the
 * site) when unset.
 */
const char *auth_public_url(void);

/* A fresh random token (base64url) and its hex SHA-256. */
void auth_token_new(
    char token[AUTH_TOKEN_LEN + 1], char hash_hex[AUTH_HASH_HEX]);
/* hex SHA-256 of a token the user presented. */
void auth_token_hash(const char *token, char hash_hex[AUTH_HASH_HEX]);

/*
 * Counts one attempt under key and tells whether it is within max per
 * window seconds (a fixed window).  Kept in memory, per process; the
 * table is bounded, the oldest entries give way.
 */
bool auth_rate_allow(const char *key, int max, int window, time_t now);
/* Tests only: forgets every count. */
void auth_rate_reset(void);

/* Appends a Set-Cookie line (the caller's attributes plus Secure over
 * TLS) to resp. */
void auth_cookie(struct request *req, struct response *resp, const char *name,
    const char *value, long max_age);

/* Starts a session for account_id: new sid and new CSRF cookies. */
bool auth_login(struct request *req, struct response *resp, int64_t account_id);
void auth_logout(struct request *req, struct response *resp);

/*
 * Runs before a route's handler: loads the visitor, checks the method and
 * the route's access level, and for POST parses the body into req->form
 * and checks its CSRF token.  On refusal it writes the response (303 to
 * the login page, 400, 403, 405) and returns false.
 */
bool auth_gate(
    struct request *req, struct response *resp, const struct route *r);

/* Frees req->user and req->form (called by request_release). */
void auth_request_release(struct request *req);

/* 303 See Other to a local path. */
void auth_redirect(struct response *resp, const char *path);

/* A small error page with its own text: 400, 403, 409, 429. */
void auth_error_page(
    struct request *req, struct response *resp, int status, const char *text);

/*
 * The header's account links: the event's call for proposals (and its
 * proposals list for organisers), then "Log in" or the account's name.
 * req->user may be NULL (error pages written before auth_gate).
 */
void auth_nav(const struct request *req, struct buf *b, const struct event *ev);

#endif
