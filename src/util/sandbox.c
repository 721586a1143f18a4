/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * sandbox.c: Landlock confinement (see sandbox.h).  Debian 12's kernel
 * headers stop at Landlock ABI 2, so the later rights and the larger
 * ruleset attribute are spelled out here, as the kernel defines them.
 */
#define _GNU_SOURCE /* O_PATH, syscall(2) */
#include "util/sandbox.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/landlock.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "util/util.h"

#ifndef LANDLOCK_ACCESS_FS_REFER
#define LANDLOCK_ACCESS_FS_REFER (1ULL << 13) /* ABI 2 */
#endif
#ifndef LANDLOCK_ACCESS_FS_TRUNCATE
#define LANDLOCK_ACCESS_FS_TRUNCATE (1ULL << 14) /* ABI 3 */
#endif
#ifndef LANDLOCK_ACCESS_FS_IOCTL_DEV
#define LANDLOCK_ACCESS_FS_IOCTL_DEV (1ULL << 15) /* ABI 5 */
#endif
#ifndef LANDLOCK_ACCESS_NET_CONNECT_TCP
#define LANDLOCK_ACCESS_NET_CONNECT_TCP (1ULL << 1) /* ABI 4 */
#endif
#ifndef LANDLOCK_SCOPE_ABSTRACT_UNIX_SOCKET
#define LANDLOCK_SCOPE_ABSTRACT_UNIX_SOCKET (1ULL << 0) /* ABI 6 */
#define LANDLOCK_SCOPE_SIGNAL               (1ULL << 1)
#endif

/* The ABI 1 rights: bits 0 (execute) to 12 (make symlink). */
#define FS_ABI1 ((1ULL << 13) - 1)

/* struct landlock_ruleset_attr as of ABI 6; the kernel accepts it whole
 * from ABI 1 on as long as the fields it does not know are zero. */
struct ruleset_attr {
	uint64_t handled_access_fs;
	uint64_t handled_access_net;
	uint64_t scoped;
};

static const char *const errs[SANDBOX_ERR__MAX] = {
	[SANDBOX_OK] = "ok",
	[SANDBOX_ERR_UNAVAILABLE] = "landlock unavailable",
	[SANDBOX_ERR_PATH] = "cannot open a sandbox path",
	[SANDBOX_ERR_SYSCALL] = "cannot confine the process",
};

static const char *const modes[SANDBOX_MODE__MAX] = {
	[SANDBOX_AUTO] = "auto",
	[SANDBOX_REQUIRE] = "require",
	[SANDBOX_OFF] = "off",
};

const char *
sandbox_strerror(enum sandbox_err err)
{
	return (unsigned)err < SANDBOX_ERR__MAX ? errs[err] : "unknown error";
}

bool
sandbox_mode_parse(const char *s, enum sandbox_mode *out)
{
	size_t i;

	for (i = 0; i < SANDBOX_MODE__MAX; i++)
		if (strcmp(s, modes[i]) == 0) {
			*out = (enum sandbox_mode)i;
			return true;
		}
	return false;
}

const char *
sandbox_mode_name(enum sandbox_mode mode)
{
	return (unsigned)mode < SANDBOX_MODE__MAX ? modes[mode] : "?";
}

void
sandbox_init(struct sandbox *sb)
{
	memset(sb, 0, sizeof(*sb));
}

void
sandbox_release(struct sandbox *sb)
{
	size_t i;

	for (i = 0; i < sb->npaths; i++)
		free(sb->paths[i].path);
	sb->npaths = 0;
}

void
sandbox_allow(struct sandbox *sb, const char *path, unsigned flags)
{
	if (sb->npaths == SANDBOX_PATHS_MAX)
		die("sandbox: more than %d paths", SANDBOX_PATHS_MAX);
	sb->paths[sb->npaths].path = xstrdup(path);
	sb->paths[sb->npaths].flags = flags;
	sb->npaths++;
}

char *
sandbox_file_dir(const char *path)
{
	char *real = realpath(path, NULL), *dir;
	const char *p = real != NULL ? real : path;
	const char *slash = strrchr(p, '/');

	if (slash == NULL)
		dir = xstrdup(".");
	else if (slash == p)
		dir = xstrdup("/");
	else
		dir = xstrndup(p, (size_t)(slash - p));
	free(real);
	return dir;
}

int
sandbox_abi(void)
{
	long v = syscall(SYS_landlock_create_ruleset, NULL, 0,
	    LANDLOCK_CREATE_RULESET_VERSION);

	return v > 0 && v < 1000 ? (int)v : 0;
}

/* Every file-system right the kernel's ABI knows: all of them handled,
 * so all of them denied where no rule grants them. */
static uint64_t
fs_handled(int abi)
{
	uint64_t r = FS_ABI1;

	if (abi >= 2)
		r |= LANDLOCK_ACCESS_FS_REFER;
	if (abi >= 3)
		r |= LANDLOCK_ACCESS_FS_TRUNCATE;
	if (abi >= 5)
		r |= LANDLOCK_ACCESS_FS_IOCTL_DEV;
	return r;
}

/* The rights flags grant, within handled; a file takes no directory
 * rights (the kernel refuses them on a file). */
static uint64_t
fs_allowed(unsigned flags, bool dir, uint64_t handled)
{
	uint64_t r = 0;

	if (flags & SANDBOX_READ)
		r |= LANDLOCK_ACCESS_FS_READ_FILE |
		    (dir ? LANDLOCK_ACCESS_FS_READ_DIR : 0);
	if (flags & (SANDBOX_WRITE | SANDBOX_CREATE))
		r |= LANDLOCK_ACCESS_FS_WRITE_FILE |
		    LANDLOCK_ACCESS_FS_TRUNCATE |
		    (dir ? LANDLOCK_ACCESS_FS_MAKE_REG : 0);
	if ((flags & SANDBOX_WRITE) && dir)
		r |= LANDLOCK_ACCESS_FS_REMOVE_FILE;
	return r & handled;
}

static enum sandbox_err
add_path(int ruleset, const struct sandbox_path *p, uint64_t handled,
    struct buf *msg)
{
	struct landlock_path_beneath_attr pb;
	struct stat sbuf;
	int fd;

	fd = open(p->path, O_PATH | O_CLOEXEC);
	if (fd < 0) {
		if (errno == ENOENT && (p->flags & SANDBOX_OPTIONAL))
			return SANDBOX_OK;
		buf_addf(msg, "'%s': %s", p->path, strerror(errno));
		return SANDBOX_ERR_PATH;
	}
	if (fstat(fd, &sbuf) != 0) {
		buf_addf(msg, "'%s': %s", p->path, strerror(errno));
		close(fd);
		return SANDBOX_ERR_PATH;
	}
	memset(&pb, 0, sizeof(pb));
	pb.parent_fd = fd;
	pb.allowed_access =
	    fs_allowed(p->flags, S_ISDIR(sbuf.st_mode), handled);
	if (syscall(SYS_landlock_add_rule, ruleset, LANDLOCK_RULE_PATH_BENEATH,
		&pb, 0) != 0) {
		buf_addf(msg, "landlock rule for '%s': %s", p->path,
		    strerror(errno));
		close(fd);
		return SANDBOX_ERR_SYSCALL;
	}
	close(fd);
	return SANDBOX_OK;
}

enum sandbox_err
sandbox_apply(const struct sandbox *sb, int *abi, struct buf *msg)
{
	struct ruleset_attr attr;
	enum sandbox_err err = SANDBOX_OK;
	int version, ruleset;
	size_t i;

	version = sandbox_abi();
	if (version == 0) {
		buf_addf(msg, "the kernel offers no landlock (%s)",
		    errno == EOPNOTSUPP  ? "disabled at boot: see lsm="
			: errno == EPERM ? "refused by a seccomp filter"
					 : "not built in");
		return SANDBOX_ERR_UNAVAILABLE;
	}
	memset(&attr, 0, sizeof(attr));
	attr.handled_access_fs = fs_handled(version);
	if (version >= 4 && sb->deny_connect)
		attr.handled_access_net = LANDLOCK_ACCESS_NET_CONNECT_TCP;
	if (version >= 6)
		attr.scoped =
		    LANDLOCK_SCOPE_ABSTRACT_UNIX_SOCKET | LANDLOCK_SCOPE_SIGNAL;
	ruleset =
	    (int)syscall(SYS_landlock_create_ruleset, &attr, sizeof(attr), 0);
	if (ruleset < 0) {
		buf_addf(msg, "landlock_create_ruleset: %s", strerror(errno));
		return SANDBOX_ERR_SYSCALL;
	}
	for (i = 0; i < sb->npaths && err == SANDBOX_OK; i++)
		err = add_path(
		    ruleset, &sb->paths[i], attr.handled_access_fs, msg);
	if (err != SANDBOX_OK)
		goto out;
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) {
		buf_addf(
		    msg, "prctl(PR_SET_NO_NEW_PRIVS): %s", strerror(errno));
		err = SANDBOX_ERR_SYSCALL;
		goto out;
	}
	if (syscall(SYS_landlock_restrict_self, ruleset, 0) != 0) {
		buf_addf(msg, "landlock_restrict_self: %s", strerror(errno));
		err = SANDBOX_ERR_SYSCALL;
		goto out;
	}
	if (abi != NULL)
		*abi = version;
out:
	close(ruleset);
	return err;
}
