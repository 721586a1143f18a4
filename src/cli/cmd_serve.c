/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * cmd_serve.c: `cabildo serve`, the web server, configured by flags and
 * an optional configuration file (util/config.h; every key is documented
 * in docs/OPERATIONS.md and cabildo(1)).  Flags win over the file; the
 * file wins over the environment variables that some keys stand for.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cmds.h"
#include "util/buf.h"
#include "util/config.h"
#include "util/log.h"
#include "util/sandbox.h"
#include "util/util.h"
#include "web/auth.h"
#include "web/server.h"

#define PEM_MAX (256 * 1024)

enum serve_key {
	K_DB,
	K_LISTEN,
	K_THREADS,
	K_ACCESS_LOG,
	K_PORT_FILE,
	K_TLS_CERT,
	K_TLS_KEY,
	K_PUBLIC_URL,
	K_SECURE_COOKIES,
	K_TRUST_PROXY,
	K_HTTP_CONNECTIONS,
	K_HTTP_PER_ADDRESS,
	K_HTTP_TIMEOUT,
	K_RATE_SCALE,
	K_RATE_WINDOW,
	K_SANDBOX,
	K__MAX
};

static const struct config_key serve_keys[K__MAX] = {
	[K_DB] = { "db", CONFIG_STRING, 0, 0 },
	[K_LISTEN] = { "listen", CONFIG_STRING, 0, 0 },
	[K_THREADS] = { "threads", CONFIG_INT, 1, 64 },
	[K_ACCESS_LOG] = { "access_log", CONFIG_BOOL, 0, 0 },
	[K_PORT_FILE] = { "port_file", CONFIG_STRING, 0, 0 },
	[K_TLS_CERT] = { "tls_cert", CONFIG_STRING, 0, 0 },
	[K_TLS_KEY] = { "tls_key", CONFIG_STRING, 0, 0 },
	[K_PUBLIC_URL] = { "public_url", CONFIG_STRING, 0, 0 },
	[K_SECURE_COOKIES] = { "secure_cookies", CONFIG_BOOL, 0, 0 },
	[K_TRUST_PROXY] = { "trust_proxy", CONFIG_STRING, 0, 0 },
	[K_HTTP_CONNECTIONS] = { "http_connections", CONFIG_INT, 1, 65536 },
	[K_HTTP_PER_ADDRESS] = { "http_per_address", CONFIG_INT, 0, 65536 },
	[K_HTTP_TIMEOUT] = { "http_timeout", CONFIG_INT, 1, 3600 },
	[K_RATE_SCALE] = { "rate_scale", CONFIG_REAL, 0, 1000 },
	[K_RATE_WINDOW] = { "rate_window", CONFIG_INT, 1, 86400 },
	[K_SANDBOX] = { "sandbox", CONFIG_STRING, 0, 0 },
};

/* Keys that the web layer reads from the environment. */
static const char *const serve_env[K__MAX] = {
	[K_PUBLIC_URL] = "CABILDO_PUBLIC_URL",
	[K_SECURE_COOKIES] = "CABILDO_SECURE_COOKIES",
	[K_TRUST_PROXY] = "CABILDO_TRUST_PROXY",
	[K_HTTP_CONNECTIONS] = "CABILDO_HTTP_CONNECTIONS",
	[K_HTTP_PER_ADDRESS] = "CABILDO_HTTP_PER_ADDRESS",
	[K_HTTP_TIMEOUT] = "CABILDO_HTTP_TIMEOUT",
	[K_RATE_SCALE] = "CABILDO_RATE_SCALE",
	[K_RATE_WINDOW] = "CABILDO_RATE_WINDOW",
};

/* Checks what the parser cannot and applies the file to cfg and the
 * environment.  False with a "FILE:LINE: ..." message. */
static bool
apply_config(const char *file, struct config_value *v,
    struct server_config *cfg, const char **cert, const char **key,
    enum sandbox_mode *sandbox, struct buf *msg)
{
	size_t i;

	if (v[K_LISTEN].set && !server_listen_valid(v[K_LISTEN].s)) {
		buf_addf(msg, "%s:%d: 'listen': expected ADDR:PORT, got '%s'",
		    file, v[K_LISTEN].line, v[K_LISTEN].s);
		return false;
	}
	if (v[K_PUBLIC_URL].set && *v[K_PUBLIC_URL].s != '\0' &&
	    strncmp(v[K_PUBLIC_URL].s, "https://", 8) != 0 &&
	    strncmp(v[K_PUBLIC_URL].s, "http://", 7) != 0) {
		buf_addf(msg,
		    "%s:%d: 'public_url': expected https://HOST, got '%s'",
		    file, v[K_PUBLIC_URL].line, v[K_PUBLIC_URL].s);
		return false;
	}
	if (v[K_SANDBOX].set && !sandbox_mode_parse(v[K_SANDBOX].s, sandbox)) {
		buf_addf(msg,
		    "%s:%d: 'sandbox': expected auto, require or off, got "
		    "'%s'",
		    file, v[K_SANDBOX].line, v[K_SANDBOX].s);
		return false;
	}
	for (i = 0; i < K__MAX; i++)
		if (v[i].set && *v[i].s == '\0' && i != K_PUBLIC_URL &&
		    i != K_TRUST_PROXY) {
			buf_addf(msg, "%s:%d: '%s': missing value", file,
			    v[i].line, serve_keys[i].name);
			return false;
		}
	if (v[K_DB].set)
		cfg->db_path = v[K_DB].s;
	if (v[K_LISTEN].set)
		cfg->listen = v[K_LISTEN].s;
	if (v[K_THREADS].set)
		cfg->threads = (unsigned)v[K_THREADS].n;
	if (v[K_ACCESS_LOG].set)
		cfg->access_log = v[K_ACCESS_LOG].b;
	if (v[K_PORT_FILE].set)
		cfg->port_file = v[K_PORT_FILE].s;
	if (v[K_TLS_CERT].set)
		*cert = v[K_TLS_CERT].s;
	if (v[K_TLS_KEY].set)
		*key = v[K_TLS_KEY].s;
	for (i = 0; i < K__MAX; i++) {
		if (serve_env[i] == NULL || !v[i].set)
			continue;
		if (serve_keys[i].type == CONFIG_BOOL)
			setenv(serve_env[i], v[i].b ? "1" : "0", 1);
		else
			setenv(serve_env[i], v[i].s, 1);
	}
	return true;
}

/* Reads a PEM file whose name a flag or key gave. */
static bool
read_pem(const char *what, const char *path, char **out, struct buf *msg)
{
	enum read_err err;
	size_t len;

	err = read_file(path, PEM_MAX, out, &len);
	if (err != READ_OK) {
		buf_addf(msg, "%s '%s': %s", what, path,
		    err == READ_ERR_OPEN ? strerror(errno)
					 : read_strerror(err));
		return false;
	}
	if (strstr(*out, "-----BEGIN ") == NULL) {
		buf_addf(msg, "%s '%s': not a PEM file", what, path);
		free(*out);
		*out = NULL;
		return false;
	}
	return true;
}

/*
 * Confines the server with Landlock (util/sandbox.h) before server_run
 * starts any thread (Landlock binds only threads created afterwards).
 * What the running server still touches: the database's directory
 * read-write (the database, its -wal, -shm and -journal, and SQLite's
 * temporary files, sent there through SQLITE_TMPDIR); new files in the
 * port file's directory; read-only, the time zones, /dev/urandom, the
 * process's own /proc entry and its executable (the sanitizers read
 * them).  TLS files and the configuration are read already; the static
 * assets are in the binary.  It makes no outgoing TCP connection and
 * runs no program.  False, with msg, only when the sandbox is required
 * and cannot be had.
 */
static bool
serve_confine(
    struct server_config *cfg, enum sandbox_mode mode, struct buf *msg)
{
	struct sandbox sb;
	enum sandbox_err err;
	const char *tmp = getenv("SQLITE_TMPDIR");
	char *dir, *pdir;
	long ncpu;
	int abi = 0;

	if (mode == SANDBOX_OFF)
		return true;
	/* What would open files lazily, opened now: libsodium's random
	 * source and the CPU count (from /sys). */
	(void)auth_init(); /* its failure is reported where it matters */
	if (cfg->threads == 0) {
		ncpu = sysconf(_SC_NPROCESSORS_ONLN);
		cfg->threads = ncpu > 0 && ncpu < 64 ? (unsigned)ncpu : 2;
	}
	sandbox_init(&sb);
	sb.deny_connect = true;
	dir = sandbox_file_dir(cfg->db_path);
	sandbox_allow(&sb, dir, SANDBOX_READ | SANDBOX_WRITE);
	if (tmp != NULL && *tmp != '\0')
		sandbox_allow(&sb, tmp, SANDBOX_READ | SANDBOX_WRITE);
	else
		setenv("SQLITE_TMPDIR", dir, 1);
	/* The port file appears only once the server listens: its
	 * directory, unless it is the database's, may get new files. */
	pdir = cfg->port_file != NULL ? sandbox_file_dir(cfg->port_file) : NULL;
	if (pdir != NULL && strcmp(pdir, dir) != 0)
		sandbox_allow(&sb, pdir, SANDBOX_CREATE | SANDBOX_OPTIONAL);
	sandbox_allow(
	    &sb, "/usr/share/zoneinfo", SANDBOX_READ | SANDBOX_OPTIONAL);
	sandbox_allow(&sb, "/dev/urandom", SANDBOX_READ | SANDBOX_OPTIONAL);
	/* LeakSanitizer reads /proc/self/task and maps, and symbolises
	 * reports from the executable; the same rules in every build, so
	 * that the tested policy is the deployed one. */
	sandbox_allow(&sb, "/proc/self", SANDBOX_READ | SANDBOX_OPTIONAL);
	sandbox_allow(&sb, "/proc/self/exe", SANDBOX_READ | SANDBOX_OPTIONAL);
	err = sandbox_apply(&sb, &abi, msg);
	if (err == SANDBOX_OK)
		log_info("sandbox: landlock ABI %d: read-write '%s', no other "
			 "files%s",
		    abi, dir, abi >= 4 ? ", no outgoing TCP" : "");
	else if (mode == SANDBOX_AUTO) {
		log_warn("sandbox: not confined: %s: %s (--sandbox=off to "
			 "silence, require to refuse)",
		    sandbox_strerror(err), msg->s);
		buf_reset(msg);
	}
	sandbox_release(&sb);
	free(pdir);
	free(dir);
	return err == SANDBOX_OK || mode == SANDBOX_AUTO;
}

static enum exit_code
serve_exec(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "listen", required_argument, NULL, 'l' },
		{ "threads", required_argument, NULL, 't' },
		{ "port-file", required_argument, NULL, 'p' },
		{ "no-access-log", no_argument, NULL, 'q' },
		{ "config", required_argument, NULL, 'c' },
		{ "tls-cert", required_argument, NULL, 'C' },
		{ "tls-key", required_argument, NULL, 'K' },
		{ "sandbox", required_argument, NULL, 'S' },
		{ NULL, 0, NULL, 0 },
	};
	struct server_config cfg = { .listen = "127.0.0.1:8080",
		.access_log = true };
	struct server_config flags = { 0 };
	struct config_value values[K__MAX];
	const char *config = NULL, *cert = NULL, *key = NULL;
	const char *flag_cert = NULL, *flag_key = NULL;
	enum sandbox_mode sandbox = SANDBOX_AUTO, flag_sandbox = SANDBOX_AUTO;
	bool have_flag_sandbox = false;
	char *cert_pem = NULL, *key_pem = NULL;
	enum exit_code rc = EXIT_OK;
	enum server_err err;
	bool quiet = false;
	struct buf msg;
	int64_t n;
	int c;

	optind = 0;
	while ((c = getopt_long(argc, argv, "d:l:t:p:qc:C:K:S:", opts, NULL)) !=
	    -1) {
		switch (c) {
		case 'd':
			flags.db_path = optarg;
			break;
		case 'l':
			flags.listen = optarg;
			break;
		case 't':
			if (!parse_i64(optarg, 1, 64, &n))
				return cmd_usage_error(&cmd_serve,
				    "--threads: expected 1 to 64, got '%s'",
				    optarg);
			flags.threads = (unsigned)n;
			break;
		case 'p':
			flags.port_file = optarg;
			break;
		case 'q':
			quiet = true;
			break;
		case 'c':
			config = optarg;
			break;
		case 'C':
			flag_cert = optarg;
			break;
		case 'K':
			flag_key = optarg;
			break;
		case 'S':
			if (!sandbox_mode_parse(optarg, &flag_sandbox))
				return cmd_usage_error(&cmd_serve,
				    "--sandbox: expected auto, require or off, "
				    "got '%s'",
				    optarg);
			have_flag_sandbox = true;
			break;
		default:
			return cmd_usage_error(&cmd_serve, "unknown option");
		}
	}
	if (optind != argc)
		return cmd_usage_error(&cmd_serve, "unexpected argument");
	memset(values, 0, sizeof(values));
	buf_init(&msg, 0);
	if (config != NULL &&
	    (config_load(config, serve_keys, K__MAX, values, &msg) !=
		    CONFIG_OK ||
		!apply_config(
		    config, values, &cfg, &cert, &key, &sandbox, &msg))) {
		rc = cmd_fail(EXIT_USAGE, "%s", msg.s);
		goto out;
	}
	/* Flags win over the file. */
	if (flags.db_path != NULL)
		cfg.db_path = flags.db_path;
	if (flags.listen != NULL)
		cfg.listen = flags.listen;
	if (flags.threads != 0)
		cfg.threads = flags.threads;
	if (flags.port_file != NULL)
		cfg.port_file = flags.port_file;
	if (quiet)
		cfg.access_log = false;
	if (flag_cert != NULL)
		cert = flag_cert;
	if (flag_key != NULL)
		key = flag_key;
	if (have_flag_sandbox)
		sandbox = flag_sandbox;
	if (cfg.db_path == NULL) {
		rc = cmd_usage_error(
		    &cmd_serve, "expected --db FILE (or 'db' in --config)");
		goto out;
	}
	if (!server_listen_valid(cfg.listen)) {
		rc = cmd_usage_error(&cmd_serve,
		    "--listen: expected ADDR:PORT, got '%s'", cfg.listen);
		goto out;
	}
	if ((cert == NULL) != (key == NULL)) {
		rc = cmd_usage_error(
		    &cmd_serve, "--tls-cert and --tls-key go together");
		goto out;
	}
	if (cert != NULL &&
	    (!read_pem("certificate", cert, &cert_pem, &msg) ||
		!read_pem("key", key, &key_pem, &msg))) {
		rc = cmd_fail(EXIT_FAIL, "%s", msg.s);
		goto out;
	}
	cfg.tls_cert_pem = cert_pem;
	cfg.tls_key_pem = key_pem;
	if (!serve_confine(&cfg, sandbox, &msg)) {
		rc = cmd_fail(EXIT_FAIL, "sandbox required: %s", msg.s);
		goto out;
	}
	err = server_run(&cfg, &msg);
	if (err != SERVER_OK) {
		fprintf(
		    stderr, "cabildo: %s: %s\n", server_strerror(err), msg.s);
		rc = err == SERVER_ERR_DB ? EXIT_DB : EXIT_FAIL;
	}
out:
	if (key_pem != NULL)
		memset(key_pem, 0, strlen(key_pem));
	free(cert_pem);
	free(key_pem);
	config_values_release(values, K__MAX);
	buf_release(&msg);
	return rc;
}

const struct cmd cmd_serve = {
	.name = "serve",
	.usage = "serve [--config FILE] [--db FILE] [--listen ADDR:PORT] "
		 "[--threads N] [--tls-cert PEM --tls-key PEM] "
		 "[--port-file F] [--no-access-log] "
		 "[--sandbox auto|require|off]",
	.help =
	    "Serves the events of the database over HTTP (HTTPS with "
	    "--tls-cert)\nuntil SIGINT or SIGTERM.\n\n"
	    "  --config FILE       'key = value' lines (see cabildo(1) and\n"
	    "                      docs/OPERATIONS.md); flags win over it\n"
	    "  --db FILE           the database file (migrated at start)\n"
	    "  --listen ADDR:PORT  address to listen on (default "
	    "127.0.0.1:8080);\n"
	    "                      port 0 picks a free port\n"
	    "  --threads N         worker threads (default: one per core)\n"
	    "  --tls-cert PEM      serve HTTPS with this certificate chain\n"
	    "  --tls-key PEM       and this private key\n"
	    "  --port-file F       write the bound port to F once "
	    "listening\n"
	    "  --no-access-log     do not log one line per request\n"
	    "  --sandbox MODE      confine the server with Landlock to its\n"
	    "                      database directory: auto (default: if the\n"
	    "                      kernel can), require (refuse to run\n"
	    "                      otherwise) or off\n\n"
	    "Exit: 0 stopped by a signal, 1 cannot serve, 2 usage or "
	    "configuration\nerror, 3 the database cannot be opened.",
	.exec = serve_exec,
};
