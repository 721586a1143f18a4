/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * api_sessions.c: GET /api/v1/events/{event}/sessions, the published
 * sessions as JSON for apps.  Without parameters it returns them all
 * (the bytes of `cabildo export --format json`); ?offset=N&limit=M
 * returns a page (limit at most 1000) whose "next" names the following
 * one.
 */
#include "web/agenda_web.h"

#include <string.h>

#include "formats/sessions_json.h"
#include "util/util.h"
#include "web/route.h"

void
api_sessions(struct request *req, struct response *resp)
{
	const struct agenda_view *v;
	const char *so = kv_get(&req->query, "offset");
	const char *sl = kv_get(&req->query, "limit");
	int64_t offset = 0, limit = 0;
	struct buf out;

	if ((so != NULL && !parse_i64(so, 0, AGENDA_MAX_SESSIONS, &offset)) ||
	    (sl != NULL &&
		!parse_i64(sl, 1, SESSIONS_JSON_LIMIT_MAX, &limit))) {
		resp->status = 400;
		resp->content_type = "application/json; charset=utf-8";
		resp->cors = true;
		buf_addf(&resp->body,
		    "{\"error\":\"offset is 0 to %d, limit 1 to %d\"}\n",
		    AGENDA_MAX_SESSIONS, SESSIONS_JSON_LIMIT_MAX);
		return;
	}
	if ((v = agenda_view_get(req, resp, req->seg[3])) == NULL) {
		/* the API answers errors in JSON */
		int status = resp->status;

		buf_reset(&resp->body);
		resp->status = status;
		resp->content_type = "application/json; charset=utf-8";
		resp->cors = true;
		buf_addf(&resp->body, "{\"error\":\"%s\"}\n",
		    status == 404 ? "no such event" : "server error");
		return;
	}
	if (so == NULL && sl == NULL) {
		agenda_send_blob(req, resp, v, EXPORT_JSON);
		return;
	}
	buf_init(&out, 0);
	sessions_json_write(
	    &v->ag, (size_t)offset, (size_t)(limit > 0 ? limit : 100), &out);
	agenda_send(req, resp, export_formats[EXPORT_JSON].content_type,
	    v->last_modified, out.s, out.len, NULL, 0);
	buf_release(&out);
}
