/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * test_sandbox.c: the Landlock confinement of util/sandbox.h.  A forked
 * child confines itself to one read-write and one read-only temporary
 * directory and checks, call by call, what still works and what fails
 * with EACCES; the test runner itself is never confined.  The tests that
 * need Landlock are skipped, saying so, on a kernel without it.
 */
#include <criterion/criterion.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "util/sandbox.h"

static char rw_dir[64], ro_dir[64], out_dir[64], new_dir[64];

static void
make_dirs(void)
{
	char path[128];
	int fd;

	snprintf(rw_dir, sizeof(rw_dir), "/tmp/cabildo-sbx-rw-XXXXXX");
	snprintf(ro_dir, sizeof(ro_dir), "/tmp/cabildo-sbx-ro-XXXXXX");
	snprintf(out_dir, sizeof(out_dir), "/tmp/cabildo-sbx-out-XXXXXX");
	snprintf(new_dir, sizeof(new_dir), "/tmp/cabildo-sbx-new-XXXXXX");
	cr_assert_not_null(mkdtemp(rw_dir));
	cr_assert_not_null(mkdtemp(ro_dir));
	cr_assert_not_null(mkdtemp(out_dir));
	cr_assert_not_null(mkdtemp(new_dir));
	snprintf(path, sizeof(path), "%s/f", ro_dir);
	fd = open(path, O_WRONLY | O_CREAT, 0644);
	cr_assert(fd >= 0 && write(fd, "ro\n", 3) == 3);
	close(fd);
	snprintf(path, sizeof(path), "%s/f", out_dir);
	fd = open(path, O_WRONLY | O_CREAT, 0644);
	cr_assert(fd >= 0 && write(fd, "out\n", 4) == 4);
	close(fd);
}

static void
remove_dirs(void)
{
	char path[128];

	snprintf(path, sizeof(path), "%s/f", ro_dir);
	unlink(path);
	snprintf(path, sizeof(path), "%s/f", out_dir);
	unlink(path);
	snprintf(path, sizeof(path), "%s/port", new_dir);
	unlink(path);
	rmdir(new_dir);
	rmdir(rw_dir);
	rmdir(ro_dir);
	rmdir(out_dir);
}

/* True when open(path, flags) fails with EACCES. */
static bool
denied(const char *path, int flags)
{
	int fd = open(path, flags | O_CLOEXEC, 0644);

	if (fd >= 0) {
		close(fd);
		return false;
	}
	return errno == EACCES;
}

static bool
allowed(const char *path, int flags)
{
	int fd = open(path, flags | O_CLOEXEC, 0644);

	if (fd < 0)
		return false;
	close(fd);
	return true;
}

/* A TCP listener on 127.0.0.1; its port in *port. */
static int
listener(unsigned short *port)
{
	struct sockaddr_in a = { .sin_family = AF_INET };
	socklen_t len = sizeof(a);
	int s = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);

	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	cr_assert(s >= 0 && bind(s, (struct sockaddr *)&a, sizeof(a)) == 0 &&
	    listen(s, 4) == 0 &&
	    getsockname(s, (struct sockaddr *)&a, &len) == 0);
	*port = ntohs(a.sin_port);
	return s;
}

static int
tcp_connect(unsigned short port)
{
	struct sockaddr_in a = { .sin_family = AF_INET };
	int s = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0), rc, e;

	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	a.sin_port = htons(port);
	rc = connect(s, (struct sockaddr *)&a, sizeof(a));
	e = errno;
	close(s);
	errno = e;
	return rc;
}

/* The checks the confined child makes, in order; it exits with the
 * number of the first that fails (0: all passed). */
static const char *const checks[] = {
	"",
	"sandbox_apply",
	"create, write and remove a file in the read-write directory",
	"read a file in the read-only directory",
	"write a file in the read-only directory is EACCES",
	"create a file in the read-only directory is EACCES",
	"read a file in another directory is EACCES",
	"write /etc/hostname is EACCES",
	"read /etc/passwd is EACCES",
	"make a directory in the read-write directory is EACCES",
	"execute /bin/true is EACCES",
	"outgoing TCP connection is EACCES (ABI 4)",
	"create and write a file in the create-only directory",
	"read back or remove it, or list the directory, is EACCES",
};

static int
confined_child(unsigned short port)
{
	struct sandbox sb;
	struct buf msg;
	char path[128];
	int abi = 0, fd;

	sandbox_init(&sb);
	sb.deny_connect = true;
	sandbox_allow(&sb, rw_dir, SANDBOX_READ | SANDBOX_WRITE);
	sandbox_allow(&sb, ro_dir, SANDBOX_READ);
	sandbox_allow(&sb, new_dir, SANDBOX_CREATE);
	sandbox_allow(&sb, "/proc/self", SANDBOX_READ | SANDBOX_OPTIONAL);
	sandbox_allow(&sb, "/nonexistent/cabildo", SANDBOX_OPTIONAL);
	buf_init(&msg, 0);
	if (sandbox_apply(&sb, &abi, &msg) != SANDBOX_OK || abi < 1)
		return 1;
	snprintf(path, sizeof(path), "%s/new", rw_dir);
	fd = open(path, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0 || write(fd, "x", 1) != 1 || close(fd) != 0 ||
	    unlink(path) != 0)
		return 2;
	snprintf(path, sizeof(path), "%s/f", ro_dir);
	if (!allowed(path, O_RDONLY))
		return 3;
	if (!denied(path, O_WRONLY))
		return 4;
	snprintf(path, sizeof(path), "%s/g", ro_dir);
	if (!denied(path, O_WRONLY | O_CREAT))
		return 5;
	snprintf(path, sizeof(path), "%s/f", out_dir);
	if (!denied(path, O_RDONLY))
		return 6;
	if (!denied("/etc/hostname", O_WRONLY))
		return 7;
	if (!denied("/etc/passwd", O_RDONLY))
		return 8;
	snprintf(path, sizeof(path), "%s/d", rw_dir);
	if (mkdir(path, 0755) == 0 || errno != EACCES)
		return 9;
	execl("/bin/true", "true", (char *)NULL);
	if (errno != EACCES)
		return 10;
	if (abi >= 4 && (tcp_connect(port) == 0 || errno != EACCES))
		return 11;
	snprintf(path, sizeof(path), "%s/port", new_dir);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0 || write(fd, "8080\n", 5) != 5 || close(fd) != 0)
		return 12;
	if (!denied(path, O_RDONLY) || unlink(path) == 0 || errno != EACCES ||
	    !denied(new_dir, O_RDONLY | O_DIRECTORY))
		return 13;
	sandbox_release(&sb);
	buf_release(&msg);
	return 0;
}

Test(sandbox, mode_parse)
{
	enum sandbox_mode m = SANDBOX_OFF;

	cr_assert(sandbox_mode_parse("auto", &m) && m == SANDBOX_AUTO);
	cr_assert(sandbox_mode_parse("require", &m) && m == SANDBOX_REQUIRE);
	cr_assert(sandbox_mode_parse("off", &m) && m == SANDBOX_OFF);
	cr_assert(!sandbox_mode_parse("on", &m) && m == SANDBOX_OFF);
	cr_assert(!sandbox_mode_parse("", &m));
	cr_assert(!sandbox_mode_parse("AUTO", &m));
	cr_assert_str_eq(sandbox_mode_name(SANDBOX_REQUIRE), "require");
}

Test(sandbox, confines_child)
{
	unsigned short port;
	int status, lst;
	pid_t pid;

	if (sandbox_abi() == 0)
		cr_skip_test("landlock unavailable in this kernel");
	make_dirs();
	lst = listener(&port);
	/* Before: the child's checks would pass unconfined only where
	 * they are allowed, so a no-op sandbox cannot pass. */
	cr_assert(allowed("/etc/passwd", O_RDONLY));
	cr_assert(tcp_connect(port) == 0);
	pid = fork();
	cr_assert(pid >= 0);
	if (pid == 0)
		_exit(confined_child(port));
	cr_assert(waitpid(pid, &status, 0) == pid);
	close(lst);
	remove_dirs();
	cr_assert(WIFEXITED(status), "the confined child died");
	cr_assert(WEXITSTATUS(status) == 0, "failed: %s",
	    WEXITSTATUS(status) < (int)(sizeof(checks) / sizeof(checks[0]))
		? checks[WEXITSTATUS(status)]
		: "?");
	/* The parent is not confined. */
	cr_assert(allowed("/etc/passwd", O_RDONLY));
}

Test(sandbox, missing_path_is_an_error_and_confines_nothing)
{
	int status;
	pid_t pid;

	if (sandbox_abi() == 0)
		cr_skip_test("landlock unavailable in this kernel");
	pid = fork();
	cr_assert(pid >= 0);
	if (pid == 0) {
		struct sandbox sb;
		struct buf msg;
		enum sandbox_err err;

		sandbox_init(&sb);
		sandbox_allow(&sb, "/tmp", SANDBOX_READ);
		sandbox_allow(&sb, "/nonexistent/cabildo", SANDBOX_READ);
		buf_init(&msg, 0);
		err = sandbox_apply(&sb, NULL, &msg);
		if (err != SANDBOX_ERR_PATH)
			_exit(1);
		if (strstr(msg.s, "'/nonexistent/cabildo'") == NULL)
			_exit(2);
		if (!allowed("/etc/passwd", O_RDONLY))
			_exit(3);
		_exit(0);
	}
	cr_assert(waitpid(pid, &status, 0) == pid);
	cr_assert(
	    WIFEXITED(status) && WEXITSTATUS(status) == 0, "status %d", status);
}

Test(sandbox, strerror)
{
	cr_assert_str_eq(
	    sandbox_strerror(SANDBOX_ERR_UNAVAILABLE), "landlock unavailable");
	cr_assert_str_eq(sandbox_strerror(SANDBOX_ERR__MAX), "unknown error");
}

Test(sandbox, file_dir_follows_a_link_to_the_file)
{
	char a[] = "/tmp/cabildo-sbx-a-XXXXXX",
	     b[] = "/tmp/cabildo-sbx-b-XXXXXX";
	char file[64], link[64], *d;
	size_t n;
	int fd;

	cr_assert_not_null(mkdtemp(a));
	cr_assert_not_null(mkdtemp(b));
	snprintf(file, sizeof(file), "%s/db", b);
	snprintf(link, sizeof(link), "%s/db", a);
	fd = open(file, O_WRONLY | O_CREAT, 0644);
	cr_assert(fd >= 0);
	close(fd);
	cr_assert(symlink(file, link) == 0);
	/* b itself may be reached through a link (/tmp): compare the end. */
	d = sandbox_file_dir(link);
	n = strlen(d);
	cr_assert(
	    n >= strlen(b + 4) && strcmp(d + n - strlen(b + 4), b + 4) == 0,
	    "'%s' is not the directory of '%s'", d, file);
	free(d);
	d = sandbox_file_dir("/nonexistent/cabildo/db");
	cr_assert_str_eq(d, "/nonexistent/cabildo");
	free(d);
	d = sandbox_file_dir("cabildo-nonexistent.db");
	cr_assert_str_eq(d, ".");
	free(d);
	d = sandbox_file_dir("/cabildo-nonexistent.db");
	cr_assert_str_eq(d, "/");
	free(d);
	unlink(link);
	unlink(file);
	rmdir(a);
	rmdir(b);
}
