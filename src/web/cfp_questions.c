/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * cfp_questions.c: the organiser's questions on the proposal pages.
 */
#include "web/cfp_questions.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/utf8.h"
#include "util/util.h"
#include "web/form.h"
#include "web/html.h"
#include "web/i18n.h"

static void
field_name(const struct question *q, char *out, size_t size)
{
	snprintf(out, size, "q-%s", q->id);
}

/* The submitted value: checkboxes are joined by ','. */
static void
read_value(const struct request *req, const struct question *q,
    const char *name, struct buf *out)
{
	size_t i, n;
	const char *v;

	if (req->form == NULL)
		return;
	if (q->kind != QUESTION_CHOICE || !q->multiple) {
		v = form_get(req->form, name);
		buf_addstr(out, v != NULL ? v : "");
		return;
	}
	n = form_count(req->form, name);
	for (i = 0; i < n; i++) {
		v = form_get_nth(req->form, name, i);
		if (v == NULL || *v == '\0')
			continue;
		/* A comma would split one value into two keys: no key has
		 * one, so it is simply not an option. */
		buf_addf(out, "%s%s", out->len ? "," : "", v);
	}
}

void
cfp_questions_read(struct request *req, const struct event *ev,
    struct cfp_proposal *p, bool full, struct field_errors *e,
    struct cfp_qnames *names)
{
	enum lang lang = req->lang;
	struct buf v;
	size_t i;

	buf_init(&v, 0);
	for (i = 0; i < ev->nquestions && i < QUESTIONS_MAX; i++) {
		const struct question *q = &ev->questions[i];
		const char *name = names->name[i];

		field_name(q, names->name[i], sizeof(names->name[i]));
		buf_reset(&v);
		read_value(req, q, name, &v);
		if (!question_applies(q, p->format)) {
			cfp_answer_set(p, q->id, "");
			continue;
		}
		cfp_answer_set(p, q->id, v.s);
		switch (question_check(q, v.s, full)) {
		case QUESTION_OK:
		case QUESTION_FAULT__MAX:
			break;
		case QUESTION_MISSING:
			field_error(
			    e, name, "%s", i18n(lang, MSG_CFP_REQUIRED));
			break;
		case QUESTION_TOO_LONG:
			field_error(e, name, "%s (%zu > %d)",
			    i18n(lang, MSG_CFP_TOO_LONG),
			    utf8_length(v.s, v.len), q->max_length);
			break;
		case QUESTION_BAD_CHOICE:
			field_error(
			    e, name, "%s", i18n(lang, MSG_CFP_BAD_CHOICE));
			break;
		}
	}
	buf_release(&v);
}

/* "Only for these formats: Panel, Workshop." */
static void
formats_note(struct buf *out, enum lang lang, const struct event *ev,
    const struct question *q)
{
	size_t i;
	long f;

	if (q->nformats == 0)
		return;
	buf_addf(out, "%s%s", out->len ? " " : "", i18n(lang, MSG_Q_ONLY_FOR));
	for (i = 0; i < q->nformats; i++) {
		f = event_format_find(ev, q->formats[i]);
		buf_addf(out, "%s %s", i ? "," : "",
		    f >= 0 ? l10n_get(&ev->formats[f].name, lang)
			   : q->formats[i]);
	}
	buf_addc(out, '.');
}

static void
radio(struct buf *b, const char *name, const char *value, const char *label,
    bool checked, bool multiple)
{
	html_printf(b,
	    "<label class=\"check\"><input type=\"%s\" name=\"%s\" "
	    "value=\"%s\"%s> %s</label>\n",
	    multiple ? "checkbox" : "radio", name, value,
	    checked ? " checked" : "", label);
}

/* A fieldset with a legend: radio buttons, or checkboxes when multiple. */
static void
choice_field(struct buf *b, enum lang lang, const struct question *q,
    const char *name, const char *value, const char *hint, const char *err)
{
	size_t i;

	html_printf(b, "<fieldset class=\"field%s\" id=\"f-%s\"",
	    err != NULL ? " invalid" : "", name);
	if (err != NULL || hint != NULL) {
		html_raw(b, " aria-describedby=\"");
		if (hint != NULL)
			html_printf(b, "%s-hint%s", name, err ? " " : "");
		if (err != NULL)
			html_printf(b, "%s-error", name);
		html_raw(b, "\"");
	}
	html_printf(b, ">\n<legend>%s%s</legend>\n", l10n_get(&q->label, lang),
	    q->required ? " *" : "");
	if (hint != NULL)
		html_printf(
		    b, "<p class=\"hint\" id=\"%s-hint\">%s</p>\n", name, hint);
	if (err != NULL)
		html_printf(b, "<p class=\"error\" id=\"%s-error\">%s</p>\n",
		    name, err);
	if (q->kind == QUESTION_YESNO) {
		radio(b, name, "yes", i18n(lang, MSG_YES),
		    strcmp(value, "yes") == 0, false);
		radio(b, name, "no", i18n(lang, MSG_NO),
		    strcmp(value, "no") == 0, false);
	} else {
		for (i = 0; i < q->noptions; i++)
			radio(b, name, q->options[i].key,
			    l10n_get(&q->options[i].label, lang),
			    question_chosen(value, q->options[i].key),
			    q->multiple);
	}
	/* A radio button cannot be cleared: an optional one offers to. */
	if (!q->required && !(q->kind == QUESTION_CHOICE && q->multiple))
		radio(b, name, "", i18n(lang, MSG_Q_NO_ANSWER), *value == '\0',
		    false);
	html_raw(b, "</fieldset>\n");
}

void
cfp_questions_form(struct request *req, struct buf *b, const struct event *ev,
    const struct cfp_proposal *p, const struct field_errors *e)
{
	char name[QUESTION_ID_MAX + 3];
	struct buf hint;
	size_t i;

	if (ev->nquestions == 0)
		return;
	buf_init(&hint, 0);
	html_printf(b,
	    "<section class=\"questions\" aria-labelledby=\"q-section\">\n"
	    "<h2 id=\"q-section\">%s</h2>\n",
	    i18n(req->lang, MSG_Q_SECTION));
	for (i = 0; i < ev->nquestions && i < QUESTIONS_MAX; i++) {
		const struct question *q = &ev->questions[i];
		const char *value = cfp_answer_get(p, q->id);
		const char *help = l10n_get(&q->help, req->lang);

		field_name(q, name, sizeof(name));
		buf_reset(&hint);
		buf_addstr(&hint, help);
		formats_note(&hint, req->lang, ev, q);
		if (q->kind == QUESTION_TEXT)
			field_textarea(b, e, name,
			    l10n_get(&q->label, req->lang), value,
			    hint.len ? hint.s : NULL,
			    q->max_length > 300 ? 4 : 2,
			    q->required ? FIELD_REQUIRED : 0);
		else
			choice_field(b, req->lang, q, name, value,
			    hint.len ? hint.s : NULL, field_error_get(e, name));
	}
	html_raw(b, "</section>\n");
	buf_release(&hint);
}

void
cfp_questions_changed(const struct cfp_proposal *old,
    const struct cfp_proposal *p, struct buf *out, size_t *n)
{
	size_t i;

	for (i = 0; i < p->nanswers; i++) {
		const struct cfp_answer *a = &p->answers[i];

		if (old == NULL ? *a->value == '\0'
				: strcmp(cfp_answer_get(old, a->question),
				      a->value) == 0)
			continue;
		buf_addf(out, "%s\"q:%s\"", (*n)++ ? "," : "", a->question);
	}
}

/* The answer as the organiser reads it: option labels, "Yes"/"No". */
static void
answer_text(struct buf *out, enum lang lang, const struct question *q,
    const char *value)
{
	size_t m;
	long k;

	if (q == NULL || q->kind == QUESTION_TEXT) {
		buf_addstr(out, value);
		return;
	}
	if (q->kind == QUESTION_YESNO) {
		buf_addstr(out,
		    strcmp(value, "yes") == 0      ? i18n(lang, MSG_YES)
			: strcmp(value, "no") == 0 ? i18n(lang, MSG_NO)
						   : value);
		return;
	}
	while (*value != '\0') {
		m = strcspn(value, ",");
		k = question_option_find(q, value, m);
		if (out->len > 0)
			buf_addstr(out, "; ");
		if (k >= 0)
			buf_addstr(out, l10n_get(&q->options[k].label, lang));
		else
			buf_add(out, value, m);
		value += m;
		if (*value == ',')
			value++;
	}
}

static void
fact(struct buf *b, const char *term, const char *extra, const char *value)
{
	html_printf(b, "<div><dt>%s%s%s</dt><dd class=\"pre\">%s</dd></div>\n",
	    term, extra != NULL ? " " : "", extra,
	    value != NULL && *value != '\0' ? value : "—");
}

void
cfp_questions_facts(struct request *req, struct buf *b, const struct event *ev,
    const struct cfp_proposal *p)
{
	struct buf text;
	size_t i;

	if (ev->nquestions == 0 && p->nanswers == 0)
		return;
	buf_init(&text, 0);
	html_printf(b,
	    "<section aria-labelledby=\"answers\"><h2 id=\"answers\">%s</h2>\n"
	    "<dl class=\"facts answers\">\n",
	    i18n(req->lang, MSG_Q_ANSWERS));
	for (i = 0; i < ev->nquestions; i++) {
		const struct question *q = &ev->questions[i];

		if (!question_applies(q, p->format) &&
		    *cfp_answer_get(p, q->id) == '\0')
			continue;
		buf_reset(&text);
		answer_text(&text, req->lang, q, cfp_answer_get(p, q->id));
		fact(b, l10n_get(&q->label, req->lang), NULL, text.s);
	}
	/* Answers nobody loses: the question left the file, not the data. */
	for (i = 0; i < p->nanswers; i++)
		if (event_question_find(ev, p->answers[i].question) < 0)
			fact(b, p->answers[i].question,
			    i18n(req->lang, MSG_Q_REMOVED),
			    p->answers[i].value);
	html_raw(b, "</dl>\n</section>\n");
	buf_release(&text);
}

void
cfp_questions_reviewer_facts(struct request *req, struct buf *b,
    const struct event *ev, const char *format,
    const struct cfp_answer_row *rows, size_t n)
{
	struct buf text;
	const char *v;
	size_t i, j, shown = 0;

	buf_init(&text, 0);
	for (i = 0; i < ev->nquestions; i++) {
		const struct question *q = &ev->questions[i];

		/* Only what the organisers let reviewers read; an answer to
		 * a question since removed has no such word: it stays out. */
		if (!q->reviewers || !question_applies(q, format))
			continue;
		for (v = NULL, j = 0; j < n && v == NULL; j++)
			if (strcmp(rows[j].question, q->id) == 0)
				v = rows[j].value;
		if (shown++ == 0)
			html_printf(b,
			    "<section aria-labelledby=\"answers\"><h2 "
			    "id=\"answers\">%s</h2>\n<dl class=\"facts "
			    "answers\">\n",
			    i18n(req->lang, MSG_Q_ANSWERS));
		buf_reset(&text);
		if (v != NULL)
			answer_text(&text, req->lang, q, v);
		fact(b, l10n_get(&q->label, req->lang), NULL, text.s);
	}
	if (shown > 0)
		html_raw(b, "</dl>\n</section>\n");
	buf_release(&text);
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

void
cfp_questions_columns(const struct event *ev, const struct cfp_answer_row *rows,
    size_t n, const char ***ids, size_t *nids)
{
	const char **out = xcalloc(ev->nquestions + n + 1, sizeof(*out));
	size_t count = 0, first, i, j;

	for (i = 0; i < ev->nquestions; i++)
		out[count++] = ev->questions[i].id;
	first = count;
	for (i = 0; i < n; i++) {
		if (event_question_find(ev, rows[i].question) >= 0)
			continue;
		for (j = first; j < count; j++)
			if (strcmp(out[j], rows[i].question) == 0)
				break;
		if (j == count)
			out[count++] = rows[i].question;
	}
	qsort(out + first, count - first, sizeof(*out), cmp_str);
	*ids = out;
	*nids = count;
}

const char *
cfp_answer_lookup(const struct cfp_answer_row *rows, size_t n, size_t *from,
    int64_t proposal, const char *id)
{
	size_t i;

	while (*from < n && rows[*from].proposal_id < proposal)
		(*from)++;
	for (i = *from; i < n && rows[i].proposal_id == proposal; i++)
		if (strcmp(rows[i].question, id) == 0)
			return rows[i].value;
	return NULL;
}
