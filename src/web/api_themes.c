/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * api_themes.c: GET /api/v1/events/{event}/suggest-themes?text=...&limit=N
 * ranks the event's themes for a text the proposer is typing (the
 * proposal form calls it, debounced, from web/js/theme-suggest.js).
 *
 * Zero-shot against the themes' names, descriptions and sub-topics in all
 * the event's languages (text/classify.h).  The text is capped at
 * API_SUGGEST_TEXT_MAX bytes (413 above), must be valid UTF-8 (400), and a
 * text that matches nothing gets an empty list with "confident": false.
 *
 * 200 {"event":"slug","lang":"es","lang_confidence":0.71,
 *      "confident":true,"themes":[{"key":"civic-space","name":"...",
 *      "color":"#1f6f8b","score":0.42}, ...]}
 * 4xx {"error":"..."}
 */
#include "web/route.h"

#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>

#include "core/event.h"
#include "store/store.h"
#include "text/classify.h"
#include "util/util.h"

#define API_SUGGEST_TEXT_MAX 3000
#define API_SUGGEST_LIMIT    3
/* A top share below this is shown but marked not confident. */
#define API_SUGGEST_CONFIDENT 0.3

static void
json_error(struct response *resp, int status, const char *msg)
{
	cJSON *o = cJSON_CreateObject();
	char *s;

	cJSON_AddStringToObject(o, "error", msg);
	s = cJSON_PrintUnformatted(o);
	resp->status = status;
	resp->content_type = "application/json";
	resp->cache_control = "no-store";
	buf_reset(&resp->body);
	if (s != NULL)
		buf_addstr(&resp->body, s);
	buf_addc(&resp->body, '\n');
	cJSON_free(s);
	cJSON_Delete(o);
}

static cJSON *
themes_json(
    const struct event *ev, enum lang ui, const double *scores, size_t limit)
{
	cJSON *arr = cJSON_CreateArray();
	size_t r, k = ev->nthemes;

	for (r = 0; r < limit && r < k; r++) {
		size_t i = classify_rank(scores, k, r);
		cJSON *t;

		if (scores[i] <= 0)
			break;
		t = cJSON_CreateObject();
		cJSON_AddStringToObject(t, "key", ev->themes[i].key);
		cJSON_AddStringToObject(
		    t, "name", l10n_get(&ev->themes[i].name, ui));
		if (ev->themes[i].color != NULL)
			cJSON_AddStringToObject(
			    t, "color", ev->themes[i].color);
		/* Three decimals are all the precision worth showing. */
		cJSON_AddNumberToObject(
		    t, "score", (double)(long)(scores[i] * 1000 + 0.5) / 1000);
		cJSON_AddItemToArray(arr, t);
	}
	return arr;
}

void
api_suggest_themes(struct request *req, struct response *resp)
{
	const char *text = kv_get(&req->query, "text");
	const char *lim = kv_get(&req->query, "limit");
	struct zeroshot *zs = NULL;
	struct analysis info;
	struct event ev;
	double *scores = NULL;
	int64_t limit = API_SUGGEST_LIMIT;
	enum store_err se;
	enum text_err te;
	cJSON *o;
	char *s;

	event_init(&ev);
	if (text == NULL) {
		json_error(resp, 400, "missing parameter 'text'");
		goto out;
	}
	if (strlen(text) > API_SUGGEST_TEXT_MAX) {
		json_error(resp, 413, "text too long");
		goto out;
	}
	if (lim != NULL && !parse_i64(lim, 1, 64, &limit)) {
		json_error(resp, 400, "bad parameter 'limit'");
		goto out;
	}
	if (!slug_valid(req->seg[3], strlen(req->seg[3]), EVENT_KEY_MAX)) {
		json_error(resp, 404, "no such event");
		goto out;
	}
	if ((se = store_event_load(req->st, req->seg[3], &ev)) != STORE_OK) {
		json_error(resp, se == STORE_ERR_NOTFOUND ? 404 : 500,
		    se == STORE_ERR_NOTFOUND ? "no such event"
					     : "database error");
		goto out;
	}
	scores = xcalloc(ev.nthemes + 1, sizeof(*scores));
	zs = zeroshot_from_event(&ev);
	te = zeroshot_scores(
	    zs, text, strlen(text), ev.default_lang, scores, &info);
	if (te != TEXT_OK) {
		json_error(resp, 400, text_strerror(te));
		goto out;
	}
	classify_normalize(scores, ev.nthemes, 0);
	o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "event", ev.slug);
	cJSON_AddStringToObject(o, "lang", lang_code(info.lang));
	cJSON_AddNumberToObject(o, "lang_confidence",
	    (double)(long)(info.lang_conf * 100 + 0.5) / 100);
	cJSON_AddBoolToObject(o, "confident",
	    ev.nthemes > 0 &&
		scores[classify_rank(scores, ev.nthemes, 0)] >=
		    API_SUGGEST_CONFIDENT);
	cJSON_AddItemToObject(
	    o, "themes", themes_json(&ev, req->lang, scores, (size_t)limit));
	s = cJSON_PrintUnformatted(o);
	resp->status = 200;
	resp->content_type = "application/json";
	resp->cache_control = "no-store";
	if (s != NULL)
		buf_addstr(&resp->body, s);
	buf_addc(&resp->body, '\n');
	cJSON_free(s);
	cJSON_Delete(o);
out:
	zeroshot_free(zs);
	free(scores);
	event_release(&ev);
}
