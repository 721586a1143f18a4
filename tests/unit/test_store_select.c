/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * test_store_select.c: balanced selection and decisions in the store
 * (issue 6): a run is saved and confirmed into decisions (accepted,
 * waitlisted in score order, rejected), pins are honoured, a declining
 * submitter's slot goes to the first waitlisted proposal of the same
 * kind, decision mails are queued once each in the recipient's language,
 * and merged proposals follow their joint session.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "solve/select.h"
#include "store/store.h"
#include "store/store_account.h"
#include "store/store_proposal.h"
#include "store/store_select.h"
#include "store_fixture.h"
#include "util/rng.h"
#include "util/util.h"

#define NPROP 60
#define NREV  6

static struct test_db db;
static struct store *st;
static struct event ev;
static struct cfp_row *rows;
static size_t nrows;
static int64_t organiser;

/* Every proposal reviewed by three of six reviewers, with seeded scores;
 * the last two proposals get no review. */
static void
seed_reviews(void)
{
	int64_t rev[NREV];
	struct rng r;
	size_t i, k;

	for (i = 0; i < NREV; i++) {
		char mail[64];
		int64_t acc;
		struct account a;

		snprintf(mail, sizeof(mail), "reviewer%zu@example.org", i);
		cr_assert_eq(store_account_create(st, mail, "Reviewer", NULL,
				 false, true, &acc, NULL),
		    STORE_OK);
		cr_assert_eq(store_account_get(st, acc, &a), STORE_OK);
		rev[i] = a.person_id;
		account_release(&a);
	}
	rng_seed(&r, 42);
	for (i = 0; i + 2 < nrows; i++)
		for (k = 0; k < 3; k++)
			cr_assert_eq(store_review_put(st, rows[i].id,
					 rev[(i + k) % NREV],
					 1 + (double)rng_below(&r, 41) / 10,
					 (int)rng_below(&r, 6)),
			    STORE_OK);
}

static void
setup(void)
{
	struct cfp_filter f = { 0 };
	struct account a;
	int64_t acc;

	test_db_make(&db, "stsel", false);
	st = test_db_open(&db);
	test_event_store(st, OGP_FILE, &ev);
	test_demo_store(st, &ev, NPROP, 10);
	cr_assert_eq(store_cfp_list(st, ev.id, &f, &rows, &nrows), STORE_OK);
	cr_assert_eq(nrows, NPROP);
	cr_assert_eq(store_account_create(st, "org@example.org", "Organiser",
			 NULL, false, true, &acc, NULL),
	    STORE_OK);
	cr_assert_eq(store_account_get(st, acc, &a), STORE_OK);
	organiser = a.person_id;
	account_release(&a);
	seed_reviews();
}

static void
teardown(void)
{
	cfp_rows_free(rows, nrows);
	store_close(st);
	event_release(&ev);
	test_db_remove(&db);
}

TestSuite(store_select, .init = setup, .fini = teardown);

/* Loads with s, solves, and checks the result is optimal. */
static void
solve(const struct select_settings *s, struct store_selection *sel,
    struct sel_result *res)
{
	struct buf msg;

	buf_init(&msg, 0);
	cr_assert_eq(
	    store_select_load(st, &ev, s, sel, &msg), STORE_OK, "%s", msg.s);
	buf_release(&msg);
	sel_result_init(res);
	cr_assert_eq(select_solve(&sel->in, &sel->q, NULL, res), SEL_OPTIMAL,
	    "%s", res->message ? res->message : "");
}

static const struct decision_row *
row_of(const struct decision_row *v, size_t n, int64_t id)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (v[i].id == id)
			return &v[i];
	cr_assert_fail("no row for proposal %lld", (long long)id);
	return NULL;
}

/* Saves and confirms a run with a capacity of 12 room-slots, 3 on the
 * waitlist; returns the run's id. */
static int64_t
confirm_run(struct store_selection *sel, struct sel_result *res)
{
	struct select_settings s;
	int64_t run;
	struct buf msg;

	select_settings_init(&s, &ev);
	s.capacity = 12;
	s.waitlist = 3;
	solve(&s, sel, res);
	cr_assert_eq(
	    store_select_run_save(st, &ev, sel, res, &s, organiser, &run),
	    STORE_OK);
	buf_init(&msg, 0);
	cr_assert_eq(store_select_run_confirm(st, &ev, run, 3, organiser, &msg),
	    STORE_OK, "%s", msg.s);
	buf_release(&msg);
	select_settings_release(&s);
	return run;
}

Test(store_select, settings_round_trip)
{
	struct select_settings s, back;

	select_settings_init(&s, &ev);
	s.min_women = 0.45;
	s.min_mixed = 0.5;
	s.min_countries = 7;
	s.max_per_org = 2;
	s.max_per_speaker = 1;
	s.capacity = 40;
	s.waitlist = 5;
	s.theme_min[1] = 3;
	s.format_max[0] = 9;
	cr_assert_eq(
	    store_select_settings_save(st, &ev, &s, organiser), STORE_OK);
	cr_assert_eq(store_select_settings_load(st, &ev, &back), STORE_OK);
	cr_assert_float_eq(back.min_women, 0.45, 1e-12);
	cr_assert_float_eq(back.min_mixed, 0.5, 1e-12);
	cr_assert_eq(back.min_countries, 7);
	cr_assert_eq(back.max_per_org, 2);
	cr_assert_eq(back.max_per_speaker, 1);
	cr_assert_eq(back.capacity, 40);
	cr_assert_eq(back.waitlist, 5);
	cr_assert_eq(back.theme_min[1], 3);
	cr_assert_eq(back.theme_max[1], -1);
	cr_assert_eq(back.theme_min[0], 0);
	cr_assert_eq(back.format_max[0], 9);
	cr_assert_eq(back.format_min[0], 0);
	select_settings_release(&s);
	select_settings_release(&back);
}

Test(store_select, instance_from_reviews_and_grid)
{
	struct select_settings s;
	struct store_selection sel;
	struct sel_result res;
	struct select_summary sum;
	size_t i;

	select_settings_init(&s, &ev);
	s.capacity = 12;
	solve(&s, &sel, &res);
	/* two proposals have no review and are left out */
	cr_assert_eq(sel.in.nitems, NPROP - 2);
	cr_assert_eq(sel.unreviewed, 2);
	cr_assert_eq(sel.minutes_capacity, 12L * sel.slot_minutes);
	cr_assert_gt(sel.in.ncountries, 1);
	for (i = 0; i < sel.in.nitems; i++) {
		cr_assert_eq(sel.nreviews[i], 3);
		cr_assert_gt(sel.items[i].score, 0);
		cr_assert_gt(sel.items[i].nspeakers, 0);
	}
	select_summary(&sel, res.accepted, &sum);
	cr_assert_eq(sum.naccepted, res.naccepted);
	cr_assert_leq(sum.minutes_used, sel.minutes_capacity);
	cr_assert_gt(sum.naccepted, 0);
	select_summary_release(&sum);
	sel_result_release(&res);
	store_selection_release(&sel);
	select_settings_release(&s);
}

Test(store_select, run_saved_and_confirmed)
{
	struct store_selection sel;
	struct sel_result res;
	struct select_run run;
	struct decision_row *v;
	size_t n, i, acc = 0, wl = 0, rej = 0;
	int64_t id;
	bool seen_rank[4] = { false };
	struct buf msg;

	id = confirm_run(&sel, &res);
	cr_assert_eq(store_select_run_latest(st, ev.id, &run), STORE_OK);
	cr_assert_eq(run.id, id);
	cr_assert_str_eq(run.status, "confirmed");
	cr_assert_eq(run.naccepted, res.naccepted);
	cr_assert_str_eq(run.glpk_status, "optimal");
	select_run_release(&run);
	cr_assert_eq(store_decisions(st, ev.id, &v, &n), STORE_OK);
	for (i = 0; i < sel.in.nitems; i++) {
		const struct decision_row *r = row_of(v, n, sel.proposal_id[i]);

		cr_assert_not_null(r->decision);
		if (res.accepted[i]) {
			cr_assert_str_eq(r->decision, "accept");
			cr_assert_str_eq(r->status, "accepted");
			acc++;
		} else if (strcmp(r->decision, "waitlist") == 0) {
			cr_assert_str_eq(r->status, "waitlisted");
			cr_assert(r->rank >= 1 && r->rank <= 3);
			seen_rank[r->rank] = true;
			wl++;
		} else {
			cr_assert_str_eq(r->decision, "reject");
			cr_assert_str_eq(r->status, "rejected");
			rej++;
		}
	}
	cr_assert_eq(acc, res.naccepted);
	cr_assert_eq(wl, 3);
	cr_assert(seen_rank[1] && seen_rank[2] && seen_rank[3]);
	cr_assert_eq(acc + wl + rej, sel.in.nitems);
	/* the waitlist holds the best-scored proposals not accepted */
	for (i = 0; i < sel.in.nitems; i++) {
		const struct decision_row *r = row_of(v, n, sel.proposal_id[i]);
		size_t j;

		if (strcmp(r->decision, "reject") != 0)
			continue;
		for (j = 0; j < sel.in.nitems; j++)
			if (strcmp(row_of(v, n, sel.proposal_id[j])->decision,
				"waitlist") == 0)
				cr_assert_geq(sel.z[j], sel.z[i]);
	}
	/* unreviewed proposals get no decision */
	cr_assert_null(row_of(v, n, rows[nrows - 1].id)->decision);
	decision_rows_free(v, n);
	/* a confirmed run cannot be confirmed again */
	buf_init(&msg, 0);
	cr_assert_eq(store_select_run_confirm(st, &ev, id, 3, organiser, &msg),
	    STORE_ERR_CONSTRAINT);
	cr_assert(strstr(msg.s, "not a proposal") != NULL, "%s", msg.s);
	buf_release(&msg);
	sel_result_release(&res);
	store_selection_release(&sel);
}

Test(store_select, decisions_are_audit_logged)
{
	struct store_selection sel;
	struct sel_result res;
	struct cfp_change *h;
	size_t n, i;
	bool found = false;

	confirm_run(&sel, &res);
	cr_assert_eq(
	    store_cfp_history(st, ev.id, sel.proposal_id[0], &h, &n), STORE_OK);
	for (i = 0; i < n; i++)
		if (strcmp(h[i].action, "decision") == 0 &&
		    strstr(h[i].detail, "\"run\"") != NULL)
			found = true;
	cr_assert(found);
	cfp_history_free(h, n);
	sel_result_release(&res);
	store_selection_release(&sel);
}

Test(store_select, pins_honoured)
{
	struct select_settings s;
	struct store_selection sel;
	struct sel_result res;
	size_t i, best = 0, worst = 0;
	int64_t unreviewed = rows[nrows - 1].id;
	bool found = false;

	select_settings_init(&s, &ev);
	s.capacity = 12;
	solve(&s, &sel, &res);
	for (i = 0; i < sel.in.nitems; i++) {
		if (sel.z[i] > sel.z[best])
			best = i;
		if (sel.z[i] < sel.z[worst])
			worst = i;
	}
	cr_assert(res.accepted[best]);
	cr_assert_not(res.accepted[worst]);
	cr_assert_eq(store_select_pin(st, ev.id, sel.proposal_id[best],
			 SEL_PIN_REJECT, organiser),
	    STORE_OK);
	cr_assert_eq(store_select_pin(st, ev.id, sel.proposal_id[worst],
			 SEL_PIN_ACCEPT, organiser),
	    STORE_OK);
	cr_assert_eq(
	    store_select_pin(st, ev.id, unreviewed, SEL_PIN_ACCEPT, organiser),
	    STORE_OK);
	cr_assert_eq(
	    store_select_pin(st, ev.id, 999999, SEL_PIN_ACCEPT, organiser),
	    STORE_ERR_NOTFOUND);
	sel_result_release(&res);
	store_selection_release(&sel);

	solve(&s, &sel, &res);
	cr_assert_eq(sel.in.nitems, NPROP - 1); /* the pinned one is in */
	for (i = 0; i < sel.in.nitems; i++) {
		if (sel.proposal_id[i] == unreviewed) {
			found = true;
			cr_assert_eq(sel.nreviews[i], 0);
			cr_assert(res.accepted[i]);
		}
		if (sel.pin[i] == SEL_PIN_ACCEPT)
			cr_assert(res.accepted[i]);
		if (sel.pin[i] == SEL_PIN_REJECT)
			cr_assert_not(res.accepted[i]);
	}
	cr_assert(found);
	sel_result_release(&res);
	store_selection_release(&sel);
	/* removing a pin */
	cr_assert_eq(
	    store_select_pin(st, ev.id, unreviewed, SEL_PIN_NONE, organiser),
	    STORE_OK);
	solve(&s, &sel, &res);
	cr_assert_eq(sel.in.nitems, NPROP - 2);
	sel_result_release(&res);
	store_selection_release(&sel);
	select_settings_release(&s);
}

static size_t
outbox_count(const char *needle)
{
	struct outbox_mail *m;
	size_t n, i, k = 0;

	cr_assert_eq(store_outbox_list(st, &m, &n), STORE_OK);
	for (i = 0; i < n; i++)
		if (needle == NULL || strstr(m[i].subject, needle) != NULL ||
		    strstr(m[i].to, needle) != NULL)
			k++;
	outbox_list_free(m, n);
	return k;
}

Test(store_select, notifications_queued_once_in_language)
{
	struct store_selection sel;
	struct sel_result res;
	struct cfp_proposal pr;
	struct profile pf;
	struct outbox_mail *m;
	size_t n, i, queued, again, first_acc = SEL_NONE;
	int64_t owner;
	bool pt = false;

	/* the first accepted proposal's submitter reads Portuguese */
	confirm_run(&sel, &res);
	for (i = 0; i < sel.in.nitems && first_acc == SEL_NONE; i++)
		if (res.accepted[i])
			first_acc = i;
	cr_assert_neq(first_acc, SEL_NONE);
	cr_assert_eq(store_cfp_load(st, ev.id, sel.proposal_id[first_acc], &pr),
	    STORE_OK);
	cr_assert_eq(store_proposal_submitter(
			 st, ev.id, sel.proposal_id[first_acc], &owner),
	    STORE_OK);
	cr_assert_eq(store_profile_get(st, owner, &pf), STORE_OK);
	free(pf.languages);
	pf.languages = xstrdup("pt,es");
	cr_assert_eq(store_profile_save(st, owner, &pf), STORE_OK);

	cr_assert_eq(outbox_count(NULL), 0);
	cr_assert_eq(store_select_notify(st, &ev, "https://x.example", &queued),
	    STORE_OK);
	cr_assert_gt(queued, sel.in.nitems - 1); /* one per speaker at least */
	cr_assert_eq(outbox_count(NULL), queued);
	cr_assert_eq(store_select_notify(st, &ev, "", &again), STORE_OK);
	cr_assert_eq(again, 0);
	cr_assert_eq(outbox_count(NULL), queued);
	cr_assert_eq(store_outbox_list(st, &m, &n), STORE_OK);
	for (i = 0; i < n; i++)
		if (strcmp(m[i].to, pf.email) == 0 &&
		    strstr(m[i].body, pr.title) != NULL) {
			pt = true;
			cr_assert(
			    strstr(m[i].subject, "Proposta aceita") != NULL,
			    "%s", m[i].subject);
			cr_assert(strstr(m[i].body, "/participation") != NULL);
		}
	cr_assert(pt);
	outbox_list_free(m, n);
	/* a changed decision is mailed again, once */
	cr_assert_eq(store_decide(st, ev.id, sel.proposal_id[first_acc],
			 DECISION_REJECT, organiser, NULL, NULL),
	    STORE_OK);
	cr_assert_eq(store_select_notify(st, &ev, "", &again), STORE_OK);
	cr_assert_eq(again, pr.ncospeakers + 1);
	cr_assert_eq(store_select_notify(st, &ev, "", &again), STORE_OK);
	cr_assert_eq(again, 0);
	profile_release(&pf);
	cfp_proposal_release(&pr);
	sel_result_release(&res);
	store_selection_release(&sel);
}

Test(store_select, decline_promotes_waitlist)
{
	struct store_selection sel;
	struct sel_result res;
	struct decision_row *v;
	struct cfp_proposal pr;
	struct participation part;
	size_t n, i, queued;
	int64_t acc_id = 0, promoted, first_wl = 0, owner;
	struct buf msg;

	confirm_run(&sel, &res);
	cr_assert_eq(store_select_notify(st, &ev, "", &queued), STORE_OK);
	cr_assert_eq(store_decisions(st, ev.id, &v, &n), STORE_OK);
	/* an accepted proposal whose format has a waitlisted peer */
	for (i = 0; i < n && acc_id == 0; i++) {
		size_t j;

		if (v[i].decision == NULL || strcmp(v[i].decision, "accept"))
			continue;
		for (j = 0; j < n; j++)
			if (v[j].rank == 1)
				first_wl = v[j].id;
		acc_id = v[i].id;
	}
	decision_rows_free(v, n);
	cr_assert_neq(acc_id, 0);
	cr_assert_eq(store_cfp_load(st, ev.id, acc_id, &pr), STORE_OK);
	cr_assert_eq(
	    store_proposal_submitter(st, ev.id, acc_id, &owner), STORE_OK);
	cr_assert_eq(
	    store_participation(st, ev.id, acc_id, owner, &part), STORE_OK);
	cr_assert(part.owner);
	cr_assert_str_eq(part.status, "accepted");
	participation_release(&part);
	/* someone else is not a speaker */
	cr_assert_eq(store_participation(st, ev.id, acc_id, organiser, &part),
	    STORE_ERR_NOTFOUND);
	buf_init(&msg, 0);
	cr_assert_eq(store_speaker_answer(st, &ev, acc_id, organiser, false, "",
			 &promoted, &msg),
	    STORE_ERR_NOTFOUND);
	buf_reset(&msg);
	cr_assert_eq(store_speaker_answer(
			 st, &ev, acc_id, owner, false, "", &promoted, &msg),
	    STORE_OK, "%s", msg.s);
	cr_assert_neq(promoted, 0);
	cr_assert_eq(store_decisions(st, ev.id, &v, &n), STORE_OK);
	cr_assert_str_eq(row_of(v, n, acc_id)->status, "withdrawn");
	cr_assert_str_eq(row_of(v, n, promoted)->status, "accepted");
	cr_assert_str_eq(row_of(v, n, promoted)->decision, "accept");
	cr_assert(row_of(v, n, promoted)->notified);
	/* the promoted proposal was the best waitlisted of its kind */
	cr_assert_leq(row_of(v, n, first_wl)->rank, 1);
	decision_rows_free(v, n);
	/* its speakers were mailed at once */
	cr_assert_geq(outbox_count("waitlist"), 1);
	cr_assert_gt(outbox_count(NULL), queued);
	/* a withdrawn proposal cannot be answered again */
	cr_assert_neq(store_speaker_answer(
			  st, &ev, acc_id, owner, true, "", &promoted, &msg),
	    STORE_OK);
	buf_release(&msg);
	cfp_proposal_release(&pr);
	sel_result_release(&res);
	store_selection_release(&sel);
}

Test(store_select, confirm_by_submitter)
{
	struct store_selection sel;
	struct sel_result res;
	struct cfp_proposal pr;
	struct participation part;
	size_t i;
	int64_t id = 0, promoted, owner;

	confirm_run(&sel, &res);
	for (i = 0; i < sel.in.nitems && id == 0; i++)
		if (res.accepted[i])
			id = sel.proposal_id[i];
	cr_assert_eq(store_cfp_load(st, ev.id, id, &pr), STORE_OK);
	cr_assert_eq(store_proposal_submitter(st, ev.id, id, &owner), STORE_OK);
	cr_assert_eq(
	    store_speaker_answer(st, &ev, id, owner, true, "", &promoted, NULL),
	    STORE_OK);
	cr_assert_eq(promoted, 0);
	cr_assert_eq(
	    store_participation(st, ev.id, id, owner, &part), STORE_OK);
	cr_assert_str_eq(part.status, "confirmed");
	cr_assert_str_eq(part.answer, "confirm");
	participation_release(&part);
	cfp_proposal_release(&pr);
	sel_result_release(&res);
	store_selection_release(&sel);
}

Test(store_select, merge_follows_joint_session)
{
	struct decision_row *v;
	size_t n;
	int64_t target = rows[0].id, others[2] = { rows[1].id, rows[2].id };
	struct buf msg;
	size_t queued;

	buf_init(&msg, 0);
	cr_assert_eq(store_merge(st, ev.id, target, others, 2, organiser, &msg),
	    STORE_OK, "%s", msg.s);
	/* merging twice, or into itself, is refused */
	cr_assert_eq(
	    store_merge(st, ev.id, rows[3].id, others, 1, organiser, &msg),
	    STORE_ERR_CONSTRAINT);
	cr_assert_eq(
	    store_merge(st, ev.id, target, &target, 1, organiser, &msg),
	    STORE_ERR_CONSTRAINT);
	cr_assert_eq(store_decide(st, ev.id, others[0], DECISION_ACCEPT,
			 organiser, NULL, &msg),
	    STORE_ERR_CONSTRAINT);
	cr_assert_eq(store_decide(st, ev.id, target, DECISION_ACCEPT, organiser,
			 "joint panel", &msg),
	    STORE_OK, "%s", msg.s);
	cr_assert_eq(store_decisions(st, ev.id, &v, &n), STORE_OK);
	cr_assert_str_eq(row_of(v, n, others[0])->decision, "accept");
	cr_assert_str_eq(row_of(v, n, others[1])->status, "accepted");
	cr_assert_eq(row_of(v, n, others[1])->merged_into, target);
	/* the joint session has everyone's speakers */
	cr_assert_geq(row_of(v, n, target)->nspeakers,
	    row_of(v, n, others[0])->nspeakers + 1);
	decision_rows_free(v, n);
	cr_assert_eq(store_select_notify(st, &ev, "", &queued), STORE_OK);
	cr_assert_gt(queued, 0);
	cr_assert_gt(outbox_count("Proposal accepted"), 0);
	buf_release(&msg);
}
