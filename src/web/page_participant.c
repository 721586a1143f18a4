/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * page_participant.c: participants of the published agenda (issue 5).
 *
 *   /{event}/register      register (or change the registration): themes
 *                          of interest, accessibility and interpretation
 *                          needs, and stars kept in this browser
 *   /{event}/star          POST: star or unstar one session
 *   /{event}/me/           the signed-in participant's agenda, and the
 *                          private calendar link
 *   /{event}/me/calendar   POST: create (replacing) or revoke that link
 *   /{event}/me/import     POST: stars kept in this browser (agenda.js)
 *
 * Every route needs an account; POSTs carry the CSRF token (auth_gate).
 * Stars are interest rows (registration × session), what the timetable
 * optimiser and the interest statistics read.  Starring registers the
 * visitor when they have not registered yet.
 */
#include "web/agenda_web.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store_agenda.h"
#include "util/util.h"
#include "web/auth.h"
#include "web/csrf.h"
#include "web/fields.h"
#include "web/form.h"
#include "web/html.h"
#include "web/i18n.h"
#include "web/layout.h"
#include "web/route.h"

#define STARS_IMPORT_MAX 500

/* ---- star buttons on the agenda pages ---- */

static _Thread_local bool *pt_marks;
static _Thread_local size_t pt_nmarks;
static _Thread_local bool pt_on;

static bool
signed_in(const struct request *req)
{
	return req->user != NULL && req->user->account_id != 0;
}

void
participant_marks_begin(
    struct request *req, struct response *resp, const struct agenda_view *v)
{
	int64_t reg;

	participant_marks_end();
	if (!signed_in(req))
		return;
	/* the page now depends on who asks */
	resp->cacheable = false;
	resp->cache_control = "private, no-cache";
	csrf_send(req, resp);
	pt_marks = xcalloc(v->ag.nsessions + 1, sizeof(*pt_marks));
	pt_nmarks = v->ag.nsessions;
	pt_on = true;
	if (store_registration_find(
		req->st, v->ev.id, req->user->person_id, &reg) == STORE_OK)
		store_registration_marks(req->st, reg, &v->ag, pt_marks);
}

void
participant_marks_end(void)
{
	free(pt_marks);
	pt_marks = NULL;
	pt_nmarks = 0;
	pt_on = false;
}

void
participant_star_button(
    struct request *req, struct buf *b, const struct agenda_view *v, size_t i)
{
	const struct agenda_session *s;
	bool on;

	if (!pt_on || i >= pt_nmarks || !signed_in(req))
		return;
	s = &v->ag.sessions[i];
	on = pt_marks[i];
	html_printf(b,
	    "<form method=\"post\" action=\"/%u/star\" class=\"star-form\">"
	    "<input type=\"hidden\" name=\"csrf\" value=\"%s\">"
	    "<input type=\"hidden\" name=\"guid\" value=\"%s\">"
	    "<input type=\"hidden\" name=\"back\" value=\"%s\">"
	    "<button type=\"submit\" class=\"star\" name=\"on\" value=\"%s\" "
	    "aria-pressed=\"%s\" aria-label=\"%s: %s\">%s %s</button></form>",
	    v->slug, req->user->csrf, s->guid, req->target, on ? "0" : "1",
	    on ? "true" : "false",
	    i18n(req->lang, on ? MSG_AG_UNSTAR : MSG_AG_STAR), s->title,
	    on ? "★" : "☆", i18n(req->lang, on ? MSG_AG_UNSTAR : MSG_AG_STAR));
}

/* ---- helpers ---- */

/* A local path to go back to, or NULL: "/x...", no "//", no controls. */
static const char *
local_path(const char *s)
{
	const char *p;

	if (s == NULL || s[0] != '/' || s[1] == '/' || s[1] == '\\' ||
	    strlen(s) > 1024)
		return NULL;
	for (p = s; *p != '\0'; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f || *p == '\\')
			return NULL;
	return s;
}

static void
redirect_to(struct response *resp, const char *slug, const char *rest)
{
	struct buf to;

	buf_init(&to, 256);
	buf_addstr(&to, "/");
	html_url_arg(&to, slug);
	buf_addstr(&to, rest);
	auth_redirect(resp, to.s);
	buf_release(&to);
}

/* The visitor's registration, made (without themes or needs) if none. */
static enum store_err
ensure_registration(struct request *req, const struct event *ev, int64_t *reg)
{
	enum store_err e =
	    store_registration_find(req->st, ev->id, req->user->person_id, reg);

	if (e == STORE_ERR_NOTFOUND)
		e = store_registration_save(
		    req->st, ev->id, req->user->person_id, NULL, NULL, 0, reg);
	return e;
}

/*
 * Stars the sessions whose GUIDs are in the form's "stars" fields (each
 * may hold several, separated by spaces or commas); unknown ones are
 * skipped.  The number starred.
 */
static size_t
import_stars(struct request *req, const struct agenda_view *v, int64_t reg)
{
	size_t n = form_count(req->form, "stars"), i, done = 0, seen = 0;
	char guid[AGENDA_GUID_LEN + 1];
	const char *p;
	size_t len;
	long k;

	for (i = 0; i < n; i++) {
		p = form_get_nth(req->form, "stars", i);
		while (p != NULL && *p != '\0' && seen < STARS_IMPORT_MAX) {
			p += strspn(p, " ,\t\n");
			len = strcspn(p, " ,\t\n");
			if (len == 0)
				break;
			seen++;
			if (len == AGENDA_GUID_LEN) {
				memcpy(guid, p, len);
				guid[len] = '\0';
				if ((k = agenda_find_guid(&v->ag, guid)) >= 0 &&
				    store_interest_set(req->st, reg,
					v->ag.sessions[k].id, true) == STORE_OK)
					done++;
			}
			p += len;
		}
	}
	return done;
}

/* ---- /{event}/register ---- */

static const struct {
	const char *key;
	enum msg label;
} needs_opt[] = {
	{ "step-free", MSG_PT_NEED_STEP_FREE },
	{ "captions", MSG_PT_NEED_CAPTIONS },
	{ "sign-language", MSG_PT_NEED_SIGN },
	{ "interpretation", MSG_PT_NEED_INTERPRETATION },
};
#define NNEEDS ARRAY_SIZE(needs_opt)

/*
 * needs is stored as the chosen keys, comma-separated, then a newline and
 * the free text: "step-free,captions\nI use a wheelchair".
 */
static void
needs_split(const char *needs, bool *checked, const char **other)
{
	size_t i, n;
	const char *p;

	*other = "";
	if (needs == NULL)
		return;
	n = strcspn(needs, "\n");
	for (i = 0; i < NNEEDS; i++) {
		size_t kl = strlen(needs_opt[i].key);

		for (p = needs; p < needs + n; p += strcspn(p, ",\n") + 1) {
			if ((size_t)(needs + n - p) >= kl &&
			    strncmp(p, needs_opt[i].key, kl) == 0 &&
			    (p[kl] == ',' || p[kl] == '\n' || p[kl] == '\0'))
				checked[i] = true;
			if (p[strcspn(p, ",\n")] != ',')
				break;
		}
	}
	if (needs[n] == '\n')
		*other = needs + n + 1;
}

static void
register_form(struct request *req, struct response *resp,
    const struct agenda_view *v, int64_t reg)
{
	struct buf *b = &resp->body;
	struct field_option *opt;
	struct field_option nopt[NNEEDS];
	bool *checked, nchecked[NNEEDS];
	struct field_errors none;
	char *needs = NULL, **keys = NULL;
	const char *other = "";
	size_t nkeys = 0, i, j;

	field_errors_init(&none);
	memset(nchecked, 0, sizeof(nchecked));
	if (reg != 0)
		store_registration_load(req->st, reg, &needs, &keys, &nkeys);
	needs_split(needs, nchecked, &other);
	opt = xcalloc(v->ev.nthemes + 1, sizeof(*opt));
	checked = xcalloc(v->ev.nthemes + 1, sizeof(*checked));
	for (i = 0; i < v->ev.nthemes; i++) {
		opt[i].key = v->ev.themes[i].key;
		opt[i].label = l10n_get(&v->ev.themes[i].name, req->lang);
		for (j = 0; j < nkeys; j++)
			if (strcmp(keys[j], opt[i].key) == 0)
				checked[i] = true;
	}
	for (i = 0; i < NNEEDS; i++) {
		nopt[i].key = needs_opt[i].key;
		nopt[i].label = i18n(req->lang, needs_opt[i].label);
	}
	resp->status = 200;
	resp->cache_control = "no-store";
	layout_begin(req, resp, i18n(req->lang, MSG_PT_REGISTER), &v->ev);
	agenda_assets(b);
	html_printf(b,
	    "<h1>%s <span class=\"sub\">%s</span></h1>\n<p>%s</p>\n"
	    "<form method=\"post\" action=\"/%u/register\" "
	    "id=\"register-form\">\n",
	    i18n(req->lang, reg != 0 ? MSG_PT_EDIT : MSG_PT_REGISTER),
	    v->ag.title, i18n(req->lang, MSG_PT_REGISTER_LEAD), v->slug);
	csrf_field(req, resp, b);
	/* filled by agenda.js with the stars kept in this browser */
	html_raw(b,
	    "<input type=\"hidden\" name=\"stars\" value=\"\" "
	    "id=\"import-stars\">\n");
	if (v->ev.nthemes > 0)
		field_checkboxes(b, &none, "theme",
		    i18n(req->lang, MSG_PT_THEMES), opt, v->ev.nthemes, checked,
		    i18n(req->lang, MSG_PT_THEMES_HINT));
	field_checkboxes(b, &none, "need", i18n(req->lang, MSG_PT_NEEDS), nopt,
	    NNEEDS, nchecked, NULL);
	field_textarea(b, &none, "needs_other",
	    i18n(req->lang, MSG_PT_NEEDS_OTHER), other, NULL, 3, 0);
	html_printf(b, "<p><button type=\"submit\">%s</button></p>\n</form>\n",
	    i18n(req->lang, MSG_PT_SAVE));
	layout_end(req, resp, &v->ev);
	field_errors_release(&none);
	for (i = 0; i < nkeys; i++)
		free(keys[i]);
	free(keys);
	free(needs);
	free(opt);
	free(checked);
}

void
page_register(struct request *req, struct response *resp)
{
	const struct agenda_view *v;
	struct buf needs;
	const char **keys;
	const char *other;
	size_t n, i, k, nkeys = 0;
	int64_t reg = 0;
	enum store_err e;

	if ((v = agenda_view_get(req, resp, req->seg[0])) == NULL)
		return;
	if (req->method != HTTP_POST) {
		store_registration_find(
		    req->st, v->ev.id, req->user->person_id, &reg);
		register_form(req, resp, v, reg);
		return;
	}
	/* needs: the known keys, then the free text */
	buf_init(&needs, 256);
	n = form_count(req->form, "need");
	for (k = 0; k < NNEEDS; k++)
		for (i = 0; i < n; i++)
			if (strcmp(form_get_nth(req->form, "need", i),
				needs_opt[k].key) == 0) {
				buf_addf(&needs, "%s%s",
				    needs.len > 0 ? "," : "", needs_opt[k].key);
				break;
			}
	other = form_get(req->form, "needs_other");
	if (other != NULL && other[strspn(other, " \t\n")] != '\0') {
		buf_addstr(&needs, "\n");
		buf_add(&needs, other, strnlen(other, 2000));
	}
	n = form_count(req->form, "theme");
	keys = xcalloc(n + 1, sizeof(*keys));
	for (i = 0; i < n && i < 256; i++)
		keys[nkeys++] = form_get_nth(req->form, "theme", i);
	e = store_registration_save(req->st, v->ev.id, req->user->person_id,
	    needs.len > 0 ? needs.s : NULL, keys, nkeys, &reg);
	free(keys);
	buf_release(&needs);
	if (e != STORE_OK) {
		page_error(req, resp, 500);
		return;
	}
	import_stars(req, v, reg);
	redirect_to(resp, v->slug, "/me/");
}

/* ---- /{event}/star ---- */

void
page_star(struct request *req, struct response *resp)
{
	const struct agenda_view *v;
	const char *guid, *on, *back;
	int64_t reg;
	long k;

	if (req->method != HTTP_POST) {
		resp->allow = "POST";
		page_error(req, resp, 405);
		return;
	}
	if ((v = agenda_view_get(req, resp, req->seg[0])) == NULL)
		return;
	guid = form_get(req->form, "guid");
	on = form_get(req->form, "on");
	if (guid == NULL || on == NULL ||
	    (strcmp(on, "1") != 0 && strcmp(on, "0") != 0)) {
		page_error(req, resp, 400);
		return;
	}
	if ((k = agenda_find_guid(&v->ag, guid)) < 0) {
		page_error(req, resp, 404);
		return;
	}
	if (ensure_registration(req, &v->ev, &reg) != STORE_OK ||
	    store_interest_set(req->st, reg, v->ag.sessions[k].id,
		strcmp(on, "1") == 0) != STORE_OK) {
		page_error(req, resp, 500);
		return;
	}
	back = local_path(form_get(req->form, "back"));
	if (back != NULL) {
		auth_redirect(resp, back);
	} else {
		struct buf to;

		buf_init(&to, 256);
		buf_addstr(&to, "/sessions/");
		buf_addstr(&to, v->ag.sessions[k].guid);
		redirect_to(resp, v->slug, to.s);
		buf_release(&to);
	}
}

/* ---- /{event}/me/ ---- */

static void
feed_section(struct request *req, struct response *resp,
    const struct agenda_view *v, int64_t reg)
{
	struct buf *b = &resp->body;
	char token[CALENDAR_TOKEN_LEN + 1];
	bool have = reg != 0 &&
	    store_calendar_token_active(req->st, reg, token) == STORE_OK;

	html_printf(b,
	    "<section aria-labelledby=\"feed\">\n"
	    "<h2 id=\"feed\">%s</h2>\n<p>%s</p>\n",
	    i18n(req->lang, MSG_PT_FEED), i18n(req->lang, MSG_PT_FEED_LEAD));
	if (have)
		html_printf(b,
		    "<p><a href=\"/%u/me/%u.ics\" id=\"feed-link\">%s</a></p>\n"
		    "<p><code>%s/%s/me/%s.ics</code></p>\n",
		    v->slug, token, i18n(req->lang, MSG_AG_MY_FEED),
		    auth_public_url(), v->slug, token);
	else
		html_printf(
		    b, "<p>%s</p>\n", i18n(req->lang, MSG_PT_FEED_NONE));
	html_printf(
	    b, "<form method=\"post\" action=\"/%u/me/calendar\">\n", v->slug);
	csrf_field(req, resp, b);
	html_printf(b,
	    "<button type=\"submit\" name=\"action\" value=\"create\">%s"
	    "</button>\n",
	    i18n(req->lang, MSG_PT_FEED_CREATE));
	if (have)
		html_printf(b,
		    "<button type=\"submit\" name=\"action\" value=\"revoke\" "
		    "class=\"secondary\">%s</button>\n",
		    i18n(req->lang, MSG_PT_FEED_REVOKE));
	html_raw(b, "</form>\n</section>\n");
}

void
page_me(struct request *req, struct response *resp)
{
	const struct agenda_view *v;
	struct buf *b = &resp->body, t;
	int64_t reg = 0;
	size_t i, n = 0;

	if ((v = agenda_view_get(req, resp, req->seg[0])) == NULL)
		return;
	if (store_registration_find(
		req->st, v->ev.id, req->user->person_id, &reg) != STORE_OK)
		reg = 0;
	resp->status = 200;
	resp->cache_control = "private, no-cache";
	buf_init(&t, 256);
	buf_addf(&t, "%s — %s", i18n(req->lang, MSG_AG_MY_AGENDA), v->ag.title);
	layout_begin(req, resp, t.s, &v->ev);
	agenda_assets(b);
	html_printf(b,
	    "<h1>%s <span class=\"sub\">%s</span></h1>\n"
	    "<p><a href=\"/%u/agenda\">%s</a></p>\n",
	    i18n(req->lang, MSG_AG_MY_AGENDA), v->ag.title, v->slug,
	    i18n(req->lang, MSG_AG_BACK));
	/* agenda.js posts the stars kept in this browser here, once */
	html_printf(b,
	    "<form method=\"post\" action=\"/%u/me/import\" "
	    "id=\"import-form\" hidden>\n",
	    v->slug);
	csrf_field(req, resp, b);
	html_raw(b, "</form>\n");
	if (reg == 0) {
		html_printf(b,
		    "<p>%s</p>\n<p><a href=\"/%u/register\" "
		    "id=\"register-link\">%s</a></p>\n",
		    i18n(req->lang, MSG_PT_NOT_REGISTERED), v->slug,
		    i18n(req->lang, MSG_PT_REGISTER));
	} else {
		participant_marks_begin(req, resp, v);
		html_printf(b,
		    "<h2 id=\"starred\">%s</h2>\n"
		    "<ol class=\"agenda\" id=\"my-sessions\">\n",
		    i18n(req->lang, MSG_AG_SESSIONS_OF));
		for (i = 0; i < v->ag.nsessions; i++)
			if (pt_marks != NULL && pt_marks[i]) {
				agenda_session_li(req, b, v, i, true);
				n++;
			}
		html_raw(b, "</ol>\n");
		participant_marks_end();
		if (n == 0)
			html_printf(
			    b, "<p>%s</p>\n", i18n(req->lang, MSG_AG_NO_STARS));
		feed_section(req, resp, v, reg);
		html_printf(b, "<p><a href=\"/%u/register\">%s</a></p>\n",
		    v->slug, i18n(req->lang, MSG_PT_EDIT));
	}
	layout_end(req, resp, &v->ev);
	buf_release(&t);
}

/* ---- /{event}/me/calendar ---- */

void
page_me_calendar(struct request *req, struct response *resp)
{
	const struct agenda_view *v;
	const char *action;
	char token[CALENDAR_TOKEN_LEN + 1];
	int64_t reg;
	enum store_err e;

	if (req->method != HTTP_POST) {
		redirect_to(resp, req->seg[0], "/me/");
		return;
	}
	if ((v = agenda_view_get(req, resp, req->seg[0])) == NULL)
		return;
	action = form_get(req->form, "action");
	if (action == NULL ||
	    (strcmp(action, "create") != 0 && strcmp(action, "revoke") != 0)) {
		page_error(req, resp, 400);
		return;
	}
	if ((e = ensure_registration(req, &v->ev, &reg)) == STORE_OK)
		e = store_calendar_token_revoke(req->st, reg);
	if (e == STORE_OK && strcmp(action, "create") == 0)
		e = store_calendar_token_create(req->st, reg, token);
	if (e != STORE_OK) {
		page_error(req, resp, 500);
		return;
	}
	redirect_to(resp, v->slug, "/me/");
}

/* ---- /{event}/me/import ---- */

void
page_me_import(struct request *req, struct response *resp)
{
	const struct agenda_view *v;
	int64_t reg;
	size_t n;

	if (req->method != HTTP_POST) {
		redirect_to(resp, req->seg[0], "/me/");
		return;
	}
	if ((v = agenda_view_get(req, resp, req->seg[0])) == NULL)
		return;
	if (ensure_registration(req, &v->ev, &reg) != STORE_OK) {
		page_error(req, resp, 500);
		return;
	}
	n = import_stars(req, v, reg);
	resp->status = 200;
	resp->content_type = "application/json";
	resp->cache_control = "no-store";
	buf_addf(&resp->body, "{\"imported\":%zu}\n", n);
}
