/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * client.c: one writer of the crash consistency test (tests/crash/run.sh).
 *
 * Signed in through a session cookie that run.sh obtained by logging in,
 * it submits proposals through the real call-for-proposals form and
 * stars sessions through the real star form, over one keep-alive HTTP/1.1
 * connection, as fast as the server answers.  Each write the server
 * acknowledged is appended to the log with write(2) before the next
 * request is sent:
 *
 *   P <id> <title>     a proposal: 303 to /<event>/cfp/<id>?done=submitted
 *   S <guid>           a star: 303
 *
 * A write the server did not acknowledge (the connection dropped because
 * the server was killed) is not logged; it may or may not be in the
 * database.  The client stops when the server is gone or after the time
 * limit, and prints one line of counts.  No retries: a retried proposal
 * would be a second proposal.
 *
 * Usage: client PORT LOG TAG SECONDS SEED SID CSRF CFP_PATH STAR_PATH GUIDS
 *   TAG      makes titles unique ("r12c3": round 12, client 3)
 *   GUIDS    file with one session GUID per line, to star
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define GUIDS_MAX 256
#define GUID_LEN  64
#define RESP_MAX  (256 * 1024)

struct client {
	int port;
	int fd;  /* connection, -1 when closed */
	int log; /* O_APPEND */
	const char *cookie_sid, *csrf;
	char resp[RESP_MAX + 1];
	size_t resp_len;
	int status;
	char location[512];
};

static uint64_t rng_state;

static uint64_t
rng_next(void)
{
	/* splitmix64 */
	uint64_t z = (rng_state += 0x9e3779b97f4a7c15u);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
	return z ^ (z >> 31);
}

static double
now_s(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static bool
connect_server(struct client *c)
{
	struct sockaddr_in sa;
	int one = 1;

	if ((c->fd = socket(AF_INET, SOCK_STREAM, 0)) < 0)
		return false;
	memset(&sa, 0, sizeof(sa));
	sa.sin_family = AF_INET;
	sa.sin_port = htons((uint16_t)c->port);
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (connect(c->fd, (struct sockaddr *)&sa, sizeof(sa)) != 0) {
		close(c->fd);
		c->fd = -1;
		return false;
	}
	setsockopt(c->fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
	return true;
}

static void
disconnect(struct client *c)
{
	if (c->fd >= 0)
		close(c->fd);
	c->fd = -1;
}

static bool
send_all(int fd, const char *p, size_t n)
{
	ssize_t w;

	while (n > 0) {
		w = send(fd, p, n, MSG_NOSIGNAL);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return false;
		p += w;
		n -= (size_t)w;
	}
	return true;
}

/* A header's value in the response head (case-insensitive name). */
static const char *
header(const char *head, const char *name, size_t *len)
{
	size_t n = strlen(name);
	const char *p = head, *eol;

	while ((p = strstr(p, "\r\n")) != NULL) {
		p += 2;
		if (strncasecmp(p, name, n) == 0 && p[n] == ':') {
			p += n + 1;
			p += strspn(p, " ");
			eol = strstr(p, "\r\n");
			*len = eol != NULL ? (size_t)(eol - p) : strlen(p);
			return p;
		}
	}
	return NULL;
}

/* Reads one response; false when the connection failed before it was
 * complete (the server was killed): nothing was acknowledged. */
static bool
read_response(struct client *c)
{
	char *end = NULL;
	const char *v;
	size_t len, head_len, body_len = 0;
	ssize_t r;
	bool closing = false;

	c->resp_len = 0;
	c->status = 0;
	c->location[0] = '\0';
	for (;;) {
		c->resp[c->resp_len] = '\0';
		if (end == NULL &&
		    (end = strstr(c->resp, "\r\n\r\n")) != NULL) {
			head_len = (size_t)(end - c->resp) + 4;
			*end = '\0';
			if (sscanf(c->resp, "HTTP/1.%*d %d", &c->status) != 1)
				return false;
			if ((v = header(c->resp, "Content-Length", &len)) !=
			    NULL)
				body_len = strtoul(v, NULL, 10);
			if ((v = header(c->resp, "Location", &len)) != NULL &&
			    len < sizeof(c->location)) {
				memcpy(c->location, v, len);
				c->location[len] = '\0';
			}
			if ((v = header(c->resp, "Connection", &len)) != NULL &&
			    strncasecmp(v, "close", 5) == 0)
				closing = true;
			if (body_len > RESP_MAX - head_len)
				return false;
		}
		if (end != NULL && c->resp_len >= head_len + body_len) {
			if (closing)
				disconnect(c);
			return true;
		}
		if (c->resp_len == RESP_MAX)
			return false;
		r = recv(
		    c->fd, c->resp + c->resp_len, RESP_MAX - c->resp_len, 0);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return false;
		c->resp_len += (size_t)r;
	}
}

/* POSTs a form; false when the server is gone. */
static bool
post(struct client *c, const char *path, const char *body)
{
	char req[4096];
	int n;

	n = snprintf(req, sizeof(req),
	    "POST %s HTTP/1.1\r\n"
	    "Host: 127.0.0.1:%d\r\n"
	    "Cookie: sid=%s; csrf=%s\r\n"
	    "Content-Type: application/x-www-form-urlencoded\r\n"
	    "Content-Length: %zu\r\n\r\n%s",
	    path, c->port, c->cookie_sid, c->csrf, strlen(body), body);
	if (n < 0 || (size_t)n >= sizeof(req))
		return false;
	/* No retry: the request may have been applied before the server
	 * died, and a second one would be a second proposal. */
	if (c->fd < 0 && !connect_server(c))
		return false;
	if (send_all(c->fd, req, (size_t)n) && read_response(c))
		return true;
	disconnect(c);
	return false;
}

static void
log_line(struct client *c, const char *line)
{
	size_t n = strlen(line);

	if (write(c->log, line, n) != (ssize_t)n) {
		perror("crash client: log");
		exit(2);
	}
}

static size_t
read_guids(const char *path, char guids[][GUID_LEN])
{
	FILE *f = fopen(path, "r");
	size_t n = 0;

	if (f == NULL) {
		perror(path);
		exit(2);
	}
	while (n < GUIDS_MAX && fgets(guids[n], GUID_LEN, f) != NULL) {
		guids[n][strcspn(guids[n], "\r\n")] = '\0';
		if (guids[n][0] != '\0')
			n++;
	}
	fclose(f);
	return n;
}

int
main(int argc, char **argv)
{
	static struct client c;
	static char guids[GUIDS_MAX][GUID_LEN];
	char body[1024], line[512], title[128];
	unsigned long seq = 0, acked_p = 0, acked_s = 0, other = 0;
	const char *tag, *cfp_path, *star_path, *want;
	double deadline;
	size_t nguids, k;
	long id;

	if (argc != 11) {
		fprintf(stderr,
		    "usage: client PORT LOG TAG SECONDS SEED SID CSRF "
		    "CFP_PATH STAR_PATH GUIDS\n");
		return 2;
	}
	c.port = (int)strtol(argv[1], NULL, 10);
	c.fd = -1;
	c.log = open(argv[2], O_WRONLY | O_CREAT | O_APPEND, 0644);
	if (c.log < 0) {
		perror(argv[2]);
		return 2;
	}
	tag = argv[3];
	deadline = now_s() + strtod(argv[4], NULL);
	rng_state = strtoull(argv[5], NULL, 10);
	c.cookie_sid = argv[6];
	c.csrf = argv[7];
	cfp_path = argv[8];
	star_path = argv[9];
	nguids = read_guids(argv[10], guids);
	if (nguids == 0) {
		fprintf(stderr, "crash client: no GUIDs in %s\n", argv[10]);
		return 2;
	}

	while (now_s() < deadline) {
		if (rng_next() % 10 < 7) {
			snprintf(
			    title, sizeof(title), "crash-%s-%lu", tag, seq++);
			snprintf(body, sizeof(body),
			    "csrf=%s&title=%s&abstract=Written+by+the+crash+"
			    "test.&description=One+of+many.&format=workshop&"
			    "theme=civic-tech&language=es&action=submit",
			    c.csrf, title);
			if (!post(&c, cfp_path, body))
				break;
			/* "/open-call/cfp/17?done=submitted" */
			want = strstr(c.location, "/cfp/");
			if (c.status == 303 && want != NULL &&
			    sscanf(want, "/cfp/%ld?done=submitted", &id) == 1) {
				snprintf(line, sizeof(line), "P %ld %s\n", id,
				    title);
				log_line(&c, line);
				acked_p++;
			} else {
				other++;
			}
		} else {
			k = (size_t)(rng_next() % nguids);
			snprintf(body, sizeof(body), "csrf=%s&guid=%s&on=1",
			    c.csrf, guids[k]);
			if (!post(&c, star_path, body))
				break;
			if (c.status == 303) {
				snprintf(
				    line, sizeof(line), "S %s\n", guids[k]);
				log_line(&c, line);
				acked_s++;
			} else {
				other++;
			}
		}
	}
	disconnect(&c);
	close(c.log);
	printf("client %s: %lu proposals and %lu stars acknowledged, "
	       "%lu other answers\n",
	    tag, acked_p, acked_s, other);
	return 0;
}
