/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * page_export.c: the open-data downloads /{event}/schedule.xml,
 * schedule.json, schedule.ics, sessions.csv and datapackage.json, a
 * session's own .ics, and the per-thread agenda cache of agenda_web.h.
 * Every download carries an ETag (304 on If-None-Match, in server.c),
 * Last-Modified and Access-Control-Allow-Origin: *, and is gzipped when
 * the client asks.  The bytes are export_write's, as `cabildo export`.
 */
#include "web/agenda_web.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <zlib.h>

#include "formats/ical.h"
#include "store/store.h"
#include "store/store_agenda.h"
#include "util/util.h"
#include "web/layout.h"
#include "web/route.h"

#define VIEW_SLOTS 4

struct view_cache {
	struct agenda_view views[VIEW_SLOTS];
	size_t next;
};

static pthread_key_t cache_key;
static pthread_once_t cache_once = PTHREAD_ONCE_INIT;

static void
view_release(struct agenda_view *v)
{
	int i;

	free(v->slug);
	if (v->slug != NULL) {
		event_release(&v->ev);
		agenda_release(&v->ag);
	}
	for (i = 0; i < EXPORT__MAX; i++) {
		free(v->blobs[i].body);
		free(v->blobs[i].gz);
	}
	memset(v, 0, sizeof(*v));
}

static void
cache_destroy(void *p)
{
	struct view_cache *c = p;
	size_t i;

	for (i = 0; i < VIEW_SLOTS; i++)
		view_release(&c->views[i]);
	free(c);
}

static void
cache_init(void)
{
	pthread_key_create(&cache_key, cache_destroy);
}

static struct view_cache *
cache_get(void)
{
	struct view_cache *c;

	pthread_once(&cache_once, cache_init);
	if ((c = pthread_getspecific(cache_key)) == NULL) {
		c = xcalloc(1, sizeof(*c));
		pthread_setspecific(cache_key, c);
	}
	return c;
}

/* "2025-02-01T09:00:00Z" -> "Sat, 01 Feb 2025 09:00:00 GMT" */
static void
http_date(const char *iso, char out[32])
{
	static const char *const wd[] = { "Mon", "Tue", "Wed", "Thu", "Fri",
		"Sat", "Sun" };
	static const char *const mon[] = { "Jan", "Feb", "Mar", "Apr", "May",
		"Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
	char d[11];
	int64_t days;
	int m;

	out[0] = '\0';
	if (strlen(iso) != 20)
		return;
	memcpy(d, iso, 10);
	d[10] = '\0';
	if (!parse_date(d, &days))
		return;
	m = (iso[5] - '0') * 10 + (iso[6] - '0');
	if (m < 1 || m > 12)
		return;
	snprintf(out, 32, "%s, %.2s %s %.4s %.8s GMT", wd[weekday(days)],
	    iso + 8, mon[m - 1], iso, iso + 11);
}

const struct agenda_view *
agenda_view_get(struct request *req, struct response *resp, const char *slug)
{
	struct view_cache *c = cache_get();
	struct agenda_view *v;
	uint64_t gen = store_generation(req->st);
	enum store_err err;
	size_t i;

	if (!slug_valid(slug, strlen(slug), EVENT_KEY_MAX)) {
		page_error(req, resp, 404);
		return NULL;
	}
	for (i = 0; i < VIEW_SLOTS; i++) {
		v = &c->views[i];
		if (v->slug != NULL && strcmp(v->slug, slug) == 0) {
			if (v->generation == gen) {
				layout_use_event_lang(req, &v->ev);
				return v;
			}
			view_release(v);
			break;
		}
	}
	if (i == VIEW_SLOTS) {
		v = &c->views[c->next];
		c->next = (c->next + 1) % VIEW_SLOTS;
		view_release(v);
	}
	event_init(&v->ev);
	agenda_init(&v->ag);
	err = store_event_load(req->st, slug, &v->ev);
	if (err == STORE_OK)
		err = store_agenda_load(req->st, &v->ev, &v->ag);
	if (err != STORE_OK) {
		event_release(&v->ev);
		memset(v, 0, sizeof(*v));
		page_error(req, resp, err == STORE_ERR_NOTFOUND ? 404 : 500);
		return NULL;
	}
	v->slug = xstrdup(slug);
	v->generation = gen;
	http_date(v->ag.modified, v->last_modified);
	layout_use_event_lang(req, &v->ev);
	return v;
}

bool
agenda_accepts_gzip(const struct request *req)
{
	const char *p = req->accept_encoding, *q;

	if (p == NULL)
		return false;
	for (; (p = strstr(p, "gzip")) != NULL; p += 4) {
		q = p + 4;
		while (*q == ' ')
			q++;
		/* "gzip;q=0" refuses it */
		if (strncmp(q, ";q=0", 4) == 0 && q[4] != '.')
			return false;
		if (strncmp(q, ";q=0.0", 6) == 0 &&
		    strspn(q + 6, "0") == strcspn(q + 6, ", "))
			return false;
		return true;
	}
	return false;
}

bool
agenda_gzip(const char *in, size_t len, char **out, size_t *outlen)
{
	z_stream z;
	uLong bound;
	char *o;

	memset(&z, 0, sizeof(z));
	if (deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) !=
	    Z_OK)
		return false;
	bound = deflateBound(&z, (uLong)len) + 32;
	o = xmalloc(bound);
	z.next_in = (Bytef *)(uintptr_t)in;
	z.avail_in = (uInt)len;
	z.next_out = (Bytef *)o;
	z.avail_out = (uInt)bound;
	if (deflate(&z, Z_FINISH) != Z_STREAM_END) {
		deflateEnd(&z);
		free(o);
		return false;
	}
	*outlen = z.total_out;
	*out = o;
	deflateEnd(&z);
	return true;
}

static uint64_t
fnv1a(const char *p, size_t n)
{
	uint64_t h = 0xcbf29ce484222325ULL;

	while (n-- > 0)
		h = (h ^ (unsigned char)*p++) * 0x100000001b3ULL;
	return h;
}

static void
send_bytes(struct request *req, struct response *resp, const char *content_type,
    const char *last_modified, const char *body, size_t len, const char *gz,
    size_t gzlen, uint64_t hash)
{
	bool zip = agenda_accepts_gzip(req) && len > 256;
	char *tmp = NULL;

	resp->status = 200;
	resp->content_type = content_type;
	resp->cache_control = "public, max-age=60";
	resp->cors = true;
	resp->vary = "Accept-Encoding";
	if (last_modified != NULL)
		snprintf(resp->last_modified, sizeof(resp->last_modified), "%s",
		    last_modified);
	if (zip && gz == NULL && agenda_gzip(body, len, &tmp, &gzlen))
		gz = tmp;
	snprintf(resp->etag, sizeof(resp->etag), "\"%016llx%s\"",
	    (unsigned long long)hash, zip && gz != NULL ? "-gz" : "");
	/* A copy: the view may change before the server has sent it. */
	if (zip && gz != NULL) {
		resp->content_encoding = "gzip";
		buf_add(&resp->body, gz, gzlen);
	} else {
		buf_add(&resp->body, body, len);
	}
	free(tmp);
}

void
agenda_send(struct request *req, struct response *resp,
    const char *content_type, const char *last_modified, const char *body,
    size_t len, const char *gz, size_t gzlen)
{
	send_bytes(req, resp, content_type, last_modified, body, len, gz, gzlen,
	    fnv1a(body, len));
}

void
agenda_send_blob(struct request *req, struct response *resp,
    const struct agenda_view *cv, enum export_format f)
{
	struct agenda_view *v = (struct agenda_view *)(uintptr_t)cv;
	struct agenda_blob *b = &v->blobs[f];
	struct buf out;

	if (b->body == NULL) {
		buf_init(&out, 0);
		export_write(&v->ag, f, &out);
		b->body = buf_detach(&out, &b->len);
		b->hash = fnv1a(b->body, b->len);
		if (!agenda_gzip(b->body, b->len, &b->gz, &b->gzlen))
			b->gz = NULL;
	}
	send_bytes(req, resp, export_formats[f].content_type, v->last_modified,
	    b->body, b->len, b->gz, b->gzlen, b->hash);
}

void
page_export(struct request *req, struct response *resp)
{
	const struct agenda_view *v;
	enum export_format f;

	if (!export_by_file(req->seg[1], &f)) {
		page_error(req, resp, 404);
		return;
	}
	if ((v = agenda_view_get(req, resp, req->seg[0])) == NULL)
		return;
	agenda_send_blob(req, resp, v, f);
}

long
agenda_find_guid(const struct agenda *ag, const char *guid)
{
	size_t i;

	if (!agenda_guid_valid(guid))
		return -1;
	for (i = 0; i < ag->nsessions; i++)
		if (strcmp(ag->sessions[i].guid, guid) == 0)
			return (long)i;
	return -1;
}

const char *
agenda_type_name(const struct agenda_view *v, const char *type, enum lang lang)
{
	long k = type != NULL ? event_format_find(&v->ev, type) : -1;

	return k >= 0 ? l10n_get(&v->ev.formats[k].name, lang) : type;
}

void
agenda_time_range(struct buf *b, const struct agenda_session *s)
{
	int end = s->start_min + s->duration_min;

	buf_addf(b, "%02d:%02d–%02d:%02d", s->start_min / 60, s->start_min % 60,
	    end / 60 % 24, end % 60);
}

/* "/{event}/sessions/{guid}.ics": one session as iCalendar. */
void
agenda_session_ics(struct request *req, struct response *resp,
    const struct agenda_view *v, size_t i)
{
	bool *which = xcalloc(v->ag.nsessions, sizeof(*which));
	struct buf out;

	which[i] = true;
	buf_init(&out, 0);
	ical_write(&v->ag, which, v->ag.sessions[i].title, &out);
	agenda_send(req, resp, export_formats[EXPORT_ICAL].content_type,
	    v->last_modified, out.s, out.len, NULL, 0);
	buf_release(&out);
	free(which);
}

/* "/{event}/me/{token}.ics": a participant's starred sessions. */
void
page_my_calendar(struct request *req, struct response *resp)
{
	const struct agenda_view *v;
	const char *seg = req->seg[2];
	size_t n = strlen(seg);
	char token[CALENDAR_TOKEN_LEN + 1];
	bool *marks;
	struct buf out, name;
	enum store_err e;

	if (n == CALENDAR_TOKEN_LEN) {
		page_my_agenda(req, resp);
		return;
	}
	if (n != CALENDAR_TOKEN_LEN + 4 || strcmp(seg + n - 4, ".ics") != 0 ||
	    strspn(seg, "0123456789abcdef") != CALENDAR_TOKEN_LEN) {
		page_error(req, resp, 404);
		return;
	}
	memcpy(token, seg, CALENDAR_TOKEN_LEN);
	token[CALENDAR_TOKEN_LEN] = '\0';
	if ((v = agenda_view_get(req, resp, req->seg[0])) == NULL)
		return;
	marks = xcalloc(v->ag.nsessions + 1, sizeof(*marks));
	e = store_calendar_token_sessions(
	    req->st, &v->ev, &v->ag, token, marks);
	if (e != STORE_OK) {
		free(marks);
		page_error(req, resp, e == STORE_ERR_NOTFOUND ? 404 : 500);
		return;
	}
	buf_init(&out, 0);
	buf_init(&name, 0);
	buf_addf(&name, "%s ★", v->ag.title);
	ical_write(&v->ag, marks, name.s, &out);
	agenda_send(req, resp, export_formats[EXPORT_ICAL].content_type, NULL,
	    out.s, out.len, NULL, 0);
	/* private: no shared caches, no other origins */
	resp->cache_control = "private, no-cache";
	resp->cors = false;
	buf_release(&out);
	buf_release(&name);
	free(marks);
}
