/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * store_backup.c: online backup, checking a database file, and restore
 * (store.h, "Backups").
 *
 * A backup is one sqlite3_backup_step(-1): it copies every page inside one
 * read transaction, so it is a consistent snapshot of the moment it
 * started.  In WAL mode a reader never blocks the writers, so the server
 * keeps accepting writes while it runs.  The copy is written beside its
 * destination, switched to a single self-contained file
 * (journal_mode=DELETE), checked, synced and only then renamed into
 * place: a backup file that exists is complete.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "store/store_fts.h"
#include "store/store_int.h"

#define BACKUP_RETRIES 100 /* times 50 ms while the source is locked */

static int
open_raw(const char *path, int flags, sqlite3 **db, struct buf *msg)
{
	int rc = sqlite3_open_v2(path, db, flags | SQLITE_OPEN_NOMUTEX, NULL);

	if (rc != SQLITE_OK) {
		buf_addf(msg, "'%s': %s", path,
		    *db != NULL ? sqlite3_errmsg(*db) : "out of memory");
		sqlite3_close(*db);
		*db = NULL;
		return rc;
	}
	sqlite3_extended_result_codes(*db, 1);
	sqlite3_busy_timeout(*db, 5000);
	/* Like store_open: any use of proposal_fts needs the tokenizer. */
	if ((rc = store_fts_register(*db)) != SQLITE_OK) {
		buf_addf(msg, "'%s': cannot register the text search tokenizer",
		    path);
		sqlite3_close(*db);
		*db = NULL;
	}
	return rc;
}

/* The first column of the first row of sql as an integer. */
static int
query_int(sqlite3 *db, const char *sql, int64_t *out)
{
	sqlite3_stmt *p;
	int rc = sqlite3_prepare_v2(db, sql, -1, &p, NULL);

	if (rc != SQLITE_OK)
		return rc;
	rc = sqlite3_step(p);
	if (rc == SQLITE_ROW) {
		*out = sqlite3_column_int64(p, 0);
		rc = SQLITE_OK;
	} else if (rc == SQLITE_DONE) {
		rc = SQLITE_NOTFOUND;
	}
	sqlite3_finalize(p);
	return rc;
}

/*
 * Runs a checking pragma whose healthy answer is "ok" (integrity_check)
 * or no row at all (foreign_key_check); anything else is appended to msg,
 * at most three rows.
 */
static enum store_err
check_pragma(sqlite3 *db, const char *path, const char *sql, const char *what,
    struct buf *msg)
{
	sqlite3_stmt *p;
	int rc, rows = 0, i, n;
	const char *v;
	bool bad = false;

	if ((rc = sqlite3_prepare_v2(db, sql, -1, &p, NULL)) != SQLITE_OK) {
		buf_addf(msg, "'%s': %s: %s", path, what, sqlite3_errmsg(db));
		return store_map_rc(rc);
	}
	while ((rc = sqlite3_step(p)) == SQLITE_ROW) {
		v = (const char *)sqlite3_column_text(p, 0);
		if (rows == 0 && v != NULL && strcmp(v, "ok") == 0 &&
		    sqlite3_column_count(p) == 1)
			continue;
		if (!bad)
			buf_addf(msg, "'%s': %s failed:", path, what);
		bad = true;
		if (rows++ < 3) {
			n = sqlite3_column_count(p);
			for (i = 0; i < n; i++) {
				v = (const char *)sqlite3_column_text(p, i);
				buf_addf(msg, "%s%s", i == 0 ? " " : "|",
				    v != NULL ? v : "NULL");
			}
			buf_addstr(msg, ";");
		}
	}
	sqlite3_finalize(p);
	if (rc != SQLITE_DONE) {
		buf_addf(msg, "'%s': %s: %s", path, what, sqlite3_errmsg(db));
		return store_map_rc(rc);
	}
	return bad ? STORE_ERR_IO : STORE_OK;
}

/* A cabildo database at a schema this build can use, intact. */
static enum store_err
check_db(sqlite3 *db, const char *path, struct store_file_info *info,
    struct buf *msg)
{
	int64_t v = 0, tables = 0, pages = 0, page_size = 0;
	enum store_err err;
	int rc;

	rc = query_int(db,
	    "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND "
	    "name IN ('event', 'proposal', 'account')",
	    &tables);
	if (rc != SQLITE_OK) {
		buf_addf(msg, "'%s': %s", path, sqlite3_errmsg(db));
		return STORE_ERR_OPEN;
	}
	if (query_int(db, "PRAGMA user_version", &v) != SQLITE_OK ||
	    tables != 3 || v < 1) {
		buf_addf(msg, "'%s': not a cabildo database", path);
		return STORE_ERR_OPEN;
	}
	if (v > store_schema_latest()) {
		buf_addf(msg,
		    "'%s': schema version %lld, but this cabildo knows only "
		    "up to %d: upgrade cabildo",
		    path, (long long)v, store_schema_latest());
		return STORE_ERR_NEWER;
	}
	if ((err = check_pragma(db, path, "PRAGMA integrity_check",
		 "integrity_check", msg)) != STORE_OK ||
	    (err = check_pragma(db, path, "PRAGMA foreign_key_check",
		 "foreign_key_check", msg)) != STORE_OK)
		return err;
	query_int(db, "PRAGMA page_count", &pages);
	query_int(db, "PRAGMA page_size", &page_size);
	if (info != NULL) {
		info->version = (int)v;
		info->bytes = pages * page_size;
	}
	return STORE_OK;
}

enum store_err
store_check_file(
    const char *path, struct store_file_info *info, struct buf *msg)
{
	struct stat sb;
	sqlite3 *db;
	enum store_err err;

	/* Said plainly, before SQLite reports it less clearly. */
	if (stat(path, &sb) != 0) {
		buf_addf(msg, "'%s': %s", path, strerror(errno));
		return STORE_ERR_OPEN;
	}
	if (!S_ISREG(sb.st_mode)) {
		buf_addf(msg, "'%s': not a regular file", path);
		return STORE_ERR_OPEN;
	}
	if (open_raw(path, SQLITE_OPEN_READONLY, &db, msg) != SQLITE_OK)
		return STORE_ERR_OPEN;
	err = check_db(db, path, info, msg);
	sqlite3_close(db);
	return err;
}

static bool
fsync_path(const char *path, bool dir)
{
	int fd = open(path, dir ? O_RDONLY | O_DIRECTORY : O_RDONLY);
	bool ok;

	if (fd < 0)
		return false;
	ok = fsync(fd) == 0;
	close(fd);
	return ok;
}

/* The directory part of path ("." when none), in out. */
static void
dir_of(const char *path, struct buf *out)
{
	const char *slash = strrchr(path, '/');

	if (slash == NULL)
		buf_addstr(out, ".");
	else if (slash == path)
		buf_addstr(out, "/");
	else
		buf_add(out, path, (size_t)(slash - path));
}

/* Copies all of src into dst in one step, waiting while src is locked. */
static int
copy_all(sqlite3 *dst, sqlite3 *src)
{
	sqlite3_backup *b = sqlite3_backup_init(dst, "main", src, "main");
	int rc, tries = 0;

	if (b == NULL)
		return sqlite3_errcode(dst);
	do {
		rc = sqlite3_backup_step(b, -1);
		if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
			sqlite3_sleep(50);
	} while ((rc == SQLITE_BUSY || rc == SQLITE_LOCKED) &&
	    ++tries < BACKUP_RETRIES);
	sqlite3_backup_finish(b);
	return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

enum store_err
store_backup(const char *db_path, const char *out_path,
    struct store_file_info *info, struct buf *msg)
{
	sqlite3 *src = NULL, *dst = NULL;
	struct buf tmp, dir;
	enum store_err err = STORE_ERR_IO;
	int64_t v = 0;
	int rc;

	buf_init(&tmp, 4096);
	buf_init(&dir, 4096);
	buf_addf(&tmp, "%s.tmp-%ld", out_path, (long)getpid());
	dir_of(out_path, &dir);
	if (open_raw(db_path, SQLITE_OPEN_READONLY, &src, msg) != SQLITE_OK) {
		err = STORE_ERR_OPEN;
		goto out;
	}
	rc = query_int(src, "PRAGMA user_version", &v);
	if (rc != SQLITE_OK || v < 1) {
		buf_addf(msg, "'%s': %s", db_path,
		    rc != SQLITE_OK ? sqlite3_errmsg(src)
				    : "not a cabildo database");
		err = STORE_ERR_OPEN;
		goto out;
	}
	unlink(tmp.s);
	if (open_raw(tmp.s, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, &dst,
		msg) != SQLITE_OK) {
		err = STORE_ERR_OPEN;
		goto out;
	}
	if ((rc = copy_all(dst, src)) != SQLITE_OK) {
		buf_addf(
		    msg, "backing up '%s': %s", db_path, sqlite3_errstr(rc));
		err = store_map_rc(rc);
		goto out;
	}
	sqlite3_close(src);
	src = NULL;
	/* One file that opens without its -wal: the copy carries the
	 * source's WAL flag in its header. */
	if (sqlite3_exec(dst, "PRAGMA journal_mode = DELETE", NULL, NULL,
		NULL) != SQLITE_OK) {
		buf_addf(msg, "'%s': %s", tmp.s, sqlite3_errmsg(dst));
		goto out;
	}
	if ((err = check_db(dst, out_path, info, msg)) != STORE_OK)
		goto out;
	err = STORE_ERR_IO;
	rc = sqlite3_close(dst);
	dst = NULL;
	if (rc != SQLITE_OK || !fsync_path(tmp.s, false)) {
		buf_addf(msg, "'%s': cannot sync: %s", tmp.s, strerror(errno));
		goto out;
	}
	if (rename(tmp.s, out_path) != 0) {
		buf_addf(msg, "'%s': %s", out_path, strerror(errno));
		goto out;
	}
	if (!fsync_path(dir.s, true)) {
		buf_addf(msg, "'%s': cannot sync: %s", dir.s, strerror(errno));
		goto out;
	}
	err = STORE_OK;
out:
	sqlite3_close(src);
	sqlite3_close(dst);
	if (err != STORE_OK)
		unlink(tmp.s);
	buf_release(&tmp);
	buf_release(&dir);
	return err;
}

/*
 * Whether another process has the database open.  Every connection to a
 * WAL database holds a shared lock on byte 128 of its -shm file (the
 * "DMS" lock of SQLite's unix VFS, WALINDEX_LOCK_OFFSET + 8) for as long
 * as it is open; a process that asks for a write lock there learns who
 * holds it.  Without a -shm file nobody has the database open in WAL
 * mode.
 */
static bool
in_use(const char *db_path, long *pid)
{
	struct flock fl;
	struct buf shm;
	int fd;
	bool used = false;

	buf_init(&shm, 4096);
	buf_addf(&shm, "%s-shm", db_path);
	fd = open(shm.s, O_RDONLY);
	buf_release(&shm);
	if (fd < 0)
		return false;
	memset(&fl, 0, sizeof(fl));
	fl.l_type = F_WRLCK;
	fl.l_whence = SEEK_SET;
	fl.l_start = 128;
	fl.l_len = 1;
	if (fcntl(fd, F_GETLK, &fl) == 0 && fl.l_type != F_UNLCK) {
		used = true;
		*pid = (long)fl.l_pid;
	}
	close(fd);
	return used;
}

enum store_err
store_restore(const char *from_path, const char *db_path,
    struct store_file_info *info, struct buf *msg)
{
	sqlite3 *src = NULL, *dst = NULL;
	enum store_err err;
	long pid = 0;
	int rc;

	if ((err = store_check_file(from_path, info, msg)) != STORE_OK)
		return err;
	if (in_use(db_path, &pid)) {
		buf_addf(msg,
		    "'%s' is in use by process %ld: stop the server first",
		    db_path, pid);
		return STORE_ERR_BUSY;
	}
	err = STORE_ERR_IO;
	if (open_raw(from_path, SQLITE_OPEN_READONLY, &src, msg) != SQLITE_OK ||
	    open_raw(db_path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, &dst,
		msg) != SQLITE_OK) {
		err = STORE_ERR_OPEN;
		goto out;
	}
	/* The copy replaces every page in one write transaction of the
	 * destination: a crash leaves the old database or the new one. */
	if ((rc = copy_all(dst, src)) != SQLITE_OK) {
		buf_addf(msg, "restoring into '%s': %s", db_path,
		    sqlite3_errstr(rc));
		err = store_map_rc(rc);
		goto out;
	}
	if (sqlite3_exec(dst, "PRAGMA journal_mode = WAL", NULL, NULL, NULL) !=
	    SQLITE_OK) {
		buf_addf(msg, "'%s': %s", db_path, sqlite3_errmsg(dst));
		goto out;
	}
	err = check_db(dst, db_path, info, msg);
out:
	sqlite3_close(src);
	sqlite3_close(dst);
	return err;
}
