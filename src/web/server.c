/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * server.c: the only file that knows libmicrohttpd.  It turns connections
 * into struct request, calls web_handle, and sends the struct response
 * with the headers every answer carries.
 *
 * libmicrohttpd 0.9.75 calls the handler once when headers arrive, then
 * once per body chunk, then once more: answering only on that last call
 * keeps connections alive (answering on the first adds Connection: close).
 */
#include "web/server.h"

#include <arpa/inet.h>
#include <errno.h>
#include <inttypes.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdarg.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <microhttpd.h>

#include "store/store.h"
#include "util/log.h"
#include "util/util.h"
#include "web/web.h"

struct conn {
	char *target;
	size_t body_len;
	struct buf body; /* kept up to WEB_BODY_MAX bytes */
	int calls;
	struct timespec start;
};

static const struct server_config *config;
static pthread_key_t store_key;
static pthread_key_t page_cache_key;

const char *
server_strerror(enum server_err err)
{
	static const char *const msgs[SERVER_ERR__MAX] = {
		[SERVER_OK] = "success",
		[SERVER_ERR_LISTEN] = "cannot listen",
		[SERVER_ERR_DB] = "cannot open the database",
		[SERVER_ERR_START] = "cannot start the HTTP server",
	};

	return (unsigned)err < SERVER_ERR__MAX ? msgs[err] : "unknown error";
}

static void
store_destroy(void *p)
{
	store_close(p);
}

/* This worker thread's connection, opened on first use. */
static struct store *
thread_store(void)
{
	struct store *st = pthread_getspecific(store_key);
	struct buf msg;

	if (st != NULL)
		return st;
	buf_init(&msg, 0);
	if (store_open(config->db_path, STORE_NO_MIGRATE, &st, &msg) !=
	    STORE_OK) {
		log_error("database: %s", msg.s);
		buf_release(&msg);
		return NULL;
	}
	buf_release(&msg);
	pthread_setspecific(store_key, st);
	return st;
}

/*
 * Each worker thread keeps the pages it rendered that a handler marked
 * cacheable, keyed by all they depend on besides the database: target,
 * Accept-Language and a Cookie header holding at most the language.  Any
 * committed change makes store_generation() differ and empties the cache.
 * Hits are copied into a fresh response, so nothing is shared between
 * threads or outlives an entry.
 */
#define PAGE_CACHE_SLOTS   64
#define PAGE_CACHE_KEY_MAX 1024

struct cached_page {
	uint64_t hash;
	char *key; /* NULL: free slot */
	char *body;
	size_t len;
	const char *content_type;
	const char *cache_control;
	char *set_cookie;
	char etag[40];
};

struct page_cache {
	uint64_t generation;
	size_t next; /* slot to replace when full */
	struct cached_page page[PAGE_CACHE_SLOTS];
	char key[PAGE_CACHE_KEY_MAX]; /* this request's */
	size_t key_len;
	uint64_t key_hash;
};

static uint64_t
fnv1a(const char *p, size_t n, uint64_t h)
{
	while (n-- > 0)
		h = (h ^ (unsigned char)*p++) * 0x100000001b3u;
	return h;
}

static void
page_cache_clear(struct page_cache *pc)
{
	size_t i;

	for (i = 0; i < PAGE_CACHE_SLOTS; i++) {
		free(pc->page[i].key);
		free(pc->page[i].body);
		free(pc->page[i].set_cookie);
		memset(&pc->page[i], 0, sizeof(pc->page[i]));
	}
	pc->next = 0;
}

static void
page_cache_destroy(void *p)
{
	page_cache_clear(p);
	free(p);
}

/* "" or "lang=xx": cookies that cannot make a page personal. */
static bool
lang_cookie_only(const char *cookie)
{
	size_t n;

	if (cookie == NULL)
		return true;
	n = strlen(cookie);
	return n <= 16 && strncmp(cookie, "lang=", 5) == 0 &&
	    strspn(cookie + 5, "abcdefghijklmnopqrstuvwxyz-") == n - 5;
}

/* This thread's cache, holding this request's key, or NULL when the
 * request may not use it. */
static struct page_cache *
page_cache_get(const struct request *req)
{
	struct page_cache *pc;
	const char *al =
	    req->accept_language != NULL ? req->accept_language : "";
	const char *ck = req->cookie_header != NULL ? req->cookie_header : "";
	uint64_t gen;
	int n;

	if (req->st == NULL ||
	    (req->method != HTTP_GET && req->method != HTTP_HEAD) ||
	    req->body_len != 0 || !lang_cookie_only(req->cookie_header))
		return NULL;
	if ((pc = pthread_getspecific(page_cache_key)) == NULL) {
		pc = xcalloc(1, sizeof(*pc));
		pthread_setspecific(page_cache_key, pc);
	}
	n = snprintf(
	    pc->key, sizeof(pc->key), "%s\n%s\n%s", req->target, al, ck);
	if (n < 0 || (size_t)n >= sizeof(pc->key))
		return NULL;
	pc->key_len = (size_t)n;
	pc->key_hash = fnv1a(pc->key, pc->key_len, 0xcbf29ce484222325u);
	gen = store_generation(req->st);
	if (gen != pc->generation) {
		page_cache_clear(pc);
		pc->generation = gen;
	}
	return pc;
}

/* Fills resp from the cache; false on a miss (or pc NULL). */
static bool
page_cache_find(struct page_cache *pc, struct response *resp)
{
	const struct cached_page *e;
	size_t i;

	for (i = 0; pc != NULL && i < PAGE_CACHE_SLOTS; i++) {
		e = &pc->page[i];
		if (e->key == NULL || e->hash != pc->key_hash ||
		    strcmp(e->key, pc->key) != 0)
			continue;
		resp->status = 200;
		resp->content_type = e->content_type;
		resp->cache_control = e->cache_control;
		memcpy(resp->etag, e->etag, sizeof(resp->etag));
		resp->set_cookie =
		    e->set_cookie != NULL ? xstrdup(e->set_cookie) : NULL;
		buf_init(&resp->body, 0);
		buf_add(&resp->body, e->body, e->len);
		return true;
	}
	return false;
}

/* Keeps a copy of resp if its handler allows, with an ETag. */
static void
page_cache_put(struct page_cache *pc, struct response *resp)
{
	struct cached_page *e;

	if (pc == NULL || !resp->cacheable || resp->status != 200 ||
	    resp->data != NULL || resp->body.overflow || resp->location != NULL)
		return;
	/* Only the language cookie may be replayed to other visitors. */
	if (resp->set_cookie != NULL &&
	    (strncmp(resp->set_cookie, "lang=", 5) != 0 ||
		strchr(resp->set_cookie, '\n') != NULL))
		return;
	if (resp->etag[0] == '\0')
		snprintf(resp->etag, sizeof(resp->etag), "\"%016" PRIx64 "\"",
		    fnv1a(resp->body.s, resp->body.len, 0xcbf29ce484222325u));
	e = &pc->page[pc->next];
	pc->next = (pc->next + 1) % PAGE_CACHE_SLOTS;
	free(e->key);
	free(e->body);
	free(e->set_cookie);
	e->hash = pc->key_hash;
	e->key = xstrndup(pc->key, pc->key_len);
	e->body = xmalloc(resp->body.len + 1);
	memcpy(e->body, resp->body.s, resp->body.len + 1);
	e->len = resp->body.len;
	e->content_type = resp->content_type;
	e->cache_control = resp->cache_control;
	e->set_cookie =
	    resp->set_cookie != NULL ? xstrdup(resp->set_cookie) : NULL;
	memcpy(e->etag, resp->etag, sizeof(e->etag));
}

static void *
uri_logger(void *cls, const char *uri, struct MHD_Connection *c)
{
	struct conn *cn = xcalloc(1, sizeof(*cn));

	(void)cls;
	(void)c;
	/* Targets over the cap are kept short; web_handle answers 414. */
	cn->target = xstrndup(uri, strnlen(uri, REQ_TARGET_MAX + 1));
	buf_init(&cn->body, WEB_BODY_MAX);
	clock_gettime(CLOCK_MONOTONIC, &cn->start);
	return cn;
}

static void
completed(void *cls, struct MHD_Connection *c, void **req_cls,
    enum MHD_RequestTerminationCode toe)
{
	struct conn *cn = *req_cls;

	(void)cls;
	(void)c;
	(void)toe;
	if (cn != NULL) {
		free(cn->target);
		buf_release(&cn->body);
		free(cn);
		*req_cls = NULL;
	}
}

static enum http_method
method_of(const char *m)
{
	if (strcmp(m, "GET") == 0)
		return HTTP_GET;
	if (strcmp(m, "HEAD") == 0)
		return HTTP_HEAD;
	if (strcmp(m, "POST") == 0)
		return HTTP_POST;
	return HTTP_OTHER;
}

static bool
etag_matches(const char *inm, const char *etag)
{
	size_t n = strlen(etag);
	const char *p;

	if (inm == NULL || etag[0] == '\0')
		return false;
	if (strcmp(inm, "*") == 0)
		return true;
	for (p = inm; (p = strstr(p, etag)) != NULL; p += n)
		return true;
	return false;
}

/* One Set-Cookie header per line of cookies. */
static void
add_cookies(struct MHD_Response *mr, const char *cookies)
{
	const char *p = cookies, *nl;
	char *one;

	while (*p != '\0') {
		nl = strchr(p, '\n');
		one = xstrndup(p, nl != NULL ? (size_t)(nl - p) : strlen(p));
		if (*one != '\0')
			MHD_add_response_header(
			    mr, MHD_HTTP_HEADER_SET_COOKIE, one);
		free(one);
		if (nl == NULL)
			break;
		p = nl + 1;
	}
}

/* The client's address as text, for rate limits. */
static void
client_address(struct MHD_Connection *c, char *out, size_t size)
{
	const union MHD_ConnectionInfo *ci =
	    MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	const struct sockaddr *sa = ci != NULL ? ci->client_addr : NULL;

	snprintf(out, size, "unknown");
	if (sa == NULL)
		return;
	if (sa->sa_family == AF_INET)
		inet_ntop(AF_INET,
		    &((const struct sockaddr_in *)(const void *)sa)->sin_addr,
		    out, (socklen_t)size);
	else if (sa->sa_family == AF_INET6)
		inet_ntop(AF_INET6,
		    &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr,
		    out, (socklen_t)size);
}

static enum MHD_Result
send_response(struct MHD_Connection *c, struct conn *cn, struct response *r,
    const char *path)
{
	struct MHD_Response *mr;
	enum MHD_Result ret;
	struct timespec end;
	size_t len, i;
	char *body;
	bool not_modified;
	double ms;

	not_modified = r->status == 200 &&
	    etag_matches(MHD_lookup_connection_value(
			     c, MHD_HEADER_KIND, MHD_HTTP_HEADER_IF_NONE_MATCH),
		r->etag);
	if (not_modified) {
		r->status = 304;
		mr = MHD_create_response_from_buffer(
		    0, NULL, MHD_RESPMEM_PERSISTENT);
		len = 0;
	} else if (r->data != NULL) {
		len = r->data_len;
		mr = MHD_create_response_from_buffer(
		    len, (void *)(uintptr_t)r->data, MHD_RESPMEM_PERSISTENT);
	} else {
		body = buf_detach(&r->body, &len);
		mr = MHD_create_response_from_buffer(
		    len, body, MHD_RESPMEM_MUST_FREE);
		if (mr == NULL)
			free(body);
	}
	if (mr == NULL)
		return MHD_NO;
	for (i = 0; i < web_security_headers_count; i++)
		MHD_add_response_header(
		    mr, web_security_headers[i][0], web_security_headers[i][1]);
	if (r->content_type != NULL && !not_modified)
		MHD_add_response_header(
		    mr, MHD_HTTP_HEADER_CONTENT_TYPE, r->content_type);
	if (r->cache_control != NULL)
		MHD_add_response_header(
		    mr, MHD_HTTP_HEADER_CACHE_CONTROL, r->cache_control);
	if (r->etag[0] != '\0')
		MHD_add_response_header(mr, MHD_HTTP_HEADER_ETAG, r->etag);
	if (r->set_cookie != NULL)
		add_cookies(mr, r->set_cookie);
	if (r->allow != NULL)
		MHD_add_response_header(mr, MHD_HTTP_HEADER_ALLOW, r->allow);
	if (r->location != NULL)
		MHD_add_response_header(
		    mr, MHD_HTTP_HEADER_LOCATION, r->location);
	if (r->content_type != NULL &&
	    strncmp(r->content_type, "text/html", 9) == 0)
		MHD_add_response_header(
		    mr, MHD_HTTP_HEADER_VARY, "Accept-Language, Cookie");
	/* The published agenda (page_export.c). */
	if (r->cors)
		MHD_add_response_header(
		    mr, MHD_HTTP_HEADER_ACCESS_CONTROL_ALLOW_ORIGIN, "*");
	if (r->last_modified[0] != '\0')
		MHD_add_response_header(
		    mr, MHD_HTTP_HEADER_LAST_MODIFIED, r->last_modified);
	if (r->content_encoding != NULL && !not_modified)
		MHD_add_response_header(
		    mr, MHD_HTTP_HEADER_CONTENT_ENCODING, r->content_encoding);
	if (r->vary != NULL)
		MHD_add_response_header(mr, MHD_HTTP_HEADER_VARY, r->vary);
	ret = MHD_queue_response(c, (unsigned)r->status, mr);
	MHD_destroy_response(mr);
	if (config->access_log) {
		clock_gettime(CLOCK_MONOTONIC, &end);
		ms = (double)(end.tv_sec - cn->start.tv_sec) * 1e3 +
		    (double)(end.tv_nsec - cn->start.tv_nsec) / 1e6;
		/* The path only: query strings may carry tokens. */
		log_info("access %s %d %zu %.2fms", path != NULL ? path : "-",
		    r->status, len, ms);
	}
	return ret;
}

static enum MHD_Result
handler(void *cls, struct MHD_Connection *c, const char *url,
    const char *method, const char *version, const char *upload_data,
    size_t *upload_data_size, void **req_cls)
{
	struct conn *cn = *req_cls;
	struct request req;
	struct response resp;
	enum MHD_Result ret;
	const char *cl;
	int64_t announced;
	char addr[64];
	struct page_cache *pc;

	(void)cls;
	(void)url;
	(void)version;
	if (cn == NULL)
		return MHD_NO;
	if (cn->calls++ == 0) {
		cl = MHD_lookup_connection_value(
		    c, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
		if (cl != NULL && parse_i64(cl, 0, INT64_MAX, &announced))
			cn->body_len = (size_t)announced;
		/* Too large: answer now, without reading the body. */
		if (cn->body_len <= WEB_BODY_MAX)
			return MHD_YES;
	}
	if (*upload_data_size > 0 && cn->body_len <= WEB_BODY_MAX) {
		/* body_len counts what was announced; received bytes go to
		 * cn->body, whose cap makes an over-long stream a 413. */
		if (!buf_add(&cn->body, upload_data, *upload_data_size))
			cn->body_len = WEB_BODY_MAX + 1;
		*upload_data_size = 0;
		return MHD_YES;
	}
	memset(&req, 0, sizeof(req));
	memset(&resp, 0, sizeof(resp));
	req.method = method_of(method);
	req.target = cn->target;
	req.body_len = cn->body_len;
	if (cn->body_len <= WEB_BODY_MAX) {
		req.body = cn->body.s;
		req.body_len = cn->body.len;
	}
	req.content_type = MHD_lookup_connection_value(
	    c, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_TYPE);
	client_address(c, addr, sizeof(addr));
	req.remote_addr = addr;
	req.accept_language = MHD_lookup_connection_value(
	    c, MHD_HEADER_KIND, MHD_HTTP_HEADER_ACCEPT_LANGUAGE);
	req.accept_encoding = MHD_lookup_connection_value(
	    c, MHD_HEADER_KIND, MHD_HTTP_HEADER_ACCEPT_ENCODING);
	req.cookie_header = MHD_lookup_connection_value(
	    c, MHD_HEADER_KIND, MHD_HTTP_HEADER_COOKIE);
	req.st = thread_store();
	pc = page_cache_get(&req);
	if (page_cache_find(pc, &resp)) {
		/* For the access log only. */
		req.path = xstrndup(cn->target, strcspn(cn->target, "?"));
	} else if (req.st == NULL) {
		web_error(&req, &resp, 500);
	} else {
		web_handle(&req, &resp);
		page_cache_put(pc, &resp);
	}
	ret = send_response(c, cn, &resp, req.path);
	request_release(&req);
	response_release(&resp);
	return ret;
}

static bool
parse_listen(const char *listen, struct sockaddr_storage *ss, socklen_t *len,
    char *host, size_t hostsize)
{
	const char *colon = strrchr(listen, ':');
	struct sockaddr_in *in4 = (struct sockaddr_in *)ss;
	struct sockaddr_in6 *in6 = (struct sockaddr_in6 *)ss;
	size_t hl;
	int64_t port;

	if (colon == NULL || !parse_i64(colon + 1, 0, 65535, &port))
		return false;
	hl = (size_t)(colon - listen);
	memset(ss, 0, sizeof(*ss));
	if (hl >= 2 && listen[0] == '[' && listen[hl - 1] == ']') {
		if (hl - 2 >= hostsize)
			return false;
		memcpy(host, listen + 1, hl - 2);
		host[hl - 2] = '\0';
		if (inet_pton(AF_INET6, host, &in6->sin6_addr) != 1)
			return false;
		in6->sin6_family = AF_INET6;
		in6->sin6_port = htons((uint16_t)port);
		*len = sizeof(*in6);
		return true;
	}
	if (hl >= hostsize)
		return false;
	memcpy(host, listen, hl);
	host[hl] = '\0';
	if (inet_pton(AF_INET, host, &in4->sin_addr) != 1)
		return false;
	in4->sin_family = AF_INET;
	in4->sin_port = htons((uint16_t)port);
	*len = sizeof(*in4);
	return true;
}

bool
server_listen_valid(const char *listen)
{
	struct sockaddr_storage ss;
	socklen_t len;
	char host[64];

	return parse_listen(listen, &ss, &len, host, sizeof(host));
}

static void
mhd_log(void *cls, const char *fmt, va_list ap)
{
	char line[512];

	(void)cls;
	vsnprintf(line, sizeof(line), fmt, ap);
	line[strcspn(line, "\n")] = '\0';
	log_warn("http: %s", line);
}

enum server_err
server_run(const struct server_config *cfg, struct buf *msg)
{
	struct sockaddr_storage ss;
	socklen_t sslen;
	struct MHD_Daemon *d;
	const union MHD_DaemonInfo *info;
	struct store *st;
	sigset_t set;
	unsigned threads = cfg->threads;
	char host[64];
	int sig, port;
	long ncpu;

	if (!parse_listen(cfg->listen, &ss, &sslen, host, sizeof(host))) {
		buf_addf(msg, "'%s': expected ADDR:PORT", cfg->listen);
		return SERVER_ERR_LISTEN;
	}
	/* Migrate once, here, before any worker opens the database. */
	if (store_open(cfg->db_path, 0, &st, msg) != STORE_OK)
		return SERVER_ERR_DB;
	store_close(st);
	config = cfg;
	if (threads == 0) {
		ncpu = sysconf(_SC_NPROCESSORS_ONLN);
		threads = ncpu > 0 && ncpu < 64 ? (unsigned)ncpu : 2;
	}
	pthread_key_create(&store_key, store_destroy);
	pthread_key_create(&page_cache_key, page_cache_destroy);
	/* Workers inherit this mask; only sigwait below sees the signals. */
	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	signal(SIGPIPE, SIG_IGN);

	d = MHD_start_daemon(MHD_USE_EPOLL_INTERNAL_THREAD | MHD_USE_ERROR_LOG,
	    0, NULL, NULL, handler, NULL, MHD_OPTION_EXTERNAL_LOGGER, mhd_log,
	    NULL, MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&ss,
	    MHD_OPTION_THREAD_POOL_SIZE, threads, MHD_OPTION_CONNECTION_LIMIT,
	    (unsigned)4096, MHD_OPTION_PER_IP_CONNECTION_LIMIT, (unsigned)512,
	    MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)30,
	    MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)(64 * 1024),
	    MHD_OPTION_URI_LOG_CALLBACK, uri_logger, NULL,
	    MHD_OPTION_NOTIFY_COMPLETED, completed, NULL, MHD_OPTION_END);
	if (d == NULL) {
		buf_addf(msg, "cannot listen on %s: %s", cfg->listen,
		    strerror(errno));
		pthread_key_delete(store_key);
		pthread_key_delete(page_cache_key);
		return SERVER_ERR_START;
	}
	info = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
	port = info != NULL ? (int)info->port : 0;
	if (cfg->port_file != NULL) {
		FILE *f = fopen(cfg->port_file, "w");

		if (f != NULL) {
			fprintf(f, "%d\n", port);
			fclose(f);
		}
	}
	fprintf(stderr,
	    "cabildo: listening on http://%s%s%s:%d/ with %u "
	    "threads\n",
	    ss.ss_family == AF_INET6 ? "[" : "", host,
	    ss.ss_family == AF_INET6 ? "]" : "", port, threads);
	fflush(stderr);
	sigwait(&set, &sig);
	log_info("signal %d: stopping", sig);
	MHD_stop_daemon(d);
	pthread_key_delete(store_key);
	pthread_key_delete(page_cache_key);
	return SERVER_OK;
}
