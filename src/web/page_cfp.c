/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * page_cfp.c: the call for proposals as a proposer sees it: "/{ev}/cfp/"
 * lists one's proposals, "/{ev}/cfp/new" and "/{ev}/cfp/{id}" edit one.
 * Drafts save with only the checks the database needs; submitting checks
 * everything and shows every error beside its field, the form refilled.
 * Proposals can be edited and withdrawn until the event's cfp.closes (in
 * the event's time zone).  Someone else's proposal answers 404, exactly
 * like a missing one.
 */
#include "web/route.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "store/store_account.h"
#include "store/store_proposal.h"
#include "util/tz.h"
#include "util/utf8.h"
#include "util/util.h"
#include "web/auth.h"
#include "web/cfp_questions.h"
#include "web/csrf.h"
#include "web/fields.h"
#include "web/form.h"
#include "web/html.h"
#include "web/i18n.h"
#include "web/layout.h"
#include "web/page_cfp.h"

#define TITLE_MAX       200 /* characters */
#define ABSTRACT_MAX    600
#define DESCRIPTION_MAX 6000

static const enum msg status_msg[PROPOSAL__MAX] = {
	[PROPOSAL_DRAFT] = MSG_STATUS_DRAFT,
	[PROPOSAL_SUBMITTED] = MSG_STATUS_SUBMITTED,
	[PROPOSAL_ACCEPTED] = MSG_STATUS_ACCEPTED,
	[PROPOSAL_REJECTED] = MSG_STATUS_REJECTED,
	[PROPOSAL_WAITLISTED] = MSG_STATUS_WAITLISTED,
	[PROPOSAL_WITHDRAWN] = MSG_STATUS_WITHDRAWN,
	[PROPOSAL_CONFIRMED] = MSG_STATUS_CONFIRMED,
};

const char *
cfp_status_label(enum lang lang, enum proposal_status s)
{
	return (unsigned)s < PROPOSAL__MAX ? i18n(lang, status_msg[s]) : "";
}

/* Local "YYYY-MM-DDTHH:MM" in zone tz as UTC seconds; false if bad. */
static bool
local_to_utc(const char *s, const char *tz, int64_t *out)
{
	char date[11];
	int64_t days;
	int min, off = 0;

	if (s == NULL || strlen(s) != 16 || s[10] != 'T')
		return false;
	memcpy(date, s, 10);
	date[10] = '\0';
	if (!parse_date(date, &days) || !parse_hhmm(s + 11, &min))
		return false;
	if (!tz_offset_local(tz, days * 1440 + min, &off))
		off = 0;
	*out = (days * 1440 + min - off) * 60;
	return true;
}

bool
cfp_is_open(const struct event *ev, time_t now)
{
	int64_t t;

	if (local_to_utc(ev->cfp_opens, ev->timezone, &t) && (int64_t)now < t)
		return false;
	if (local_to_utc(ev->cfp_closes, ev->timezone, &t) && (int64_t)now >= t)
		return false;
	return true;
}

/* ---- reading and checking the form ---- */

static char *
dup_field(const struct request *req, const char *name)
{
	const char *v = form_get(req->form, name);

	return xstrdup(v != NULL ? v : "");
}

/* Co-speaker addresses, one per line (commas and spaces also split). */
static void
read_cospeakers(const char *text, struct cfp_proposal *p,
    struct field_errors *e, enum lang lang, const char *own)
{
	const char *s = text;
	size_t n, i;
	char *one, *norm;

	while (*s != '\0') {
		s += strspn(s, " \t\n,;");
		n = strcspn(s, " \t\n,;");
		if (n == 0)
			break;
		one = xstrndup(s, n);
		s += n;
		if ((norm = auth_email_normalise(one)) == NULL) {
			field_error(e, "cospeakers", "%s %s",
			    i18n(lang, MSG_CFP_BAD_SPEAKER), one);
			free(one);
			continue;
		}
		free(one);
		for (i = 0; i < p->ncospeakers; i++)
			if (strcmp(p->cospeakers[i], norm) == 0)
				break;
		if (i < p->ncospeakers ||
		    (own != NULL && strcmp(own, norm) == 0)) {
			field_error(e, "cospeakers", "%s %s",
			    i18n(lang, MSG_CFP_DUP_SPEAKER), norm);
			free(norm);
			continue;
		}
		if (p->ncospeakers == CFP_MAX_COSPEAKERS) {
			free(norm);
			field_error(e, "cospeakers", "%s 1–%d",
			    i18n(lang, MSG_CFP_SPEAKER_COUNT),
			    PROPOSAL_MAX_SPEAKERS);
			break;
		}
		p->cospeakers[p->ncospeakers++] = norm;
	}
}

static void
check_text(struct field_errors *e, enum lang lang, const char *name,
    const char *v, size_t max, bool required)
{
	if (required && *v == '\0')
		field_error(e, name, "%s", i18n(lang, MSG_CFP_REQUIRED));
	else if (utf8_length(v, strlen(v)) > max)
		field_error(e, name, "%s (%zu > %zu)",
		    i18n(lang, MSG_CFP_TOO_LONG), utf8_length(v, strlen(v)),
		    max);
}

/*
 * Fills p from the form and checks it; full when submitting.  Keys that
 * the event does not know are always errors: they cannot be stored.
 */
static void
read_form(struct request *req, const struct event *ev, struct cfp_proposal *p,
    bool full, struct field_errors *e)
{
	enum lang lang = req->lang, l;
	const char *v;
	long f = -1;
	size_t i, j, n;

	p->title = dup_field(req, "title");
	p->abstract = dup_field(req, "abstract");
	p->description = dup_field(req, "description");
	p->format = dup_field(req, "format");
	p->theme = dup_field(req, "theme");
	p->language = dup_field(req, "language");
	v = form_get(req->form, "interpretation");
	p->interpretation = v != NULL && strcmp(v, "1") == 0;
	check_text(e, lang, "title", p->title, TITLE_MAX, full);
	check_text(e, lang, "abstract", p->abstract, ABSTRACT_MAX, full);
	check_text(
	    e, lang, "description", p->description, DESCRIPTION_MAX, full);
	/* The format is needed even by a draft: speaker limits hang on it. */
	if (*p->format == '\0')
		field_error(e, "format", "%s", i18n(lang, MSG_CFP_REQUIRED));
	else if ((f = event_format_find(ev, p->format)) < 0)
		field_error(e, "format", "%s", i18n(lang, MSG_CFP_BAD_CHOICE));
	if (*p->theme == '\0') {
		if (full)
			field_error(
			    e, "theme", "%s", i18n(lang, MSG_CFP_REQUIRED));
	} else if (event_theme_find(ev, p->theme) < 0) {
		field_error(e, "theme", "%s", i18n(lang, MSG_CFP_BAD_CHOICE));
	}
	n = form_count(req->form, "secondary");
	for (i = 0; i < n; i++) {
		v = form_get_nth(req->form, "secondary", i);
		for (j = 0; j < p->nsecondary; j++)
			if (strcmp(p->secondary[j], v) == 0)
				break;
		if (event_theme_find(ev, v) < 0 || j < p->nsecondary ||
		    strcmp(v, p->theme) == 0 ||
		    p->nsecondary == PROPOSAL_MAX_SECONDARY) {
			field_error(e, "secondary", "%s",
			    i18n(lang, MSG_CFP_BAD_SECONDARY));
			continue;
		}
		p->secondary[p->nsecondary++] = xstrdup(v);
	}
	if (*p->language == '\0') {
		if (full)
			field_error(
			    e, "language", "%s", i18n(lang, MSG_CFP_REQUIRED));
	} else if (!lang_parse(p->language, strlen(p->language), &l) ||
	    !event_has_lang(ev, l)) {
		field_error(
		    e, "language", "%s", i18n(lang, MSG_CFP_BAD_CHOICE));
	}
	v = form_get(req->form, "cospeakers");
	read_cospeakers(v != NULL ? v : "", p, e, lang, req->user->email);
	if (full && f >= 0) {
		int count = 1 + (int)p->ncospeakers;
		const struct format *fm = &ev->formats[f];

		if (count < fm->min_speakers || count > fm->max_speakers)
			field_error(e, "cospeakers", "%s %d–%d",
			    i18n(lang, MSG_CFP_SPEAKER_COUNT), fm->min_speakers,
			    fm->max_speakers);
	}
}

/* ---- rendering ---- */

static void
cospeakers_text(const struct cfp_proposal *p, struct buf *out)
{
	size_t i;

	for (i = 0; i < p->ncospeakers; i++)
		buf_addf(out, "%s%s", i ? "\n" : "", p->cospeakers[i]);
}

static void
render_form(struct request *req, struct response *resp, const struct event *ev,
    const struct cfp_proposal *p, const struct field_errors *e, bool closed,
    int status)
{
	struct buf *b = &resp->body, action, sp, label;
	struct field_option opt[64];
	bool checked[64];
	const char *done = kv_get(&req->query, "done");
	size_t i, j, n;

	buf_init(&action, 256);
	buf_init(&sp, 4096);
	buf_init(&label, 8192);
	resp->status = status;
	resp->cache_control = "no-store";
	layout_begin(
	    req, resp, i18n(req->lang, p->id ? MSG_CFP_EDIT : MSG_CFP_NEW), ev);
	html_printf(b,
	    "<nav class=\"crumbs\" aria-label=\"%s\"><a href=\"/%u/\">%s</a> "
	    "› <a href=\"/%u/cfp/\">%s</a></nav>\n<h1>%s</h1>\n",
	    i18n(req->lang, MSG_BACK_TO_EVENT), ev->slug,
	    l10n_get(&ev->name, req->lang), ev->slug,
	    i18n(req->lang, MSG_CFP_MINE),
	    i18n(req->lang, p->id ? MSG_CFP_EDIT : MSG_CFP_NEW));
	if (p->id != 0)
		html_printf(b,
		    "<p>%s: <strong class=\"status\">%s</strong></p>\n",
		    i18n(req->lang, MSG_CFP_STATUS),
		    cfp_status_label(req->lang, p->status));
	/* The speaker answers here too, not only from the decision mail. */
	if (p->status == PROPOSAL_ACCEPTED || p->status == PROPOSAL_CONFIRMED)
		html_printf(b,
		    "<p>%s <a id=\"cfp-participation\" "
		    "href=\"/%u/cfp/%l/participation\">%s</a></p>\n",
		    p->status == PROPOSAL_ACCEPTED
			? i18n(req->lang, MSG_PART_LEAD)
			: "",
		    ev->slug, p->id, i18n(req->lang, MSG_PART_TITLE));
	if (done != NULL &&
	    (strcmp(done, "saved") == 0 || strcmp(done, "submitted") == 0 ||
		strcmp(done, "withdrawn") == 0))
		html_printf(b, "<p class=\"notice\" role=\"status\">%s</p>\n",
		    i18n(req->lang,
			done[0] == 's' && done[1] == 'a' ? MSG_CFP_SAVED
			    : done[0] == 's'             ? MSG_CFP_SUBMITTED
							 : MSG_CFP_WITHDRAWN));
	if (closed)
		html_printf(b,
		    "<div class=\"error-summary\" role=\"alert\"><p>%s</p>"
		    "</div>\n",
		    i18n(req->lang, MSG_CFP_CLOSED));
	fields_summary(b, req->lang, e);
	if (p->id != 0)
		buf_addf(&action, "/%s/cfp/%lld", ev->slug, (long long)p->id);
	else
		buf_addf(&action, "/%s/cfp/new", ev->slug);
	html_printf(
	    b, "<form method=\"post\" action=\"%s\" novalidate>\n", action.s);
	csrf_field(req, resp, b);
	field_input(b, e, "title", i18n(req->lang, MSG_CFP_F_TITLE), p->title,
	    NULL, NULL, FIELD_REQUIRED);
	field_textarea(b, e, "abstract", i18n(req->lang, MSG_CFP_F_ABSTRACT),
	    p->abstract, i18n(req->lang, MSG_CFP_F_ABSTRACT_HINT), 4,
	    FIELD_REQUIRED);
	field_textarea(b, e, "description",
	    i18n(req->lang, MSG_CFP_F_DESCRIPTION), p->description, NULL, 10,
	    FIELD_REQUIRED);
	/* Format labels carry their speaker limits. */
	n = ev->nformats < 64 ? ev->nformats : 64;
	for (i = 0; i < n; i++) {
		const struct format *f = &ev->formats[i];

		opt[i].key = f->key;
		opt[i].label = label.s + label.len;
		buf_addf(&label, "%s (%d–%d %s)", l10n_get(&f->name, req->lang),
		    f->min_speakers, f->max_speakers,
		    i18n(req->lang, MSG_SPEAKERS));
		buf_addc(&label, '\0');
	}
	/* label.s may have moved while growing: point again. */
	for (i = 0, j = 0; i < n; i++) {
		opt[i].label = label.s + j;
		j += strlen(label.s + j) + 1;
	}
	field_select(b, e, "format", i18n(req->lang, MSG_CFP_F_FORMAT), opt, n,
	    p->format, i18n(req->lang, MSG_CFP_CHOOSE), FIELD_REQUIRED);
	n = ev->nthemes < 64 ? ev->nthemes : 64;
	for (i = 0; i < n; i++) {
		opt[i].key = ev->themes[i].key;
		opt[i].label = l10n_get(&ev->themes[i].name, req->lang);
		checked[i] = false;
		for (j = 0; j < p->nsecondary; j++)
			if (strcmp(p->secondary[j], opt[i].key) == 0)
				checked[i] = true;
	}
	field_select(b, e, "theme", i18n(req->lang, MSG_CFP_F_THEME), opt, n,
	    p->theme, i18n(req->lang, MSG_CFP_CHOOSE), FIELD_REQUIRED);
	/* Filled by theme-suggest.js while the proposer types; without
	 * JavaScript it stays empty and the form works as before. */
	html_printf(b,
	    "<div class=\"theme-suggest\" data-theme-suggest data-event=\"%s\" "
	    "data-label=\"%s\" aria-live=\"polite\"></div>\n"
	    "<script src=\"/static/theme-suggest.js\" defer></script>\n",
	    ev->slug, i18n(req->lang, MSG_CFP_SUGGESTED));
	field_checkboxes(b, e, "secondary",
	    i18n(req->lang, MSG_CFP_F_SECONDARY), opt, n, checked, NULL);
	for (i = 0; i < ev->nlanguages; i++) {
		opt[i].key = lang_code(ev->languages[i]);
		opt[i].label = lang_name(ev->languages[i]);
	}
	field_select(b, e, "language", i18n(req->lang, MSG_CFP_F_LANGUAGE), opt,
	    ev->nlanguages, p->language, i18n(req->lang, MSG_CFP_CHOOSE),
	    FIELD_REQUIRED);
	html_printf(b,
	    "<div class=\"field\"><label class=\"check\"><input "
	    "type=\"checkbox\" id=\"f-interpretation\" name=\"interpretation\" "
	    "value=\"1\"%s> %s</label></div>\n",
	    p->interpretation ? " checked" : "",
	    i18n(req->lang, MSG_CFP_F_INTERP));
	cospeakers_text(p, &sp);
	field_textarea(b, e, "cospeakers",
	    i18n(req->lang, MSG_CFP_F_COSPEAKERS), sp.s,
	    i18n(req->lang, MSG_CFP_F_COSPEAKERS_HINT), 3, 0);
	cfp_questions_form(req, b, ev, p, e);
	html_raw(b, "<p class=\"actions\">");
	if (p->status == PROPOSAL_DRAFT)
		html_printf(b,
		    "<button type=\"submit\" name=\"action\" value=\"draft\">"
		    "%s</button> ",
		    i18n(req->lang, MSG_CFP_SAVE_DRAFT));
	html_printf(b,
	    "<button type=\"submit\" name=\"action\" value=\"submit\">%s"
	    "</button></p>\n</form>\n",
	    i18n(req->lang, MSG_CFP_SUBMIT));
	if (p->id != 0 && !closed) {
		html_printf(
		    b, "<form method=\"post\" action=\"%s\">\n", action.s);
		csrf_field(req, resp, b);
		html_printf(b,
		    "<p><button type=\"submit\" name=\"action\" "
		    "value=\"withdraw\" class=\"secondary\">%s</button></p>\n"
		    "</form>\n",
		    i18n(req->lang, MSG_CFP_WITHDRAW));
	}
	layout_end(req, resp, ev);
	buf_release(&action);
	buf_release(&sp);
	buf_release(&label);
}

/* ---- saving ---- */

static bool
str_differs(const char *a, const char *b)
{
	return strcmp(a != NULL ? a : "", b != NULL ? b : "") != 0;
}

/* {"changed":["title","abstract"]}: which fields an edit touched. */
static void
changes(const struct cfp_proposal *old, const struct cfp_proposal *p,
    struct buf *out)
{
	struct buf sa, sb;
	size_t n = 0;

	buf_addstr(out, "{\"changed\":[");
#define CHANGED(name, cond)        \
	if (old == NULL || (cond)) \
	buf_addf(out, "%s\"%s\"", n++ ? "," : "", name)
	CHANGED("title", str_differs(old->title, p->title));
	CHANGED("abstract", str_differs(old->abstract, p->abstract));
	CHANGED("description", str_differs(old->description, p->description));
	CHANGED("format", str_differs(old->format, p->format));
	CHANGED("theme", str_differs(old->theme, p->theme));
	CHANGED("language", str_differs(old->language, p->language));
	CHANGED("interpretation", old->interpretation != p->interpretation);
	buf_init(&sa, 8192);
	buf_init(&sb, 8192);
	if (old != NULL) {
		cospeakers_text(old, &sa);
		cospeakers_text(p, &sb);
	}
	CHANGED("cospeakers", strcmp(sa.s, sb.s) != 0);
	CHANGED("status", old->status != p->status);
#undef CHANGED
	cfp_questions_changed(old, p, out, &n);
	buf_addstr(out, "]}");
	buf_release(&sa);
	buf_release(&sb);
}

/* Invites by mail each co-speaker that old did not have. */
static void
invite_new(struct request *req, const struct event *ev,
    const struct cfp_proposal *old, const struct cfp_proposal *p)
{
	struct buf body;
	size_t i, j;

	buf_init(&body, 16384);
	for (i = 0; i < p->ncospeakers; i++) {
		for (j = 0; old != NULL && j < old->ncospeakers; j++)
			if (strcmp(old->cospeakers[j], p->cospeakers[i]) == 0)
				break;
		if (old != NULL && j < old->ncospeakers)
			continue;
		buf_reset(&body);
		buf_addf(&body, "%s\n\n%s\n%s: %s\n\n%s/%s/cfp/\n",
		    i18n(req->lang, MSG_MAIL_INVITE_TEXT), p->title,
		    i18n(req->lang, MSG_SPEAKERS), req->user->name,
		    auth_public_url(), ev->slug);
		store_outbox_add(req->st, p->cospeakers[i],
		    i18n(req->lang, MSG_MAIL_INVITE_SUBJECT), body.s);
	}
	buf_release(&body);
}

static void
redirect_to(
    struct response *resp, const struct event *ev, int64_t id, const char *done)
{
	struct buf b;

	buf_init(&b, 256);
	buf_addf(&b, "/%s/cfp/%lld?done=%s", ev->slug, (long long)id, done);
	auth_redirect(resp, b.s);
	buf_release(&b);
}

/* A POST of the proposal form; old is the stored proposal or NULL. */
static void
save(struct request *req, struct response *resp, const struct event *ev,
    const struct cfp_proposal *old)
{
	const char *action = form_get(req->form, "action");
	struct cfp_proposal p;
	struct field_errors e;
	struct cfp_qnames qn;
	struct buf detail;
	bool submit, open = cfp_is_open(ev, time(NULL));
	enum store_err err;

	memset(&p, 0, sizeof(p));
	field_errors_init(&e);
	buf_init(&detail, 4096);
	submit = (action != NULL && strcmp(action, "submit") == 0) ||
	    (old != NULL && old->status == PROPOSAL_SUBMITTED);
	p.id = old != NULL ? old->id : 0;
	p.event_id = ev->id;
	p.owner_id = req->user->person_id;
	p.status = submit ? PROPOSAL_SUBMITTED : PROPOSAL_DRAFT;
	read_form(req, ev, &p, submit, &e);
	cfp_questions_read(req, ev, &p, submit, &e, &qn);
	if (!open) {
		/* Nothing typed is lost: the form comes back filled. */
		render_form(req, resp, ev, &p, &e, true, 403);
		goto out;
	}
	if (e.n > 0) {
		if (old != NULL)
			p.status = old->status;
		render_form(req, resp, ev, &p, &e, false, 422);
		goto out;
	}
	changes(old, &p, &detail);
	err = store_cfp_save(req->st, &p, req->user->person_id,
	    old == NULL ? "create" : "update", detail.s, NULL);
	if (err != STORE_OK) {
		page_error(req, resp, 500);
		goto out;
	}
	if (submit)
		store_role_add(
		    req->st, req->user->account_id, ev->id, ROLE_SPEAKER);
	invite_new(req, ev, old, &p);
	redirect_to(resp, ev, p.id,
	    submit && (old == NULL || old->status == PROPOSAL_DRAFT)
		? "submitted"
		: "saved");
out:
	cfp_proposal_release(&p);
	field_errors_release(&e);
	buf_release(&detail);
}

/* ---- pages ---- */

/* "Closes: miércoles 20 de agosto, 23:59 (America/...)". */
static void
deadline(struct request *req, struct buf *b, const struct event *ev)
{
	struct buf t;
	char date[11];
	int64_t days;
	int min;

	if (ev->cfp_closes == NULL || strlen(ev->cfp_closes) != 16)
		return;
	memcpy(date, ev->cfp_closes, 10);
	date[10] = '\0';
	if (!parse_date(date, &days) || !parse_hhmm(ev->cfp_closes + 11, &min))
		return;
	buf_init(&t, 256);
	i18n_day_heading(&t, req->lang, days);
	buf_addf(&t, req->lang == LANG_EN ? " %.4s, " : " de %.4s, ", date);
	i18n_time(&t, min);
	html_printf(b, "<p>%s: <time datetime=\"%s\">%s</time> (%s)</p>\n",
	    i18n(req->lang, MSG_CFP_DEADLINE), ev->cfp_closes, t.s,
	    ev->timezone);
	buf_release(&t);
}

/* Proposals that invite the visitor as a co-speaker, to accept or not. */
static void
invitations(struct request *req, struct response *resp, const struct event *ev)
{
	struct cfp_invitation *inv = NULL;
	struct buf *b = &resp->body;
	size_t n = 0, i;

	if (store_cfp_invitations(
		req->st, ev->id, req->user->person_id, &inv, &n) != STORE_OK ||
	    n == 0) {
		cfp_invitations_free(inv, n);
		return;
	}
	html_printf(b, "<h2>%s</h2>\n<ul class=\"proposals\">\n",
	    i18n(req->lang, MSG_CFP_INVITATIONS));
	for (i = 0; i < n; i++) {
		html_printf(b,
		    "<li><strong>%s</strong> <span class=\"meta\">%s</span> "
		    "<form method=\"post\" action=\"/%u/invitations/%l\">\n",
		    inv[i].title, inv[i].owner, ev->slug, inv[i].id);
		csrf_field(req, resp, b);
		if (strcmp(inv[i].status, "invited") == 0)
			html_printf(b,
			    "<button type=\"submit\" name=\"answer\" "
			    "value=\"accept\">%s</button> <button "
			    "type=\"submit\" name=\"answer\" value=\"decline\" "
			    "class=\"secondary\">%s</button>",
			    i18n(req->lang, MSG_CFP_ACCEPT),
			    i18n(req->lang, MSG_CFP_DECLINE));
		else
			html_printf(b, "%s",
			    i18n(req->lang,
				strcmp(inv[i].status, "accepted") == 0
				    ? MSG_CFP_ACCEPTED
				    : MSG_CFP_DECLINED));
		html_raw(b, "</form></li>\n");
	}
	html_raw(b, "</ul>\n");
	cfp_invitations_free(inv, n);
}

void
page_cfp_invitation(struct request *req, struct response *resp)
{
	const char *answer;
	struct event ev;
	struct buf to;
	int64_t id;
	enum store_err err;

	if (!parse_i64(req->seg[2], 1, INT64_MAX, &id)) {
		page_error(req, resp, 404);
		return;
	}
	if (!layout_load_event(req, resp, req->seg[0], &ev))
		return;
	answer = req->form != NULL ? form_get(req->form, "answer") : NULL;
	if (req->method != HTTP_POST || answer == NULL ||
	    (strcmp(answer, "accept") != 0 && strcmp(answer, "decline") != 0)) {
		buf_init(&to, 256);
		buf_addf(&to, "/%s/cfp/", ev.slug);
		auth_redirect(resp, to.s);
		buf_release(&to);
		event_release(&ev);
		return;
	}
	err = store_cfp_answer(req->st, ev.id, id, req->user->person_id,
	    strcmp(answer, "accept") == 0);
	if (err == STORE_ERR_NOTFOUND) {
		page_error(req, resp, 404);
	} else if (err != STORE_OK) {
		page_error(req, resp, 500);
	} else {
		if (strcmp(answer, "accept") == 0)
			store_role_add(req->st, req->user->account_id, ev.id,
			    ROLE_SPEAKER);
		buf_init(&to, 256);
		buf_addf(&to, "/%s/cfp/", ev.slug);
		auth_redirect(resp, to.s);
		buf_release(&to);
	}
	event_release(&ev);
}

void
page_cfp_mine(struct request *req, struct response *resp)
{
	struct cfp_proposal *list = NULL;
	struct event ev;
	struct buf *b = &resp->body;
	size_t n = 0, i;
	bool open;

	if (!layout_load_event(req, resp, req->seg[0], &ev))
		return;
	if (store_cfp_mine(req->st, ev.id, req->user->person_id, &list, &n) !=
	    STORE_OK) {
		cfp_proposals_free(list, n);
		event_release(&ev);
		page_error(req, resp, 500);
		return;
	}
	open = cfp_is_open(&ev, time(NULL));
	resp->status = 200;
	resp->cache_control = "no-store";
	layout_begin(req, resp, i18n(req->lang, MSG_CFP_TITLE), &ev);
	html_printf(b,
	    "<nav class=\"crumbs\" aria-label=\"%s\"><a href=\"/%u/\">%s</a>"
	    "</nav>\n<h1>%s</h1>\n",
	    i18n(req->lang, MSG_BACK_TO_EVENT), ev.slug,
	    l10n_get(&ev.name, req->lang), i18n(req->lang, MSG_CFP_TITLE));
	deadline(req, b, &ev);
	if (open)
		html_printf(b,
		    "<p><a class=\"button\" href=\"/%u/cfp/new\">%s</a></p>\n",
		    ev.slug, i18n(req->lang, MSG_CFP_NEW));
	else
		html_printf(b, "<p role=\"status\">%s</p>\n",
		    i18n(req->lang, MSG_CFP_CLOSED));
	html_printf(b, "<h2>%s</h2>\n", i18n(req->lang, MSG_CFP_MINE));
	if (n == 0)
		html_printf(b, "<p>%s</p>\n", i18n(req->lang, MSG_CFP_NONE));
	else
		html_raw(b, "<ul class=\"proposals\">\n");
	for (i = 0; i < n; i++)
		html_printf(b,
		    "<li><a href=\"/%u/cfp/%l\">%s</a> <span "
		    "class=\"meta\">%s</span></li>\n",
		    ev.slug, list[i].id,
		    *list[i].title != '\0' ? list[i].title : "—",
		    cfp_status_label(req->lang, list[i].status));
	if (n > 0)
		html_raw(b, "</ul>\n");
	invitations(req, resp, &ev);
	layout_end(req, resp, &ev);
	cfp_proposals_free(list, n);
	event_release(&ev);
}

void
page_cfp_new(struct request *req, struct response *resp)
{
	struct cfp_proposal p;
	struct event ev;

	if (!layout_load_event(req, resp, req->seg[0], &ev))
		return;
	if (req->method == HTTP_POST) {
		save(req, resp, &ev, NULL);
	} else {
		memset(&p, 0, sizeof(p));
		p.language = xstrdup(lang_code(req->lang));
		render_form(req, resp, &ev, &p, NULL,
		    !cfp_is_open(&ev, time(NULL)), 200);
		cfp_proposal_release(&p);
	}
	event_release(&ev);
}

void
page_cfp_edit(struct request *req, struct response *resp)
{
	const char *action;
	struct cfp_proposal p;
	struct event ev;
	int64_t id;
	bool open;

	if (!parse_i64(req->seg[2], 1, INT64_MAX, &id)) {
		page_error(req, resp, 404);
		return;
	}
	if (!layout_load_event(req, resp, req->seg[0], &ev))
		return;
	/* Another's proposal is as invisible as a missing one. */
	if (store_cfp_load(req->st, ev.id, id, &p) != STORE_OK ||
	    p.owner_id != req->user->person_id) {
		if (p.id != 0)
			cfp_proposal_release(&p);
		event_release(&ev);
		page_error(req, resp, 404);
		return;
	}
	open = cfp_is_open(&ev, time(NULL));
	action = req->form != NULL ? form_get(req->form, "action") : NULL;
	if (req->method != HTTP_POST) {
		render_form(req, resp, &ev, &p, NULL, !open, 200);
	} else if (p.status != PROPOSAL_DRAFT &&
	    p.status != PROPOSAL_SUBMITTED) {
		auth_error_page(
		    req, resp, 409, cfp_status_label(req->lang, p.status));
	} else if (action != NULL && strcmp(action, "withdraw") == 0) {
		if (!open)
			render_form(req, resp, &ev, &p, NULL, true, 403);
		else if (store_cfp_set_status(req->st, ev.id, id,
			     PROPOSAL_WITHDRAWN,
			     req->user->person_id) != STORE_OK)
			page_error(req, resp, 500);
		else
			redirect_to(resp, &ev, id, "withdrawn");
	} else {
		save(req, resp, &ev, &p);
	}
	cfp_proposal_release(&p);
	event_release(&ev);
}
