/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * fuzz_tokenize.c: libFuzzer target for the text pipeline: any bytes in
 * (binary, invalid UTF-8, HTML, huge words), through the tokenizer with
 * and without HTML stripping, language detection, stemming and the
 * zero-shot scorer; an error or some terms out, never a crash or a leak.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "text/classify.h"
#include "text/index.h"
#include "text/lang_detect.h"
#include "text/tokenize.h"
#include "fuzz_util.h"

#define FUZZ_MAX (TEXT_MAX + 16)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const profile[2][LANG__MAX] = {
	{ "Datos abiertos y tecnología cívica", "Open data and civic tech",
	    "Dados abertos e tecnologia cívica" },
	{ "Anticorrupción y rendición de cuentas",
	    "Anti-corruption and accountability",
	    "Anticorrupção e prestação de contas" },
};

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct analyzer *an;
	static struct zeroshot *zs;
	struct tokens tk;
	struct terms t = { 0 };
	struct analysis info;
	double scores[2], conf;
	char *in;

	if (an == NULL) {
		an = analyzer_new(AN_BIGRAMS | AN_STRIP_HTML);
		zs = zeroshot_new(profile, 2);
	}
	if ((in = fuzz_cstr(data, &size, FUZZ_MAX)) == NULL)
		return 0;
	tokens_init(&tk);
	if (tokenize(in, size, TOK_STRIP_HTML, &tk) == TEXT_OK) {
		size_t i;

		(void)lang_detect(&tk, LANG_EN, &conf);
		for (i = 0; i < tk.n; i++)
			if (tk.v[i].off + tk.v[i].len > size ||
			    strlen(tokens_word(&tk, i)) != tk.v[i].nlen)
				abort();
	}
	(void)tokenize(in, size, TOK_KEEP_DIGITS, &tk);
	(void)analyzer_terms(an, in, size, -1, LANG_ES, &t, &info);
	(void)zeroshot_scores(zs, in, size, LANG_PT, scores, NULL);
	terms_release(&t);
	tokens_release(&tk);
	free(in);
	return 0;
}
