/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * test_questions.c: the organiser's own questions (cfp.questions): the
 * event file reader accepts good definitions and refuses bad ones naming
 * the path, line and column; answers are checked by kind; the store keeps
 * definitions with the event and answers with the proposal, also after
 * the question leaves the event file.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/demo.h"
#include "core/question.h"
#include "formats/event_json.h"
#include "store/store.h"
#include "store/store_proposal.h"
#include "store/store_question.h"
#include "store_fixture.h"
#include "util/util.h"

#define MINI   "tests/fixtures/events/mini.json"
#define ANCHOR "\"languages\": [\"es\", \"en\", \"pt\"],\n"

/* mini.json with a "cfp" member holding questions (one JSON text) put
 * after the languages line, which is line 12: the cfp line is 13 and each
 * question starts a line of its own in the callers' texts. */
static char *
with_questions(const char *questions)
{
	struct buf b;
	char *text, *at;
	size_t len;

	cr_assert_eq(read_file(MINI, 1 << 20, &text, &len), READ_OK);
	at = strstr(text, ANCHOR);
	cr_assert_not_null(at);
	at += strlen(ANCHOR);
	buf_init(&b, 0);
	buf_add(&b, text, (size_t)(at - text));
	buf_addf(&b,
	    "  \"cfp\": {\"opens\": \"2017-07-10T00:00\", \"closes\": "
	    "\"2017-08-20T23:59\", \"questions\": [\n%s]},\n",
	    questions);
	buf_addstr(&b, at);
	free(text);
	return buf_detach(&b, NULL);
}

static enum event_json_err
parse_q(const char *questions, struct event *ev, struct buf *err)
{
	char *text = with_questions(questions);
	enum event_json_err e;

	event_init(ev);
	buf_init(err, 0);
	e = event_json_parse(text, strlen(text), "q.json", ev, err);
	free(text);
	return e;
}

#define L3(s) "{\"es\": \"" s "\", \"en\": \"" s "\", \"pt\": \"" s "\"}"

static const char good[] =
    "{\"id\": \"commitment\", \"kind\": \"text\", \"required\": true, "
    "\"max_length\": 20, \"label\": " L3("Commitment") ", \"help\": " L3(
	"Which one") "},\n"
		     "{\"id\": \"co-created\", \"kind\": \"yesno\", \"required\": true, "
		     "\"label\": " L3(
			 "Co-created?") "},\n"
					"{\"id\": \"audience\", \"kind\": \"choice\", \"multiple\": true, "
					"\"label\": " L3(
					    "Audience") ", \"options\": [{\"key\": \"gov\", "
							"\"label\": " L3("Government") "}, {\"key\": \"cso\", \"label\": " L3(
							    "Civil society") "}]},\n"
									     "{\"id\": \"room\", \"kind\": \"choice\", \"formats\": [\"panel\"], "
									     "\"label\": " L3(
										 "Room") ", \"options\": [{\"key\": \"big\", "
											 "\"label\": " L3("Big") "}, {\"key\": \"small\", \"label\": " L3(
											     "Small") "}]}\n";

Test(questions_parse, good_definitions)
{
	struct event ev;
	struct buf err;
	const struct question *q;

	cr_assert_eq(parse_q(good, &ev, &err), EVENT_JSON_OK, "%s", err.s);
	cr_assert_eq(ev.nquestions, 4);
	q = &ev.questions[0];
	cr_assert_str_eq(q->id, "commitment");
	cr_assert_eq(q->kind, QUESTION_TEXT);
	cr_assert(q->required);
	cr_assert_eq(q->max_length, 20);
	cr_assert_str_eq(l10n_get(&q->help, LANG_PT), "Which one");
	cr_assert_eq(ev.questions[1].kind, QUESTION_YESNO);
	cr_assert_eq(ev.questions[1].max_length, QUESTION_TEXT_DEFAULT);
	q = &ev.questions[2];
	cr_assert_eq(q->kind, QUESTION_CHOICE);
	cr_assert(q->multiple);
	cr_assert_not(q->required);
	cr_assert_eq(q->noptions, 2);
	cr_assert_str_eq(q->options[1].key, "cso");
	cr_assert_str_eq(
	    l10n_get(&q->options[1].label, LANG_ES), "Civil society");
	q = &ev.questions[3];
	cr_assert_not(q->multiple);
	cr_assert_eq(q->nformats, 1);
	cr_assert(question_applies(q, "panel"));
	cr_assert_not(question_applies(q, "workshop"));
	cr_assert(question_applies(&ev.questions[0], "workshop"));
	cr_assert_eq(event_question_find(&ev, "audience"), 2);
	cr_assert_eq(event_question_find(&ev, "nope"), -1);
	event_release(&ev);
	buf_release(&err);
}

Test(questions_parse, demo_event_asks_three)
{
	struct event ev;
	struct buf err;
	char *text;
	size_t len;

	cr_assert_eq(read_file("data/events/ogp-americas-2017.json",
			 EVENT_JSON_MAX_BYTES, &text, &len),
	    READ_OK);
	event_init(&ev);
	buf_init(&err, 0);
	cr_assert_eq(event_json_parse(text, len, "ogp.json", &ev, &err),
	    EVENT_JSON_OK, "%s", err.s);
	cr_assert_eq(ev.nquestions, 3);
	cr_assert_str_eq(ev.questions[0].id, "ogp-commitment");
	cr_assert_eq(ev.questions[1].kind, QUESTION_YESNO);
	cr_assert_not(ev.questions[1].required);
	cr_assert_eq(ev.questions[2].kind, QUESTION_CHOICE);
	free(text);
	event_release(&ev);
	buf_release(&err);
}

struct bad_q {
	const char *questions;
	const char *msg;
};

static const struct bad_q bad[] = {
	{ "{\"id\": \"a\", \"kind\": \"essay\", \"label\": " L3("A") "}\n",
	    "q.json:14:21: cfp.questions[0].kind: unknown kind 'essay': "
	    "expected \"text\", \"choice\" or \"yesno\"" },
	{ "{\"id\": \"a\", \"kind\": \"yesno\", \"label\": " L3(
	      "A") "},\n"
		   "{\"id\": \"a\", \"kind\": \"text\", \"label\": " L3(
		       "B") "}\n",
	    "q.json:15:8: cfp.questions[1]: duplicate id 'a'" },
	{ "{\"id\": \"a\", \"kind\": \"choice\", \"label\": " L3("A") "}\n",
	    "q.json:14:1: cfp.questions[0]: a choice question needs "
	    "'options'" },
	{ "{\"id\": \"a\", \"kind\": \"choice\", \"options\": [], "
	  "\"label\": " L3("A") "}\n",
	    "q.json:14:42: cfp.questions[0].options: empty list" },
	{ "{\"id\": \"a\", \"kind\": \"yesno\"}\n",
	    "q.json:14:1: cfp.questions[0]: missing field 'label'" },
	{ "{\"id\": \"a\", \"kind\": \"yesno\", \"label\": {\"es\": \"A\", "
	  "\"en\": \"A\"}}\n",
	    "q.json:14:39: cfp.questions[0].label: missing language 'pt'" },
	{ "{\"id\": \"A b\", \"kind\": \"yesno\", \"label\": " L3("A") "}\n",
	    "q.json:14:8: cfp.questions[0].id: expected an id: 1 to 48 of "
	    "a-z, 0-9 and '-'" },
	{ "{\"id\": \"a\", \"kind\": \"text\", \"options\": [], \"label\": " L3(
	      "A") "}\n",
	    "q.json:14:29: cfp.questions[0]: 'options' does not apply to a "
	    "text question" },
	{ "{\"id\": \"a\", \"kind\": \"yesno\", \"formats\": [\"talk\"], "
	  "\"label\": " L3("A") "}\n",
	    "q.json:14:42: cfp.questions[0].formats: unknown format 'talk'" },
	{ "{\"id\": \"a\", \"kind\": \"text\", \"max_length\": 0, \"label\": " L3(
	      "A") "}\n",
	    "q.json:14:43: cfp.questions[0].max_length: expected a whole "
	    "number from 1 to 10000" },
	{ "{\"id\": \"a\", \"kind\": \"choice\", \"label\": " L3(
	      "A") ", "
		   "\"options\": [{\"key\": \"x\", \"label\": " L3(
		       "X") "}, "
			    "{\"key\": \"x\", \"label\": " L3("Y") "}]}\n",
	    NULL /* checked by substring below */ },
	{ "{\"id\": \"a\", \"kind\": \"yesno\", \"label\": " L3(
	      "A") ", "
		   "\"colour\": 1}\n",
	    NULL },
};

Test(questions_parse, bad_definitions_are_refused_with_where)
{
	struct event ev;
	struct buf err;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		cr_assert_eq(parse_q(bad[i].questions, &ev, &err),
		    EVENT_JSON_INVALID, "case %zu parsed", i);
		if (bad[i].msg != NULL)
			cr_assert_str_eq(
			    err.s, bad[i].msg, "case %zu: %s", i, err.s);
		cr_assert_eq(ev.nquestions, 0, "case %zu left data", i);
		cr_assert_null(ev.slug);
		buf_release(&err);
		event_release(&ev);
	}
	cr_assert_eq(parse_q(bad[10].questions, &ev, &err), EVENT_JSON_INVALID);
	cr_assert_not_null(
	    strstr(err.s, "cfp.questions[0].options[1]: duplicate key 'x'"),
	    "%s", err.s);
	buf_release(&err);
	cr_assert_eq(parse_q(bad[11].questions, &ev, &err), EVENT_JSON_INVALID);
	cr_assert_not_null(
	    strstr(err.s, "cfp.questions[0]: unknown field 'colour'"), "%s",
	    err.s);
	buf_release(&err);
}

Test(questions_parse, too_many)
{
	struct event ev;
	struct buf qs, err;
	int i;

	buf_init(&qs, 0);
	for (i = 0; i <= QUESTIONS_MAX; i++)
		buf_addf(&qs,
		    "%s{\"id\": \"q%d\", \"kind\": \"yesno\", \"label\": " L3(
			"A") "}\n",
		    i ? "," : "", i);
	cr_assert_eq(parse_q(qs.s, &ev, &err), EVENT_JSON_INVALID);
	cr_assert_not_null(
	    strstr(err.s, "cfp.questions: more than 30 questions"), "%s",
	    err.s);
	buf_release(&qs);
	buf_release(&err);
	event_release(&ev);
}

Test(questions_check, answers_by_kind)
{
	struct event ev;
	struct buf err;
	const struct question *text, *yn, *multi, *single;

	cr_assert_eq(parse_q(good, &ev, &err), EVENT_JSON_OK, "%s", err.s);
	text = &ev.questions[0];
	yn = &ev.questions[1];
	multi = &ev.questions[2];
	single = &ev.questions[3];
	/* required only when submitting */
	cr_assert_eq(question_check(text, "", false), QUESTION_OK);
	cr_assert_eq(question_check(text, "", true), QUESTION_MISSING);
	cr_assert_eq(question_check(multi, "", true), QUESTION_OK);
	/* max_length counts characters, drafts too */
	cr_assert_eq(
	    question_check(text, "ñññññññññññññññññññ", true), QUESTION_OK);
	cr_assert_eq(question_check(text, "ñññññññññññññññññññññ", false),
	    QUESTION_TOO_LONG);
	cr_assert_eq(question_check(yn, "yes", true), QUESTION_OK);
	cr_assert_eq(question_check(yn, "no", true), QUESTION_OK);
	cr_assert_eq(question_check(yn, "maybe", false), QUESTION_BAD_CHOICE);
	cr_assert_eq(question_check(multi, "gov,cso", true), QUESTION_OK);
	cr_assert_eq(question_check(multi, "cso", true), QUESTION_OK);
	cr_assert_eq(
	    question_check(multi, "gov,gov", true), QUESTION_BAD_CHOICE);
	cr_assert_eq(question_check(multi, "gov,", true), QUESTION_BAD_CHOICE);
	cr_assert_eq(
	    question_check(multi, "press", false), QUESTION_BAD_CHOICE);
	cr_assert_eq(question_check(single, "big", true), QUESTION_OK);
	cr_assert_eq(
	    question_check(single, "big,small", true), QUESTION_BAD_CHOICE);
	cr_assert(question_chosen("gov,cso", "cso"));
	cr_assert_not(question_chosen("gov,cso", "cs"));
	cr_assert_not(question_chosen("", "gov"));
	cr_assert_str_eq(question_kind_name(QUESTION_YESNO), "yesno");
	event_release(&ev);
	buf_release(&err);
}

/* ---- the store ---- */

static struct test_db db;

static void
setup(void)
{
	test_db_make(&db, "q", false);
}

static void
teardown(void)
{
	test_db_remove(&db);
}

/* A submitted panel in Spanish titled TITLE, no answers yet. */
static void
new_proposal(struct cfp_proposal *p, int64_t event_id, const char *title)
{
	memset(p, 0, sizeof(*p));
	p->event_id = event_id;
	p->title = xstrdup(title);
	p->format = xstrdup("panel");
	p->language = xstrdup("es");
	p->status = PROPOSAL_SUBMITTED;
}

TestSuite(questions_store, .init = setup, .fini = teardown);

Test(questions_store, definitions_and_answers_round_trip)
{
	struct store *st = NULL;
	struct event ev, back, fewer;
	struct cfp_proposal p, got;
	struct cfp_answer_row *rows = NULL;
	struct buf msg, err;
	size_t nrows = 0;
	bool created;

	buf_init(&msg, 0);
	cr_assert_eq(store_open(db.path, STORE_CREATE, &st, &msg), STORE_OK,
	    "%s", msg.s);
	cr_assert_eq(parse_q(good, &ev, &err), EVENT_JSON_OK, "%s", err.s);
	cr_assert_eq(
	    store_event_save(st, &ev, &created, &msg), STORE_OK, "%s", msg.s);
	event_init(&back);
	cr_assert_eq(store_event_load(st, "mini", &back), STORE_OK);
	cr_assert_eq(back.nquestions, 4);
	cr_assert_str_eq(back.questions[0].id, "commitment");
	cr_assert_eq(back.questions[0].max_length, 20);
	cr_assert(back.questions[0].required);
	cr_assert_str_eq(
	    l10n_get(&back.questions[0].help, LANG_EN), "Which one");
	cr_assert_eq(back.questions[2].kind, QUESTION_CHOICE);
	cr_assert(back.questions[2].multiple);
	cr_assert_eq(back.questions[2].noptions, 2);
	cr_assert_str_eq(back.questions[2].options[0].key, "gov");
	cr_assert_str_eq(l10n_get(&back.questions[2].options[1].label, LANG_PT),
	    "Civil society");
	cr_assert_eq(back.questions[3].nformats, 1);
	cr_assert_str_eq(back.questions[3].formats[0], "panel");

	/* a submitted proposal with answers */
	new_proposal(&p, ev.id, "T");
	cfp_answer_set(&p, "commitment", "AR04");
	cfp_answer_set(&p, "co-created", "yes");
	cfp_answer_set(&p, "audience", "gov,cso");
	cfp_answer_set(&p, "co-created", "no"); /* replaces */
	cr_assert_eq(p.nanswers, 3);
	cr_assert_eq(store_cfp_save(st, &p, 0, "create", NULL, &msg), STORE_OK,
	    "%s", msg.s);
	cr_assert_eq(store_cfp_load(st, ev.id, p.id, &got), STORE_OK);
	cr_assert_eq(got.nanswers, 3);
	cr_assert_str_eq(cfp_answer_get(&got, "co-created"), "no");
	cr_assert_str_eq(cfp_answer_get(&got, "audience"), "gov,cso");
	cr_assert_str_eq(cfp_answer_get(&got, "room"), "");
	cfp_proposal_release(&got);

	/* the question leaves the file: its answer stays */
	cr_assert_eq(parse_q("{\"id\": \"co-created\", \"kind\": \"yesno\", "
			     "\"label\": " L3("Co?") "}\n",
			 &fewer, &err),
	    EVENT_JSON_OK, "%s", err.s);
	cr_assert_eq(store_event_save(st, &fewer, &created, &msg), STORE_OK);
	cr_assert_not(created);
	/* an edit that only knows the remaining question, clearing it */
	cfp_answer_set(&p, "co-created", "");
	free(p.answers[0].question);
	free(p.answers[0].value);
	free(p.answers[2].question);
	free(p.answers[2].value);
	p.answers[0] = p.answers[1];
	p.nanswers = 1;
	cr_assert_eq(store_cfp_save(st, &p, 0, "update", NULL, &msg), STORE_OK,
	    "%s", msg.s);
	cr_assert_eq(store_cfp_load(st, ev.id, p.id, &got), STORE_OK);
	cr_assert_eq(got.nanswers, 2);
	cr_assert_str_eq(cfp_answer_get(&got, "commitment"), "AR04");
	cr_assert_str_eq(cfp_answer_get(&got, "audience"), "gov,cso");
	cr_assert_str_eq(cfp_answer_get(&got, "co-created"), "");
	cfp_proposal_release(&got);
	cr_assert_eq(store_cfp_answers(st, ev.id, &rows, &nrows), STORE_OK);
	cr_assert_eq(nrows, 2);
	cr_assert_str_eq(rows[0].question, "audience");
	cr_assert_eq(rows[0].proposal_id, p.id);
	cfp_answer_rows_free(rows, nrows);
	event_release(&back);
	cr_assert_eq(store_event_load(st, "mini", &back), STORE_OK);
	cr_assert_eq(back.nquestions, 1);

	cfp_proposal_release(&p);
	event_release(&back);
	event_release(&fewer);
	event_release(&ev);
	buf_release(&err);
	buf_release(&msg);
	store_close(st);
}

/* ---- "reviewers": who besides the organisers reads an answer ---- */

Test(questions_parse, reviewers_flag)
{
	struct event ev;
	struct buf err;

	cr_assert_eq(parse_q(good, &ev, &err), EVENT_JSON_OK, "%s", err.s);
	cr_assert(ev.questions[0].reviewers, "true when absent");
	cr_assert(ev.questions[3].reviewers);
	event_release(&ev);
	buf_release(&err);
	cr_assert_eq(
	    parse_q("{\"id\": \"a\", \"kind\": \"yesno\", "
		    "\"reviewers\": false, \"label\": " L3(
			"A") "},\n"
			     "{\"id\": \"b\", \"kind\": \"text\", "
			     "\"reviewers\": true, \"label\": " L3("B") "}\n",
		&ev, &err),
	    EVENT_JSON_OK, "%s", err.s);
	cr_assert_not(ev.questions[0].reviewers);
	cr_assert(ev.questions[1].reviewers);
	event_release(&ev);
	buf_release(&err);
	cr_assert_eq(parse_q("{\"id\": \"a\", \"kind\": \"yesno\", "
			     "\"reviewers\": \"no\", \"label\": " L3("A") "}\n",
			 &ev, &err),
	    EVENT_JSON_INVALID);
	cr_assert_str_eq(err.s,
	    "q.json:14:43: cfp.questions[0].reviewers: expected true or false");
	cr_assert_eq(ev.nquestions, 0);
	event_release(&ev);
	buf_release(&err);
}

Test(questions_store, reviewers_flag_and_one_proposals_answers)
{
	struct store *st = NULL;
	struct event ev, back;
	struct cfp_proposal p, other;
	struct cfp_answer_row *rows = NULL;
	struct buf msg, err;
	size_t n = 0;
	bool created;

	buf_init(&msg, 0);
	cr_assert_eq(store_open(db.path, STORE_CREATE, &st, &msg), STORE_OK,
	    "%s", msg.s);
	cr_assert_eq(parse_q("{\"id\": \"a\", \"kind\": \"text\", "
			     "\"reviewers\": false, \"label\": " L3(
				 "A") "},\n"
				      "{\"id\": \"b\", \"kind\": \"yesno\", "
				      "\"label\": " L3("B") "}\n",
			 &ev, &err),
	    EVENT_JSON_OK, "%s", err.s);
	cr_assert_eq(
	    store_event_save(st, &ev, &created, &msg), STORE_OK, "%s", msg.s);
	event_init(&back);
	cr_assert_eq(store_event_load(st, "mini", &back), STORE_OK);
	cr_assert_eq(back.nquestions, 2);
	cr_assert_not(back.questions[0].reviewers);
	cr_assert(back.questions[1].reviewers);
	event_release(&back);

	new_proposal(&p, ev.id, "T");
	cfp_answer_set(&p, "b", "yes");
	cfp_answer_set(&p, "a", "AR04");
	cr_assert_eq(store_cfp_save(st, &p, 0, "create", NULL, &msg), STORE_OK,
	    "%s", msg.s);
	new_proposal(&other, ev.id, "U");
	cfp_answer_set(&other, "b", "no");
	cr_assert_eq(store_cfp_save(st, &other, 0, "create", NULL, &msg),
	    STORE_OK, "%s", msg.s);

	cr_assert_eq(
	    store_question_answers(st, ev.id, p.id, &rows, &n), STORE_OK);
	cr_assert_eq(n, 2);
	cr_assert_str_eq(rows[0].question, "a");
	cr_assert_str_eq(rows[0].value, "AR04");
	cr_assert_str_eq(rows[1].value, "yes");
	cr_assert_eq(rows[1].proposal_id, p.id);
	cfp_answer_rows_free(rows, n);
	/* a proposal of another event has none here */
	cr_assert_eq(
	    store_question_answers(st, ev.id + 1, p.id, &rows, &n), STORE_OK);
	cr_assert_eq(n, 0);
	cfp_answer_rows_free(rows, n);

	cfp_proposal_release(&p);
	cfp_proposal_release(&other);
	event_release(&ev);
	buf_release(&err);
	buf_release(&msg);
	store_close(st);
}

/* ---- the demo's answers ---- */

Test(questions_demo, most_answered_valid_and_reproducible)
{
	struct demo_params dp = { .seed = 2017, .proposals = 300 };
	struct population pop;
	struct event ev;
	char **a, **b, **c;
	size_t nq, i, k, answered = 0, several = 0, total;

	test_event_load(OGP_FILE, &ev);
	nq = ev.nquestions;
	cr_assert_eq(nq, 3);
	memset(&pop, 0, sizeof(pop));
	demo_generate(&ev, &dp, &pop);
	total = pop.nproposals * nq;
	a = demo_answers(&ev, &pop, dp.seed);
	b = demo_answers(&ev, &pop, dp.seed);
	c = demo_answers(&ev, &pop, dp.seed + 1);
	for (i = 0; i < total; i++) {
		const struct question *q = &ev.questions[i % nq];

		cr_assert((a[i] == NULL) == (b[i] == NULL), "answer %zu", i);
		if (a[i] == NULL)
			continue;
		cr_assert_str_eq(a[i], b[i], "same seed, same answer");
		cr_assert_eq(question_check(q, a[i], true), QUESTION_OK,
		    "'%s' to '%s'", a[i], q->id);
		answered++;
		several += strchr(a[i], ',') != NULL;
	}
	/* about four in five, and the choice of several has several */
	cr_assert_gt(answered, total * 7 / 10, "%zu of %zu", answered, total);
	cr_assert_lt(answered, total * 9 / 10, "%zu of %zu", answered, total);
	cr_assert_gt(several, pop.nproposals / 10);
	for (k = 0, i = 0; i < total; i++)
		k += (a[i] == NULL) != (c[i] == NULL) ||
		    (a[i] != NULL && strcmp(a[i], c[i]) != 0);
	cr_assert_gt(k, total / 4, "another seed, other answers");
	/* the answers in the proposal's language: "Plan de acción ..." */
	for (i = 0; i < pop.nproposals; i++)
		if (a[i * nq] != NULL && strcmp(a[i * nq], "ninguno") != 0 &&
		    pop.proposals[i].language == LANG_ES)
			cr_assert_not_null(strstr(a[i * nq], "Plan de acción"),
			    "%s", a[i * nq]);
	demo_answers_free(a, total);
	demo_answers_free(b, total);
	demo_answers_free(c, total);
	population_release(&pop);
	event_release(&ev);
}
