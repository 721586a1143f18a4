/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * test_tokenize.c: the first steps of the text pipeline: folding (accents
 * removed for matching, the source kept for display), HTML skipping, bad
 * input, stop words, Snowball stems for es/en/pt, language detection.
 */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "text/index.h"
#include "text/lang_detect.h"
#include "text/stem.h"
#include "text/tokenize.h"
#include "util/util.h"

static struct tokens tk;

static void
tk_setup(void)
{
	tokens_init(&tk);
}

static void
tk_teardown(void)
{
	tokens_release(&tk);
}

#define TOK(s, f) tokenize((s), strlen(s), (f), &tk)

TestSuite(tokenize, .init = tk_setup, .fini = tk_teardown);

Test(tokenize, folds_accents_and_case_keeps_source)
{
	const char *s = "Participación CIDADÃ, ñandú; Ärger straße";

	cr_assert_eq(TOK(s, 0), TEXT_OK);
	cr_assert_eq(tk.n, 5);
	cr_assert_str_eq(tokens_word(&tk, 0), "participacion");
	cr_assert_str_eq(tokens_word(&tk, 1), "cidada");
	cr_assert_str_eq(tokens_word(&tk, 2), "nandu");
	cr_assert_str_eq(tokens_word(&tk, 3), "arger");
	cr_assert_str_eq(tokens_word(&tk, 4), "strasse");
	/* The source span is the word as written, accents and all. */
	cr_assert_eq(tk.v[0].off, 0);
	cr_assert_eq(tk.v[0].len, strlen("Participación"));
	cr_assert_eq(strncmp(s + tk.v[1].off, "CIDADÃ", tk.v[1].len), 0);
	cr_assert_eq(tk.marks[LANG_ES], 1); /* ñ */
	cr_assert_eq(tk.marks[LANG_PT], 1); /* Ã */
}

Test(tokenize, drops_short_and_digit_words)
{
	cr_assert_eq(TOK("a y 2017 o x ODS16 dos", 0), TEXT_OK);
	cr_assert_eq(tk.n, 2);
	cr_assert_str_eq(tokens_word(&tk, 0), "ods16");
	cr_assert_str_eq(tokens_word(&tk, 1), "dos");
	cr_assert_eq(TOK("2017 ok", TOK_KEEP_DIGITS), TEXT_OK);
	cr_assert_eq(tk.n, 2);
}

Test(tokenize, strips_html_and_entities)
{
	cr_assert_eq(TOK("<p class=\"x\">Acceso a la informaci&oacute;n"
			 "</p><br/>&amp;&#233;tica &#x63;ivic 3 < 4",
			 TOK_STRIP_HTML),
	    TEXT_OK);
	cr_assert_eq(tk.n, 5);
	cr_assert_str_eq(tokens_word(&tk, 0), "acceso");
	cr_assert_str_eq(tokens_word(&tk, 1), "la");
	cr_assert_str_eq(tokens_word(&tk, 2), "informacion");
	cr_assert_str_eq(tokens_word(&tk, 3), "etica");
	cr_assert_str_eq(tokens_word(&tk, 4), "civic");
	/* Without the flag, tags are just words. */
	cr_assert_eq(TOK("<p>hola</p>", 0), TEXT_OK);
	cr_assert_eq(tk.n, 1); /* "p" is one letter; "hola" */
}

Test(tokenize, bad_input_is_an_error_never_a_crash)
{
	char *big = xmalloc(TEXT_MAX + 2);

	cr_assert_eq(tokenize("", 0, 0, &tk), TEXT_OK);
	cr_assert_eq(tk.n, 0);
	cr_assert_eq(TOK(" \t\n.,;!?¿¡ — … ", 0), TEXT_OK);
	cr_assert_eq(tk.n, 0);
	cr_assert_eq(tokenize("ab\0cd", 5, 0, &tk), TEXT_ERR_NUL);
	cr_assert_eq(tk.n, 0);
	cr_assert_eq(TOK("caf\xc3", 0), TEXT_ERR_UTF8);
	cr_assert_eq(TOK("\xff\xfe binary \x80", 0), TEXT_ERR_UTF8);
	cr_assert_eq(TOK("\xed\xa0\x80", 0), TEXT_ERR_UTF8); /* surrogate */
	memset(big, 'a', TEXT_MAX + 1);
	big[TEXT_MAX + 1] = '\0';
	cr_assert_eq(tokenize(big, TEXT_MAX + 1, 0, &tk), TEXT_ERR_TOOBIG);
	/* One huge word is dropped, not kept. */
	cr_assert_eq(tokenize(big, TEXT_MAX, 0, &tk), TEXT_OK);
	cr_assert_eq(tk.n, 0);
	free(big);
	cr_assert_str_eq(text_strerror(TEXT_ERR_UTF8), "invalid UTF-8");
	cr_assert_str_eq(text_strerror(TEXT_ERR__MAX), "unknown error");
}

Test(tokenize, other_scripts_are_words_emoji_are_not)
{
	cr_assert_eq(TOK("Ελλάδα привет 😀 日本語", 0), TEXT_OK);
	cr_assert_eq(tk.n, 3);
	cr_assert_str_eq(tokens_word(&tk, 1), "привет");
}

Test(stopword, per_language)
{
	cr_assert(stopword(LANG_ES, "los", 3));
	cr_assert(stopword(LANG_EN, "the", 3));
	cr_assert(stopword(LANG_PT, "nao", 3));
	cr_assert_not(stopword(LANG_EN, "los", 3));
	cr_assert_not(stopword(LANG_ES, "gobierno", 8));
	cr_assert(stopword_any("para", 4));
	cr_assert_eq(
	    stopword_langs("para", 4), (1u << LANG_ES) | (1u << LANG_PT));
	cr_assert_not(stopword_any("", 0));
}

Test(stem, spanish_english_portuguese)
{
	struct stemmer *st = stemmer_new();
	size_t n;

#define STEM(l, w) stemmer_stem(st, (l), (w), strlen(w), &n)
	cr_assert_str_eq(STEM(LANG_EN, "running"), "run");
	cr_assert_str_eq(STEM(LANG_EN, "governments"), "govern");
	cr_assert_str_eq(STEM(LANG_ES, "politicas"), "polit");
	/* Typed with or without the accent, the same stem. */
	cr_assert_str_eq(STEM(LANG_ES, "participacion"), "particip");
	cr_assert_str_eq(STEM(LANG_ES, "participar"), "particip");
	cr_assert_str_eq(STEM(LANG_PT, "participacao"), "particip");
	cr_assert_str_eq(STEM(LANG_PT, "participacoes"), "particip");
	cr_assert_str_eq(STEM(LANG_PT, "cidadaos"), "cidada");
	cr_assert_eq(n, 6);
#undef STEM
	stemmer_free(st);
	stemmer_free(NULL);
}

static enum lang
detect(const char *s, double *conf)
{
	cr_assert_eq(TOK(s, 0), TEXT_OK);
	return lang_detect(&tk, LANG_EN, conf);
}

TestSuite(lang_detect, .init = tk_setup, .fini = tk_teardown);

Test(lang_detect, short_texts)
{
	double c;

	cr_assert_eq(detect("La participación de la ciudadanía en el "
			    "gobierno",
			 &c),
	    LANG_ES);
	cr_assert_gt(c, 0.3);
	cr_assert_eq(
	    detect("A participação dos cidadãos no governo", &c), LANG_PT);
	cr_assert_gt(c, 0.3);
	cr_assert_eq(
	    detect("Citizen participation in the government", &c), LANG_EN);
	cr_assert_eq(detect("Año de la niñez", &c), LANG_ES);
	cr_assert_eq(detect("Não há informação", &c), LANG_PT);
}

Test(lang_detect, no_evidence_low_confidence)
{
	double c = 1;

	cr_assert_eq(detect("", &c), LANG_EN);
	cr_assert_eq(c, 0);
	cr_assert_eq(detect("OGP SDG FOSDEM LLVM", &c), LANG_EN);
	cr_assert_lt(c, 0.3);
	/* Mixed languages: some answer, lower confidence than a clear one. */
	(void)detect("the open data de la ciudad", &c);
	cr_assert_lt(c, 0.5);
}

Test(analyzer, terms_bigrams_and_stop_words)
{
	struct analyzer *a = analyzer_new(AN_BIGRAMS);
	struct terms t = { 0 }, u = { 0 };
	struct analysis info;

	cr_assert_eq(analyzer_terms(a, "Datos abiertos de la ciudad", 27, -1,
			 LANG_EN, &t, &info),
	    TEXT_OK);
	cr_assert_eq(info.lang, LANG_ES);
	/* datos abiert ciudad + one bigram (none across "de la") */
	cr_assert_eq(t.n, 4);
	cr_assert_eq(analyzer_terms(a, "DATOS ABIERTOS de la Ciudad", 27,
			 LANG_ES, LANG_EN, &u, NULL),
	    TEXT_OK);
	cr_assert_eq(u.n, t.n);
	cr_assert_eq(memcmp(t.v, u.v, t.n * sizeof(*t.v)), 0);
	cr_assert_eq(analyzer_terms(a, "x\xff", 2, -1, LANG_EN, &t, &info),
	    TEXT_ERR_UTF8);
	cr_assert_eq(t.n, 0);
	terms_release(&t);
	terms_release(&u);
	analyzer_free(a);
	analyzer_free(NULL);
}
