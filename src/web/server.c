/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * server.c: the only file that knows libmicrohttpd.  It turns connections
 * into struct request, calls web_handle, and sends the struct response
 * with the headers every answer carries.
 *
 * libmicrohttpd 0.9.75 calls the handler once when headers arrive, then
 * once per body chunk, then once more: answering only on that last call
 * keeps connections alive (answering on the first adds Connection: close).
 *
 * Requests that are slow on purpose (an argon2id hash, the timetable
 * solver) do not run on the workers: each worker serves many connections,
 * and one busy for a second stalls all of them.  Those requests are
 * suspended (MHD_suspend_connection), handled whole by a small pool of
 * their own threads, and resumed to send the answer; see "offload" below.
 */
#include "web/server.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <microhttpd.h>

#include "store/store.h"
#include "util/log.h"
#include "util/util.h"
#include "web/auth.h"
#include "web/ratelimit.h"
#include "web/web.h"

/* Where an offloaded request is (see "offload" below). */
enum conn_state {
	CONN_INLINE,  /* handled on the worker, as most are */
	CONN_QUEUED,  /* suspended; a pool thread has it or will */
	CONN_HANDLED, /* resumed; req and resp hold the answer to send */
};

struct conn {
	char *target;
	size_t body_len;
	struct buf body; /* kept up to WEB_BODY_MAX bytes */
	int calls;
	struct timespec start;
	bool no_host; /* HTTP/1.1 without Host: 400 */
	/* An offloaded request, handled by a pool thread. */
	enum conn_state state;
	struct MHD_Connection *mc;
	struct request req;
	struct response resp;
	char addr[64];
	struct conn *next; /* in its pool's queue */
};

static const struct server_config *config;
static pthread_key_t store_key;
static pthread_key_t page_cache_key;

/*
 * Limits against hostile clients (defaults; the environment may change
 * them, see limits_from_env):
 * - at most HTTP_CONNECTIONS connections (fewer if the descriptor limit
 *   is lower: each takes two), and HTTP_PER_ADDRESS from one address:
 *   a browser opens up to six, so 128 leaves room for an office or a
 *   small venue behind one address while one client cannot take more
 *   than a thirty-second of the server; a venue with thousands behind
 *   one address should serve through nginx (deploy/) with
 *   CABILDO_TRUST_PROXY, or raise CABILDO_HTTP_PER_ADDRESS;
 * - a connection idle for HTTP_TIMEOUT seconds is closed, and so is one
 *   that has not sent a whole request (headers and body) within
 *   HTTP_TIMEOUT seconds of starting it, however slowly it trickles
 *   (slowloris): libmicrohttpd only knows the idle timeout, so the
 *   reaper thread below enforces the second;
 * - 64 KiB of memory per connection, which caps the request line and
 *   headers (431 or 414 beyond), WEB_BODY_MAX for the body (413, before
 *   reading it) and REQ_TARGET_MAX for the target (414).
 */
#define HTTP_CONNECTIONS 4096
#define HTTP_PER_ADDRESS 128
#define HTTP_TIMEOUT     30
#define HTTP_CONN_MEMORY ((size_t)64 * 1024)

static struct {
	unsigned connections, per_address, timeout;
	char trust_proxy[64]; /* "": none */
} limits;

/* One connection, for the reaper.  fd is a duplicate of its socket:
 * shutting it down ends the connection (libmicrohttpd then reads EOF and
 * closes it) and cannot hit a descriptor number reused meanwhile. */
struct peer {
	struct peer *prev, *next;
	int fd;
	_Atomic int64_t since; /* reading a request since (monotonic ms) */
	atomic_bool answering; /* the handler has it, or a reply is going */
};

static pthread_mutex_t peers_lock = PTHREAD_MUTEX_INITIALIZER;
static struct peer *peers;
static atomic_bool reaper_stop;

static int64_t
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void
notify_connection(void *cls, struct MHD_Connection *c, void **socket_context,
    enum MHD_ConnectionNotificationCode code)
{
	const union MHD_ConnectionInfo *ci;
	struct peer *p;

	(void)cls;
	if (code == MHD_CONNECTION_NOTIFY_STARTED) {
		ci = MHD_get_connection_info(
		    c, MHD_CONNECTION_INFO_CONNECTION_FD);
		p = xcalloc(1, sizeof(*p));
		p->fd =
		    ci != NULL ? fcntl(ci->connect_fd, F_DUPFD_CLOEXEC, 0) : -1;
		atomic_store(&p->since, now_ms());
		pthread_mutex_lock(&peers_lock);
		p->next = peers;
		if (peers != NULL)
			peers->prev = p;
		peers = p;
		pthread_mutex_unlock(&peers_lock);
		*socket_context = p;
		return;
	}
	if ((p = *socket_context) == NULL)
		return;
	pthread_mutex_lock(&peers_lock);
	if (p->prev != NULL)
		p->prev->next = p->next;
	else
		peers = p->next;
	if (p->next != NULL)
		p->next->prev = p->prev;
	pthread_mutex_unlock(&peers_lock);
	if (p->fd >= 0)
		close(p->fd);
	free(p);
	*socket_context = NULL;
}

static struct peer *
peer_of(struct MHD_Connection *c)
{
	const union MHD_ConnectionInfo *ci =
	    MHD_get_connection_info(c, MHD_CONNECTION_INFO_SOCKET_CONTEXT);

	return ci != NULL ? ci->socket_context : NULL;
}

/* Ends connections that take over the timeout to send a request. */
static void *
reaper_run(void *arg)
{
	const struct timespec tick = { 0, 250 * 1000000L };
	int64_t limit = (int64_t)limits.timeout * 1000, now;
	struct peer *p;

	(void)arg;
	while (!atomic_load(&reaper_stop)) {
		nanosleep(&tick, NULL);
		now = now_ms();
		pthread_mutex_lock(&peers_lock);
		for (p = peers; p != NULL; p = p->next)
			if (p->fd >= 0 && !atomic_load(&p->answering) &&
			    now - atomic_load(&p->since) > limit) {
				shutdown(p->fd, SHUT_RDWR);
				/* once is enough */
				atomic_store(&p->since, INT64_MAX / 2);
			}
		pthread_mutex_unlock(&peers_lock);
	}
	return NULL;
}

/* One unsigned setting from the environment, within [min, max]. */
static bool
env_unsigned(const char *name, unsigned min, unsigned max, unsigned *out,
    struct buf *msg)
{
	const char *v = getenv(name);
	int64_t n;

	if (v == NULL || *v == '\0')
		return true;
	if (!parse_i64(v, min, max, &n)) {
		buf_addf(
		    msg, "%s: expected %u to %u, got '%s'", name, min, max, v);
		return false;
	}
	*out = (unsigned)n;
	return true;
}

/*
 * The limits above, changed by CABILDO_HTTP_CONNECTIONS,
 * CABILDO_HTTP_PER_ADDRESS (0: none), CABILDO_HTTP_TIMEOUT (seconds) and
 * CABILDO_TRUST_PROXY (the address of a reverse proxy whose X-Real-IP or
 * last X-Forwarded-For entry names the client, for rate limits; the
 * per-address connection limit is then off unless set), and the rate
 * limits' CABILDO_RATE_SCALE and CABILDO_RATE_WINDOW (web/ratelimit.h).
 */
static bool
limits_from_env(struct buf *msg)
{
	const char *tp = getenv("CABILDO_TRUST_PROXY");
	unsigned char bin[sizeof(struct in6_addr)];
	char err[160];
	struct rlimit rl;
	unsigned fit;

	limits.connections = HTTP_CONNECTIONS;
	limits.per_address = HTTP_PER_ADDRESS;
	limits.timeout = HTTP_TIMEOUT;
	limits.trust_proxy[0] = '\0';
	if (tp != NULL && *tp != '\0') {
		if ((inet_pton(AF_INET, tp, bin) != 1 &&
			inet_pton(AF_INET6, tp, bin) != 1) ||
		    strlen(tp) >= sizeof(limits.trust_proxy)) {
			buf_addf(msg,
			    "CABILDO_TRUST_PROXY: expected an IP address, got "
			    "'%s'",
			    tp);
			return false;
		}
		snprintf(
		    limits.trust_proxy, sizeof(limits.trust_proxy), "%s", tp);
		limits.per_address = 0;
	}
	if (!env_unsigned("CABILDO_HTTP_CONNECTIONS", 1, 65536,
		&limits.connections, msg) ||
	    !env_unsigned("CABILDO_HTTP_PER_ADDRESS", 0, 65536,
		&limits.per_address, msg) ||
	    !env_unsigned(
		"CABILDO_HTTP_TIMEOUT", 1, 3600, &limits.timeout, msg))
		return false;
	if (!ratelimit_configure_env(err, sizeof(err))) {
		buf_addstr(msg, err);
		return false;
	}
	/* Two descriptors per connection (ours and the reaper's), and some
	 * for the database, the listening socket and epoll. */
	if (getrlimit(RLIMIT_NOFILE, &rl) == 0) {
		if (rl.rlim_cur < rl.rlim_max) {
			rl.rlim_cur = rl.rlim_max;
			(void)setrlimit(RLIMIT_NOFILE, &rl);
			(void)getrlimit(RLIMIT_NOFILE, &rl);
		}
		fit = rl.rlim_cur > 256 + 2 * (rlim_t)limits.connections
		    ? limits.connections
		    : rl.rlim_cur > 288 ? (unsigned)((rl.rlim_cur - 256) / 2)
					: 16;
		if (fit < limits.connections) {
			log_warn("http: %u connections at most (descriptor "
				 "limit %llu)",
			    fit, (unsigned long long)rl.rlim_cur);
			limits.connections = fit;
		}
	}
	return true;
}

/* The client behind a trusted proxy, from X-Real-IP or the last entry
 * of X-Forwarded-For; out is unchanged when neither names an address. */
static void
proxied_address(struct MHD_Connection *c, char *out, size_t size)
{
	const char *v =
	    MHD_lookup_connection_value(c, MHD_HEADER_KIND, "X-Real-IP");
	unsigned char bin[sizeof(struct in6_addr)];
	char a[64];
	const char *p;
	size_t n;

	if (v == NULL) {
		v = MHD_lookup_connection_value(
		    c, MHD_HEADER_KIND, "X-Forwarded-For");
		if (v == NULL)
			return;
		p = strrchr(v, ',');
		v = p != NULL ? p + 1 : v;
	}
	v += strspn(v, " \t");
	n = strcspn(v, " \t");
	if (n == 0 || n >= sizeof(a))
		return;
	memcpy(a, v, n);
	a[n] = '\0';
	if (inet_pton(AF_INET, a, bin) == 1 || inet_pton(AF_INET6, a, bin) == 1)
		snprintf(out, size, "%s", a);
}

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

/*
 * Offload.  Requests that are slow on purpose run on small pools of
 * their own threads, so that the workers go on serving every other
 * connection meanwhile:
 * - OFFLOAD_HASH: the POSTs that hash or check a password with argon2id
 *   (log-in, sign-up, a new password after a reset, deleting an
 *   account), on AUTH_HASH_CONCURRENCY threads, the bound auth.c keeps
 *   on hashing since each hash takes 64 MiB: a burst of log-ins waits
 *   in this queue, not on a worker;
 * - OFFLOAD_SOLVE: re-optimising a timetable (the solver runs for its
 *   time limit, seconds), on one thread.
 * The worker suspends the connection and queues it; a pool thread runs
 * web_handle on it, exactly as a worker would (CSRF, rate limits, error
 * pages and all), and resumes it; libmicrohttpd then calls the handler
 * again on the worker, which sends the answer.  offload_class only
 * chooses the thread: a request it misses is handled on the worker,
 * slower for the others but the same answer.  When the pools are down
 * (not started, or stopping) requests are handled on the worker.
 */
enum offload { OFFLOAD_NONE, OFFLOAD_HASH, OFFLOAD_SOLVE, OFFLOAD__MAX };

#define POOL_THREADS_MAX 4
/*
 * The pools' threads run at a lower CPU priority (nice) than the
 * workers: when both want the processor, a page view (a millisecond)
 * goes before a hash (a third of a second of CPU); a hash alone still
 * gets the whole core.  Linux keeps the nice value per thread.
 */
#define POOL_NICE 5

struct pool {
	pthread_mutex_t lock;
	pthread_cond_t wake;
	struct conn *head, *tail;
	unsigned started;
	bool stopping;
	pthread_t thread[POOL_THREADS_MAX];
};

static struct pool pools[OFFLOAD__MAX];

static enum offload
offload_class(enum http_method method, const char *target)
{
	static const char *const hash[] = { "/account/login", "/account/signup",
		"/account/reset/new", "/account/delete" };
	static const char solve[] = "/schedule/reoptimise";
	const size_t sn = sizeof(solve) - 1;
	size_t n = strcspn(target, "?"), i;
	const char *slash;

	if (method != HTTP_POST)
		return OFFLOAD_NONE;
	for (i = 0; i < sizeof(hash) / sizeof(hash[0]); i++)
		if (strlen(hash[i]) == n && memcmp(target, hash[i], n) == 0)
			return OFFLOAD_HASH;
	/* "/{event}/schedule/reoptimise" */
	if (n > sn + 1 && target[0] == '/' &&
	    memcmp(target + n - sn, solve, sn) == 0 &&
	    (slash = memchr(target + 1, '/', n - 1)) != NULL &&
	    slash == target + n - sn)
		return OFFLOAD_SOLVE;
	return OFFLOAD_NONE;
}

static void *
pool_run(void *arg)
{
	struct pool *pl = arg;
	struct MHD_Connection *mc;
	struct conn *cn;

	(void)setpriority(
	    PRIO_PROCESS, 0, getpriority(PRIO_PROCESS, 0) + POOL_NICE);
	for (;;) {
		pthread_mutex_lock(&pl->lock);
		while (pl->head == NULL && !pl->stopping)
			pthread_cond_wait(&pl->wake, &pl->lock);
		/* Stopping: what is queued still runs (a suspended
		 * connection must be resumed before the daemon stops). */
		if ((cn = pl->head) == NULL) {
			pthread_mutex_unlock(&pl->lock);
			return NULL;
		}
		pl->head = cn->next;
		if (pl->head == NULL)
			pl->tail = NULL;
		pthread_mutex_unlock(&pl->lock);
		cn->req.st = thread_store();
		if (cn->req.st == NULL)
			web_error(&cn->req, &cn->resp, 500);
		else
			web_handle(&cn->req, &cn->resp);
		mc = cn->mc;
		cn->state = CONN_HANDLED;
		/* From here cn is the worker's again. */
		MHD_resume_connection(mc);
	}
}

/* Suspends c and queues it; false (nothing done) when the pool is down. */
static bool
offload(struct pool *pl, struct conn *cn, struct MHD_Connection *c)
{
	bool ok;

	pthread_mutex_lock(&pl->lock);
	ok = pl->started > 0 && !pl->stopping;
	if (ok) {
		cn->state = CONN_QUEUED;
		cn->mc = c;
		cn->next = NULL;
		MHD_suspend_connection(c);
		if (pl->tail != NULL)
			pl->tail->next = cn;
		else
			pl->head = cn;
		pl->tail = cn;
		pthread_cond_signal(&pl->wake);
	}
	pthread_mutex_unlock(&pl->lock);
	return ok;
}

static void
pools_start(void)
{
	static const unsigned size[OFFLOAD__MAX] = {
		[OFFLOAD_HASH] = AUTH_HASH_CONCURRENCY,
		[OFFLOAD_SOLVE] = 1,
	};
	struct pool *pl;
	unsigned k, i;

	for (k = 0; k < OFFLOAD__MAX; k++) {
		pl = &pools[k];
		pthread_mutex_init(&pl->lock, NULL);
		pthread_cond_init(&pl->wake, NULL);
		pl->head = pl->tail = NULL;
		pl->stopping = false;
		pl->started = 0;
		for (i = 0; i < size[k] && i < POOL_THREADS_MAX; i++) {
			if (pthread_create(
				&pl->thread[i], NULL, pool_run, pl) != 0) {
				log_warn("http: cannot start a thread: %s",
				    strerror(errno));
				break;
			}
			pl->started++;
		}
	}
}

/* Runs what is queued, then ends the threads. */
static void
pools_stop(void)
{
	struct pool *pl;
	unsigned k, i;

	for (k = 0; k < OFFLOAD__MAX; k++) {
		pl = &pools[k];
		pthread_mutex_lock(&pl->lock);
		pl->stopping = true;
		pthread_cond_broadcast(&pl->wake);
		pthread_mutex_unlock(&pl->lock);
		for (i = 0; i < pl->started; i++)
			pthread_join(pl->thread[i], NULL);
		pl->started = 0;
		pthread_cond_destroy(&pl->wake);
		pthread_mutex_destroy(&pl->lock);
	}
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

	struct peer *p = peer_of(c);

	(void)cls;
	(void)toe;
	if (p != NULL) {
		atomic_store(&p->since, now_ms());
		atomic_store(&p->answering, false);
	}
	if (cn != NULL) {
		/* Offloaded, handled, but the client went away. */
		if (cn->state == CONN_HANDLED) {
			request_release(&cn->req);
			response_release(&cn->resp);
		}
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
	if (r->retry_after > 0) {
		char ra[16];

		snprintf(ra, sizeof(ra), "%d", r->retry_after);
		MHD_add_response_header(mr, MHD_HTTP_HEADER_RETRY_AFTER, ra);
	}
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
	struct peer *p;
	enum offload k;

	(void)cls;
	(void)url;
	if (cn == NULL)
		return MHD_NO;
	/* Resumed: a pool thread has handled it. */
	if (cn->state == CONN_HANDLED) {
		ret = send_response(c, cn, &cn->resp, cn->req.path);
		request_release(&cn->req);
		response_release(&cn->resp);
		cn->state = CONN_INLINE;
		return ret;
	}
	if (cn->state == CONN_QUEUED)
		return MHD_YES;
	if (cn->calls++ == 0) {
		cl = MHD_lookup_connection_value(
		    c, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
		if (cl != NULL && parse_i64(cl, 0, INT64_MAX, &announced))
			cn->body_len = (size_t)announced;
		/* HTTP/1.1 requires Host (RFC 9112, 3.2); libmicrohttpd
		 * 0.9.75 does not check. */
		cn->no_host = strcmp(version, MHD_HTTP_VERSION_1_1) == 0 &&
		    MHD_lookup_connection_value(
			c, MHD_HEADER_KIND, MHD_HTTP_HEADER_HOST) == NULL;
		/* Too large or bad: answer now, without reading the body. */
		if (cn->body_len <= WEB_BODY_MAX && !cn->no_host)
			return MHD_YES;
	}
	if (*upload_data_size > 0 && cn->body_len <= WEB_BODY_MAX &&
	    !cn->no_host) {
		/* body_len counts what was announced; received bytes go to
		 * cn->body, whose cap makes an over-long stream a 413. */
		if (!buf_add(&cn->body, upload_data, *upload_data_size))
			cn->body_len = WEB_BODY_MAX + 1;
		*upload_data_size = 0;
		return MHD_YES;
	}
	/* The whole request is in: the reaper's clock stops. */
	if ((p = peer_of(c)) != NULL)
		atomic_store(&p->answering, true);
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
	if (limits.trust_proxy[0] != '\0' &&
	    strcmp(addr, limits.trust_proxy) == 0)
		proxied_address(c, addr, sizeof(addr));
	req.remote_addr = addr;
	req.tls = config->tls_cert_pem != NULL;
	req.accept_language = MHD_lookup_connection_value(
	    c, MHD_HEADER_KIND, MHD_HTTP_HEADER_ACCEPT_LANGUAGE);
	req.accept_encoding = MHD_lookup_connection_value(
	    c, MHD_HEADER_KIND, MHD_HTTP_HEADER_ACCEPT_ENCODING);
	req.cookie_header = MHD_lookup_connection_value(
	    c, MHD_HEADER_KIND, MHD_HTTP_HEADER_COOKIE);
	k = cn->no_host || cn->body_len > WEB_BODY_MAX
	    ? OFFLOAD_NONE
	    : offload_class(req.method, req.target);
	if (k != OFFLOAD_NONE) {
		memcpy(cn->addr, addr, sizeof(cn->addr));
		req.remote_addr = cn->addr;
		cn->req = req;
		memset(&cn->resp, 0, sizeof(cn->resp));
		if (offload(&pools[k], cn, c))
			return MHD_YES;
		cn->state = CONN_INLINE;
	}
	req.st = thread_store();
	pc = cn->no_host ? NULL : page_cache_get(&req);
	if (cn->no_host) {
		web_error(&req, &resp, 400);
	} else if (page_cache_find(pc, &resp)) {
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

/*
 * HTTPS through libmicrohttpd's GnuTLS support when the configuration
 * holds a certificate and key (PEM): fills the option array passed to
 * MHD_start_daemon (empty without TLS) and the flag.
 */
static bool
tls_setup(const struct server_config *cfg, struct MHD_OptionItem tls[3],
    unsigned *flags, struct buf *msg)
{
	tls[0] = (struct MHD_OptionItem){ MHD_OPTION_END, 0, NULL };
	if (cfg->tls_cert_pem == NULL && cfg->tls_key_pem == NULL)
		return true;
	if (cfg->tls_cert_pem == NULL || cfg->tls_key_pem == NULL) {
		buf_addstr(msg, "TLS needs both a certificate and a key");
		return false;
	}
	if (MHD_is_feature_supported(MHD_FEATURE_TLS) != MHD_YES) {
		buf_addstr(msg, "this libmicrohttpd was built without TLS");
		return false;
	}
	*flags |= MHD_USE_TLS;
	tls[0] = (struct MHD_OptionItem){ MHD_OPTION_HTTPS_MEM_KEY, 0,
		(void *)(uintptr_t)cfg->tls_key_pem };
	tls[1] = (struct MHD_OptionItem){ MHD_OPTION_HTTPS_MEM_CERT, 0,
		(void *)(uintptr_t)cfg->tls_cert_pem };
	tls[2] = (struct MHD_OptionItem){ MHD_OPTION_END, 0, NULL };
	return true;
}

enum server_err
server_run(const struct server_config *cfg, struct buf *msg)
{
	struct MHD_OptionItem tls[3];
	unsigned flags = MHD_USE_EPOLL_INTERNAL_THREAD | MHD_USE_ERROR_LOG |
	    MHD_ALLOW_SUSPEND_RESUME;
	struct sockaddr_storage ss;
	socklen_t sslen;
	struct MHD_Daemon *d;
	const union MHD_DaemonInfo *info;
	struct store *st;
	pthread_t reaper;
	sigset_t set;
	unsigned threads = cfg->threads;
	char host[64];
	int sig, port;
	long ncpu;

	if (!parse_listen(cfg->listen, &ss, &sslen, host, sizeof(host))) {
		buf_addf(msg, "'%s': expected ADDR:PORT", cfg->listen);
		return SERVER_ERR_LISTEN;
	}
	if (!limits_from_env(msg) || !tls_setup(cfg, tls, &flags, msg))
		return SERVER_ERR_START;
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
	pools_start();

	d = MHD_start_daemon(flags, 0, NULL, NULL, handler, NULL,
	    MHD_OPTION_EXTERNAL_LOGGER, mhd_log, NULL, MHD_OPTION_SOCK_ADDR,
	    (struct sockaddr *)&ss, MHD_OPTION_THREAD_POOL_SIZE, threads,
	    MHD_OPTION_CONNECTION_LIMIT, limits.connections,
	    MHD_OPTION_PER_IP_CONNECTION_LIMIT, limits.per_address,
	    MHD_OPTION_CONNECTION_TIMEOUT, limits.timeout,
	    MHD_OPTION_CONNECTION_MEMORY_LIMIT, HTTP_CONN_MEMORY,
	    MHD_OPTION_NOTIFY_CONNECTION, notify_connection, NULL,
	    MHD_OPTION_URI_LOG_CALLBACK, uri_logger, NULL,
	    MHD_OPTION_NOTIFY_COMPLETED, completed, NULL, MHD_OPTION_ARRAY, tls,
	    MHD_OPTION_END);
	if (d == NULL) {
		buf_addf(msg, "cannot listen on %s: %s", cfg->listen,
		    strerror(errno));
		pools_stop();
		pthread_key_delete(store_key);
		pthread_key_delete(page_cache_key);
		return SERVER_ERR_START;
	}
	atomic_store(&reaper_stop, false);
	if (pthread_create(&reaper, NULL, reaper_run, NULL) != 0) {
		buf_addf(msg, "cannot start a thread: %s", strerror(errno));
		pools_stop();
		MHD_stop_daemon(d);
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
	    "cabildo: listening on %s://%s%s%s:%d/ with %u "
	    "threads\n",
	    cfg->tls_cert_pem != NULL ? "https" : "http",
	    ss.ss_family == AF_INET6 ? "[" : "", host,
	    ss.ss_family == AF_INET6 ? "]" : "", port, threads);
	fflush(stderr);
	sigwait(&set, &sig);
	log_info("signal %d: stopping", sig);
	atomic_store(&reaper_stop, true);
	pthread_join(reaper, NULL);
	/* No connection may stay suspended when the daemon stops. */
	pools_stop();
	MHD_stop_daemon(d);
	pthread_key_delete(store_key);
	pthread_key_delete(page_cache_key);
	return SERVER_OK;
}
