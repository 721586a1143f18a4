/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * page_account.c: sign up, confirm the address, log in and out, reset a
 * forgotten password, and the account page.  Mail goes to the outbox.
 * Answers never tell whether an address has an account (sign-up and
 * reset say the same either way), and failures are rate limited.
 */
#include "web/route.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cjson/cJSON.h>
#include <cmark.h>

#include "core/person.h"
#include "store/store_account.h"
#include "util/utf8.h"
#include "util/util.h"
#include "web/auth.h"
#include "web/csrf.h"
#include "web/fields.h"
#include "web/form.h"
#include "web/html.h"
#include "web/i18n.h"
#include "web/layout.h"

#define NAME_MAX_CHARS 200

/* Rate limits: attempts per window, per client address and per account. */
#define LIMIT_LOGIN_ADDR    30
#define LIMIT_LOGIN_ACCOUNT 10
#define LIMIT_SIGNUP_ADDR   10
#define LIMIT_RESET_ADDR    10
#define LIMIT_WINDOW        900

static const char *
fval(const struct request *req, const char *name)
{
	const char *v = req->form != NULL ? form_get(req->form, name) : NULL;

	return v != NULL ? v : "";
}

static bool
name_ok(const char *s)
{
	size_t n = strlen(s);

	return n > 0 && utf8_line_valid(s, n) &&
	    utf8_length(s, n) <= NAME_MAX_CHARS;
}

static bool
password_ok(const char *s)
{
	size_t n = strlen(s);

	return n <= AUTH_PASSWORD_MAX && utf8_length(s, n) >= AUTH_PASSWORD_MIN;
}

static void
begin(struct request *req, struct response *resp, int status, enum msg title)
{
	resp->status = status;
	resp->cache_control = "no-store";
	layout_begin(req, resp, i18n(req->lang, title), NULL);
	html_printf(&resp->body, "<h1>%s</h1>\n", i18n(req->lang, title));
}

static void
notice(struct request *req, struct response *resp, int status, enum msg title,
    enum msg text)
{
	begin(req, resp, status, title);
	html_printf(
	    &resp->body, "<p role=\"status\">%s</p>\n", i18n(req->lang, text));
	layout_end(req, resp, NULL);
}

static void
form_open(struct request *req, struct response *resp, const char *action)
{
	html_printf(&resp->body,
	    "<form method=\"post\" action=\"%s\" novalidate>\n", action);
	csrf_field(req, resp, &resp->body);
}

static void
form_close(struct buf *b, const char *submit)
{
	html_printf(
	    b, "<p><button type=\"submit\">%s</button></p>\n</form>\n", submit);
}

/* Mails a one-time link to path?token=...; false on a store error. */
static bool
mail_token(struct request *req, int64_t account_id, const char *to,
    enum token_purpose purpose, const char *path, enum msg subject,
    enum msg text)
{
	char token[AUTH_TOKEN_LEN + 1], hash[AUTH_HASH_HEX];
	struct buf body;
	bool ok;

	auth_token_new(token, hash);
	if (store_token_put(req->st, hash, account_id, purpose,
		purpose == TOKEN_RESET ? AUTH_RESET_TTL : AUTH_CONFIRM_TTL) !=
	    STORE_OK)
		return false;
	buf_init(&body, 8192);
	buf_addf(&body, "%s\n\n%s%s?token=%s\n", i18n(req->lang, text),
	    auth_public_url(), path, token);
	ok = store_outbox_add(req->st, to, i18n(req->lang, subject), body.s) ==
	    STORE_OK;
	buf_release(&body);
	return ok;
}

static bool
rate_ok(const char *what, const char *who, int max)
{
	struct buf k;
	bool ok;

	buf_init(&k, 512);
	buf_addf(&k, "%s:%s", what, who != NULL ? who : "-");
	ok = auth_rate_allow(k.s, max, LIMIT_WINDOW, time(NULL));
	buf_release(&k);
	return ok;
}

static void
too_many(struct request *req, struct response *resp)
{
	auth_error_page(
	    req, resp, 429, i18n(req->lang, MSG_AUTH_TOO_MANY_TEXT));
}

/* ---- sign up ---- */

static void
signup_form(struct request *req, struct response *resp, int status,
    const struct field_errors *e)
{
	struct buf *b = &resp->body;

	begin(req, resp, status, MSG_AUTH_SIGNUP);
	fields_summary(b, req->lang, e);
	form_open(req, resp, "/account/signup");
	field_input(b, e, "name", i18n(req->lang, MSG_AUTH_NAME),
	    fval(req, "name"), NULL, "name", FIELD_REQUIRED);
	field_input(b, e, "email", i18n(req->lang, MSG_AUTH_EMAIL),
	    fval(req, "email"), NULL, "email", FIELD_REQUIRED | FIELD_EMAIL);
	field_input(b, e, "password", i18n(req->lang, MSG_AUTH_PASSWORD), NULL,
	    i18n(req->lang, MSG_AUTH_PASSWORD_HINT), "new-password",
	    FIELD_REQUIRED | FIELD_PASSWORD);
	form_close(b, i18n(req->lang, MSG_AUTH_SIGNUP));
	html_printf(b, "<p><a href=\"/account/login\">%s</a></p>\n",
	    i18n(req->lang, MSG_AUTH_HAVE_ACCOUNT));
	layout_end(req, resp, NULL);
}

void
page_signup(struct request *req, struct response *resp)
{
	struct field_errors e;
	char hash[AUTH_PWHASH_MAX];
	char *email = NULL;
	const char *name, *pw;
	int64_t id;
	enum store_err err;

	field_errors_init(&e);
	if (req->method != HTTP_POST) {
		signup_form(req, resp, 200, NULL);
		return;
	}
	if (!rate_ok("signup", req->remote_addr, LIMIT_SIGNUP_ADDR)) {
		too_many(req, resp);
		return;
	}
	name = fval(req, "name");
	pw = fval(req, "password");
	if (!name_ok(name))
		field_error(
		    &e, "name", "%s", i18n(req->lang, MSG_AUTH_BAD_NAME));
	if ((email = auth_email_normalise(fval(req, "email"))) == NULL)
		field_error(
		    &e, "email", "%s", i18n(req->lang, MSG_AUTH_BAD_EMAIL));
	if (!password_ok(pw))
		field_error(&e, "password", "%s",
		    i18n(req->lang, MSG_AUTH_PASSWORD_HINT));
	if (e.n > 0) {
		signup_form(req, resp, 422, &e);
		goto out;
	}
	if (!auth_password_hash(pw, hash)) {
		page_error(req, resp, 500);
		goto out;
	}
	err = store_account_create(
	    req->st, email, name, hash, false, false, &id, NULL);
	if (err == STORE_OK) {
		if (!mail_token(req, id, email, TOKEN_CONFIRM,
			"/account/confirm", MSG_MAIL_CONFIRM_SUBJECT,
			MSG_MAIL_CONFIRM_TEXT)) {
			page_error(req, resp, 500);
			goto out;
		}
	} else if (err == STORE_ERR_CONSTRAINT) {
		/* Same answer as for a new address; the owner learns by mail.
		 */
		store_outbox_add(req->st, email,
		    i18n(req->lang, MSG_MAIL_EXISTS_SUBJECT),
		    i18n(req->lang, MSG_MAIL_EXISTS_TEXT));
	} else {
		page_error(req, resp, 500);
		goto out;
	}
	notice(req, resp, 200, MSG_AUTH_CHECK_MAIL_TITLE,
	    MSG_AUTH_CHECK_MAIL_TEXT);
out:
	free(email);
	field_errors_release(&e);
}

/* ---- confirm ---- */

void
page_confirm(struct request *req, struct response *resp)
{
	const char *token = kv_get(&req->query, "token");
	char hash[AUTH_HASH_HEX];
	int64_t id;

	if (token == NULL || strlen(token) != AUTH_TOKEN_LEN) {
		auth_error_page(
		    req, resp, 400, i18n(req->lang, MSG_AUTH_BAD_TOKEN));
		return;
	}
	auth_token_hash(token, hash);
	if (store_token_take(req->st, hash, TOKEN_CONFIRM, &id) != STORE_OK ||
	    store_account_confirm(req->st, id) != STORE_OK) {
		auth_error_page(
		    req, resp, 400, i18n(req->lang, MSG_AUTH_BAD_TOKEN));
		return;
	}
	begin(req, resp, 200, MSG_AUTH_CONFIRMED_TITLE);
	html_printf(&resp->body,
	    "<p role=\"status\">%s</p>\n<p><a href=\"/account/login\">%s</a>"
	    "</p>\n",
	    i18n(req->lang, MSG_AUTH_CONFIRMED_TEXT),
	    i18n(req->lang, MSG_AUTH_LOGIN));
	layout_end(req, resp, NULL);
}

/* ---- log in and out ---- */

/* next= only ever leads to a local path, never to another site. */
static const char *
safe_next(const char *next)
{
	if (next == NULL || next[0] != '/' || next[1] == '/' ||
	    next[1] == '\\' || strpbrk(next, "\r\n") != NULL)
		return "/account/";
	return next;
}

static void
login_form(struct request *req, struct response *resp, int status,
    const struct field_errors *e, const char *next)
{
	struct buf *b = &resp->body;

	begin(req, resp, status, MSG_AUTH_LOGIN);
	fields_summary(b, req->lang, e);
	form_open(req, resp, "/account/login");
	html_printf(b, "<input type=\"hidden\" name=\"next\" value=\"%s\">\n",
	    safe_next(next));
	field_input(b, e, "email", i18n(req->lang, MSG_AUTH_EMAIL),
	    fval(req, "email"), NULL, "email", FIELD_REQUIRED | FIELD_EMAIL);
	field_input(b, e, "password", i18n(req->lang, MSG_AUTH_PASSWORD), NULL,
	    NULL, "current-password", FIELD_REQUIRED | FIELD_PASSWORD);
	form_close(b, i18n(req->lang, MSG_AUTH_LOGIN));
	html_printf(b,
	    "<p><a href=\"/account/reset\">%s</a></p>\n"
	    "<p><a href=\"/account/signup\">%s</a></p>\n",
	    i18n(req->lang, MSG_AUTH_FORGOT), i18n(req->lang, MSG_AUTH_SIGNUP));
	layout_end(req, resp, NULL);
}

void
page_login(struct request *req, struct response *resp)
{
	struct field_errors e;
	struct account a;
	char *email = NULL;
	bool found, ok;

	field_errors_init(&e);
	if (req->method != HTTP_POST) {
		login_form(req, resp, 200, NULL, kv_get(&req->query, "next"));
		return;
	}
	email = auth_email_normalise(fval(req, "email"));
	if (!rate_ok("login-addr", req->remote_addr, LIMIT_LOGIN_ADDR) ||
	    (email != NULL &&
		!rate_ok("login-account", email, LIMIT_LOGIN_ACCOUNT))) {
		too_many(req, resp);
		goto out;
	}
	found = email != NULL &&
	    store_account_by_email(req->st, email, &a) == STORE_OK;
	if (found && a.password_hash != NULL) {
		ok = auth_password_verify(
		    a.password_hash, fval(req, "password"));
	} else {
		auth_password_burn(fval(req, "password"));
		ok = false;
	}
	if (!found || !ok) {
		field_error(
		    &e, "email", "%s", i18n(req->lang, MSG_AUTH_BAD_LOGIN));
		login_form(req, resp, 401, &e, fval(req, "next"));
	} else if (!a.confirmed) {
		field_error(
		    &e, "email", "%s", i18n(req->lang, MSG_AUTH_NOT_CONFIRMED));
		login_form(req, resp, 403, &e, fval(req, "next"));
	} else if (!auth_login(req, resp, a.id)) {
		page_error(req, resp, 500);
	} else {
		auth_redirect(resp, safe_next(fval(req, "next")));
	}
	if (found)
		account_release(&a);
out:
	free(email);
	field_errors_release(&e);
}

void
page_logout(struct request *req, struct response *resp)
{
	if (req->method != HTTP_POST) {
		begin(req, resp, 200, MSG_AUTH_LOGOUT);
		form_open(req, resp, "/account/logout");
		form_close(&resp->body, i18n(req->lang, MSG_AUTH_LOGOUT));
		layout_end(req, resp, NULL);
		return;
	}
	auth_logout(req, resp);
	auth_redirect(resp, "/");
}

/* ---- password reset ---- */

void
page_reset(struct request *req, struct response *resp)
{
	struct field_errors e;
	struct account a;
	char *email = NULL;

	field_errors_init(&e);
	if (req->method == HTTP_POST) {
		if (!rate_ok("reset", req->remote_addr, LIMIT_RESET_ADDR)) {
			too_many(req, resp);
			return;
		}
		email = auth_email_normalise(fval(req, "email"));
		if (email == NULL) {
			field_error(&e, "email", "%s",
			    i18n(req->lang, MSG_AUTH_BAD_EMAIL));
		} else {
			if (store_account_by_email(req->st, email, &a) ==
			    STORE_OK) {
				mail_token(req, a.id, email, TOKEN_RESET,
				    "/account/reset/new",
				    MSG_MAIL_RESET_SUBJECT,
				    MSG_MAIL_RESET_TEXT);
				account_release(&a);
			}
			free(email);
			notice(req, resp, 200, MSG_AUTH_CHECK_MAIL_TITLE,
			    MSG_AUTH_RESET_SENT);
			return;
		}
	}
	begin(req, resp, e.n ? 422 : 200, MSG_AUTH_RESET_TITLE);
	fields_summary(&resp->body, req->lang, &e);
	form_open(req, resp, "/account/reset");
	field_input(&resp->body, &e, "email", i18n(req->lang, MSG_AUTH_EMAIL),
	    fval(req, "email"), NULL, "email", FIELD_REQUIRED | FIELD_EMAIL);
	form_close(&resp->body, i18n(req->lang, MSG_AUTH_RESET_SEND));
	layout_end(req, resp, NULL);
	field_errors_release(&e);
}

void
page_reset_new(struct request *req, struct response *resp)
{
	struct field_errors e;
	const char *token = req->method == HTTP_POST
	    ? fval(req, "token")
	    : kv_get(&req->query, "token");
	char hash[AUTH_HASH_HEX], pw[AUTH_PWHASH_MAX];
	int64_t id;

	field_errors_init(&e);
	if (token == NULL || strlen(token) != AUTH_TOKEN_LEN) {
		auth_error_page(
		    req, resp, 400, i18n(req->lang, MSG_AUTH_BAD_TOKEN));
		return;
	}
	if (req->method == HTTP_POST) {
		if (!password_ok(fval(req, "password"))) {
			field_error(&e, "password", "%s",
			    i18n(req->lang, MSG_AUTH_PASSWORD_HINT));
		} else {
			auth_token_hash(token, hash);
			if (store_token_take(req->st, hash, TOKEN_RESET, &id) !=
			    STORE_OK) {
				auth_error_page(req, resp, 400,
				    i18n(req->lang, MSG_AUTH_BAD_TOKEN));
				return;
			}
			if (!auth_password_hash(fval(req, "password"), pw) ||
			    store_account_set_password(req->st, id, pw) !=
				STORE_OK ||
			    store_account_confirm(req->st, id) != STORE_OK ||
			    store_session_delete_all(req->st, id) != STORE_OK) {
				page_error(req, resp, 500);
				return;
			}
			notice(req, resp, 200, MSG_AUTH_RESET_DONE_TITLE,
			    MSG_AUTH_RESET_DONE_TEXT);
			return;
		}
	}
	begin(req, resp, e.n ? 422 : 200, MSG_AUTH_RESET_TITLE);
	fields_summary(&resp->body, req->lang, &e);
	form_open(req, resp, "/account/reset/new");
	html_printf(&resp->body,
	    "<input type=\"hidden\" name=\"token\" value=\"%s\">\n", token);
	field_input(&resp->body, &e, "password",
	    i18n(req->lang, MSG_AUTH_NEW_PASSWORD), NULL, NULL, "new-password",
	    FIELD_REQUIRED | FIELD_PASSWORD);
	form_close(&resp->body, i18n(req->lang, MSG_AUTH_RESET_TITLE));
	layout_end(req, resp, NULL);
	field_errors_release(&e);
}

/* ---- the account page: profile, data export, deletion ---- */

#define ORG_MAX    300
#define GENDER_MAX 100
#define BIO_MAX    2000

static const enum msg sector_msg[SECTOR__MAX] = {
	[SECTOR_GOVERNMENT] = MSG_SECTOR_GOVERNMENT,
	[SECTOR_LEGISLATURE] = MSG_SECTOR_LEGISLATURE,
	[SECTOR_JUDICIARY] = MSG_SECTOR_JUDICIARY,
	[SECTOR_CIVIL_SOCIETY] = MSG_SECTOR_CIVIL_SOCIETY,
	[SECTOR_ACADEMIA] = MSG_SECTOR_ACADEMIA,
	[SECTOR_PRIVATE] = MSG_SECTOR_PRIVATE,
	[SECTOR_MULTILATERAL] = MSG_SECTOR_MULTILATERAL,
	[SECTOR_OTHER] = MSG_SECTOR_OTHER,
};

static bool
has_lang(const char *list, enum lang l)
{
	const char *code = lang_code(l), *p = list;

	while (p != NULL && *p != '\0') {
		if (strncmp(p, code, 2) == 0 && (p[2] == ',' || p[2] == '\0'))
			return true;
		p = strchr(p, ',');
		p = p != NULL ? p + 1 : NULL;
	}
	return false;
}

/* Markdown rendered by cmark with CMARK_OPT_SAFE: raw HTML and
 * javascript: links are dropped, so the result is ours to trust. */
static void
bio_html(struct buf *b, const char *md)
{
	char *html;

	if (md == NULL || *md == '\0')
		return;
	html = cmark_markdown_to_html(md, strlen(md), CMARK_OPT_SAFE);
	if (html == NULL)
		return;
	html_raw(b, html);
	free(html);
}

/* Deleting an account asks for its password again (and the CSRF token). */
static void
delete_form(
    struct request *req, struct response *resp, const struct field_errors *e)
{
	struct buf *b = &resp->body;

	form_open(req, resp, "/account/delete");
	field_input(b, e, "password",
	    i18n(req->lang, MSG_PROFILE_DELETE_CONFIRM), NULL, NULL,
	    "current-password", FIELD_REQUIRED | FIELD_PASSWORD);
	html_printf(b,
	    "<p><button type=\"submit\" class=\"secondary\">%s</button></p>\n"
	    "</form>\n",
	    i18n(req->lang, MSG_PROFILE_DELETE));
}

static void
profile_form(struct request *req, struct response *resp, int status,
    const struct profile *p, const struct field_errors *e, bool saved)
{
	struct buf *b = &resp->body;
	struct field_option opt[64];
	bool checked[LANG__MAX];
	size_t i, n;

	begin(req, resp, status, MSG_PROFILE_TITLE);
	if (saved)
		html_printf(b, "<p class=\"notice\" role=\"status\">%s</p>\n",
		    i18n(req->lang, MSG_PROFILE_SAVED));
	fields_summary(b, req->lang, e);
	form_open(req, resp, "/account/");
	html_printf(b, "<p>%s: %s</p>\n", i18n(req->lang, MSG_AUTH_EMAIL),
	    req->user->email);
	field_input(b, e, "name", i18n(req->lang, MSG_AUTH_NAME), p->name, NULL,
	    "name", FIELD_REQUIRED);
	field_input(b, e, "organisation",
	    i18n(req->lang, MSG_PROFILE_ORGANISATION), p->organisation, NULL,
	    "organization", 0);
	for (i = 0; i < SECTOR__MAX; i++) {
		opt[i].key = sector_key((enum sector)i);
		opt[i].label = i18n(req->lang, sector_msg[i]);
	}
	field_select(b, e, "sector", i18n(req->lang, MSG_PROP_SECTOR), opt,
	    SECTOR__MAX, p->sector, NULL, 0);
	n = ogp_americas_count < 64 ? ogp_americas_count : 64;
	for (i = 0; i < n; i++) {
		opt[i].key = ogp_americas[i].code;
		opt[i].label = ogp_americas[i].name[req->lang];
	}
	field_select(b, e, "country", i18n(req->lang, MSG_PROP_COUNTRY), opt, n,
	    p->country, "—", 0);
	field_input(b, e, "gender", i18n(req->lang, MSG_PROP_GENDER), p->gender,
	    i18n(req->lang, MSG_PROFILE_GENDER_HINT), "off", 0);
	for (i = 0; i < LANG__MAX; i++) {
		opt[i].key = lang_code((enum lang)i);
		opt[i].label = lang_name((enum lang)i);
		checked[i] = has_lang(p->languages, (enum lang)i);
	}
	field_checkboxes(b, e, "languages",
	    i18n(req->lang, MSG_PROFILE_LANGUAGES), opt, LANG__MAX, checked,
	    NULL);
	field_textarea(b, e, "bio", i18n(req->lang, MSG_PROFILE_BIO), p->bio,
	    i18n(req->lang, MSG_PROFILE_BIO_HINT), 6, 0);
	form_close(b, i18n(req->lang, MSG_PROFILE_SAVE));
	if (p->bio != NULL && *p->bio != '\0') {
		html_printf(b,
		    "<section aria-labelledby=\"bio-preview\"><h2 "
		    "id=\"bio-preview\">%s</h2>\n<div class=\"bio\">\n",
		    i18n(req->lang, MSG_PROFILE_PREVIEW));
		bio_html(b, p->bio);
		html_raw(b, "</div>\n</section>\n");
	}
	html_printf(b,
	    "<section aria-labelledby=\"data\"><h2 id=\"data\">%s</h2>\n"
	    "<p><a href=\"/account/data.json\">%s</a></p>\n<p>%s</p>\n",
	    i18n(req->lang, MSG_PROFILE_DATA),
	    i18n(req->lang, MSG_PROFILE_EXPORT),
	    i18n(req->lang, MSG_PROFILE_DELETE_HINT));
	delete_form(req, resp, NULL);
	html_raw(b, "</section>\n");
	form_open(req, resp, "/account/logout");
	form_close(b, i18n(req->lang, MSG_AUTH_LOGOUT));
	layout_end(req, resp, NULL);
}

/* Reads and checks the profile form into p (strings owned). */
static void
read_profile(struct request *req, struct profile *p, struct field_errors *e)
{
	const char *v;
	struct buf langs;
	enum sector sec;
	enum lang l;
	size_t i, n;

	p->name = xstrdup(fval(req, "name"));
	p->organisation = xstrdup(fval(req, "organisation"));
	p->sector = xstrdup(fval(req, "sector"));
	p->country = xstrdup(fval(req, "country"));
	p->gender = xstrdup(fval(req, "gender"));
	p->bio = xstrdup(fval(req, "bio"));
	if (!name_ok(p->name))
		field_error(
		    e, "name", "%s", i18n(req->lang, MSG_AUTH_BAD_NAME));
	if (utf8_length(p->organisation, strlen(p->organisation)) > ORG_MAX)
		field_error(
		    e, "organisation", "%s", i18n(req->lang, MSG_CFP_TOO_LONG));
	if (!sector_parse(p->sector, &sec))
		field_error(
		    e, "sector", "%s", i18n(req->lang, MSG_CFP_BAD_CHOICE));
	if (*p->country != '\0' && country_find(p->country) == NULL)
		field_error(
		    e, "country", "%s", i18n(req->lang, MSG_CFP_BAD_CHOICE));
	if (utf8_length(p->gender, strlen(p->gender)) > GENDER_MAX)
		field_error(
		    e, "gender", "%s", i18n(req->lang, MSG_CFP_TOO_LONG));
	if (utf8_length(p->bio, strlen(p->bio)) > BIO_MAX)
		field_error(e, "bio", "%s", i18n(req->lang, MSG_CFP_TOO_LONG));
	buf_init(&langs, 64);
	n = form_count(req->form, "languages");
	for (i = 0; i < n; i++) {
		v = form_get_nth(req->form, "languages", i);
		if (!lang_parse(v, strlen(v), &l)) {
			field_error(e, "languages", "%s",
			    i18n(req->lang, MSG_CFP_BAD_CHOICE));
			continue;
		}
		if (!has_lang(langs.s, l))
			buf_addf(
			    &langs, "%s%s", langs.len ? "," : "", lang_code(l));
	}
	p->languages = buf_detach(&langs, NULL);
}

/* An empty string is stored as NULL: "not given". */
static void
null_empty(char **s)
{
	if (*s != NULL && **s == '\0') {
		free(*s);
		*s = NULL;
	}
}

void
page_profile(struct request *req, struct response *resp)
{
	struct field_errors e;
	struct profile p;

	field_errors_init(&e);
	if (req->method != HTTP_POST) {
		if (store_profile_get(req->st, req->user->person_id, &p) !=
		    STORE_OK) {
			page_error(req, resp, 500);
			return;
		}
		profile_form(req, resp, 200, &p, NULL,
		    kv_get(&req->query, "saved") != NULL);
		profile_release(&p);
		return;
	}
	memset(&p, 0, sizeof(p));
	read_profile(req, &p, &e);
	if (e.n > 0) {
		profile_form(req, resp, 422, &p, &e, false);
	} else {
		null_empty(&p.organisation);
		null_empty(&p.country);
		null_empty(&p.gender);
		null_empty(&p.bio);
		null_empty(&p.languages);
		if (store_profile_save(req->st, req->user->person_id, &p) !=
		    STORE_OK)
			page_error(req, resp, 500);
		else
			auth_redirect(resp, "/account/?saved=1");
	}
	profile_release(&p);
	field_errors_release(&e);
}

void
page_account_data(struct request *req, struct response *resp)
{
	struct buf raw;
	cJSON *root;
	char *text;

	buf_init(&raw, 0);
	if (store_account_data(req->st, req->user->account_id,
		req->user->person_id, &raw) != STORE_OK ||
	    (root = cJSON_Parse(raw.s)) == NULL) {
		buf_release(&raw);
		page_error(req, resp, 500);
		return;
	}
	text = cJSON_Print(root);
	resp->status = 200;
	resp->content_type = "application/json";
	resp->cache_control = "no-store";
	buf_addstr(&resp->body, text != NULL ? text : "{}");
	buf_addc(&resp->body, '\n');
	cJSON_free(text);
	cJSON_Delete(root);
	buf_release(&raw);
}

/*
 * GET asks for the password; POST checks it (rate limited like logins),
 * deletes the account (store_account_delete says what goes and what
 * stays) and ends every session of it, this one included.
 */
void
page_account_delete(struct request *req, struct response *resp)
{
	struct field_errors e;
	struct account a;
	char key[32];
	bool ok;

	field_errors_init(&e);
	if (req->method == HTTP_POST) {
		snprintf(
		    key, sizeof(key), "%lld", (long long)req->user->account_id);
		if (!rate_ok("delete-account", key, LIMIT_LOGIN_ACCOUNT)) {
			too_many(req, resp);
			goto out;
		}
		if (store_account_get(req->st, req->user->account_id, &a) !=
		    STORE_OK) {
			page_error(req, resp, 500);
			goto out;
		}
		ok = a.password_hash != NULL &&
		    auth_password_verify(
			a.password_hash, fval(req, "password"));
		account_release(&a);
		if (ok) {
			if (store_account_delete(req->st, req->user->account_id,
				req->user->person_id) != STORE_OK) {
				page_error(req, resp, 500);
				goto out;
			}
			auth_cookie(req, resp, "sid", "", 0);
			/* the header now offers to log in */
			req->user->account_id = 0;
			notice(req, resp, 200, MSG_PROFILE_DATA,
			    MSG_PROFILE_DELETED);
			goto out;
		}
		field_error(&e, "password", "%s",
		    i18n(req->lang, MSG_PROFILE_WRONG_PASSWORD));
	}
	begin(req, resp, e.n ? 403 : 200, MSG_PROFILE_DELETE);
	fields_summary(&resp->body, req->lang, &e);
	html_printf(&resp->body, "<p>%s</p>\n",
	    i18n(req->lang, MSG_PROFILE_DELETE_HINT));
	delete_form(req, resp, &e);
	layout_end(req, resp, NULL);
out:
	field_errors_release(&e);
}
