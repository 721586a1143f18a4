/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * store_question.c: the organiser's questions of an event (cfp_question
 * and its labels and options, 0007_questions.sql), saved and loaded with
 * the event by store.c.  Answers live in store_proposal.c, but for the
 * answers of one proposal (its reviewers' view) and the demo's answers.
 */
#include <stdlib.h>
#include <string.h>

#include "core/demo.h"
#include "core/event.h"
#include "store/store_int.h"
#include "store/store_question.h"
#include "util/buf.h"
#include "util/util.h"

static const char SQL_DELETE[] = "DELETE FROM cfp_question WHERE event_id = ?1";
static const char SQL_INSERT[] =
    "INSERT INTO cfp_question (event_id, qid, position, kind, required, "
    "multiple, max_length, formats, reviewers) VALUES (?1, ?2, ?3, ?4, ?5, "
    "?6, ?7, ?8, ?9) RETURNING id";
static const char SQL_I18N_INSERT[] =
    "INSERT INTO cfp_question_i18n (question_id, lang, label, help) "
    "VALUES (?1, ?2, ?3, ?4)";
static const char SQL_OPTION_INSERT[] =
    "INSERT INTO cfp_question_option (question_id, position, key, lang, "
    "label) VALUES (?1, ?2, ?3, ?4, ?5)";
static const char SQL_GET[] =
    "SELECT q.id, q.qid, q.kind, q.required, q.multiple, q.max_length, "
    "q.formats, i.lang, i.label, i.help, q.reviewers FROM cfp_question q "
    "LEFT JOIN cfp_question_i18n i ON i.question_id = q.id "
    "WHERE q.event_id = ?1 ORDER BY q.position, q.id";
static const char SQL_PROPOSAL_ANSWERS[] =
    "SELECT a.proposal_id, a.question, a.value FROM proposal_answer a "
    "JOIN proposal p ON p.id = a.proposal_id WHERE p.event_id = ?1 "
    "AND a.proposal_id = ?2 ORDER BY a.question";
static const char SQL_DEMO_IDS[] =
    "SELECT id FROM proposal WHERE event_id = ?1 ORDER BY id";
static const char SQL_ANSWER_INSERT[] =
    "INSERT INTO proposal_answer (proposal_id, question, value) "
    "VALUES (?1, ?2, ?3)";
static const char SQL_OPTIONS_GET[] =
    "SELECT o.key, o.lang, o.label FROM cfp_question_option o "
    "JOIN cfp_question q ON q.id = o.question_id WHERE q.event_id = ?1 "
    "AND q.qid = ?2 ORDER BY o.position, o.lang";

static int
save_options(struct store *st, int64_t qrow, const struct question *q)
{
	sqlite3_stmt *p;
	size_t i;
	int l, rc;

	for (i = 0; i < q->noptions; i++) {
		for (l = 0; l < LANG__MAX; l++) {
			if (q->options[i].label.text[l] == NULL)
				continue;
			p = store_sql(st, SQL_OPTION_INSERT);
			sqlite3_bind_int64(p, 1, qrow);
			sqlite3_bind_int64(p, 2, (int64_t)i);
			store_bind_text(p, 3, q->options[i].key);
			store_bind_text(p, 4, lang_code((enum lang)l));
			store_bind_text(p, 5, q->options[i].label.text[l]);
			if ((rc = store_step_done(p)) != SQLITE_OK)
				return rc;
		}
	}
	return SQLITE_OK;
}

int
store_questions_save(struct store *st, const struct event *ev)
{
	sqlite3_stmt *p = store_sql(st, SQL_DELETE);
	struct buf formats;
	int64_t qrow;
	size_t i, j;
	int l, rc;

	sqlite3_bind_int64(p, 1, ev->id);
	if ((rc = store_step_done(p)) != SQLITE_OK)
		return rc;
	buf_init(&formats, 0);
	for (i = 0; i < ev->nquestions && rc == SQLITE_OK; i++) {
		const struct question *q = &ev->questions[i];

		buf_reset(&formats);
		for (j = 0; j < q->nformats; j++)
			buf_addf(&formats, "%s%s", j ? "," : "", q->formats[j]);
		p = store_sql(st, SQL_INSERT);
		sqlite3_bind_int64(p, 1, ev->id);
		store_bind_text(p, 2, q->id);
		sqlite3_bind_int64(p, 3, (int64_t)i);
		store_bind_text(p, 4, question_kind_name(q->kind));
		sqlite3_bind_int(p, 5, q->required);
		sqlite3_bind_int(p, 6, q->multiple);
		sqlite3_bind_int(p, 7, q->max_length > 0 ? q->max_length : 1);
		store_bind_text(p, 8, q->nformats > 0 ? formats.s : NULL);
		sqlite3_bind_int(p, 9, q->reviewers);
		if ((rc = store_step_int(p, &qrow)) != SQLITE_OK)
			break;
		for (l = 0; l < LANG__MAX && rc == SQLITE_OK; l++) {
			if (q->label.text[l] == NULL)
				continue;
			p = store_sql(st, SQL_I18N_INSERT);
			sqlite3_bind_int64(p, 1, qrow);
			store_bind_text(p, 2, lang_code((enum lang)l));
			store_bind_text(p, 3, q->label.text[l]);
			store_bind_text(p, 4, q->help.text[l]);
			rc = store_step_done(p);
		}
		if (rc == SQLITE_OK)
			rc = save_options(st, qrow, q);
	}
	buf_release(&formats);
	return rc;
}

static void
split_formats(const char *s, struct question *q)
{
	size_t n = 1, m;
	const char *t;

	if (s == NULL || *s == '\0')
		return;
	for (t = s; *t != '\0'; t++)
		n += *t == ',';
	q->formats = xcalloc(n, sizeof(*q->formats));
	while (*s != '\0' && q->nformats < n) {
		m = strcspn(s, ",");
		if (m > 0)
			q->formats[q->nformats++] = xstrndup(s, m);
		s += m;
		if (*s == ',')
			s++;
	}
}

static int
load_options(struct store *st, const struct event *ev, struct question *q)
{
	sqlite3_stmt *p = store_sql(st, SQL_OPTIONS_GET);
	size_t cap = 0;
	enum lang lang;
	const char *key, *code;
	int rc;

	sqlite3_bind_int64(p, 1, ev->id);
	store_bind_text(p, 2, q->id);
	while ((rc = sqlite3_step(p)) == SQLITE_ROW) {
		key = store_col_text(p, 0);
		if (key == NULL)
			continue;
		if (q->noptions == 0 ||
		    strcmp(q->options[q->noptions - 1].key, key) != 0) {
			XGROW(q->options, cap, q->noptions + 1);
			memset(
			    &q->options[q->noptions], 0, sizeof(*q->options));
			q->options[q->noptions++].key = xstrdup(key);
		}
		code = store_col_text(p, 1);
		if (code != NULL && lang_parse(code, strlen(code), &lang))
			l10n_set(&q->options[q->noptions - 1].label, lang,
			    store_col_text(p, 2));
	}
	sqlite3_reset(p);
	return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

int
store_questions_load(struct store *st, struct event *ev)
{
	sqlite3_stmt *p = store_sql(st, SQL_GET);
	struct question *q;
	size_t cap = 0, i;
	int64_t last = -1, id;
	enum lang lang;
	const char *code;
	int rc;

	sqlite3_bind_int64(p, 1, ev->id);
	while ((rc = sqlite3_step(p)) == SQLITE_ROW) {
		id = sqlite3_column_int64(p, 0);
		if (id != last) {
			XGROW(ev->questions, cap, ev->nquestions + 1);
			q = &ev->questions[ev->nquestions++];
			memset(q, 0, sizeof(*q));
			q->id = store_col_dup(p, 1);
			if (!question_kind_parse(
				store_col_text(p, 2), &q->kind))
				q->kind = QUESTION_TEXT;
			q->required = sqlite3_column_int(p, 3) != 0;
			q->multiple = sqlite3_column_int(p, 4) != 0;
			q->max_length = sqlite3_column_int(p, 5);
			split_formats(store_col_text(p, 6), q);
			q->reviewers = sqlite3_column_int(p, 10) != 0;
			last = id;
		}
		q = &ev->questions[ev->nquestions - 1];
		code = store_col_text(p, 7);
		if (code != NULL && lang_parse(code, strlen(code), &lang)) {
			l10n_set(&q->label, lang, store_col_text(p, 8));
			l10n_set(&q->help, lang, store_col_text(p, 9));
		}
	}
	sqlite3_reset(p);
	if (rc != SQLITE_DONE)
		return rc;
	for (i = 0; i < ev->nquestions; i++)
		if (ev->questions[i].kind == QUESTION_CHOICE &&
		    (rc = load_options(st, ev, &ev->questions[i])) != SQLITE_OK)
			return rc;
	return SQLITE_OK;
}

enum store_err
store_question_answers(struct store *st, int64_t event_id, int64_t proposal,
    struct cfp_answer_row **out, size_t *n)
{
	sqlite3_stmt *p = store_sql(st, SQL_PROPOSAL_ANSWERS);

	sqlite3_bind_int64(p, 1, event_id);
	sqlite3_bind_int64(p, 2, proposal);
	return store_answer_rows(p, out, n);
}

static int
insert_demo_answers(struct store *st, const struct event *ev,
    const struct population *pop, char **answers)
{
	sqlite3_stmt *p = store_sql(st, SQL_DEMO_IDS);
	size_t i = 0, k;
	int64_t id;
	int64_t *ids = xcalloc(pop->nproposals + 1, sizeof(*ids));
	int rc;

	/* store_population_replace inserts the proposals in order into an
	 * event it emptied: their ids are in the population's order. */
	sqlite3_bind_int64(p, 1, ev->id);
	while ((rc = sqlite3_step(p)) == SQLITE_ROW && i <= pop->nproposals) {
		id = sqlite3_column_int64(p, 0);
		if (i < pop->nproposals)
			ids[i] = id;
		i++;
	}
	sqlite3_reset(p);
	if (rc == SQLITE_ROW || (rc == SQLITE_DONE && i != pop->nproposals))
		rc = SQLITE_MISMATCH;
	else if (rc == SQLITE_DONE)
		rc = SQLITE_OK;
	for (i = 0; rc == SQLITE_OK && i < pop->nproposals; i++)
		for (k = 0; rc == SQLITE_OK && k < ev->nquestions; k++) {
			const char *v = answers[i * ev->nquestions + k];

			if (v == NULL)
				continue;
			p = store_sql(st, SQL_ANSWER_INSERT);
			sqlite3_bind_int64(p, 1, ids[i]);
			store_bind_text(p, 2, ev->questions[k].id);
			store_bind_text(p, 3, v);
			rc = store_step_done(p);
		}
	free(ids);
	return rc;
}

enum store_err
store_demo_answers(struct store *st, const struct event *ev,
    const struct population *pop, uint64_t seed, struct buf *msg)
{
	char **answers;
	int rc;

	if (ev->nquestions == 0 || pop->nproposals == 0)
		return STORE_OK;
	answers = demo_answers(ev, pop, seed);
	if ((rc = store_tx_begin(st)) == SQLITE_OK &&
	    (rc = insert_demo_answers(st, ev, pop, answers)) == SQLITE_OK)
		rc = store_tx_commit(st);
	demo_answers_free(answers, pop->nproposals * ev->nquestions);
	if (rc == SQLITE_OK)
		return STORE_OK;
	if (msg != NULL && msg->len == 0)
		store_msg_db(st, msg, "saving the demo's answers");
	store_tx_rollback(st);
	return store_map_rc(rc);
}
