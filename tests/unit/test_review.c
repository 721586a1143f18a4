/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * test_review.c: the review form (weighted score), conflict rules and
 * affinity (core/review.c); the event file's review section (strict, with
 * positions); and the store: settings round trip, reviews with version
 * checks (a stale save changes nothing), conflicts that hide a proposal,
 * and an assignment that never drops what exists.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/demo.h"
#include "core/review.h"
#include "formats/event_json.h"
#include "solve/assign.h"
#include "store/store.h"
#include "store/store_account.h"
#include "store/store_proposal.h"
#include "store/store_review.h"
#include "util/util.h"

#define OGP_FILE "data/events/ogp-americas-2017.json"

/* ---- the form ---- */

static void
settings(struct review_settings *rs)
{
	static const char *const keys[] = { "a", "b", "c", "d" };
	static const double weights[] = { 3, 2, 1, 1 };
	size_t i;

	review_settings_init(rs);
	rs->ncriteria = 4;
	rs->criteria = xcalloc(4, sizeof(*rs->criteria));
	for (i = 0; i < 4; i++) {
		rs->criteria[i].key = xstrdup(keys[i]);
		rs->criteria[i].weight = weights[i];
	}
}

Test(review, weighted_score)
{
	struct review_settings rs;
	int s[4] = { 5, 4, 3, 2 };
	double out;
	size_t bad;

	settings(&rs);
	cr_assert_eq(review_weighted_score(&rs, s, &out, &bad), REVIEW_OK);
	cr_assert_float_eq(out, 28.0 / 7.0, 1e-12);
	s[0] = 1;
	cr_assert_eq(review_weighted_score(&rs, s, &out, &bad), REVIEW_OK);
	cr_assert_float_eq(out, (3.0 + 8 + 3 + 2) / 7.0, 1e-12);
	s[2] = 0;
	cr_assert_eq(
	    review_weighted_score(&rs, s, &out, &bad), REVIEW_ERR_MISSING);
	cr_assert_eq(bad, 2);
	s[2] = 6;
	cr_assert_eq(
	    review_weighted_score(&rs, s, &out, &bad), REVIEW_ERR_RANGE);
	cr_assert_eq(bad, 2);
	review_settings_release(&rs);
	cr_assert_eq(
	    review_weighted_score(&rs, s, &out, &bad), REVIEW_ERR_NO_CRITERIA);
}

Test(review, conflicts)
{
	static const int64_t co[] = { 7, 11 };
	static const char *const collab[] = { "Friend@Example.org" };
	struct coi_reviewer r = { .person = 1,
		.organisation = " Red de Datos Abiertos (Chile). ",
		.cospeakers = co,
		.ncospeakers = 2,
		.collaborators = collab,
		.ncollaborators = 1 };
	struct coi_speaker sp[2] = { { 3, "Otra", "x@example.org" },
		{ 4, NULL, NULL } };

	cr_assert_eq(review_conflict(&r, sp, 2), COI_NONE);
	sp[1].person = 1;
	cr_assert_eq(review_conflict(&r, sp, 2), COI_SPEAKER);
	sp[1].person = 4;
	sp[1].organisation = "red de datos abiertos (chile)";
	cr_assert_eq(review_conflict(&r, sp, 2), COI_ORGANISATION);
	sp[1].organisation = "Red de Datos Abiertos (Perú)";
	cr_assert_eq(review_conflict(&r, sp, 2), COI_NONE);
	sp[0].person = 11;
	cr_assert_eq(review_conflict(&r, sp, 2), COI_COSPEAKER);
	sp[0].person = 12;
	sp[1].email = "friend@example.ORG";
	cr_assert_eq(review_conflict(&r, sp, 2), COI_COLLABORATOR);
	cr_assert_eq(review_conflict(&r, sp, 0), COI_NONE);
	cr_assert(!review_same_organisation(NULL, "x"));
	cr_assert(!review_same_organisation("", ""));
}

Test(review, affinity_order)
{
	int main_es = review_affinity(EXPERTISE_MAIN, EXPERTISE_NONE, true);
	int sec_es = review_affinity(EXPERTISE_SECONDARY, EXPERTISE_NONE, true);
	int other_es = review_affinity(EXPERTISE_NONE, EXPERTISE_MAIN, true);
	int none_es = review_affinity(EXPERTISE_NONE, EXPERTISE_NONE, true);
	int main_xx = review_affinity(EXPERTISE_MAIN, EXPERTISE_NONE, false);

	cr_assert_gt(main_es, sec_es);
	cr_assert_gt(sec_es, other_es);
	cr_assert_gt(other_es, none_es);
	cr_assert_gt(main_es, main_xx);
	cr_assert_leq(
	    review_affinity(EXPERTISE_MAIN, EXPERTISE_MAIN, true), 200);
	cr_assert_geq(
	    review_affinity(EXPERTISE_NONE, EXPERTISE_NONE, false), -100);
}

Test(review, affinity_text_points)
{
	struct affinity_parts a;
	int base = review_affinity(EXPERTISE_MAIN, EXPERTISE_NONE, true);

	cr_assert_eq(
	    review_affinity_text(EXPERTISE_MAIN, EXPERTISE_NONE, true, 0, &a),
	    base);
	cr_assert_eq(a.text, 0);
	cr_assert_eq(a.base + a.expertise + a.language, base);
	cr_assert_eq(review_affinity_text(
			 EXPERTISE_MAIN, EXPERTISE_NONE, true, 0.304, &a),
	    base + 30);
	cr_assert_eq(a.text, 30);
	cr_assert_eq(a.expertise, 100);
	cr_assert_eq(a.language, 30);
	/* out of range and NaN cosines are clamped, never trusted */
	cr_assert_eq(
	    review_affinity_text(EXPERTISE_MAIN, EXPERTISE_NONE, true, 7.5, &a),
	    base + REVIEW_TEXT_POINTS);
	cr_assert_eq(review_affinity_text(
			 EXPERTISE_MAIN, EXPERTISE_NONE, true, -0.5, NULL),
	    base);
	cr_assert_eq(review_affinity_text(EXPERTISE_MAIN, EXPERTISE_NONE, true,
			 strtod("nan", NULL), &a),
	    base);
	cr_assert_eq(a.text, 0);
	cr_assert_leq(
	    review_affinity_text(EXPERTISE_MAIN, EXPERTISE_MAIN, true, 1, NULL),
	    300);
	cr_assert_geq(review_affinity_text(
			  EXPERTISE_NONE, EXPERTISE_NONE, false, 0, NULL),
	    -100);
}

/* ---- the event file ---- */

static char *
ogp_text(size_t *len)
{
	char *text;

	cr_assert_eq(
	    read_file(OGP_FILE, EVENT_JSON_MAX_BYTES, &text, len), READ_OK);
	return text;
}

/* The OGP file with its review section's first occurrence of from
 * replaced by to, parsed; returns the result and the message. */
static enum event_json_err
parse_edited(const char *from, const char *to, struct buf *err)
{
	struct event ev;
	struct buf b;
	char *text, *at;
	size_t len;
	enum event_json_err e;

	text = ogp_text(&len);
	at = strstr(strstr(text, "\"review\""), from);
	cr_assert_not_null(at, "'%s' not in the review section", from);
	buf_init(&b, 0);
	buf_add(&b, text, (size_t)(at - text));
	buf_addstr(&b, to);
	buf_addstr(&b, at + strlen(from));
	event_init(&ev);
	e = event_json_parse(b.s, b.len, "ogp.json", &ev, err);
	event_release(&ev);
	buf_release(&b);
	free(text);
	return e;
}

Test(review, event_file_section)
{
	struct event ev;
	struct buf err;
	char *text;
	size_t len;

	text = ogp_text(&len);
	event_init(&ev);
	buf_init(&err, 0);
	cr_assert_eq(event_json_parse(text, len, OGP_FILE, &ev, &err),
	    EVENT_JSON_OK, "%s", err.s);
	cr_assert_eq(ev.review.ncriteria, 4);
	cr_assert_str_eq(ev.review.criteria[0].key, "relevance");
	cr_assert_float_eq(ev.review.criteria[0].weight, 3, 1e-12);
	cr_assert_str_eq(l10n_get(&ev.review.criteria[1].name, LANG_PT),
	    "Cocriação entre governo e sociedade civil");
	cr_assert_eq(ev.review.per_proposal, 3);
	cr_assert_eq(ev.review.max_load, 35);
	cr_assert(!ev.review.blind);
	event_release(&ev);
	buf_release(&err);
	free(text);
}

Test(review, event_file_errors)
{
	struct buf err;

	buf_init(&err, 0);
	cr_assert_eq(parse_edited("\"weight\": 3", "\"weight\": 0", &err),
	    EVENT_JSON_INVALID);
	cr_assert(strstr(err.s, "ogp.json:") == err.s, "%s", err.s);
	cr_assert(strstr(err.s,
		      "review.criteria[0].weight: expected a number "
		      "above 0") != NULL,
	    "%s", err.s);
	buf_reset(&err);
	cr_assert_eq(parse_edited("\"key\": \"innovation\"",
			 "\"key\": \"relevance\"", &err),
	    EVENT_JSON_INVALID);
	cr_assert(strstr(err.s,
		      "review.criteria[2]: duplicate key "
		      "'relevance'") != NULL,
	    "%s", err.s);
	buf_reset(&err);
	cr_assert_eq(
	    parse_edited("\"blind\": false",
		"\"blind\": false, \"deadline\": \"2017-13-01T10:00\"", &err),
	    EVENT_JSON_INVALID);
	cr_assert(
	    strstr(err.s, "review.deadline: expected a local time") != NULL,
	    "%s", err.s);
	buf_reset(&err);
	cr_assert_eq(
	    parse_edited("\"max_load\": 35", "\"max_loads\": 35", &err),
	    EVENT_JSON_INVALID);
	cr_assert(strstr(err.s, "review: unknown field 'max_loads'") != NULL,
	    "%s", err.s);
	buf_release(&err);
}

/* ---- the store ---- */

static char tmpdir[64];
static char dbpath[128];

static void
setup(void)
{
	snprintf(tmpdir, sizeof(tmpdir), "/tmp/cabildo-review-XXXXXX");
	cr_assert_not_null(mkdtemp(tmpdir));
	snprintf(dbpath, sizeof(dbpath), "%s/t.db", tmpdir);
}

static void
teardown(void)
{
	static const char *const suffix[] = { "", "-wal", "-shm", "-journal" };
	char p[160];
	size_t i;

	for (i = 0; i < ARRAY_SIZE(suffix); i++) {
		snprintf(p, sizeof(p), "%s%s", dbpath, suffix[i]);
		unlink(p);
	}
	rmdir(tmpdir);
}

/* A demo database: the OGP event, n proposals, r reviewers. */
static struct store *
demo_db(struct event *ev, size_t nprops, size_t nrev)
{
	struct demo_params params = { 11, nprops, 0 };
	struct population pop;
	struct demo_reviewer *revs;
	struct store *st = NULL;
	struct buf msg;
	char *text;
	size_t len;
	bool created;

	text = ogp_text(&len);
	event_init(ev);
	buf_init(&msg, 0);
	cr_assert_eq(
	    event_json_parse(text, len, OGP_FILE, ev, &msg), EVENT_JSON_OK);
	free(text);
	cr_assert_eq(store_open(dbpath, STORE_CREATE, &st, &msg), STORE_OK);
	cr_assert_eq(
	    store_event_save(st, ev, &created, &msg), STORE_OK, "%s", msg.s);
	memset(&pop, 0, sizeof(pop));
	demo_generate(ev, &params, &pop);
	cr_assert_eq(store_population_replace(st, ev, &pop, &msg), STORE_OK);
	revs = demo_reviewers(ev, 11, nrev);
	cr_assert_eq(store_demo_reviewers_replace(st, ev, revs, nrev, &msg),
	    STORE_OK, "%s", msg.s);
	demo_reviewers_free(revs, nrev);
	population_release(&pop);
	buf_release(&msg);
	return st;
}

Test(review_store, settings_round_trip, .init = setup, .fini = teardown)
{
	struct event ev, back;
	struct store *st = demo_db(&ev, 0, 0);
	bool created;

	free(ev.review.deadline);
	ev.review.deadline = xstrdup("2017-09-30T23:59");
	ev.review.blind = true;
	ev.review.max_load = 12;
	cr_assert_eq(store_event_save(st, &ev, &created, NULL), STORE_OK);
	event_init(&back);
	cr_assert_eq(store_event_load(st, ev.slug, &back), STORE_OK);
	cr_assert_str_eq(back.review.deadline, "2017-09-30T23:59");
	cr_assert(back.review.blind);
	cr_assert_eq(back.review.max_load, 12);
	cr_assert_eq(back.review.per_proposal, 3);
	cr_assert_eq(back.review.ncriteria, 4);
	cr_assert_str_eq(back.review.criteria[3].key, "feasibility");
	cr_assert_float_eq(back.review.criteria[1].weight, 2, 1e-12);
	cr_assert_str_eq(l10n_get(&back.review.criteria[0].name, LANG_ES),
	    "Relevancia para el gobierno abierto");
	event_release(&back);
	event_release(&ev);
	store_close(st);
}

static size_t
count_pairs(struct store *st, int64_t event_id)
{
	struct review_pair *pairs;
	size_t n;

	cr_assert_eq(store_review_pairs(st, event_id, &pairs, &n), STORE_OK);
	free(pairs);
	return n;
}

Test(review_store, assign_keeps_and_versions, .init = setup, .fini = teardown)
{
	struct review_assign_report rep;
	struct review_pair *pairs;
	struct review_queue_item *q;
	struct review_proposal prop;
	struct review_data r, back;
	struct event ev;
	struct store *st = demo_db(&ev, 30, 15);
	struct buf msg;
	size_t n, nq, i;
	bool stale;
	int scores[4] = { 5, 4, 3, 2 };

	buf_init(&msg, 0);
	cr_assert_eq(store_review_assign(st, &ev, 2, 6, false, &rep, &msg),
	    STORE_OK, "%s", msg.s);
	cr_assert_eq(rep.status, ASSIGN_OK, "%s", msg.s);
	cr_assert_eq(rep.added, 60);
	cr_assert_eq(count_pairs(st, ev.id), 60);

	/* a review, then a smaller k: nothing is dropped */
	cr_assert_eq(store_review_pairs(st, ev.id, &pairs, &n), STORE_OK);
	memset(&r, 0, sizeof(r));
	r.proposal_id = pairs[0].proposal_id;
	r.reviewer = pairs[0].reviewer;
	r.scores = scores;
	r.nscores = 4;
	r.confidence = 3;
	r.status = REVIEW_DRAFT;
	r.score = 4;
	cr_assert_eq(
	    store_review_save(st, ev.id, &ev.review, &r, &stale), STORE_OK);
	cr_assert(!stale);
	cr_assert_eq(r.version, 1);
	cr_assert_eq(
	    store_review_assign(st, &ev, 1, 6, true, &rep, &msg), STORE_OK);
	cr_assert_eq(rep.status, ASSIGN_OK, "%s", msg.s);
	cr_assert_eq(rep.added, 0);
	cr_assert_eq(rep.kept, 60);
	cr_assert_eq(count_pairs(st, ev.id), 60);

	/* a stale save changes nothing; the current version saves */
	r.version = 0;
	r.confidence = 1;
	cr_assert_eq(
	    store_review_save(st, ev.id, &ev.review, &r, &stale), STORE_OK);
	cr_assert(stale);
	cr_assert_eq(
	    store_review_get(st, &ev.review, r.proposal_id, r.reviewer, &back),
	    STORE_OK);
	cr_assert_eq(back.confidence, 3);
	cr_assert_eq(back.version, 1);
	cr_assert_eq(back.scores[1], 4);
	review_data_release(&back);
	r.version = 1;
	r.status = REVIEW_SUBMITTED;
	cr_assert_eq(
	    store_review_save(st, ev.id, &ev.review, &r, &stale), STORE_OK);
	cr_assert(!stale);
	cr_assert_eq(r.version, 2);
	/* a submitted review stays submitted */
	r.status = REVIEW_DRAFT;
	cr_assert_eq(
	    store_review_save(st, ev.id, &ev.review, &r, &stale), STORE_OK);
	cr_assert_eq(
	    store_review_get(st, &ev.review, r.proposal_id, r.reviewer, &back),
	    STORE_OK);
	cr_assert_eq(back.status, REVIEW_SUBMITTED);
	cr_assert_float_eq(back.score, 4, 1e-12);
	review_data_release(&back);
	/* submitting without every score is refused */
	scores[2] = 0;
	r.status = REVIEW_SUBMITTED;
	r.version = 3;
	cr_assert_eq(store_review_save(st, ev.id, &ev.review, &r, &stale),
	    STORE_ERR_CONSTRAINT);

	/* a declared conflict hides the proposal from its reviewer */
	i = 1;
	cr_assert_eq(store_review_proposal(st, ev.id, pairs[i].reviewer,
			 pairs[i].proposal_id, &prop),
	    STORE_OK);
	review_proposal_release(&prop);
	cr_assert_eq(store_conflict_declare(st, ev.id, pairs[i].proposal_id,
			 pairs[i].reviewer, CONFLICT_ORGANISER, "family"),
	    STORE_OK);
	cr_assert_eq(store_review_proposal(st, ev.id, pairs[i].reviewer,
			 pairs[i].proposal_id, &prop),
	    STORE_ERR_NOTFOUND);
	cr_assert_eq(store_review_queue(st, ev.id, pairs[i].reviewer, &q, &nq),
	    STORE_OK);
	for (n = 0; n < nq; n++)
		cr_assert_neq(q[n].proposal_id, pairs[i].proposal_id);
	review_queue_free(q, nq);
	/* and the pair is never assigned again */
	cr_assert_eq(
	    store_review_assign(st, &ev, 2, 6, false, &rep, &msg), STORE_OK);
	cr_assert_eq(rep.status, ASSIGN_OK, "%s", msg.s);
	cr_assert_eq(store_review_proposal(st, ev.id, pairs[i].reviewer,
			 pairs[i].proposal_id, &prop),
	    STORE_ERR_NOTFOUND);
	free(pairs);
	buf_release(&msg);
	event_release(&ev);
	store_close(st);
}

Test(review_store, infeasible_saves_nothing, .init = setup, .fini = teardown)
{
	struct review_assign_report rep;
	struct event ev;
	struct store *st = demo_db(&ev, 20, 4);
	struct buf msg;

	buf_init(&msg, 0);
	cr_assert_eq(
	    store_review_assign(st, &ev, 3, 5, false, &rep, &msg), STORE_OK);
	cr_assert_eq(rep.status, ASSIGN_INFEASIBLE);
	cr_assert(strstr(msg.s, "proposals") != NULL, "%s", msg.s);
	cr_assert_eq(count_pairs(st, ev.id), 0);
	buf_release(&msg);
	event_release(&ev);
	store_close(st);
}

Test(review_store, auto_conflicts, .init = setup, .fini = teardown)
{
	struct reviewer_profile *revs;
	struct conflict_row *c;
	struct event ev;
	struct store *st = demo_db(&ev, 200, 30);
	size_t n, nc, i, found;

	/* demo reviewers share organisations with some demo speakers */
	cr_assert_eq(
	    store_conflicts_refresh(st, ev.id, &found, NULL), STORE_OK);
	cr_assert_gt(found, 0);
	cr_assert_eq(store_conflict_list(st, ev.id, &c, &nc), STORE_OK);
	cr_assert_eq(nc, found);
	for (i = 0; i < nc; i++) {
		cr_assert_eq(c[i].source, CONFLICT_AUTO);
		cr_assert_str_eq(c[i].reason, "organisation");
	}
	conflict_list_free(c, nc);
	cr_assert_eq(store_reviewer_list(st, &ev, &revs, &n), STORE_OK);
	cr_assert_eq(n, 30);
	for (i = 0; i < n; i++) {
		size_t t, main_n = 0;

		for (t = 0; t < revs[i].nthemes; t++)
			main_n += revs[i].expertise[t] == EXPERTISE_MAIN;
		cr_assert_geq(main_n, 1);
		cr_assert(revs[i].synthetic);
	}
	reviewer_list_free(revs, n);
	event_release(&ev);
	store_close(st);
}

static const struct review_fit *
fit_of(const struct review_fit *list, size_t n, int64_t person)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (list[i].reviewer == person)
			return &list[i];
	cr_assert_fail("reviewer %lld not in the list", (long long)person);
	return NULL;
}

/*
 * Two reviewers alike in everything but their bio: the one whose bio
 * speaks of a proposal's subject has the higher affinity for it, and the
 * assignment (one reviewer per proposal) gives that proposal to them.
 */
Test(review_store, text_similarity_raises_affinity, .init = setup,
    .fini = teardown)
{
	struct review_assign_report rep;
	struct review_fit *list;
	struct review_pair *pairs;
	struct cfp_proposal cp;
	struct profile pf;
	struct event ev;
	struct store *st = demo_db(&ev, 12, 0);
	const struct review_fit *ana, *bea;
	int64_t acc, pa, pb, id;
	size_t n, i;
	bool created, ana_has = false, bea_has = false;
	char bio[4096];

	cr_assert_eq(store_reviewer_invite(st, ev.id, "ana@example.org", "Ana",
			 &acc, &pa, &created, NULL),
	    STORE_OK);
	cr_assert_eq(store_reviewer_invite(st, ev.id, "bea@example.org", "Bea",
			 &acc, &pb, &created, NULL),
	    STORE_OK);
	/* the first sent proposal */
	for (id = 1; id < 100; id++) {
		if (store_review_fit(st, &ev, id, &list, &n) == STORE_OK)
			break;
	}
	cr_assert_lt(id, 100);
	review_fit_list_free(list, n);
	cr_assert_eq(
	    store_review_fit(st, &ev, 999999, &list, &n), STORE_ERR_NOTFOUND);

	memset(&cp, 0, sizeof(cp));
	cr_assert_eq(store_cfp_load(st, ev.id, id, &cp), STORE_OK);
	snprintf(bio, sizeof(bio), "I work on this: %s. %s", cp.title,
	    cp.abstract != NULL ? cp.abstract : "");
	cfp_proposal_release(&cp);
	memset(&pf, 0, sizeof(pf));
	cr_assert_eq(store_profile_get(st, pa, &pf), STORE_OK);
	free(pf.bio);
	pf.bio = xstrdup(bio);
	cr_assert_eq(store_profile_save(st, pa, &pf), STORE_OK);
	profile_release(&pf);

	cr_assert_eq(store_review_fit(st, &ev, id, &list, &n), STORE_OK);
	cr_assert_eq(n, 2);
	ana = fit_of(list, n, pa);
	bea = fit_of(list, n, pb);
	/* all else equal */
	cr_assert_eq(ana->parts.expertise, bea->parts.expertise);
	cr_assert_eq(ana->parts.language, bea->parts.language);
	cr_assert(!ana->conflict && !bea->conflict);
	/* the text makes the difference */
	cr_assert_gt(ana->parts.cosine, 0.1, "cosine %g", ana->parts.cosine);
	cr_assert_eq(bea->parts.text, 0);
	cr_assert_gt(ana->affinity, bea->affinity);
	cr_assert_eq(ana->affinity,
	    ana->parts.base + ana->parts.expertise + ana->parts.language +
		ana->parts.text);
	cr_assert_eq(list[0].reviewer, pa, "best first");
	review_fit_list_free(list, n);

	cr_assert_eq(
	    store_review_assign(st, &ev, 1, 100, false, &rep, NULL), STORE_OK);
	cr_assert_eq(rep.status, ASSIGN_OK);
	cr_assert_eq(store_review_pairs(st, ev.id, &pairs, &n), STORE_OK);
	for (i = 0; i < n; i++) {
		if (pairs[i].proposal_id != id)
			continue;
		ana_has |= pairs[i].reviewer == pa;
		bea_has |= pairs[i].reviewer == pb;
	}
	free(pairs);
	cr_assert(ana_has && !bea_has);
	event_release(&ev);
	store_close(st);
}
