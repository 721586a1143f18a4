/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * sandbox.h: confinement of the calling process with Linux Landlock
 * (<linux/landlock.h> through syscall(2), no library).
 *
 * The caller lists the paths the process may still use; sandbox_apply
 * sets no_new_privs and restricts the calling thread, and every thread
 * and child it creates afterwards, to them: every file-system access
 * that Landlock knows about (reading, writing, creating, removing,
 * executing, linking across directories, truncating, device ioctls) is
 * denied outside the listed paths.  Executing is never granted, so no
 * program can be started.  Optionally outgoing TCP connections (Landlock
 * ABI 4) are denied, and signals and abstract Unix sockets are scoped to
 * the sandbox (ABI 6).  The rights requested are negotiated down to the
 * ABI the kernel offers (best effort).
 *
 * Landlock restricts only threads created after the call: apply it
 * before starting any thread.  Once applied it cannot be lifted.
 */
#ifndef CABILDO_SANDBOX_H
#define CABILDO_SANDBOX_H

#include <stdbool.h>
#include <stddef.h>

#include "util/buf.h"

#define SANDBOX_PATHS_MAX 16

enum sandbox_mode {
	SANDBOX_AUTO,    /* confine when the kernel can; otherwise say so */
	SANDBOX_REQUIRE, /* refuse to run unconfined */
	SANDBOX_OFF,     /* do not confine */
	SANDBOX_MODE__MAX
};

/* Parses "auto", "require" or "off". */
bool sandbox_mode_parse(const char *s, enum sandbox_mode *out);
const char *sandbox_mode_name(enum sandbox_mode mode);

enum sandbox_flags {
	/* Read files; list directories. */
	SANDBOX_READ = 1 << 0,
	/* Write and truncate files; create and remove regular files (not
	 * directories). */
	SANDBOX_WRITE = 1 << 1,
	/* Create regular files and write them, without reading or removing
	 * anything. */
	SANDBOX_CREATE = 1 << 2,
	/* A missing path is skipped instead of being an error. */
	SANDBOX_OPTIONAL = 1 << 3,
};

struct sandbox_path {
	char *path; /* owned */
	unsigned flags;
};

struct sandbox {
	struct sandbox_path paths[SANDBOX_PATHS_MAX];
	size_t npaths;
	bool deny_connect; /* no outgoing TCP connections (ABI 4) */
};

enum sandbox_err {
	SANDBOX_OK,
	SANDBOX_ERR_UNAVAILABLE, /* the kernel has no (enabled) Landlock */
	SANDBOX_ERR_PATH,        /* a listed path cannot be opened */
	SANDBOX_ERR_SYSCALL,     /* a Landlock or prctl call failed */
	SANDBOX_ERR__MAX
};

const char *sandbox_strerror(enum sandbox_err err);

void sandbox_init(struct sandbox *sb);
void sandbox_release(struct sandbox *sb);

/* Adds path (copied) with flags; dies when more than SANDBOX_PATHS_MAX. */
void sandbox_allow(struct sandbox *sb, const char *path, unsigned flags);

/*
 * The directory of the file at path (allocated): of the file a symbolic
 * link names, when path exists (SQLite puts -wal and -shm there); "."
 * for a bare name.
 */
char *sandbox_file_dir(const char *path);

/* The Landlock ABI version of the running kernel, 0 when unavailable. */
int sandbox_abi(void);

/*
 * Confines the process as described above.  On success *abi (if not
 * NULL) is the ABI used.  On error msg says what and nothing is
 * restricted (no_new_privs may be set).
 */
enum sandbox_err sandbox_apply(
    const struct sandbox *sb, int *abi, struct buf *msg);

#endif
