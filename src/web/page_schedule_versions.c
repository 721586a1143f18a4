/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * page_schedule_versions.c: what the schedule editor writes (issue 4).
 *
 *   POST /{event}/schedule/save          the editor's plan, a new version
 *   POST /{event}/schedule/reoptimise    solve around pinned sessions
 *   GET  /{event}/schedule/versions      list; ?a=&b= compares two
 *   GET  /{event}/schedule/versions/{id} one version: hard violations and
 *                                        soft costs, placements
 *   POST /{event}/schedule/versions/{id} action=publish | revert
 *
 * The current version is the newest one; the published one is what the
 * session rows (so the agenda) hold.  A plan is the form field "plan":
 * {"sessions": [{"session": ID, "room": INDEX or "room-key",
 * "slot": INDEX, "order": N}]} with room and slot -1 for unplaced;
 * sessions it leaves out keep their place in the current version.  A plan
 * naming an unknown session, room or slot is refused (422) with the item
 * named, and nothing is saved.
 */
#include "web/route.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "solve/timetable.h"
#include "store/store.h"
#include "store/store_timetable.h"
#include "util/util.h"
#include "web/auth.h"
#include "web/csrf.h"
#include "web/form.h"
#include "web/html.h"
#include "web/i18n.h"
#include "web/layout.h"

#define REOPT_SECONDS_DEFAULT 3
#define REOPT_SECONDS_MAX     10

/* The event and its timetable instance; false when a page was written. */
static bool
load_ctx(struct request *req, struct response *resp, struct event *ev,
    struct store_timetable *t)
{
	if (!layout_load_event(req, resp, req->seg[0], ev))
		return false;
	if (store_timetable_load(req->st, ev, false, t, NULL) != STORE_OK) {
		store_timetable_release(t);
		event_release(ev);
		page_error(req, resp, 500);
		return false;
	}
	return true;
}

static void
release_ctx(struct event *ev, struct store_timetable *t)
{
	store_timetable_release(t);
	event_release(ev);
}

/* The current version's placements into a (tt_assign owned); *vid its id
 * or 0 when there is none yet (then the session rows). */
static bool
current_assign(struct request *req, const struct event *ev,
    const struct store_timetable *t, struct tt_assign *a, int64_t *vid)
{
	struct tt_version *v = NULL;
	size_t n = 0;
	bool ok;

	*vid = 0;
	memset(a, 0, sizeof(*a));
	if (store_tt_versions(req->st, ev->id, &v, &n) != STORE_OK) {
		free(v);
		return false;
	}
	if (n == 0) {
		free(v);
		tt_assign_init(a, t->in.nitems);
		tt_assign_copy(a, &t->current);
		return true;
	}
	*vid = v[0].id;
	free(v);
	ok = store_tt_version_assign(req->st, ev->id, t, *vid, a) == STORE_OK;
	return ok;
}

static void
redirect_version(struct response *resp, const struct event *ev, int64_t id)
{
	char to[256];

	snprintf(to, sizeof(to), "/%s/schedule/versions/%lld", ev->slug,
	    (long long)id);
	auth_redirect(resp, to);
}

/*
 * Applies the plan text onto a (already the reference placements).
 * On error writes one line naming the bad item into err.
 */
static bool
apply_plan(struct request *req, const struct event *ev,
    const struct store_timetable *t, const char *text, struct tt_assign *a,
    struct buf *err)
{
	cJSON *root = cJSON_Parse(text), *arr, *e;
	bool *seen = xcalloc((size_t)t->in.nitems + 1, sizeof(bool));
	bool ok = false;

	arr =
	    cJSON_IsObject(root) ? cJSON_GetObjectItem(root, "sessions") : NULL;
	if (!cJSON_IsArray(arr)) {
		buf_addstr(err, i18n(req->lang, MSG_TT_BAD_PLAN));
		goto out;
	}
	cJSON_ArrayForEach(e, arr)
	{
		cJSON *js = cJSON_GetObjectItem(e, "session");
		cJSON *jr = cJSON_GetObjectItem(e, "room");
		cJSON *ju = cJSON_GetObjectItem(e, "slot");
		cJSON *jo = cJSON_GetObjectItem(e, "order");
		int i, r = -2, u = -2;

		if (!cJSON_IsObject(e) || !cJSON_IsNumber(js)) {
			buf_addstr(err, i18n(req->lang, MSG_TT_BAD_PLAN));
			goto out;
		}
		i = store_timetable_item(t, (int64_t)js->valuedouble);
		if (i < 0 ||
		    js->valuedouble != (double)(int64_t)js->valuedouble) {
			buf_addf(err, "%s: %.0f",
			    i18n(req->lang, MSG_TT_BAD_SESSION),
			    js->valuedouble);
			goto out;
		}
		if (seen[i]) {
			buf_addf(err, "%s: %lld",
			    i18n(req->lang, MSG_TT_DUP_SESSION),
			    (long long)t->session_id[i]);
			goto out;
		}
		seen[i] = true;
		if (cJSON_IsNumber(jr) && jr->valuedouble >= -1 &&
		    jr->valuedouble < t->in.nrooms &&
		    jr->valuedouble == (int)jr->valuedouble)
			r = (int)jr->valuedouble;
		else if (cJSON_IsString(jr))
			r = (int)event_room_find(ev, jr->valuestring);
		if (cJSON_IsNumber(ju) && ju->valuedouble >= -1 &&
		    ju->valuedouble < t->in.nunits &&
		    ju->valuedouble == (int)ju->valuedouble)
			u = (int)ju->valuedouble;
		if (r < -1 || u < -1 || (r == -1) != (u == -1) ||
		    (cJSON_IsString(jr) && r < 0)) {
			char *rs =
			    jr != NULL ? cJSON_PrintUnformatted(jr) : NULL;
			char *us =
			    ju != NULL ? cJSON_PrintUnformatted(ju) : NULL;

			buf_addf(err, "%s: session %lld, room %s, slot %s",
			    i18n(req->lang, MSG_TT_BAD_ROOM),
			    (long long)t->session_id[i], rs ? rs : "?",
			    us ? us : "?");
			free(rs);
			free(us);
			goto out;
		}
		a->place[i].room = r;
		a->place[i].unit = u;
		a->place[i].order = cJSON_IsNumber(jo) ? (int)jo->valuedouble
						       : a->place[i].order;
	}
	ok = true;
out:
	cJSON_Delete(root);
	free(seen);
	return ok;
}

/* The reference placements, then the posted plan if any, into a. */
static bool
posted_plan(struct request *req, struct response *resp, const struct event *ev,
    const struct store_timetable *t, struct tt_assign *a)
{
	const char *plan = form_get(req->form, "plan");
	struct buf err;
	int64_t vid;

	if (!current_assign(req, ev, t, a, &vid)) {
		page_error(req, resp, 500);
		return false;
	}
	if (plan == NULL || plan[0] == '\0')
		return true;
	buf_init(&err, 256);
	if (!apply_plan(req, ev, t, plan, a, &err)) {
		auth_error_page(req, resp, 422, err.s);
		buf_release(&err);
		return false;
	}
	buf_release(&err);
	return true;
}

static bool
require_post(struct request *req, struct response *resp, const char *slug)
{
	char to[256];

	if (req->method == HTTP_POST && req->form != NULL)
		return true;
	snprintf(to, sizeof(to), "/%s/schedule/editor", slug);
	auth_redirect(resp, to);
	return false;
}

void
page_schedule_save(struct request *req, struct response *resp)
{
	struct event ev;
	struct store_timetable t;
	struct tt_assign a = { 0 };
	struct tt_cost cost;
	int64_t id;

	if (!require_post(req, resp, req->seg[0]))
		return;
	if (!load_ctx(req, resp, &ev, &t))
		return;
	if (form_get(req->form, "plan") == NULL) {
		auth_error_page(
		    req, resp, 422, i18n(req->lang, MSG_TT_BAD_PLAN));
	} else if (posted_plan(req, resp, &ev, &t, &a)) {
		timetable_evaluate(&t.in, &a, &cost);
		if (store_timetable_save_version(req->st, &ev, &t, &a, &cost,
			"editor", 0, timetable_lower_bound(&t.in), &id,
			NULL) != STORE_OK)
			page_error(req, resp, 500);
		else
			redirect_version(resp, &ev, id);
	}
	tt_assign_release(&a);
	release_ctx(&ev, &t);
}

void
page_schedule_reoptimise(struct request *req, struct response *resp)
{
	struct event ev;
	struct store_timetable t;
	struct tt_assign ref = { 0 }, a = { 0 };
	struct tt_cost cost;
	struct tt_stats stats;
	struct tt_opts o;
	struct tt_item *items;
	bool *pin = NULL;
	const char *sec;
	int64_t id, seconds = REOPT_SECONDS_DEFAULT, sid;
	size_t k, npin;
	int i;

	if (!require_post(req, resp, req->seg[0]))
		return;
	if (!load_ctx(req, resp, &ev, &t))
		return;
	if (!posted_plan(req, resp, &ev, &t, &ref))
		goto out;
	sec = form_get(req->form, "seconds");
	if (sec != NULL && sec[0] != '\0' &&
	    !parse_i64(sec, 1, REOPT_SECONDS_MAX, &seconds)) {
		auth_error_page(req, resp, 422, "seconds: 1-10");
		goto out;
	}
	pin = xcalloc((size_t)t.in.nitems + 1, sizeof(bool));
	npin = form_count(req->form, "pin");
	for (k = 0; k < npin; k++) {
		const char *v = form_get_nth(req->form, "pin", k);

		if (!parse_i64(v, 1, INT64_MAX, &sid) ||
		    (i = store_timetable_item(&t, sid)) < 0) {
			struct buf err;

			buf_init(&err, 128);
			buf_addf(&err, "%s: %s",
			    i18n(req->lang, MSG_TT_BAD_SESSION), v);
			auth_error_page(req, resp, 422, err.s);
			buf_release(&err);
			goto out;
		}
		pin[i] = true;
	}
	/* Pinned sessions stay where the reference has them; every other
	 * move from the reference costs in.w.moved. */
	items = t.items;
	for (i = 0; i < t.in.nitems; i++) {
		items[i].pub_room = ref.place[i].room;
		items[i].pub_unit = ref.place[i].unit;
		items[i].fixed_room = items[i].fixed_unit = -1;
		if (pin[i] && ref.place[i].room >= 0) {
			items[i].fixed_room = ref.place[i].room;
			items[i].fixed_unit = ref.place[i].unit;
		}
	}
	tt_assign_init(&a, t.in.nitems);
	tt_assign_copy(&a, &ref);
	memset(&o, 0, sizeof(o));
	o.seed = 1;
	o.time_limit = (double)seconds;
	o.threads = 1;
	o.keep_fixed_start = true;
	timetable_solve(&t.in, &o, &a, &cost, &stats);
	if (store_tt_set_locked(req->st, ev.id, &t, pin) != STORE_OK ||
	    store_timetable_save_version(req->st, &ev, &t, &a, &cost,
		"optimiser", o.seed, stats.bound, &id, NULL) != STORE_OK)
		page_error(req, resp, 500);
	else
		redirect_version(resp, &ev, id);
out:
	free(pin);
	tt_assign_release(&ref);
	tt_assign_release(&a);
	release_ctx(&ev, &t);
}

/* "Room name, 09:30 2017-11-21" or "unplaced". */
static void
where(struct buf *b, struct request *req, const struct event *ev,
    const struct store_timetable *t, const struct tt_place *p)
{
	char when[17];

	if (p->room < 0 || p->unit < 0) {
		html_printf(b, "%s", i18n(req->lang, MSG_TT_UNPLACED_CELL));
		return;
	}
	store_timetable_when(t, ev, p->unit, 0, when);
	when[10] = ' ';
	html_printf(
	    b, "%s %s", l10n_get(&ev->rooms[p->room].name, req->lang), when);
}

static void
page_begin(struct request *req, struct response *resp, const struct event *ev,
    const char *title)
{
	resp->status = 200;
	resp->cache_control = "no-store";
	layout_begin(req, resp, title, ev);
	html_printf(&resp->body,
	    "<link rel=\"stylesheet\" href=\"/static/schedule-editor.css\">\n"
	    "<nav class=\"crumbs\" aria-label=\"%s\"><a href=\"/%u/\">%s</a> › "
	    "<a href=\"/%u/schedule/editor\">%s</a> › "
	    "<a href=\"/%u/schedule/versions\">%s</a></nav>\n<h1>%s</h1>\n",
	    i18n(req->lang, MSG_BACK_TO_EVENT), ev->slug,
	    l10n_get(&ev->name, req->lang), ev->slug,
	    i18n(req->lang, MSG_TT_EDITOR_TITLE), ev->slug,
	    i18n(req->lang, MSG_TT_VERSIONS), title);
}

/* The "sessions moved" list between versions va and vb. */
static void
compare(struct buf *b, struct request *req, const struct event *ev,
    const struct store_timetable *t, int64_t va, int64_t vb)
{
	struct tt_assign a = { 0 }, c = { 0 };
	int i, n = 0;

	if (store_tt_version_assign(req->st, ev->id, t, va, &a) != STORE_OK ||
	    store_tt_version_assign(req->st, ev->id, t, vb, &c) != STORE_OK) {
		html_printf(b, "<p role=\"alert\">%s</p>\n",
		    i18n(req->lang, MSG_NOT_FOUND_TITLE));
		goto out;
	}
	html_printf(b,
	    "<section id=\"tt-compare\"><h2>%s: %l → %l</h2>\n<ul>\n",
	    i18n(req->lang, MSG_TT_MOVED), va, vb);
	for (i = 0; i < t->in.nitems; i++) {
		if (a.place[i].room == c.place[i].room &&
		    a.place[i].unit == c.place[i].unit)
			continue;
		html_printf(b, "<li data-session=\"%l\">%s: ", t->session_id[i],
		    t->item_name[i] ? t->item_name[i] : "?");
		where(b, req, ev, t, &a.place[i]);
		html_raw(b, " → ");
		where(b, req, ev, t, &c.place[i]);
		html_raw(b, "</li>\n");
		n++;
	}
	if (n == 0)
		html_printf(
		    b, "<li>%s</li>\n", i18n(req->lang, MSG_TT_NONE_MOVED));
	html_raw(b, "</ul></section>\n");
out:
	tt_assign_release(&a);
	tt_assign_release(&c);
}

static void
action_form(struct request *req, struct response *resp, const char *slug,
    int64_t id, const char *action, enum msg label)
{
	struct buf *b = &resp->body;

	html_printf(b,
	    "<form method=\"post\" action=\"/%u/schedule/versions/%l\" "
	    "class=\"tt-inline\">",
	    slug, id);
	csrf_field(req, resp, b);
	html_printf(b,
	    "<input type=\"hidden\" name=\"action\" value=\"%s\">"
	    "<button type=\"submit\">%s</button></form>",
	    action, i18n(req->lang, label));
}

void
page_schedule_versions(struct request *req, struct response *resp)
{
	struct event ev;
	struct store_timetable t;
	struct tt_version *v = NULL;
	const char *qa = kv_get(&req->query, "a");
	const char *qb = kv_get(&req->query, "b");
	int64_t va, vb;
	size_t n = 0, k;
	struct buf *b = &resp->body;

	if (!load_ctx(req, resp, &ev, &t))
		return;
	if (store_tt_versions(req->st, ev.id, &v, &n) != STORE_OK) {
		page_error(req, resp, 500);
		goto out;
	}
	page_begin(req, resp, &ev, i18n(req->lang, MSG_TT_VERSIONS));
	if (qa != NULL && qb != NULL && parse_i64(qa, 1, INT64_MAX, &va) &&
	    parse_i64(qb, 1, INT64_MAX, &vb))
		compare(b, req, &ev, &t, va, vb);
	html_printf(b,
	    "<form method=\"get\" action=\"/%u/schedule/versions\">"
	    "<label>A <input name=\"a\" inputmode=\"numeric\" size=\"6\" "
	    "value=\"%s\"></label> <label>B <input name=\"b\" "
	    "inputmode=\"numeric\" size=\"6\" value=\"%s\"></label> "
	    "<button type=\"submit\">%s</button></form>\n",
	    ev.slug, qa, qb, i18n(req->lang, MSG_TT_COMPARE));
	html_printf(b,
	    "<table class=\"tt-versions\"><thead><tr><th scope=\"col\">%s</th>"
	    "<th scope=\"col\"></th><th scope=\"col\"></th>"
	    "<th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
	    "<th scope=\"col\"></th></tr></thead><tbody>\n",
	    i18n(req->lang, MSG_TT_VERSION), i18n(req->lang, MSG_TT_HARD),
	    i18n(req->lang, MSG_TT_SOFT));
	for (k = 0; k < n; k++) {
		html_printf(b,
		    "<tr id=\"v%l\"><td><a href=\"/%u/schedule/versions/%l\">"
		    "%l</a>%s%s%s%s</td><td>%s</td><td>%s</td><td>%l</td>"
		    "<td>%l</td><td>",
		    v[k].id, ev.slug, v[k].id, v[k].id, k == 0 ? " · " : "",
		    k == 0 ? i18n(req->lang, MSG_TT_CURRENT) : "",
		    v[k].published ? " · " : "",
		    v[k].published ? i18n(req->lang, MSG_TT_PUBLISHED) : "",
		    v[k].created_at, v[k].origin, v[k].hard, v[k].soft);
		if (!v[k].published)
			action_form(req, resp, ev.slug, v[k].id, "publish",
			    MSG_TT_PUBLISH);
		if (k > 0)
			action_form(req, resp, ev.slug, v[k].id, "revert",
			    MSG_TT_REVERT);
		if (k + 1 < n)
			html_printf(b,
			    " <a href=\"/%u/schedule/versions?a=%l&amp;b=%l\">"
			    "%s %l</a>",
			    ev.slug, v[k + 1].id, v[k].id,
			    i18n(req->lang, MSG_TT_COMPARE), v[k + 1].id);
		html_raw(b, "</td></tr>\n");
	}
	html_raw(b, "</tbody></table>\n");
	layout_end(req, resp, &ev);
out:
	free(v);
	release_ctx(&ev, &t);
}

/* Hard violations and soft costs of a, then each session's place. */
static void
version_report(struct buf *b, struct request *req, const struct event *ev,
    const struct store_timetable *t, const struct tt_assign *a)
{
	struct tt_report rep = { 0 };
	size_t k;
	int i;

	timetable_check(&t->in, a, &rep);
	html_printf(b,
	    "<p class=\"tt-costs\" id=\"tt-cost\" data-hard=\"%l\" "
	    "data-soft=\"%l\">%s: %l · %s: %l</p>\n",
	    rep.cost.hard, rep.cost.soft, i18n(req->lang, MSG_TT_HARD),
	    rep.cost.hard, i18n(req->lang, MSG_TT_SOFT), rep.cost.soft);
	html_printf(b, "<h2>%s</h2>\n<ul id=\"tt-hard\">\n",
	    i18n(req->lang, MSG_TT_HARD));
	for (k = 0; k < rep.n; k++) {
		const struct tt_issue *is = &rep.issues[k];

		if (is->kind >= TT_HARD__MAX)
			continue;
		html_printf(b, "<li>%s: %s%s%s%s%s</li>\n",
		    tt_cost_name(is->kind),
		    is->item >= 0 && t->item_name[is->item]
			? t->item_name[is->item]
			: "",
		    is->item2 >= 0 ? " / " : "",
		    is->item2 >= 0 && t->item_name[is->item2]
			? t->item_name[is->item2]
			: "",
		    is->person >= 0 && is->kind == TT_SPEAKER_CLASH ? " · "
								    : "",
		    is->person >= 0 && is->kind == TT_SPEAKER_CLASH &&
			    t->person_name[is->person]
			? t->person_name[is->person]
			: "");
	}
	html_printf(b, "</ul>\n<h2>%s</h2>\n<ul id=\"tt-soft\">\n",
	    i18n(req->lang, MSG_TT_SOFT));
	for (k = TT_HARD__MAX; k < TT_COST__MAX; k++)
		html_printf(b, "<li>%s: %l</li>\n",
		    tt_cost_name((enum tt_cost_kind)k), rep.cost.count[k]);
	html_raw(b, "</ul>\n<table class=\"tt-places\"><tbody>\n");
	for (i = 0; i < t->in.nitems; i++) {
		html_printf(b,
		    "<tr data-session=\"%l\" data-room=\"%d\" "
		    "data-unit=\"%d\"><td>%s</td><td>",
		    t->session_id[i], a->place[i].room, a->place[i].unit,
		    t->item_name[i] ? t->item_name[i] : "?");
		where(b, req, ev, t, &a->place[i]);
		html_raw(b, "</td></tr>\n");
	}
	html_raw(b, "</tbody></table>\n");
	tt_report_release(&rep);
}

void
page_schedule_version(struct request *req, struct response *resp)
{
	struct event ev;
	struct store_timetable t;
	struct tt_assign a = { 0 };
	struct tt_cost cost;
	const char *action;
	int64_t id, nid;
	char title[64];
	enum store_err e;

	if (!parse_i64(req->seg[3], 1, INT64_MAX, &id)) {
		page_error(req, resp, 404);
		return;
	}
	if (!load_ctx(req, resp, &ev, &t))
		return;
	e = store_tt_version_assign(req->st, ev.id, &t, id, &a);
	if (e != STORE_OK) {
		page_error(req, resp, e == STORE_ERR_NOTFOUND ? 404 : 500);
		goto out;
	}
	if (req->method == HTTP_POST) {
		action = form_get(req->form, "action");
		if (action != NULL && strcmp(action, "publish") == 0) {
			char to[256];

			if (store_tt_publish(req->st, &ev, &t, id, NULL) !=
			    STORE_OK) {
				page_error(req, resp, 500);
				goto out;
			}
			snprintf(to, sizeof(to), "/%s/schedule/versions#v%lld",
			    ev.slug, (long long)id);
			auth_redirect(resp, to);
		} else if (action != NULL && strcmp(action, "revert") == 0) {
			timetable_evaluate(&t.in, &a, &cost);
			if (store_timetable_save_version(req->st, &ev, &t, &a,
				&cost, "editor", 0,
				timetable_lower_bound(&t.in), &nid,
				NULL) != STORE_OK) {
				page_error(req, resp, 500);
				goto out;
			}
			redirect_version(resp, &ev, nid);
		} else {
			auth_error_page(
			    req, resp, 400, "action: publish | revert");
		}
		goto out;
	}
	snprintf(title, sizeof(title), "%s %lld",
	    i18n(req->lang, MSG_TT_VERSION), (long long)id);
	page_begin(req, resp, &ev, title);
	html_raw(&resp->body, "<p>");
	action_form(req, resp, ev.slug, id, "publish", MSG_TT_PUBLISH);
	html_raw(&resp->body, " ");
	action_form(req, resp, ev.slug, id, "revert", MSG_TT_REVERT);
	html_raw(&resp->body, "</p>\n");
	version_report(&resp->body, req, &ev, &t, &a);
	layout_end(req, resp, &ev);
out:
	tt_assign_release(&a);
	release_ctx(&ev, &t);
}
