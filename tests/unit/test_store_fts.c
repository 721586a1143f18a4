/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * test_store_fts.c: the organisers' text search with Snowball stemming
 * (store_fts.c, migration 0008), through store_cfp_list as the list page
 * calls it: stems in Spanish, Portuguese and English, accents, no match
 * for unrelated words, prefixes not stemmed, phrases, query text that
 * would be FTS5 syntax, and the index kept right by the triggers on
 * update and delete (FTS5 'integrity-check' with rank 1, which compares
 * the index with the proposal table and is shown to catch a broken index).
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store/store.h"
#include "store/store_account.h"
#include "store/store_fts.h"
#include "store/store_proposal.h"
#include "store_fixture.h"
#include "util/util.h"

static struct test_db db;
static struct store *st;
static struct event ev;
static int64_t owner;

/* The proposals searched; bit i of a result stands for docs[i]. */
static const struct {
	const char *lang, *title, *abstract, *description;
} docs[] = {
	{ "es", "Transparencia activa en los municipios",
	    "Una propuesta sobre la transparencia de los gobiernos locales y "
	    "la rendición de cuentas ante la ciudadanía.",
	    "Los municipios publican datos abiertos para que los vecinos "
	    "controlen el presupuesto de su ciudad." },
	{ "pt", "Participação social nos orçamentos",
	    "A participação da sociedade civil nas decisões públicas é "
	    "fundamental para o governo aberto.",
	    "Os conselhos municipais de saúde são um exemplo de controle "
	    "social que não depende do governo." },
	{ "en", "Participating in open contracting",
	    "How civil society organisations monitor public procurement and "
	    "the budgets of their cities through open data.",
	    "A workshop for journalists and developers who are working on "
	    "the contracts of the state." },
	{ "es", "Justicia penal y cortes supremas",
	    "El sistema judicial frente a los delitos de corrupción en las "
	    "cortes de la región.",
	    "Jueces y fiscales comparten sus experiencias con los tribunales "
	    "de otros países." },
};
#define NDOCS ARRAY_SIZE(docs)
static int64_t ids[NDOCS];

static void
save(size_t i, int64_t id)
{
	struct cfp_proposal p;
	struct buf msg;

	memset(&p, 0, sizeof(p));
	p.id = id;
	p.event_id = ev.id;
	p.owner_id = owner;
	p.title = xstrdup(docs[i].title);
	p.abstract = xstrdup(docs[i].abstract);
	p.description = xstrdup(docs[i].description);
	p.format = xstrdup("workshop");
	p.theme = xstrdup("open-state");
	p.language = xstrdup(docs[i].lang);
	p.status = PROPOSAL_SUBMITTED;
	buf_init(&msg, 0);
	cr_assert_eq(store_cfp_save(st, &p, owner, "submit", NULL, &msg),
	    STORE_OK, "%s", msg.s);
	ids[i] = p.id;
	buf_release(&msg);
	cfp_proposal_release(&p);
}

static void
setup(void)
{
	struct account a;
	size_t i;
	int64_t acc;

	test_db_make(&db, "fts", false);
	st = test_db_open(&db);
	test_event_store(st, OGP_FILE, &ev);
	cr_assert_eq(store_account_create(st, "ana@example.org", "Ana", NULL,
			 false, true, &acc, NULL),
	    STORE_OK);
	cr_assert_eq(store_account_get(st, acc, &a), STORE_OK);
	owner = a.person_id;
	account_release(&a);
	for (i = 0; i < NDOCS; i++)
		save(i, 0);
}

static void
teardown(void)
{
	store_close(st);
	event_release(&ev);
	test_db_remove(&db);
}

TestSuite(store_fts, .init = setup, .fini = teardown);

/* Bit i set when docs[i] matches q (on connection s). */
static unsigned
search_on(struct store *s, const char *q)
{
	struct cfp_filter f = { 0 };
	struct cfp_row *rows;
	unsigned hits = 0;
	size_t n, i, k;

	f.query = q;
	cr_assert_eq(
	    store_cfp_list(s, ev.id, &f, &rows, &n), STORE_OK, "query '%s'", q);
	for (i = 0; i < n; i++)
		for (k = 0; k < NDOCS; k++)
			if (rows[i].id == ids[k])
				hits |= 1u << k;
	cfp_rows_free(rows, n);
	return hits;
}

static unsigned
search(const char *q)
{
	return search_on(st, q);
}

#define ES_TRANSP 1u /* docs[0] */
#define PT_PARTIC 2u /* docs[1] */
#define EN_CONTR  4u /* docs[2] */
#define ES_JUST   8u /* docs[3] */

static void
integrity_ok(void)
{
	struct buf msg;

	buf_init(&msg, 0);
	cr_assert_eq(store_exec_trusted(st,
			 "INSERT INTO proposal_fts(proposal_fts, rank) "
			 "VALUES ('integrity-check', 1)",
			 &msg),
	    STORE_OK, "%s", msg.s);
	buf_release(&msg);
}

Test(store_fts, spanish_stems)
{
	/* Neither is a prefix of the other: only the stem joins them. */
	cr_expect_eq(search("transparente"), ES_TRANSP);
	cr_expect_eq(search("rendiciones"), ES_TRANSP);
	cr_expect_eq(search("presupuestos"), ES_TRANSP);
	cr_expect_eq(search("controlan"), ES_TRANSP);
	cr_expect_eq(search("judiciales"), ES_JUST);
	cr_expect_eq(search("regiones"), ES_JUST);
}

Test(store_fts, portuguese_stems_and_accents)
{
	cr_expect_eq(search("participação"), PT_PARTIC);
	cr_expect_eq(search("participacao"), PT_PARTIC);
	cr_expect_eq(search("PARTICIPAÇÕES"), PT_PARTIC);
	cr_expect_eq(search("governos"), PT_PARTIC);
	cr_expect_eq(search("dependem"), PT_PARTIC);
	cr_expect_eq(search("orcamento"), PT_PARTIC);
}

Test(store_fts, english_stems)
{
	cr_expect_eq(search("participation"), EN_CONTR);
	cr_expect_eq(search("participate"), EN_CONTR);
	cr_expect_eq(search("contract"), EN_CONTR);
	cr_expect_eq(search("monitoring"), EN_CONTR);
	cr_expect_eq(search("worked"), EN_CONTR);
	cr_expect_eq(search("city"), EN_CONTR);
}

Test(store_fts, accents_and_case_fold)
{
	cr_expect_eq(search("RENDICION"), ES_TRANSP);
	cr_expect_eq(search("rendición"), ES_TRANSP);
	cr_expect_eq(search("publicas") & PT_PARTIC, PT_PARTIC);
	cr_expect_eq(search("SAÚDE"), PT_PARTIC);
	cr_expect_eq(search("CORRUPCIÓN"), ES_JUST);
}

Test(store_fts, no_false_positives)
{
	cr_expect_eq(search("transparente"), ES_TRANSP);
	cr_expect_eq(search("salud"), 0);
	cr_expect_eq(search("elecciones"), 0);
	cr_expect_eq(
	    search("tribunal") & (ES_TRANSP | PT_PARTIC | EN_CONTR), 0);
	cr_expect_eq(search("contracting") & ES_JUST, 0);
	/* every word must match: two proposals' words give none */
	cr_expect_eq(search("transparente jueces"), 0);
	cr_expect_eq(search("transparente municipio"), ES_TRANSP);
}

Test(store_fts, prefixes)
{
	/* a bare word also matches words it begins (as you type) */
	cr_expect_eq(search("transp"), ES_TRANSP);
	cr_expect_eq(search("procure"), EN_CONTR);
	/* word* is a prefix only, never stemmed */
	cr_expect_eq(search("transpar*"), ES_TRANSP);
	cr_expect_eq(search("transparente*"), 0);
	cr_expect_eq(search("zzq*"), 0);
	cr_expect_eq(search("fisc* jue*"), ES_JUST);
}

Test(store_fts, phrases)
{
	cr_expect_eq(search("\"datos abiertos\""), ES_TRANSP);
	cr_expect_eq(search("\"abiertos datos\""), 0);
	/* each word of a phrase is stemmed */
	cr_expect_eq(search("\"dato abierto\""), ES_TRANSP);
	cr_expect_eq(search("\"open data\""), EN_CONTR);
	/* an unclosed quote runs to the end */
	cr_expect_eq(search("\"open data"), EN_CONTR);
}

Test(store_fts, fts5_syntax_is_just_text)
{
	static const char *const odd[] = { "AND", "OR NOT", "(", ")",
		"NEAR(a b)", "title:x", "\"", "\"\"", "*", "***", "-", "^a",
		"a OR", "datos\"abiertos", "{title}: x", "x + y", "'" };
	size_t i;

	for (i = 0; i < ARRAY_SIZE(odd); i++)
		(void)search(odd[i]); /* STORE_OK is asserted inside */
	/* "OR" is a word, not an operator: nothing contains it */
	cr_expect_eq(search("transparente OR justicia"), 0);
}

Test(store_fts, update_and_delete_keep_the_index)
{
	struct store *other;
	struct buf msg;
	char sql[96];

	/* An edit (the proposal's update trigger) moves its words. */
	save(3, ids[3]);
	cr_assert_eq(search("jueces"), ES_JUST);
	{
		struct cfp_proposal p;

		cr_assert_eq(store_cfp_load(st, ev.id, ids[3], &p), STORE_OK);
		free(p.title);
		p.title = xstrdup("Transparencia judicial");
		free(p.description);
		p.description = xstrdup("Sentencias publicadas en línea.");
		buf_init(&msg, 0);
		cr_assert_eq(store_cfp_save(st, &p, owner, "edit", NULL, &msg),
		    STORE_OK, "%s", msg.s);
		buf_release(&msg);
		cfp_proposal_release(&p);
	}
	cr_expect_eq(search("transparente"), ES_TRANSP | ES_JUST);
	cr_expect_eq(search("jueces"), 0);
	cr_expect_eq(search("sentencia"), ES_JUST);
	integrity_ok();

	/* Another connection (another worker thread) sees the same. */
	buf_init(&msg, 0);
	cr_assert_eq(
	    store_open(db.path, 0, &other, &msg), STORE_OK, "%s", msg.s);
	cr_expect_eq(search_on(other, "sentencias"), ES_JUST);
	store_close(other);

	/* A delete (the delete trigger) takes its words away. */
	snprintf(sql, sizeof(sql), "DELETE FROM proposal WHERE id = %lld",
	    (long long)ids[3]);
	cr_assert_eq(store_exec_trusted(st, sql, &msg), STORE_OK, "%s", msg.s);
	cr_expect_eq(search("transparente"), ES_TRANSP);
	cr_expect_eq(search("sentencia"), 0);
	integrity_ok();
	buf_release(&msg);
}

Test(store_fts, integrity_check_catches_a_broken_index)
{
	struct buf msg;
	char sql[200];

	integrity_ok();
	/* Take a row out of the index but not out of proposal. */
	snprintf(sql, sizeof(sql),
	    "INSERT INTO proposal_fts(proposal_fts, rowid, title, abstract, "
	    "description) SELECT 'delete', id, title, abstract, description "
	    "FROM proposal WHERE id = %lld",
	    (long long)ids[0]);
	buf_init(&msg, 0);
	cr_assert_eq(store_exec_trusted(st, sql, &msg), STORE_OK, "%s", msg.s);
	cr_expect_neq(store_exec_trusted(st,
			  "INSERT INTO proposal_fts(proposal_fts, rank) "
			  "VALUES ('integrity-check', 1)",
			  &msg),
	    STORE_OK);
	cr_expect(strstr(msg.s, "malformed") != NULL, "%s", msg.s);
	cr_expect_eq(search("transparente"), 0);
	/* 'rebuild', as migration 0008 does, mends it. */
	cr_assert_eq(store_exec_trusted(st,
			 "INSERT INTO proposal_fts(proposal_fts) "
			 "VALUES ('rebuild')",
			 &msg),
	    STORE_OK, "%s", msg.s);
	integrity_ok();
	cr_expect_eq(search("transparente"), ES_TRANSP);
	buf_release(&msg);
}

Test(store_fts, text_refused_by_the_tokenizer_still_indexes)
{
	/* Invalid UTF-8 and a NUL cannot come through the forms, but a row
	 * must never fail to index: the clean pieces are indexed. */
	struct buf msg;
	char sql[256];

	snprintf(sql, sizeof(sql),
	    "UPDATE proposal SET description = CAST(X'6d756e69636970616c"
	    "6573ff00c3a97869746f20206a756469636961' AS TEXT) "
	    "WHERE id = %lld",
	    (long long)ids[1]);
	buf_init(&msg, 0);
	cr_assert_eq(store_exec_trusted(st, sql, &msg), STORE_OK, "%s", msg.s);
	integrity_ok();
	cr_expect_eq(search("exito") & PT_PARTIC, PT_PARTIC);
	cr_expect_eq(search("judicia") & PT_PARTIC, PT_PARTIC);
	buf_release(&msg);
}

Test(store_fts, migration_rebuilds_an_old_index)
{
	struct buf msg;

	/* The index as schema 7 had it: unicode61, no stems; nor the
	 * column 0009 adds. */
	buf_init(&msg, 0);
	cr_assert_eq(store_exec_trusted(st,
			 "ALTER TABLE cfp_question DROP COLUMN reviewers;"
			 "DROP TABLE proposal_fts;"
			 "CREATE VIRTUAL TABLE proposal_fts USING fts5(title, "
			 "abstract, description, content='proposal', "
			 "content_rowid='id', "
			 "tokenize='unicode61 remove_diacritics 2');"
			 "INSERT INTO proposal_fts(proposal_fts) "
			 "VALUES ('rebuild');"
			 "PRAGMA user_version = 7;",
			 &msg),
	    STORE_OK, "%s", msg.s);
	cr_expect_eq(search("transparente"), 0);
	cr_expect_eq(search("transparencia"), ES_TRANSP);
	store_close(st);
	/* Opening it again applies 0008, which rebuilds the index. */
	cr_assert_eq(store_open(db.path, 0, &st, &msg), STORE_OK, "%s", msg.s);
	cr_expect_eq(store_schema_version(st), store_schema_latest());
	cr_expect_eq(search("transparente"), ES_TRANSP);
	cr_expect_eq(search("participation"), EN_CONTR);
	integrity_ok();
	buf_release(&msg);
}
