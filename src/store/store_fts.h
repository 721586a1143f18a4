/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * store_fts.h: the FTS5 tokenizer of the proposals' text search
 * (store_fts.c says how it folds and stems), and a way to run trusted SQL
 * on a connection that has it.
 *
 * proposal_fts is declared with tokenize='cabildo', so any connection that
 * writes proposal text (the triggers keep the index in step) or searches
 * it must have the tokenizer registered: store_open does it on every
 * connection.  The sqlite3 shell does not have it; scripts and tests that
 * write proposals run their SQL through store_exec_trusted (the test tool
 * tests/tools/sql.c) instead.
 */
#ifndef CABILDO_STORE_FTS_H
#define CABILDO_STORE_FTS_H

#include "store/store.h"
#include "util/buf.h"

/* The name proposal_fts declares in migration 0008. */
#define STORE_FTS_TOKENIZER "cabildo"

struct sqlite3;

/*
 * Registers the tokenizer on db (one instance per FTS5 table and
 * connection, each with its own stemmers, so connections may live on
 * different threads).  Returns SQLITE_OK or an SQLite error code.
 */
int store_fts_register(struct sqlite3 *db);

/*
 * Runs the SQL script sql (one or more statements, no bound values) on
 * st's connection.  For our own scripts and test tools only, never for
 * input.  On error appends SQLite's message to msg (may be NULL).
 */
enum store_err store_exec_trusted(
    struct store *st, const char *sql, struct buf *msg);

#endif
