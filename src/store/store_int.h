/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * store_int.h: what the files of src/store/ share (SQLite btreeInt.h
 * style).  Each store_<area>.c keeps its SQL as static string constants
 * and runs them through store_sql(), which prepares each statement once
 * per connection and caches it by the address of its text: pass the same
 * static string every time, never a built one.  Only src/store/ includes
 * this header.
 */
#ifndef CABILDO_STORE_INT_H
#define CABILDO_STORE_INT_H

#include <stdbool.h>
#include <stdint.h>

#include <sqlite3.h>

#include "store/store.h"
#include "util/buf.h"

struct store_stmt_slot;

struct store {
	sqlite3 *db;
	struct store_stmt_slot *cache; /* open addressing, keyed by SQL ptr */
	size_t cache_cap;
	size_t cache_n;
	uint64_t own_writes; /* commits by this connection */
};

/* The statement for sql (a static string), reset, bindings cleared. */
sqlite3_stmt *store_sql(struct store *st, const char *sql);

/* NULL binds SQL NULL; the string must outlive the step. */
void store_bind_text(sqlite3_stmt *p, int i, const char *s);
const char *store_col_text(sqlite3_stmt *p, int i);
char *store_col_dup(sqlite3_stmt *p, int i);

/* Steps to the end; returns SQLITE_OK or the error code. */
int store_step_done(sqlite3_stmt *p);
/* Reads one integer from the first row; SQLITE_NOTFOUND when no row. */
int store_step_int(sqlite3_stmt *p, int64_t *out);

/* Appends "what: <sqlite message>" to msg (msg may be NULL). */
void store_msg_db(struct store *st, struct buf *msg, const char *what);
enum store_err store_map_rc(int rc);

/* The event's cfp.questions (store_question.c), inside the caller's
 * transaction; SQLite result codes. */
struct event;
int store_questions_save(struct store *st, const struct event *ev);
int store_questions_load(struct store *st, struct event *ev);
/* Steps the bound statement p, whose columns are (proposal_id, question,
 * value), into *out (store_proposal.c) and resets it. */
struct cfp_answer_row;
enum store_err store_answer_rows(
    sqlite3_stmt *p, struct cfp_answer_row **out, size_t *n);

/* BEGIN IMMEDIATE / COMMIT / ROLLBACK (rollback only if in a tx). */
int store_tx_begin(struct store *st);
int store_tx_commit(struct store *st);
void store_tx_rollback(struct store *st);

#endif
