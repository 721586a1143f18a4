/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * fuzz_fts.c: libFuzzer target for the text search tokenizer
 * (src/store/store_fts.c), which reads proposal text and the organisers'
 * search box.  Any bytes (invalid UTF-8, NUL, huge words, FTS5 syntax) go
 * in as a document of an external-content FTS5 table kept in step by
 * triggers, exactly as proposal_fts is, and as queries: raw (an FTS5
 * syntax error is fine), quoted as a phrase, and as a prefix, with
 * highlight() for the auxiliary mode.  After insert, update and delete,
 * FTS5's integrity-check against the content table must pass: the
 * tokenizer must give the same tokens for the same text every time, or
 * triggers would leave the index out of step.  Never a crash or a leak.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "store/store_fts.h"
#include "text/tokenize.h"

#define FUZZ_MAX (TEXT_MAX + 64)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char schema[] =
    "CREATE TABLE doc(id INTEGER PRIMARY KEY, body TEXT);"
    "CREATE VIRTUAL TABLE doc_fts USING fts5(body, content='doc', "
    "content_rowid='id', tokenize='cabildo');"
    "CREATE TRIGGER doc_ai AFTER INSERT ON doc BEGIN "
    "INSERT INTO doc_fts(rowid, body) VALUES (new.id, new.body); END;"
    "CREATE TRIGGER doc_ad AFTER DELETE ON doc BEGIN "
    "INSERT INTO doc_fts(doc_fts, rowid, body) "
    "VALUES ('delete', old.id, old.body); END;"
    "CREATE TRIGGER doc_au AFTER UPDATE ON doc BEGIN "
    "INSERT INTO doc_fts(doc_fts, rowid, body) "
    "VALUES ('delete', old.id, old.body); "
    "INSERT INTO doc_fts(rowid, body) VALUES (new.id, new.body); END;";

static sqlite3 *
db_get(void)
{
	static sqlite3 *db;

	if (db != NULL)
		return db;
	if (sqlite3_open(":memory:", &db) != SQLITE_OK ||
	    store_fts_register(db) != SQLITE_OK ||
	    sqlite3_exec(db, schema, NULL, NULL, NULL) != SQLITE_OK)
		abort();
	return db;
}

/* Runs sql with text bound to ?1 (if any); returns the result code. */
static int
run(sqlite3 *db, const char *sql, const char *text, size_t len)
{
	sqlite3_stmt *p;
	int rc;

	if (sqlite3_prepare_v2(db, sql, -1, &p, NULL) != SQLITE_OK)
		abort(); /* our own SQL */
	if (text != NULL)
		sqlite3_bind_text(p, 1, text, (int)len, SQLITE_STATIC);
	while ((rc = sqlite3_step(p)) == SQLITE_ROW)
		;
	sqlite3_finalize(p);
	return rc;
}

static void
check_integrity(sqlite3 *db)
{
	if (sqlite3_exec(db,
		"INSERT INTO doc_fts(doc_fts, rank) VALUES ('integrity-check', 1)",
		NULL, NULL, NULL) != SQLITE_OK)
		abort();
}

/*
 * q up to its first NUL (the search box's text is a C string) as one FTS5
 * string, its quotes doubled, with an optional '*'.
 */
static char *
quoted(const char *q, size_t len, bool prefix, size_t *out_len)
{
	char *s = malloc(2 * len + 4);
	size_t i, n = 0;

	if (s == NULL)
		abort();
	s[n++] = '"';
	for (i = 0; i < len && q[i] != '\0'; i++) {
		if (q[i] == '"')
			s[n++] = '"';
		s[n++] = q[i];
	}
	s[n++] = '"';
	if (prefix)
		s[n++] = '*';
	s[n] = '\0';
	*out_len = n;
	return s;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char search[] =
	    "SELECT highlight(doc_fts, 0, '[', ']') FROM doc_fts "
	    "WHERE doc_fts MATCH ?1";
	sqlite3 *db = db_get();
	const char *text = (const char *)data;
	char *q;
	size_t qlen;
	int rc;

	if (size > FUZZ_MAX)
		size = FUZZ_MAX;
	if (run(db, "INSERT INTO doc(id, body) VALUES (1, ?1)", text, size) !=
	    SQLITE_DONE)
		abort(); /* a document never fails to index */
	check_integrity(db);
	(void)run(db, search, text, size); /* raw: syntax errors are fine */
	q = quoted(text, size, false, &qlen);
	rc = run(db, search, q, qlen);
	free(q);
	q = quoted(text, size, true, &qlen);
	rc |= run(db, search, q, qlen);
	free(q);
	if (rc != SQLITE_DONE)
		abort(); /* a quoted string is never a syntax error */
	if (run(db, "UPDATE doc SET body = substr(body, 1 + length(body) / 2)",
		NULL, 0) != SQLITE_DONE)
		abort();
	check_integrity(db);
	if (run(db, "DELETE FROM doc", NULL, 0) != SQLITE_DONE)
		abort();
	check_integrity(db);
	return 0;
}
