/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * test_classify.c: theme suggestion: zero-shot ranking of hand-written
 * es/pt/en abstracts against the OGP 2017 themes, the linear model on a
 * tiny labelled set, the evaluation measures, the supervised + prior mix,
 * cosine similarity of near-duplicates, and the labelled-text readers.
 */
#include <criterion/criterion.h>
#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "formats/event_json.h"
#include "formats/fosdem_tracks.h"
#include "formats/votainteligente.h"
#include "text/classify.h"
#include "text/index.h"
#include "text/lsa.h"
#include "text/similar.h"
#include "util/util.h"

#define OGP_FILE "data/events/ogp-americas-2017.json"
#define FIX      "tests/fixtures/text/"

static struct event ev;
static struct zeroshot *zs;

static void
ogp_setup(void)
{
	struct buf err;
	char *text;
	size_t len;

	event_init(&ev);
	buf_init(&err, 1024);
	cr_assert_eq(read_file(OGP_FILE, 1 << 22, &text, &len), READ_OK);
	cr_assert_eq(event_json_parse(text, len, OGP_FILE, &ev, &err),
	    EVENT_JSON_OK, "%s", err.s);
	free(text);
	buf_release(&err);
	zs = zeroshot_from_event(&ev);
}

static void
ogp_teardown(void)
{
	zeroshot_free(zs);
	event_release(&ev);
}

/* Key of the best theme for s, and its rank of want (0 = best). */
static size_t
rank_of(const char *s, const char *want, struct analysis *info)
{
	double sc[16];
	long w = event_theme_find(&ev, want);
	size_t r;

	cr_assert_geq(w, 0);
	cr_assert_eq(
	    zeroshot_scores(zs, s, strlen(s), LANG_EN, sc, info), TEXT_OK);
	for (r = 0; r < ev.nthemes; r++)
		if (classify_rank(sc, ev.nthemes, r) == (size_t)w)
			return r;
	return SIZE_MAX;
}

TestSuite(zeroshot, .init = ogp_setup, .fini = ogp_teardown);

Test(zeroshot, spanish)
{
	struct analysis info;

	cr_assert_eq(rank_of("Proponemos un sistema de protección de "
			     "denunciantes de corrupción y de acceso a la "
			     "información pública para fiscalizar el gasto.",
			 "anti-corruption", &info),
	    0);
	cr_assert_eq(info.lang, LANG_ES);
	cr_assert_eq(rank_of("Un portal de datos abiertos y una aplicación "
			     "cívica para que los vecinos sigan el "
			     "presupuesto.",
			 "civic-tech", NULL),
	    0);
	cr_assert_eq(rank_of("Experiencia de un parlamento abierto: el "
			     "Congreso publica sus votaciones y la justicia "
			     "abre sus sentencias.",
			 "open-state", NULL),
	    0);
}

Test(zeroshot, portuguese)
{
	struct analysis info;

	cr_assert_eq(rank_of("Como os governos locais e estaduais trabalham "
			     "com a sociedade civil para melhorar a saúde e "
			     "a educação nos municípios.",
			 "subnational", &info),
	    0);
	cr_assert_eq(info.lang, LANG_PT);
	cr_assert_lt(rank_of("Monitoramento cidadão dos Objetivos de "
			     "Desenvolvimento Sustentável e igualdade de "
			     "gênero.",
			 "sdg", NULL),
	    1);
}

Test(zeroshot, english)
{
	struct analysis info;

	cr_assert_eq(rank_of("Protecting freedom of association and of "
			     "expression: shrinking civic space and how "
			     "civil society takes part in public policy.",
			 "civic-space", &info),
	    0);
	cr_assert_eq(info.lang, LANG_EN);
	cr_assert_eq(rank_of("Lessons from co-creating our OGP national "
			     "action plan with civil society.",
			 "ogp-cocreation", NULL),
	    0);
}

/* Stems cut to AN_PREFIX_CHARS letters meet across derivations and
 * across Spanish and Portuguese; whole stems do not. */
static bool
same_term(
    enum analyzer_flags flags, const char *a, int la, const char *b, int lb)
{
	struct analyzer *an = analyzer_new(flags);
	struct terms x = { 0 }, y = { 0 };
	bool same;

	cr_assert_eq(
	    analyzer_terms(an, a, strlen(a), la, LANG_ES, &x, NULL), TEXT_OK);
	cr_assert_eq(
	    analyzer_terms(an, b, strlen(b), lb, LANG_ES, &y, NULL), TEXT_OK);
	cr_assert_eq(x.n, 1);
	cr_assert_eq(y.n, 1);
	same = x.v[0] == y.v[0];
	terms_release(&x);
	terms_release(&y);
	analyzer_free(an);
	return same;
}

Test(zeroshot, prefix_terms_meet_across_derivations_and_languages)
{
	cr_assert(!same_term(0, "ambiental", LANG_ES, "ambiente", LANG_ES));
	cr_assert(
	    same_term(AN_PREFIX, "ambiental", LANG_ES, "ambiente", LANG_ES));
	cr_assert(
	    same_term(AN_PREFIX, "corrupción", LANG_ES, "corruptos", LANG_ES));
	cr_assert(same_term(
	    AN_PREFIX, "participación", LANG_ES, "participação", LANG_PT));
	cr_assert(
	    !same_term(AN_PREFIX, "ambiental", LANG_ES, "ambición", LANG_ES));
	/* Cut by code points, never inside a UTF-8 sequence. */
	cr_assert(same_term(AN_PREFIX | AN_NO_STEM, "ελευθερία", LANG_EN,
	    "ελευθερος", LANG_EN));
	cr_assert(!same_term(
	    AN_PREFIX | AN_NO_STEM, "ελευθερία", LANG_EN, "ελευσίνα", LANG_EN));
}

Test(zeroshot, derived_words_reach_the_profile)
{
	/* "ambiental", "contaminación ambiental": the SDG profile says
	 * "medio ambiente". */
	cr_assert_lt(rank_of("Reducir el impacto ambiental de la producción "
			     "con educación ambiental en las escuelas.",
			 "sdg", NULL),
	    1);
}

Test(zeroshot, unrelated_or_bad_text_scores_nothing)
{
	double sc[16];
	size_t i;

	cr_assert_eq(zeroshot_scores(zs, "", 0, LANG_ES, sc, NULL), TEXT_OK);
	for (i = 0; i < ev.nthemes; i++)
		cr_assert_eq(sc[i], 0);
	cr_assert_eq(
	    zeroshot_scores(zs, "zzz qqq", 7, LANG_ES, sc, NULL), TEXT_OK);
	classify_normalize(sc, ev.nthemes, 0);
	for (i = 0; i < ev.nthemes; i++)
		cr_assert_eq(sc[i], 0);
	cr_assert_eq(
	    zeroshot_scores(zs, "\xc3(", 2, LANG_ES, sc, NULL), TEXT_ERR_UTF8);
	cr_assert_eq(zeroshot_size(zs), ev.nthemes);
}

/*
 * The unlabelled pool links words: "reciclaje" and "basura" appear with
 * "medio ambiente" in the pool, so a text saying only "reciclaje de
 * basura", which shares no word with any theme, reaches the SDG theme.
 */
Test(zeroshot, pool_links_words_the_profiles_lack)
{
	const char *texts[24];
	double sc[24 * 16], alone[16], sum;
	size_t i, c, k = ev.nthemes;
	long sdg = event_theme_find(&ev, "sdg");

	for (i = 0; i < 10; i++)
		texts[i] = i % 2 ? "Reciclaje de basura para cuidar el medio "
				   "ambiente del barrio."
				 : "Reciclaje y basura: campañas por el medio "
				   "ambiente y contra la contaminación.";
	for (i = 10; i < 20; i++)
		texts[i] = i % 2 ? "Fútbol y deporte en las plazas del barrio."
				 : "Deporte escolar: fútbol y atletismo.";
	texts[20] = "Reciclaje de basura.";
	texts[21] = "zzz qqq";
	texts[22] = "\xc3(";
	texts[23] = "Deporte y fútbol.";
	cr_assert_eq(zeroshot_scores(zs, texts[20], strlen(texts[20]), LANG_ES,
			 alone, NULL),
	    TEXT_OK);
	for (c = 0; c < k; c++)
		cr_assert_eq(alone[c], 0, "BM25 alone sees a shared word");
	zeroshot_pool_scores(zs, texts, 24, LANG_ES, sc);
	cr_assert_eq(classify_rank(sc + 20 * k, k, 0), (size_t)sdg);
	for (i = 0; i < 24; i++) {
		for (sum = 0, c = 0; c < k; c++) {
			cr_assert_geq(sc[i * k + c], 0);
			sum += sc[i * k + c];
		}
		cr_assert(
		    sum == 0 || fabs(sum - 1) < 1e-9, "row %zu: %g", i, sum);
	}
	for (c = 0; c < k; c++)
		cr_assert_eq(sc[22 * k + c], 0, "invalid UTF-8 scores");
	/* Too small a pool: BM25 alone. */
	zeroshot_pool_scores(zs, texts + 20, 4, LANG_ES, sc);
	for (c = 0; c < k; c++)
		cr_assert_eq(sc[c], 0);
}

Test(lsa, latent_directions_of_a_pool)
{
	const char *texts[] = { "agua río lluvia", "agua río", "río lluvia",
		"voto elección urna", "voto urna", "elección urna",
		"lluvia agua" };
	struct analyzer *an = analyzer_new(AN_NO_STEM);
	struct terms t[7] = { 0 }, q = { 0 };
	struct svec x[7] = { 0 }, v = { 0 };
	struct tfidf m;
	struct lsa *l, *l2;
	double a[4], b[4], c[4], cos_ab = 0, cos_ac = 0;
	size_t i, d;

	tfidf_init(&m);
	for (i = 0; i < 7; i++)
		cr_assert_eq(analyzer_terms(an, texts[i], strlen(texts[i]),
				 LANG_ES, LANG_ES, &t[i], NULL),
		    TEXT_OK);
	tfidf_fit(&m, t, 7, 1);
	for (i = 0; i < 7; i++)
		tfidf_vector(&m, &t[i], &x[i]);
	l = lsa_fit(x, 7, 2);
	cr_assert_eq(lsa_dims(l), 2);
	/* "lluvia" alone is close to "agua río", far from "voto urna". */
	cr_assert_eq(
	    analyzer_terms(an, "lluvia", 6, LANG_ES, LANG_ES, &q, NULL),
	    TEXT_OK);
	tfidf_vector(&m, &q, &v);
	lsa_project(l, &v, a);
	lsa_project(l, &x[1], b);
	lsa_project(l, &x[4], c);
	for (d = 0; d < 2; d++) {
		cos_ab += a[d] * b[d];
		cos_ac += a[d] * c[d];
	}
	cr_assert_gt(cos_ab, 0.9, "%g", cos_ab);
	cr_assert_lt(fabs(cos_ac), 0.1, "%g", cos_ac);
	/* Deterministic; more dimensions asked than texts: at most n. */
	l2 = lsa_fit(x, 7, 2);
	lsa_project(l2, &v, c);
	cr_assert_eq(memcmp(a, c, 2 * sizeof(*a)), 0);
	lsa_free(l2);
	l2 = lsa_fit(x, 3, 50);
	cr_assert_leq(lsa_dims(l2), 3);
	lsa_free(l2);
	l2 = lsa_fit(x, 0, 5);
	cr_assert_eq(lsa_dims(l2), 0);
	lsa_free(l2);
	lsa_free(NULL);
	lsa_free(l);
	for (i = 0; i < 7; i++) {
		terms_release(&t[i]);
		svec_release(&x[i]);
	}
	terms_release(&q);
	svec_release(&v);
	tfidf_release(&m);
	analyzer_free(an);
}

Test(zeroshot, suggest_mixes_confirmed_labels_with_prior)
{
	const char *texts[] = {
		"portal de datos abiertos municipales",
		"datos abiertos de presupuesto en formato abierto",
		"ley de protección de denunciantes de corrupción",
		"sanción de la corrupción y rendición de cuentas",
		"un nuevo portal de datos abiertos de compras",
		"zzz",
	};
	int labels[] = { 3, 3, 1, 1, -1, -1 };
	size_t n = ARRAY_SIZE(texts), k = ev.nthemes, i;
	double *sh = xcalloc(n * k, sizeof(*sh));

	cr_assert_str_eq(ev.themes[3].key, "civic-tech");
	cr_assert_str_eq(ev.themes[1].key, "anti-corruption");
	cr_assert_eq(classify_suggest(&ev, texts, labels, n, 1.0, sh), 4);
	cr_assert_eq(classify_rank(sh + 4 * k, k, 0), 3);
	for (i = 0; i < 5; i++) {
		double s = 0;
		size_t c;

		for (c = 0; c < k; c++)
			s += sh[i * k + c];
		cr_assert_float_eq(s, 1.0, 1e-6);
	}
	for (i = 0; i < k; i++) /* nothing known: no suggestion */
		cr_assert_eq(sh[5 * k + i], 0);
	/* No labels: zero-shot only. */
	cr_assert_eq(classify_suggest(&ev, texts, NULL, n, 1.0, sh), 0);
	cr_assert_eq(classify_rank(sh + 2 * k, k, 0), 1);
	free(sh);
}

/* A tiny labelled set: three topics, four texts each. */
static const char *const tiny[][2] = {
	{ "0", "compiler optimisation passes in llvm" },
	{ "0", "register allocation in the compiler backend" },
	{ "0", "llvm backend for a new cpu" },
	{ "0", "compiler frontend and optimisation" },
	{ "1", "postgres database replication" },
	{ "1", "query planner of the database" },
	{ "1", "sql database indexes and replication" },
	{ "1", "postgres query performance" },
	{ "2", "rust memory safety in the kernel" },
	{ "2", "kernel drivers written in rust" },
	{ "2", "linux kernel scheduler" },
	{ "2", "rust async runtime safety" },
};

struct tiny_model {
	struct analyzer *an;
	struct tfidf m;
	struct linear_model lm;
};

static void
tiny_train(struct tiny_model *t)
{
	size_t n = ARRAY_SIZE(tiny), i;
	struct terms *d = xcalloc(n, sizeof(*d));
	struct svec *x = xcalloc(n, sizeof(*x));
	int y[ARRAY_SIZE(tiny)];

	t->an = analyzer_new(AN_BIGRAMS);
	for (i = 0; i < n; i++) {
		cr_assert_eq(
		    analyzer_terms(t->an, tiny[i][1], strlen(tiny[i][1]),
			LANG_EN, LANG_EN, &d[i], NULL),
		    TEXT_OK);
		y[i] = tiny[i][0][0] - '0';
	}
	tfidf_init(&t->m);
	tfidf_fit(&t->m, d, n, 1);
	for (i = 0; i < n; i++) {
		tfidf_vector(&t->m, &d[i], &x[i]);
		cr_assert_float_eq(svec_dot(&x[i], &x[i]), 1.0, 1e-5);
	}
	linear_init(&t->lm);
	linear_train(&t->lm, x, y, n, 4, t->m.dim, NULL);
	for (i = 0; i < n; i++) {
		terms_release(&d[i]);
		svec_release(&x[i]);
	}
	free(d);
	free(x);
}

static size_t
tiny_predict(struct tiny_model *t, const char *s)
{
	struct terms d = { 0 };
	struct svec v = { 0 };
	double sc[4];

	cr_assert_eq(
	    analyzer_terms(t->an, s, strlen(s), LANG_EN, LANG_EN, &d, NULL),
	    TEXT_OK);
	tfidf_vector(&t->m, &d, &v);
	linear_scores(&t->lm, &v, sc);
	terms_release(&d);
	svec_release(&v);
	return classify_rank(sc, 4, 0);
}

Test(linear, learns_a_tiny_set)
{
	struct tiny_model t;

	tiny_train(&t);
	cr_assert_eq(tiny_predict(&t, "an llvm optimisation"), 0);
	cr_assert_eq(tiny_predict(&t, "replication of postgres"), 1);
	cr_assert_eq(tiny_predict(&t, "rust in the linux kernel"), 2);
	/* Class 3 has no examples: never predicted. */
	cr_assert_lt(t.lm.b[3], 0);
	linear_release(&t.lm);
	tfidf_release(&t.m);
	analyzer_free(t.an);
}

Test(linear, deterministic_and_thread_count_free)
{
	struct svec x[2] = { 0 };
	uint32_t i0[] = { 0, 2 }, i1[] = { 1, 2 };
	float v0[] = { 0.8f, 0.6f }, v1[] = { 0.8f, 0.6f };
	int y[] = { 0, 1 };
	struct linear_model a, b;
	struct linear_opts o;

	x[0] = (struct svec){ i0, v0, 2 };
	x[1] = (struct svec){ i1, v1, 2 };
	linear_opts_default(&o);
	linear_init(&a);
	linear_init(&b);
	o.threads = 1;
	linear_train(&a, x, y, 2, 2, 3, &o);
	o.threads = 4;
	linear_train(&b, x, y, 2, 2, 3, &o);
	cr_assert_eq(memcmp(a.w, b.w, 6 * sizeof(float)), 0);
	cr_assert_gt(a.w[0], 0);
	cr_assert_lt(a.w[1], 0);
	linear_release(&a);
	linear_release(&b);
	linear_train(&a, x, y, 0, 2, 3, NULL); /* no data: no crash */
	linear_release(&a);
}

Test(classify_eval, top_k_and_macro_f1)
{
	/* 4 texts, 3 classes. */
	const double sc[] = {
		0.9, 0.1, 0.0, /* true 0: top1 */
		0.5, 0.4, 0.1, /* true 1: top2 */
		0.2, 0.3, 0.5, /* true 2: top1 */
		0.6, 0.3, 0.1, /* true 2: top3 */
	};
	const int truth[] = { 0, 1, 2, 2 };
	struct classify_eval e;

	classify_evaluate(sc, truth, 4, 3, &e);
	cr_assert_float_eq(e.top1, 0.5, 1e-9);
	cr_assert_float_eq(e.top3, 1.0, 1e-9);
	/* class 0: tp1 fp2 -> 0.5; class 1: 0; class 2: tp1 fn1 -> 2/3 */
	cr_assert_float_eq(e.macro_f1, (0.5 + 0 + 2.0 / 3) / 3, 1e-9);
	classify_evaluate(sc, truth, 0, 3, &e);
	cr_assert_eq(e.top1, 0);
}

Test(classify_eval, normalize_and_rank)
{
	double s[] = { 1, 3, 3, 0 }, z[] = { 0, 0 }, m[] = { 2, 0 };

	cr_assert_eq(classify_rank(s, 4, 0), 1);
	cr_assert_eq(classify_rank(s, 4, 1), 2);
	cr_assert_eq(classify_rank(s, 4, 3), 3);
	classify_normalize(s, 4, 0);
	cr_assert_float_eq(s[1], 3.0 / 7, 1e-12);
	classify_normalize(z, 2, 0);
	cr_assert_eq(z[0], 0);
	classify_normalize(m, 2, 1);
	cr_assert_float_eq(m[0] + m[1], 1, 1e-12);
	cr_assert_gt(m[0], m[1]);
}

static void
vec_of(
    struct analyzer *an, const struct tfidf *m, const char *s, struct svec *v)
{
	struct terms t = { 0 };

	cr_assert_eq(
	    analyzer_terms(an, s, strlen(s), -1, LANG_ES, &t, NULL), TEXT_OK);
	tfidf_vector(m, &t, v);
	terms_release(&t);
}

Test(similar, near_duplicates_group)
{
	const char *docs[] = {
		"Ley de protección de denunciantes de corrupción en el "
		"sector público",
		"Ley de protección a los denunciantes de la corrupción en el "
		"sector público.",
		"Portal de datos abiertos para el presupuesto municipal",
		"Huertos urbanos y reciclaje en los barrios",
	};
	size_t n = ARRAY_SIZE(docs), i, group[4], sizes[4], np;
	struct analyzer *an = analyzer_new(AN_BIGRAMS);
	struct terms t[4] = { 0 };
	struct svec v[4] = { 0 };
	struct tfidf m;
	struct sim_pair *pairs;

	for (i = 0; i < n; i++)
		cr_assert_eq(analyzer_terms(an, docs[i], strlen(docs[i]), -1,
				 LANG_ES, &t[i], NULL),
		    TEXT_OK);
	tfidf_init(&m);
	tfidf_fit(&m, t, n, 1);
	for (i = 0; i < n; i++)
		vec_of(an, &m, docs[i], &v[i]);
	cr_assert_gt(similar_cosine(&v[0], &v[1]), 0.8);
	cr_assert_lt(similar_cosine(&v[0], &v[2]), 0.2);
	cr_assert_float_eq(similar_cosine(&v[3], &v[3]), 1.0, 1e-5);
	cr_assert_eq(similar_groups(v, n, 0.6, group, sizes), 1);
	cr_assert_eq(group[0], group[1]);
	cr_assert_neq(group[0], group[2]);
	cr_assert_eq(sizes[group[0]], 2);
	similar_pairs(v, n, 0.6, 0, &pairs, &np);
	cr_assert_eq(np, 1);
	cr_assert_eq(pairs[0].a, 0);
	cr_assert_eq(pairs[0].b, 1);
	free(pairs);
	/* A lower threshold the organiser moves groups more. */
	similar_pairs(v, n, 0.0, 2, &pairs, &np);
	cr_assert_eq(np, 2);
	cr_assert_geq(pairs[0].sim, pairs[1].sim);
	free(pairs);
	for (i = 0; i < n; i++) {
		terms_release(&t[i]);
		svec_release(&v[i]);
	}
	tfidf_release(&m);
	analyzer_free(an);
}

Test(similar, complete_linkage_does_not_chain)
{
	/* a~b and b~c at 0.71, a and c orthogonal. */
	uint32_t ia[] = { 0 }, ib[] = { 0, 1 }, ic[] = { 1 };
	float va[] = { 1 }, vb[] = { 0.70710678f, 0.70710678f }, vc[] = { 1 };
	struct svec x[3];
	size_t group[3], sizes[3];

	x[0] = (struct svec){ ia, va, 1 };
	x[1] = (struct svec){ ib, vb, 2 };
	x[2] = (struct svec){ ic, vc, 1 };
	cr_assert_gt(similar_cosine(&x[0], &x[1]), 0.7);
	cr_assert_gt(similar_cosine(&x[1], &x[2]), 0.7);
	cr_assert_eq(similar_cosine(&x[0], &x[2]), 0);
	cr_assert_eq(similar_groups(x, 3, 0.6, group, sizes), 1);
	cr_assert_eq(sizes[group[1]], 2);
	cr_assert_neq(group[0], group[2]);
}

Test(similar, vectors_of_texts)
{
	const char *t[] = { "Huertos urbanos en los barrios",
		"Huertos urbanos para los barrios", "caf\xc3" };
	struct svec *v;

	similar_vectors(t, 3, LANG_ES, &v);
	cr_assert_gt(similar_cosine(&v[0], &v[1]), 0.5);
	cr_assert_eq(v[2].n, 0);
	svec_release(&v[0]);
	svec_release(&v[1]);
	svec_release(&v[2]);
	free(v);
}

Test(text_formats, votainteligente_csv)
{
	struct labelled_docs d;
	struct buf err;

	labelled_docs_init(&d);
	buf_init(&err, 1024);
	cr_assert(votainteligente_read(FIX "votainteligente-8.csv", &d, &err),
	    "%s", err.s);
	cr_assert_eq(d.n, 8);
	cr_assert_str_eq(d.v[0].label, "medioambiente");
	cr_assert_not_null(strstr(d.v[0].text, "Conciencia Ambiental"));
	cr_assert_not(votainteligente_read(FIX "nope.csv", &d, &err));
	cr_assert_not_null(strstr(err.s, "nope.csv"));
	labelled_docs_release(&d);
	buf_release(&err);
}

Test(text_formats, fosdem_xml)
{
	struct labelled_docs d;
	struct buf err;

	labelled_docs_init(&d);
	buf_init(&err, 1024);
	cr_assert(
	    fosdem_tracks_read(FIX "fosdem-2025-3.xml", &d, &err), "%s", err.s);
	cr_assert_eq(d.n, 3);
	cr_assert_str_eq(d.v[0].label, "LLVM");
	cr_assert_str_eq(d.v[2].label, "GCC (GNU Toolchain)");
	cr_assert_not_null(strstr(d.v[0].text, "Callee-Saved Registers"));
	/* The abstract's markup is text here; the analyzer strips it. */
	cr_assert_not_null(strstr(d.v[0].text, "<p>"));
	cr_assert_not(
	    fosdem_tracks_read(FIX "votainteligente-8.csv", &d, &err));
	cr_assert_not_null(strstr(err.s, "not well-formed"));
	labelled_docs_release(&d);
	buf_release(&err);
}
