/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * server.h: the HTTP server.  libmicrohttpd with a thread pool over epoll;
 * each worker thread holds its own database connection.
 */
#ifndef CABILDO_SERVER_H
#define CABILDO_SERVER_H

#include <stdbool.h>
#include <stdint.h>

#include "util/buf.h"

struct server_config {
	const char *db_path;
	const char *listen; /* "127.0.0.1:8080"; port 0 picks a free one */
	unsigned threads;   /* 0: one per core */
	bool access_log;
	const char *port_file; /* if set, the bound port is written there */
	/* HTTPS when both are set: PEM text (not file names) of the
	 * certificate chain and of its private key. */
	const char *tls_cert_pem;
	const char *tls_key_pem;
};

enum server_err {
	SERVER_OK,
	SERVER_ERR_LISTEN, /* bad address, or cannot bind */
	SERVER_ERR_DB,     /* the database cannot be opened */
	SERVER_ERR_START,  /* the HTTP library failed to start */
	SERVER_ERR__MAX
};

const char *server_strerror(enum server_err err);

/* Parses "ADDR:PORT" (IPv4) or "[ADDR]:PORT" (IPv6) for validation. */
bool server_listen_valid(const char *listen);

/*
 * Serves until SIGINT or SIGTERM, then stops cleanly.  Prints
 * "listening on http://ADDR:PORT/" (https with TLS) on stderr once ready.
 */
enum server_err server_run(const struct server_config *cfg, struct buf *msg);

#endif
