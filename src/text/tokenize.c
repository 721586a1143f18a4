/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * tokenize.c: words out of UTF-8 text, folded for matching, with the
 * source position kept for display; HTML skipped on request; stop words.
 */
#include "text/tokenize.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "util/utf8.h"
#include "util/util.h"

static const char *const text_errs[TEXT_ERR__MAX] = {
	[TEXT_OK] = "ok",
	[TEXT_ERR_EMPTY] = "empty text",
	[TEXT_ERR_TOOBIG] = "text too long",
	[TEXT_ERR_UTF8] = "invalid UTF-8",
	[TEXT_ERR_NUL] = "NUL byte in text",
};

const char *
text_strerror(enum text_err err)
{
	if ((unsigned)err >= TEXT_ERR__MAX)
		return "unknown error";
	return text_errs[err];
}

void
tokens_init(struct tokens *t)
{
	memset(t, 0, sizeof(*t));
	buf_init(&t->pool, TEXT_MAX * 4);
}

void
tokens_release(struct tokens *t)
{
	free(t->v);
	buf_release(&t->pool);
	tokens_init(t);
}

/* U+00C0..U+00FF folded; NULL for the two signs × and ÷. */
static const char *const latin1[64] = {
	"a", "a", "a", "a", "a", "a", "ae", "c",  /* C0 */
	"e", "e", "e", "e", "i", "i", "i", "i",   /* C8 */
	"d", "n", "o", "o", "o", "o", "o", NULL,  /* D0 */
	"o", "u", "u", "u", "u", "y", "th", "ss", /* D8 */
	"a", "a", "a", "a", "a", "a", "ae", "c",  /* E0 */
	"e", "e", "e", "e", "i", "i", "i", "i",   /* E8 */
	"d", "n", "o", "o", "o", "o", "o", NULL,  /* F0 */
	"o", "u", "u", "u", "u", "y", "th", "y",  /* F8 */
};

/* Latin Extended-A, U+0100..U+017F, as ranges of one base letter. */
static const struct {
	uint16_t lo, hi;
	const char *base;
} latin_ext_a[] = {
	{ 0x100, 0x105, "a" },
	{ 0x106, 0x10d, "c" },
	{ 0x10e, 0x111, "d" },
	{ 0x112, 0x11b, "e" },
	{ 0x11c, 0x123, "g" },
	{ 0x124, 0x127, "h" },
	{ 0x128, 0x131, "i" },
	{ 0x132, 0x133, "ij" },
	{ 0x134, 0x135, "j" },
	{ 0x136, 0x138, "k" },
	{ 0x139, 0x142, "l" },
	{ 0x143, 0x14b, "n" },
	{ 0x14c, 0x151, "o" },
	{ 0x152, 0x153, "oe" },
	{ 0x154, 0x159, "r" },
	{ 0x15a, 0x161, "s" },
	{ 0x162, 0x167, "t" },
	{ 0x168, 0x173, "u" },
	{ 0x174, 0x175, "w" },
	{ 0x176, 0x178, "y" },
	{ 0x179, 0x17e, "z" },
	{ 0x17f, 0x17f, "s" },
};

static bool
other_script_letter(uint32_t cp)
{
	if (cp < 0x370)
		return false;
	if (cp >= 0x2000 && cp <= 0x2bff) /* punctuation, symbols, arrows */
		return false;
	if (cp >= 0x3000 && cp <= 0x303f) /* CJK punctuation */
		return false;
	if (cp >= 0xd800 && cp <= 0xf8ff) /* surrogates, private use */
		return false;
	if (cp >= 0xfe00 && cp <= 0xfe6f) /* variation selectors, forms */
		return false;
	if (cp >= 0xff00 && cp <= 0xff20) /* fullwidth punctuation */
		return false;
	if (cp >= 0xfff0 && cp <= 0xffff)
		return false;
	return cp < 0x1f000; /* emoji and beyond are not words */
}

/* Folded form of cp into out[0..4), returning its length; 0 for a
 * separator.  Multi-letter folds ("ae", "ss", "th") fit in 4 bytes. */
static size_t
fold_cp(uint32_t cp, char out[4])
{
	const char *f = NULL;
	size_t i;

	if (cp < 0x80) {
		if (cp >= 'A' && cp <= 'Z')
			cp += 32;
		else if (!((cp >= 'a' && cp <= 'z') ||
			     (cp >= '0' && cp <= '9')))
			return 0;
		out[0] = (char)cp;
		return 1;
	}
	if (cp == 0xaa) /* ª */
		f = "a";
	else if (cp == 0xba) /* º */
		f = "o";
	else if (cp >= 0xc0 && cp <= 0xff)
		f = latin1[cp - 0xc0];
	else if (cp >= 0x100 && cp <= 0x17f)
		for (i = 0; f == NULL && i < ARRAY_SIZE(latin_ext_a); i++)
			if (cp >= latin_ext_a[i].lo && cp <= latin_ext_a[i].hi)
				f = latin_ext_a[i].base;
	if (f != NULL) {
		for (i = 0; f[i] != '\0'; i++)
			out[i] = f[i];
		return i;
	}
	if (cp < 0x370 || !other_script_letter(cp))
		return 0; /* rare Latin, IPA, modifiers, symbols: separators */
	if ((cp >= 0x391 && cp <= 0x3a9) || (cp >= 0x410 && cp <= 0x42f))
		cp += 0x20; /* Greek and Cyrillic capitals */
	if (cp < 0x800) {
		out[0] = (char)(0xc0 | (cp >> 6));
		out[1] = (char)(0x80 | (cp & 0x3f));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xe0 | (cp >> 12));
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		out[2] = (char)(0x80 | (cp & 0x3f));
		return 3;
	}
	out[0] = (char)(0xf0 | (cp >> 18));
	out[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
	out[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
	out[3] = (char)(0x80 | (cp & 0x3f));
	return 4;
}

bool
text_fold_cp(uint32_t cp, struct buf *b)
{
	char f[4];
	size_t n = fold_cp(cp, f);

	if (n == 0)
		return false;
	buf_add(b, f, n);
	return true;
}

static void
count_marks(uint32_t cp, unsigned marks[LANG__MAX])
{
	switch (cp) {
	case 0xf1:
	case 0xd1:
	case 0xbf:
	case 0xa1: /* ñ Ñ ¿ ¡ */
		marks[LANG_ES]++;
		break;
	case 0xe7:
	case 0xc7:
	case 0xe3:
	case 0xc3:
	case 0xf5:
	case 0xd5:
		marks[LANG_PT]++; /* ç Ç ã Ã õ Õ */
		break;
	default:
		break;
	}
}

/* Accented letter of an entity such as "&aacute;" or "&ccedil;". */
static uint32_t
entity_letter(const char *name, size_t n)
{
	static const struct {
		const char *suffix;
		uint32_t lower_a;
	} acc[] = {
		{ "acute", 0xe1 },
		{ "grave", 0xe0 },
		{ "circ", 0xe2 },
		{ "tilde", 0xe3 },
		{ "uml", 0xe4 },
		{ "cedil", 0xe7 },
	};
	size_t i, sl;

	if (n == 4 && memcmp(name, "nbsp", 4) == 0)
		return ' ';
	for (i = 0; i < ARRAY_SIZE(acc); i++) {
		sl = strlen(acc[i].suffix);
		if (n == sl + 1 && memcmp(name + 1, acc[i].suffix, sl) == 0) {
			char c = name[0];

			if (c >= 'A' && c <= 'Z')
				c = (char)(c + 32);
			if (c == 'c' && i == 5)
				return 0xe7;
			if (c == 'n' && i == 3)
				return 0xf1;
			if (c >= 'a' && c <= 'z')
				return (uint32_t)c; /* folds the same */
		}
	}
	return ' ';
}

/*
 * At s[i] == '&': decodes "&name;" or "&#N;" / "&#xH;" into *cp and returns
 * its length, or 0 when it is a bare ampersand.
 */
static size_t
entity(const char *s, size_t len, size_t i, uint32_t *cp)
{
	size_t j = i + 1, end, k;
	uint32_t v = 0;

	for (end = j; end < len && end - j <= 10 && s[end] != ';'; end++)
		;
	if (end >= len || s[end] != ';' || end == j)
		return 0;
	if (s[j] == '#') {
		bool hex = j + 1 < end && (s[j + 1] == 'x' || s[j + 1] == 'X');

		for (k = j + 1 + hex; k < end; k++) {
			char c = s[k];
			uint32_t d;

			if (c >= '0' && c <= '9')
				d = (uint32_t)(c - '0');
			else if (hex && c >= 'a' && c <= 'f')
				d = (uint32_t)(c - 'a' + 10);
			else if (hex && c >= 'A' && c <= 'F')
				d = (uint32_t)(c - 'A' + 10);
			else
				return 0;
			v = v * (hex ? 16 : 10) + d;
			if (v > 0x10ffff)
				return 0;
		}
		*cp = v == 0 ? ' ' : v;
		return end - i + 1;
	}
	for (k = j; k < end; k++)
		if (!((s[k] >= 'a' && s[k] <= 'z') ||
			(s[k] >= 'A' && s[k] <= 'Z')))
			return 0;
	*cp = entity_letter(s + j, end - j);
	return end - i + 1;
}

/* At s[i] == '<': length of a tag to skip, or 0 when it is not a tag. */
static size_t
tag(const char *s, size_t len, size_t i)
{
	size_t j;
	char c;

	if (i + 1 >= len)
		return 0;
	c = s[i + 1];
	if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '/' ||
		c == '!' || c == '?'))
		return 0;
	for (j = i + 1; j < len && j - i < 2048; j++) {
		if (s[j] == '>')
			return j - i + 1;
		if (s[j] == '<')
			return 0;
	}
	return 0;
}

static bool
all_digits(const char *w, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (w[i] < '0' || w[i] > '9')
			return false;
	return true;
}

/* Keeps the folded word w[0..n) found at source [off, end_off). */
static void
end_word(struct tokens *out, const char *w, size_t n, size_t off,
    size_t end_off, enum tok_flags flags)
{
	if (n < 2 || n > TOKEN_MAX ||
	    (!(flags & TOK_KEEP_DIGITS) && all_digits(w, n)))
		return;
	XGROW(out->v, out->cap, out->n + 1);
	out->v[out->n].off = off;
	out->v[out->n].len = end_off - off;
	out->v[out->n].norm = out->pool.len;
	out->v[out->n].nlen = n;
	buf_add(&out->pool, w, n);
	buf_addc(&out->pool, '\0');
	out->n++;
}

enum text_err
tokenize(const char *s, size_t len, enum tok_flags flags, struct tokens *out)
{
	char w[TOKEN_MAX + 8];
	size_t i = 0, wn = 0, woff = 0, wend = 0;
	bool in_word = false;

	out->n = 0;
	buf_reset(&out->pool);
	memset(out->marks, 0, sizeof(out->marks));
	if (len > TEXT_MAX)
		return TEXT_ERR_TOOBIG;
	if (memchr(s, '\0', len) != NULL)
		return TEXT_ERR_NUL;
	if (!utf8_valid(s, len))
		return TEXT_ERR_UTF8;
	while (i < len) {
		uint32_t cp;
		size_t n, at = i, fn;
		char f[4];

		if ((uint8_t)s[i] < 0x80 && s[i] != '<' && s[i] != '&') {
			cp = (uint8_t)s[i];
			n = 1;
		} else if ((flags & TOK_STRIP_HTML) && s[i] == '<' &&
		    (n = tag(s, len, i)) > 0) {
			cp = ' ';
		} else if ((flags & TOK_STRIP_HTML) && s[i] == '&' &&
		    (n = entity(s, len, i, &cp)) > 0) {
			;
		} else if ((n = utf8_decode(s + i, len - i, &cp)) == 0) {
			n = 1; /* cannot happen after utf8_valid */
			cp = ' ';
		}
		i += n;
		if (cp >= 0xa1)
			count_marks(cp, out->marks);
		if ((fn = fold_cp(cp, f)) > 0) {
			if (!in_word) {
				woff = at;
				wn = 0;
				in_word = true;
			}
			if (wn + fn <= TOKEN_MAX + 4) {
				memcpy(w + wn, f, fn);
				wn += fn;
			} else {
				wn = TOKEN_MAX + 5; /* too long: dropped */
			}
			wend = i;
			continue;
		}
		if (in_word)
			end_word(out, w, wn, woff, wend, flags);
		in_word = false;
	}
	if (in_word)
		end_word(out, w, wn, woff, wend, flags);
	return TEXT_OK;
}

/*
 * Stop words, folded.  Short function words only: content words such as
 * "gobierno" or "data" carry meaning for themes even when frequent.
 */
static const char stop_es[] =
    "a al algo algun alguna algunas alguno algunos ante antes aqui asi aun "
    "cada casi como con contra cual cuales cuando de del desde donde dos el "
    "ella ellas ello ellos en entre era eran es esa esas ese eso esos esta "
    "estaba estan estar estas este esto estos fue fueron ha habia han hasta "
    "hay la las le les lo los mas me mi mis mismo mucho muy nada ni no nos "
    "nosotros nuestra nuestras nuestro nuestros o otra otras otro otros para "
    "pero poco por porque que quien quienes se sea segun ser si sido sin "
    "sobre solo son su sus tambien tan tanto te tiene tienen todo todos tu "
    "tus un una uno unos usted ya yo cuyo cuya dentro durante hacia mediante "
    "puede pueden sino tal tras vez ademas debe deben hacer hace";
static const char stop_en[] =
    "a about above after again against all also am an and any are as at be "
    "because been before being below between both but by can could did do "
    "does doing down during each few for from further had has have having he "
    "her here hers him his how i if in into is it its itself just me more "
    "most my no nor not now of off on once only or other our ours out over "
    "own same she should so some such than that the their them then there "
    "these they this those through to too under until up very was we were "
    "what when where which while who whom why will with would you your "
    "yours us via may might must shall within without upon using use used "
    "get gets talk";
static const char stop_pt[] =
    "a ao aos as ate com como da das de dela delas dele deles depois do dos "
    "e ela elas ele eles em entre era eram essa essas esse esses esta estao "
    "estas este estes eu foi foram ha isso isto ja lhe lhes mais mas me "
    "mesmo meu minha muito na nao nas nem no nos nossa nossas nosso nossos "
    "num numa o os ou para pela pelas pelo pelos por qual quando que quem "
    "se sem ser seu seus so sua suas tambem te tem tu tua um uma voce voces "
    "sao sobre seja sendo ter cada onde pode podem deve devem fazer faz "
    "atraves durante muitos muitas";

#define STOP_SLOTS 2048 /* power of two, over three times the words */

struct stop_set {
	const char *w[STOP_SLOTS];
	uint8_t n[STOP_SLOTS];
	uint8_t langs[STOP_SLOTS]; /* bit per enum lang */
};

static struct stop_set stops;
static pthread_once_t stops_once = PTHREAD_ONCE_INIT;

static uint32_t
hash_word(const char *w, size_t n)
{
	uint32_t h = 2166136261u;
	size_t i;

	for (i = 0; i < n; i++)
		h = (h ^ (uint8_t)w[i]) * 16777619u;
	return h;
}

static void
stop_add_list(const char *list, enum lang lang)
{
	const char *p = list;

	while (*p != '\0') {
		size_t n = strcspn(p, " ");
		uint32_t h = hash_word(p, n) & (STOP_SLOTS - 1);

		while (stops.w[h] != NULL &&
		    !(stops.n[h] == n && memcmp(stops.w[h], p, n) == 0))
			h = (h + 1) & (STOP_SLOTS - 1);
		stops.w[h] = p;
		stops.n[h] = (uint8_t)n;
		stops.langs[h] |= (uint8_t)(1u << lang);
		p += n;
		while (*p == ' ')
			p++;
	}
}

static void
stops_build(void)
{
	stop_add_list(stop_es, LANG_ES);
	stop_add_list(stop_en, LANG_EN);
	stop_add_list(stop_pt, LANG_PT);
}

static unsigned
stop_langs(const char *w, size_t n)
{
	uint32_t h;

	if (n == 0 || n > 12)
		return 0;
	pthread_once(&stops_once, stops_build);
	h = hash_word(w, n) & (STOP_SLOTS - 1);
	while (stops.w[h] != NULL) {
		if (stops.n[h] == n && memcmp(stops.w[h], w, n) == 0)
			return stops.langs[h];
		h = (h + 1) & (STOP_SLOTS - 1);
	}
	return 0;
}

bool
stopword(enum lang lang, const char *w, size_t len)
{
	return (stop_langs(w, len) >> lang) & 1u;
}

bool
stopword_any(const char *w, size_t len)
{
	return stop_langs(w, len) != 0;
}

unsigned
stopword_langs(const char *w, size_t len)
{
	return stop_langs(w, len);
}
