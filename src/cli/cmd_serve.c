/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * cmd_serve.c: `cabildo serve`, the web server.
 */
#include <getopt.h>
#include <stdio.h>

#include "cli/cmds.h"
#include "util/buf.h"
#include "util/util.h"
#include "web/server.h"

static enum exit_code
serve_exec(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "listen", required_argument, NULL, 'l' },
		{ "threads", required_argument, NULL, 't' },
		{ "port-file", required_argument, NULL, 'p' },
		{ "no-access-log", no_argument, NULL, 'q' },
		{ NULL, 0, NULL, 0 },
	};
	struct server_config cfg = { .listen = "127.0.0.1:8080",
		.access_log = true };
	enum server_err err;
	struct buf msg;
	int64_t n;
	int c;

	optind = 0;
	while ((c = getopt_long(argc, argv, "d:l:t:p:q", opts, NULL)) != -1) {
		switch (c) {
		case 'd':
			cfg.db_path = optarg;
			break;
		case 'l':
			cfg.listen = optarg;
			break;
		case 't':
			if (!parse_i64(optarg, 1, 64, &n))
				return cmd_usage_error(&cmd_serve,
				    "--threads: expected 1 to 64, got '%s'",
				    optarg);
			cfg.threads = (unsigned)n;
			break;
		case 'p':
			cfg.port_file = optarg;
			break;
		case 'q':
			cfg.access_log = false;
			break;
		default:
			return cmd_usage_error(&cmd_serve, "unknown option");
		}
	}
	if (cfg.db_path == NULL || optind != argc)
		return cmd_usage_error(&cmd_serve, "expected --db FILE");
	if (!server_listen_valid(cfg.listen))
		return cmd_usage_error(&cmd_serve,
		    "--listen: expected ADDR:PORT, got '%s'", cfg.listen);
	buf_init(&msg, 0);
	err = server_run(&cfg, &msg);
	if (err != SERVER_OK) {
		fprintf(
		    stderr, "cabildo: %s: %s\n", server_strerror(err), msg.s);
		buf_release(&msg);
		return err == SERVER_ERR_DB ? EXIT_DB : EXIT_FAIL;
	}
	buf_release(&msg);
	return EXIT_OK;
}

const struct cmd cmd_serve = {
	.name = "serve",
	.usage = "serve --db FILE [--listen ADDR:PORT] [--threads N] "
		 "[--port-file F] [--no-access-log]",
	.help =
	    "Serves the events of FILE over HTTP until SIGINT or SIGTERM.\n\n"
	    "  --db FILE           the database file (migrated at start)\n"
	    "  --listen ADDR:PORT  address to listen on (default "
	    "127.0.0.1:8080);\n"
	    "                      port 0 picks a free port\n"
	    "  --threads N         worker threads (default: one per core)\n"
	    "  --port-file F       write the bound port to F once "
	    "listening\n"
	    "  --no-access-log     do not log one line per request",
	.exec = serve_exec,
};
