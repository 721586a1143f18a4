/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * page_review.c: the reviewer's side (issue 6).  "/{ev}/review/" is the
 * queue of assigned, non-conflicted proposals and the reviewer's profile
 * (expertise, languages, collaborators); "/{ev}/review/{id}" shows one
 * proposal with the event's review form; "/{ev}/review/{id}/conflict"
 * declares a conflict of interest.  A proposal that is not assigned to
 * the visitor, or that they are conflicted with, is 404: the store's
 * queries never return it.  Saving carries the review's version: a save
 * from a stale page is refused with 409 and the visitor's text shown
 * back beside the saved version.
 */
#include "web/route.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "store/store_question.h"
#include "store/store_review.h"
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
#include "web/page_review.h"

/* ---- shared with page_review_admin.c ---- */

bool
review_is_open(const struct event *ev, time_t now)
{
	const char *s = ev->review.deadline;
	char date[11];
	int64_t days;
	int min, off;

	if (s == NULL || strlen(s) != 16)
		return true;
	memcpy(date, s, 10);
	date[10] = '\0';
	if (!parse_date(date, &days) || !parse_hhmm(s + 11, &min))
		return true;
	if (!tz_offset_local(ev->timezone, days * 1440 + min, &off))
		off = 0;
	return (int64_t)now < (days * 1440 + min - off) * 60;
}

const char *
review_coi_label(enum lang lang, const char *key)
{
	static const struct {
		const char *key;
		enum msg msg;
	} map[] = {
		{ "speaker", MSG_COI_SPEAKER },
		{ "organisation", MSG_COI_ORGANISATION },
		{ "co-speaker", MSG_COI_COSPEAKER },
		{ "collaborator", MSG_COI_COLLABORATOR },
	};
	size_t i;

	for (i = 0; key != NULL && i < ARRAY_SIZE(map); i++)
		if (strcmp(key, map[i].key) == 0)
			return i18n(lang, map[i].msg);
	return key;
}

static void
crumbs(struct request *req, struct buf *b, const struct event *ev, bool queue)
{
	html_printf(b,
	    "<nav class=\"crumbs\" aria-label=\"%s\"><a href=\"/%u/\">%s</a>",
	    i18n(req->lang, MSG_BACK_TO_EVENT), ev->slug,
	    l10n_get(&ev->name, req->lang));
	if (queue)
		html_printf(b, " › <a href=\"/%u/review/\">%s</a>", ev->slug,
		    i18n(req->lang, MSG_RV_TITLE));
	html_raw(b, "</nav>\n");
}

static void
deadline_note(struct request *req, struct buf *b, const struct event *ev)
{
	if (ev->review.deadline != NULL)
		html_printf(b, "<p>%s: <time>%s</time></p>\n",
		    i18n(req->lang, MSG_RV_DEADLINE), ev->review.deadline);
	if (!review_is_open(ev, time(NULL)))
		html_printf(b, "<p role=\"status\">%s</p>\n",
		    i18n(req->lang, MSG_RV_CLOSED));
	if (ev->review.blind)
		html_printf(b, "<p class=\"note\">%s</p>\n",
		    i18n(req->lang, MSG_RV_BLIND));
}

static const char *
status_label(enum lang lang, enum review_status s)
{
	return i18n(lang,
	    s == REVIEW_SUBMITTED   ? MSG_RV_SUBMITTED
		: s == REVIEW_DRAFT ? MSG_RV_DRAFT
				    : MSG_RV_TODO);
}

/* ---- /{ev}/review/ ---- */

static void
profile_form(struct request *req, struct response *resp, struct buf *b,
    const struct event *ev, const struct reviewer_profile *p)
{
	static const char *const lvl_key[3] = { "none", "secondary", "main" };
	static const enum msg lvl_msg[3] = { MSG_RV_NO_EXPERTISE,
		MSG_RV_SECONDARY, MSG_RV_MAIN };
	size_t i, l;
	int k;

	html_printf(b,
	    "<section aria-labelledby=\"profile-h\">\n<h2 id=\"profile-h\">"
	    "%s</h2>\n<form method=\"post\" action=\"/%u/review/profile\">\n",
	    i18n(req->lang, MSG_RV_PROFILE), ev->slug);
	csrf_field(req, resp, b);
	html_printf(b, "<fieldset>\n<legend>%s</legend>\n",
	    i18n(req->lang, MSG_RV_EXPERTISE));
	for (i = 0; i < ev->nthemes; i++) {
		enum expertise cur = p != NULL && i < p->nthemes
		    ? p->expertise[i]
		    : EXPERTISE_NONE;

		html_printf(b,
		    "<fieldset class=\"inline\">\n<legend>%s</legend>\n",
		    l10n_get(&ev->themes[i].name, req->lang));
		for (k = 0; k < 3; k++)
			html_printf(b,
			    "<label><input type=\"radio\" name=\"theme-%s\" "
			    "value=\"%s\"%s> %s</label>\n",
			    ev->themes[i].key, lvl_key[k],
			    (int)cur == k ? " checked" : "",
			    i18n(req->lang, lvl_msg[k]));
		html_raw(b, "</fieldset>\n");
	}
	html_printf(b, "</fieldset>\n<fieldset>\n<legend>%s</legend>\n",
	    i18n(req->lang, MSG_RV_LANGUAGES));
	for (l = 0; l < LANG__MAX; l++) {
		const char *code = lang_code((enum lang)l);
		bool on = p != NULL && p->languages != NULL &&
		    strstr(p->languages, code) != NULL;

		html_printf(b,
		    "<label><input type=\"checkbox\" name=\"lang\" "
		    "value=\"%s\"%s> %s</label>\n",
		    code, on ? " checked" : "", lang_name((enum lang)l));
	}
	html_printf(b,
	    "</fieldset>\n<p><label for=\"collaborators\">%s</label><br>\n"
	    "<textarea id=\"collaborators\" name=\"collaborators\" rows=\"3\" "
	    "aria-describedby=\"collaborators-hint\">",
	    i18n(req->lang, MSG_RV_COLLABORATORS));
	for (i = 0; p != NULL && i < p->ncollaborators; i++)
		html_printf(b, "%s\n", p->collaborators[i]);
	html_printf(b,
	    "</textarea><br><span id=\"collaborators-hint\" "
	    "class=\"hint\">%s</span></p>\n<p><button type=\"submit\">%s"
	    "</button></p>\n</form>\n</section>\n",
	    i18n(req->lang, MSG_RV_COLLAB_HINT),
	    i18n(req->lang, MSG_RV_SAVE_PROFILE));
}

void
page_review_queue(struct request *req, struct response *resp)
{
	struct review_queue_item *q = NULL;
	struct reviewer_profile prof;
	struct buf *b = &resp->body;
	struct event ev;
	size_t n = 0, i, done = 0;
	bool is_reviewer;

	if (!layout_load_event(req, resp, req->seg[0], &ev))
		return;
	memset(&prof, 0, sizeof(prof));
	is_reviewer = store_reviewer_get(req->st, &ev, req->user->person_id,
			  &prof) == STORE_OK;
	if (is_reviewer && !prof.accepted)
		store_reviewer_accept(req->st, ev.id, req->user->person_id);
	if (store_review_queue(req->st, ev.id, req->user->person_id, &q, &n) !=
	    STORE_OK) {
		reviewer_profile_release(&prof);
		event_release(&ev);
		page_error(req, resp, 500);
		return;
	}
	for (i = 0; i < n; i++)
		if (q[i].status == REVIEW_SUBMITTED)
			done++;
	resp->status = 200;
	resp->cache_control = "no-store";
	layout_begin(req, resp, i18n(req->lang, MSG_RV_TITLE), &ev);
	crumbs(req, b, &ev, false);
	html_printf(b, "<h1>%s</h1>\n", i18n(req->lang, MSG_RV_TITLE));
	if (kv_get(&req->query, "saved") != NULL)
		html_printf(b, "<p role=\"status\">%s</p>\n",
		    i18n(req->lang, MSG_RV_PROFILE_SAVED));
	if (kv_get(&req->query, "conflict") != NULL)
		html_printf(b, "<p role=\"status\">%s</p>\n",
		    i18n(req->lang, MSG_RV_CONFLICT_SAVED));
	deadline_note(req, b, &ev);
	html_printf(b,
	    "<section aria-labelledby=\"queue-h\">\n<h2 id=\"queue-h\">%s"
	    "</h2>\n<p>%s: %z / %z</p>\n",
	    i18n(req->lang, MSG_RV_QUEUE), i18n(req->lang, MSG_RV_DONE), done,
	    n);
	if (n == 0)
		html_printf(b, "<p>%s</p>\n", i18n(req->lang, MSG_RV_NONE));
	else
		html_printf(b,
		    "<table class=\"queue\">\n<thead><tr><th scope=\"col\">"
		    "%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s"
		    "</th><th scope=\"col\">%s</th></tr></thead>\n<tbody>\n",
		    i18n(req->lang, MSG_RA_PROPOSAL),
		    i18n(req->lang, MSG_THEME), i18n(req->lang, MSG_LANGUAGE),
		    i18n(req->lang, MSG_RA_STATUS));
	for (i = 0; i < n; i++) {
		long t =
		    q[i].theme != NULL ? event_theme_find(&ev, q[i].theme) : -1;

		html_printf(b,
		    "<tr class=\"rv-%s\"><td><a href=\"/%u/review/%l\">%s</a>"
		    "</td><td>%s</td><td>%s</td><td>%s</td></tr>\n",
		    q[i].status == REVIEW_SUBMITTED   ? "done"
			: q[i].status == REVIEW_DRAFT ? "draft"
						      : "todo",
		    ev.slug, q[i].proposal_id, q[i].title,
		    t >= 0 ? l10n_get(&ev.themes[t].name, req->lang) : "—",
		    q[i].language, status_label(req->lang, q[i].status));
	}
	if (n > 0)
		html_raw(b, "</tbody>\n</table>\n");
	html_raw(b, "</section>\n");
	profile_form(req, resp, b, &ev, is_reviewer ? &prof : NULL);
	layout_end(req, resp, &ev);
	review_queue_free(q, n);
	reviewer_profile_release(&prof);
	event_release(&ev);
}

/* ---- /{ev}/review/profile ---- */

void
page_review_profile(struct request *req, struct response *resp)
{
	struct reviewer_profile prof;
	struct event ev;
	struct buf to, msg, langs;
	const char *v;
	char *copy, *tok, *save = NULL;
	size_t i, l;

	if (req->method != HTTP_POST) {
		page_error(req, resp, 405);
		return;
	}
	if (!layout_load_event(req, resp, req->seg[0], &ev))
		return;
	if (store_reviewer_get(req->st, &ev, req->user->person_id, &prof) !=
	    STORE_OK) {
		event_release(&ev);
		page_error(req, resp, 403);
		return;
	}
	for (i = 0; i < ev.nthemes && i < prof.nthemes; i++) {
		struct buf name;

		buf_init(&name, 128);
		buf_addf(&name, "theme-%s", ev.themes[i].key);
		v = form_get(req->form, name.s);
		prof.expertise[i] = v != NULL && strcmp(v, "main") == 0
		    ? EXPERTISE_MAIN
		    : v != NULL && strcmp(v, "secondary") == 0
		    ? EXPERTISE_SECONDARY
		    : EXPERTISE_NONE;
		buf_release(&name);
	}
	buf_init(&langs, 16);
	for (l = 0; l < LANG__MAX; l++)
		for (i = 0; i < form_count(req->form, "lang"); i++)
			if (strcmp(form_get_nth(req->form, "lang", i),
				lang_code((enum lang)l)) == 0) {
				buf_addf(&langs, "%s%s", langs.len ? "," : "",
				    lang_code((enum lang)l));
				break;
			}
	free(prof.languages);
	prof.languages = buf_detach(&langs, NULL);
	for (i = 0; i < prof.ncollaborators; i++)
		free(prof.collaborators[i]);
	prof.ncollaborators = 0;
	v = form_get(req->form, "collaborators");
	copy = xstrdup(v != NULL ? v : "");
	for (tok = strtok_r(copy, " \t\n,;", &save); tok != NULL;
	     tok = strtok_r(NULL, " \t\n,;", &save)) {
		char *e = auth_email_normalise(tok);

		if (e == NULL ||
		    prof.ncollaborators >= REVIEWER_COLLABORATORS_MAX) {
			free(e);
			free(copy);
			reviewer_profile_release(&prof);
			event_release(&ev);
			page_error(req, resp, 422);
			return;
		}
		prof.collaborators = xreallocarray(prof.collaborators,
		    prof.ncollaborators + 1, sizeof(char *));
		prof.collaborators[prof.ncollaborators++] = e;
	}
	free(copy);
	buf_init(&msg, 0);
	if (store_reviewer_save(req->st, &ev, &prof, &msg) != STORE_OK) {
		buf_release(&msg);
		reviewer_profile_release(&prof);
		event_release(&ev);
		page_error(req, resp, 500);
		return;
	}
	buf_release(&msg);
	buf_init(&to, 256);
	buf_addf(&to, "/%s/review/?saved=1", ev.slug);
	auth_redirect(resp, to.s);
	buf_release(&to);
	reviewer_profile_release(&prof);
	event_release(&ev);
}

/* ---- /{ev}/review/{id} ---- */

/* The answers to the organiser's questions that they show reviewers
 * (cfp.questions[].reviewers); p was loaded by store_review_proposal, so
 * the visitor is assigned and not conflicted.  Blind review hides none:
 * whether an answer could name the speaker is the organisers' call, made
 * per question. */
static void
answers_view(struct request *req, struct buf *b, const struct event *ev,
    const struct review_proposal *p)
{
	struct cfp_answer_row *rows = NULL;
	size_t n = 0;

	if (ev->nquestions == 0)
		return;
	if (store_question_answers(req->st, ev->id, p->id, &rows, &n) ==
	    STORE_OK)
		cfp_questions_reviewer_facts(req, b, ev, p->format, rows, n);
	cfp_answer_rows_free(rows, n);
}

static void
proposal_view(struct request *req, struct buf *b, const struct event *ev,
    const struct review_proposal *p)
{
	long f = event_format_find(ev, p->format);
	size_t i;

	html_printf(b,
	    "<h1>%s</h1>\n<dl class=\"meta\">\n<dt>%s</dt><dd>%s"
	    "</dd>\n<dt>%s</dt><dd>",
	    p->title, i18n(req->lang, MSG_FORMAT),
	    f >= 0 ? l10n_get(&ev->formats[f].name, req->lang) : p->format,
	    i18n(req->lang, MSG_THEMES));
	for (i = 0; i < p->nthemes; i++) {
		long t = event_theme_find(ev, p->themes[i]);

		html_printf(b, "%s%s", i ? ", " : "",
		    t >= 0 ? l10n_get(&ev->themes[t].name, req->lang)
			   : p->themes[i]);
	}
	html_printf(b, "</dd>\n<dt>%s</dt><dd>%s</dd>\n<dt>%s</dt><dd>",
	    i18n(req->lang, MSG_LANGUAGE), p->language,
	    i18n(req->lang, MSG_SPEAKERS));
	/* Blind review shows only how many speakers there are: a sector and
	 * a country together often name the one person who fits them. */
	if (ev->review.blind)
		html_printf(
		    b, "%z (%s)", p->nspeakers, i18n(req->lang, MSG_RV_HIDDEN));
	for (i = 0; !ev->review.blind && i < p->nspeakers; i++) {
		const struct review_speaker *s = &p->speakers[i];

		html_printf(b, "%s%s — %s (%s, %s)", i ? "; " : "", s->name,
		    s->organisation != NULL ? s->organisation : "—",
		    s->sector != NULL ? s->sector : "—",
		    s->country != NULL ? s->country : "—");
	}
	html_printf(b,
	    "</dd>\n</dl>\n<h2>%s</h2>\n<p class=\"abstract\">%s"
	    "</p>\n",
	    i18n(req->lang, MSG_RV_ABSTRACT),
	    p->abstract != NULL ? p->abstract : "");
	if (p->description != NULL && *p->description != '\0')
		html_printf(b, "<h2>%s</h2>\n<p class=\"description\">%s</p>\n",
		    i18n(req->lang, MSG_RV_DESCRIPTION), p->description);
	answers_view(req, b, ev, p);
}

static void
saved_version(struct request *req, struct buf *b, const struct event *ev,
    const struct review_data *cur)
{
	size_t i;

	html_printf(b,
	    "<section class=\"current\" aria-labelledby=\"current-h\">\n"
	    "<h2 id=\"current-h\">%s</h2>\n<dl>\n",
	    i18n(req->lang, MSG_RV_CURRENT));
	for (i = 0; i < ev->review.ncriteria && i < cur->nscores; i++)
		html_printf(b, "<dt>%s</dt><dd>%d</dd>\n",
		    l10n_get(&ev->review.criteria[i].name, req->lang),
		    cur->scores[i]);
	html_printf(b,
	    "<dt>%s</dt><dd>%d</dd>\n<dt>%s</dt><dd>%s</dd>\n<dt>%s</dt>"
	    "<dd>%s</dd>\n</dl>\n</section>\n",
	    i18n(req->lang, MSG_RV_CONFIDENCE), cur->confidence,
	    i18n(req->lang, MSG_RV_COMMENT_COMMITTEE), cur->comment_committee,
	    i18n(req->lang, MSG_RV_COMMENT_PROPOSER), cur->comment_proposer);
}

static void
radio_group(struct request *req, struct buf *b, const char *name,
    const char *errkey, const char *legend, const char *desc, int value,
    const char *error)
{
	static const enum msg labels[5] = { MSG_RV_S1, MSG_RV_S2, MSG_RV_S3,
		MSG_RV_S4, MSG_RV_S5 };
	int k;

	/* id="f-KEY": the error summary links here */
	html_printf(b, "<fieldset class=\"score\" id=\"f-%s\"", errkey);
	if (error != NULL)
		html_printf(b, " aria-describedby=\"%s-error\"", name);
	html_printf(b, ">\n<legend>%s</legend>\n", legend);
	if (desc != NULL && *desc != '\0')
		html_printf(b, "<p class=\"hint\">%s</p>\n", desc);
	if (error != NULL)
		html_printf(b, "<p id=\"%s-error\" class=\"error\">%s</p>\n",
		    name, error);
	for (k = 1; k <= 5; k++)
		html_printf(b,
		    "<label><input type=\"radio\" name=\"%s\" value=\"%d\"%s> "
		    "%s</label>\n",
		    name, k, value == k ? " checked" : "",
		    i18n(req->lang, labels[k - 1]));
	html_raw(b, "</fieldset>\n");
}

static void
review_form(struct request *req, struct response *resp, const struct event *ev,
    const struct review_proposal *p, const struct review_data *r,
    const struct review_data *current, const struct field_errors *fe,
    int status)
{
	struct buf *b = &resp->body;
	bool open = review_is_open(ev, time(NULL));
	size_t i;

	resp->status = status;
	resp->cache_control = "no-store";
	layout_begin(req, resp, p->title, ev);
	crumbs(req, b, ev, true);
	proposal_view(req, b, ev, p);
	if (current != NULL)
		html_printf(b, "<p role=\"alert\" class=\"error\">%s</p>\n",
		    i18n(req->lang, MSG_RV_STALE));
	if (kv_get(&req->query, "saved") != NULL && current == NULL)
		html_printf(b, "<p role=\"status\">%s</p>\n",
		    i18n(req->lang, MSG_RV_SAVED));
	deadline_note(req, b, ev);
	html_printf(b,
	    "<section aria-labelledby=\"review-h\">\n<h2 id=\"review-h\">%s "
	    "<span class=\"meta\">(%s)</span></h2>\n",
	    i18n(req->lang, MSG_RV_YOUR_REVIEW),
	    status_label(req->lang, r->status));
	fields_summary(b, req->lang, fe);
	if (open) {
		html_printf(b,
		    "<form method=\"post\" action=\"/%u/review/%l\" "
		    "class=\"review\">\n",
		    ev->slug, p->id);
		csrf_field(req, resp, b);
		html_printf(b,
		    "<input type=\"hidden\" name=\"version\" value=\"%l\">\n",
		    current != NULL ? current->version : r->version);
	}
	for (i = 0; i < ev->review.ncriteria; i++) {
		const struct review_criterion *k = &ev->review.criteria[i];
		struct buf name;

		buf_init(&name, 128);
		buf_addf(&name, "score-%s", k->key);
		radio_group(req, b, name.s, k->key,
		    l10n_get(&k->name, req->lang),
		    l10n_get(&k->description, req->lang),
		    i < r->nscores ? r->scores[i] : 0,
		    field_error_get(fe, k->key));
		buf_release(&name);
	}
	radio_group(req, b, "confidence", "confidence",
	    i18n(req->lang, MSG_RV_CONFIDENCE), NULL, r->confidence,
	    field_error_get(fe, "confidence"));
	field_textarea(b, fe, "comment_committee",
	    i18n(req->lang, MSG_RV_COMMENT_COMMITTEE), r->comment_committee,
	    NULL, 5, 0);
	field_textarea(b, fe, "comment_proposer",
	    i18n(req->lang, MSG_RV_COMMENT_PROPOSER), r->comment_proposer, NULL,
	    5, 0);
	if (open)
		html_printf(b,
		    "<p><button type=\"submit\" name=\"action\" "
		    "value=\"draft\">%s</button> <button type=\"submit\" "
		    "name=\"action\" value=\"submit\">%s</button></p>\n"
		    "</form>\n",
		    i18n(req->lang, MSG_RV_SAVE_DRAFT),
		    i18n(req->lang, MSG_RV_SUBMIT));
	html_raw(b, "</section>\n");
	if (current != NULL)
		saved_version(req, b, ev, current);
	if (open) {
		html_printf(b,
		    "<section aria-labelledby=\"coi-h\">\n<h2 id=\"coi-h\">%s"
		    "</h2>\n<form method=\"post\" action=\"/%u/review/%l/"
		    "conflict\">\n",
		    i18n(req->lang, MSG_RV_DECLARE), ev->slug, p->id);
		csrf_field(req, resp, b);
		field_input(b, NULL, "reason", i18n(req->lang, MSG_RV_REASON),
		    NULL, NULL, "off", FIELD_REQUIRED);
		html_printf(b,
		    "<p><button type=\"submit\">%s</button></p>\n</form>\n"
		    "</section>\n",
		    i18n(req->lang, MSG_RV_DECLARE));
	}
	layout_end(req, resp, ev);
}

static int
read_score(const char *v)
{
	int64_t x;

	if (v == NULL || *v == '\0')
		return 0;
	return parse_i64(v, REVIEW_SCORE_MIN, REVIEW_SCORE_MAX, &x) ? (int)x
								    : -1;
}

static char *
read_comment(const struct request *req, const char *name, bool *too_long)
{
	const char *v = form_get(req->form, name);

	if (v == NULL)
		return NULL;
	if (utf8_length(v, strlen(v)) > REVIEW_COMMENT_MAX)
		*too_long = true;
	return xstrdup(v);
}

/* Loads the event and the proposal the path names, if the visitor may
 * review it; otherwise writes 404 and returns false. */
static bool
load_target(struct request *req, struct response *resp, struct event *ev,
    struct review_proposal *p)
{
	int64_t id;
	enum store_err e;

	if (!layout_load_event(req, resp, req->seg[0], ev))
		return false;
	if (!parse_i64(req->seg[2], 1, INT64_MAX, &id)) {
		event_release(ev);
		page_error(req, resp, 404);
		return false;
	}
	e = store_review_proposal(req->st, ev->id, req->user->person_id, id, p);
	if (e != STORE_OK) {
		event_release(ev);
		page_error(req, resp, e == STORE_ERR_NOTFOUND ? 404 : 500);
		return false;
	}
	return true;
}

void
page_review_form(struct request *req, struct response *resp)
{
	struct review_proposal p;
	struct review_data r, cur;
	struct field_errors fe;
	struct event ev;
	const char *action;
	enum store_err e;
	bool stale = false, too_long = false;
	int64_t version;
	size_t i;

	if (!load_target(req, resp, &ev, &p))
		return;
	memset(&cur, 0, sizeof(cur));
	field_errors_init(&fe);
	if (store_review_get(req->st, &ev.review, p.id, req->user->person_id,
		&r) != STORE_OK) {
		page_error(req, resp, 500);
		goto out;
	}
	if (req->method != HTTP_POST) {
		review_form(req, resp, &ev, &p, &r, NULL, &fe, 200);
		goto out;
	}
	if (!review_is_open(&ev, time(NULL))) {
		page_error_text(req, resp, 403, i18n(req->lang, MSG_RV_CLOSED));
		goto out;
	}
	/* What the visitor sent replaces what was loaded, kept aside as the
	 * saved version in case theirs is stale. */
	cur = r;
	memset(&r, 0, sizeof(r));
	r.proposal_id = p.id;
	r.reviewer = req->user->person_id;
	r.nscores = ev.review.ncriteria;
	r.scores = xcalloc(r.nscores ? r.nscores : 1, sizeof(int));
	for (i = 0; i < ev.review.ncriteria; i++) {
		struct buf name;

		buf_init(&name, 128);
		buf_addf(&name, "score-%s", ev.review.criteria[i].key);
		r.scores[i] = read_score(form_get(req->form, name.s));
		buf_release(&name);
	}
	r.confidence = read_score(form_get(req->form, "confidence"));
	r.comment_committee = read_comment(req, "comment_committee", &too_long);
	r.comment_proposer = read_comment(req, "comment_proposer", &too_long);
	action = form_get(req->form, "action");
	r.status = action != NULL && strcmp(action, "submit") == 0
	    ? REVIEW_SUBMITTED
	    : REVIEW_DRAFT;
	if (!parse_i64(
		form_get(req->form, "version"), 0, INT64_MAX, &version)) {
		page_error(req, resp, 400);
		goto out;
	}
	r.version = version;
	for (i = 0; i < ev.review.ncriteria; i++)
		if (r.scores[i] < 0 ||
		    (r.status == REVIEW_SUBMITTED && r.scores[i] == 0)) {
			field_error(&fe, ev.review.criteria[i].key, "%s",
			    i18n(req->lang, MSG_RV_SCORE_REQUIRED));
			r.scores[i] = 0;
		}
	if (r.confidence < 0 ||
	    (r.status == REVIEW_SUBMITTED && r.confidence == 0)) {
		field_error(&fe, "confidence", "%s",
		    i18n(req->lang, MSG_RV_SCORE_REQUIRED));
		r.confidence = 0;
	}
	if (too_long)
		field_error(&fe, "comment_committee", "%s",
		    i18n(req->lang, MSG_TOO_LARGE_TEXT));
	if (fe.n > 0) {
		review_form(req, resp, &ev, &p, &r, NULL, &fe, 422);
		goto out;
	}
	if (review_weighted_score(&ev.review, r.scores, &r.score, NULL) !=
	    REVIEW_OK)
		r.score = 0;
	e = store_review_save(req->st, ev.id, &ev.review, &r, &stale);
	if (e == STORE_ERR_NOTFOUND) {
		page_error(req, resp, 404);
		goto out;
	}
	if (e != STORE_OK) {
		page_error(req, resp, 500);
		goto out;
	}
	if (stale) {
		/* Nothing lost: their text goes back to them, beside what is
		 * saved now, and the form carries the current version. */
		review_data_release(&cur);
		store_review_get(
		    req->st, &ev.review, p.id, req->user->person_id, &cur);
		review_form(req, resp, &ev, &p, &r, &cur, &fe, 409);
		goto out;
	}
	{
		struct buf to;

		buf_init(&to, 256);
		buf_addf(
		    &to, "/%s/review/%lld?saved=1", ev.slug, (long long)p.id);
		auth_redirect(resp, to.s);
		buf_release(&to);
	}
out:
	field_errors_release(&fe);
	review_data_release(&r);
	review_data_release(&cur);
	review_proposal_release(&p);
	event_release(&ev);
}

/* ---- /{ev}/review/{id}/conflict ---- */

void
page_review_conflict(struct request *req, struct response *resp)
{
	struct review_proposal p;
	struct event ev;
	const char *reason;
	struct buf to;

	if (req->method != HTTP_POST) {
		page_error(req, resp, 405);
		return;
	}
	if (!load_target(req, resp, &ev, &p))
		return;
	reason = form_get(req->form, "reason");
	if (reason != NULL &&
	    utf8_length(reason, strlen(reason)) > REVIEW_REASON_MAX) {
		page_error(req, resp, 422);
		goto out;
	}
	if (store_conflict_declare(req->st, ev.id, p.id, req->user->person_id,
		CONFLICT_REVIEWER, reason) != STORE_OK) {
		page_error(req, resp, 500);
		goto out;
	}
	buf_init(&to, 256);
	buf_addf(&to, "/%s/review/?conflict=1", ev.slug);
	auth_redirect(resp, to.s);
	buf_release(&to);
out:
	review_proposal_release(&p);
	event_release(&ev);
}
