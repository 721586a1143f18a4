/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * cmd_themes.c: "cabildo themes evaluate", the theme classifier's
 * benchmark front end, and "cabildo themes suggest", which ranks the
 * event's themes for each stored proposal, flags proposals filed under a
 * theme the classifier confidently disagrees with, and with --apply
 * records its suggestions (source 'classifier').
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli/cmd.h"
#include "formats/event_json.h"
#include "formats/fosdem_tracks.h"
#include "formats/votainteligente.h"
#include "store/store.h"
#include "store/store_text.h"
#include "text/classify.h"
#include "text/index.h"
#include "text/similar.h"
#include "util/buf.h"
#include "util/util.h"

static enum exit_code themes_evaluate_exec(int argc, char **argv);
static enum exit_code themes_suggest_exec(int argc, char **argv);
static enum exit_code themes_similar_exec(int argc, char **argv);
static enum exit_code load_texts(const char *db, const char *slug,
    struct store **st, struct event *ev, struct proposal_text **p, size_t *n);

const struct cmd cmd_themes_evaluate = {
	"themes evaluate",
	"themes evaluate --format fosdem|votainteligente "
	"(--train FILE... --test FILE... | --cv K FILE | "
	"--zero-shot MAP.tsv --event EVENT.json --test FILE...)",
	"Measures the theme classifier on labelled texts and prints one line\n"
	"  top1=0.000 top3=0.000 macro_f1=0.000 train_ms=N predict_ms=N\n"
	"Texts are FOSDEM schedule.xml talks labelled by track (--format\n"
	"fosdem) or VotaInteligente proposals.csv rows labelled by theme\n"
	"(--format votainteligente).\n"
	"\n"
	"  --train FILE...     train on these files (labels present in the test\n"
	"                      files only)\n"
	"  --test FILE...      evaluate on these files (labels present in the\n"
	"                      training files only)\n"
	"  --cv K FILE         K-fold stratified cross-validation; the n-th text\n"
	"                      of each label, in file order, goes to fold n mod K\n"
	"  --min-count N       with --cv, keep labels with at least N texts\n"
	"                      (default: K)\n"
	"  --zero-shot MAP     no training: rank the themes of --event for each\n"
	"                      test text whose label MAP (TSV: label, theme key)\n"
	"                      maps to a theme\n"
	"  --event FILE        event definition (JSON) for --zero-shot\n"
	"  --no-pool           with --zero-shot, BM25 alone: no latent\n"
	"                      profiles from the (unlabelled) test texts\n"

	"  --c C               SVM cost (default 1)\n"
	"  --threads N         training threads (default 2)\n"
	"  --no-timing         print 0 for the times (reproducible output)\n"
	"  --split-out FILE    write the split used, as TSV lines\n"
	"                      \"fold<TAB>label<TAB>text\", for a peer to reuse\n"
	"\n"
	"Exit codes: 0 success, 1 bad input, 2 bad command line.\n",
	themes_evaluate_exec,
};

const struct cmd cmd_themes_suggest = {
	"themes suggest",
	"themes suggest --db FILE --event SLUG [--threshold X] [--apply]",
	"Ranks the event's themes for every proposal of the event.  With no\n"
	"organiser-confirmed themes it compares each title and abstract with\n"
	"the themes' names, descriptions and sub-topics in every language\n"
	"(zero-shot); with confirmed themes for at least two themes it also\n"
	"trains a linear model on them and adds the zero-shot ranking as a\n"
	"prior.  Prints one line per proposal:\n"
	"  ID<TAB>FILED<TAB>SUGGESTED<TAB>SCORE<TAB>ok|mismatch|none\n"
	"where mismatch marks a filed theme that differs from a suggestion of\n"
	"score (share) at least the threshold.\n"
	"\n"
	"  --db FILE       the database\n"
	"  --event SLUG    the event\n"
	"  --threshold X   share for a mismatch, in (0, 1] (default 0.25; the\n"
	"                  shares of 7 themes sum to 1)\n"
	"  --apply         record each suggestion as a theme of source\n"
	"                  'classifier' (main theme only where there is none)\n"
	"\n"
	"Exit codes: 0 success, 1 no such event, 2 bad command line,\n"
	"3 database error.\n",
	themes_suggest_exec,
};

const struct cmd cmd_themes_similar = {
	"themes similar",
	"themes similar --db FILE --event SLUG [--threshold X]",
	"Groups the event's proposals that say much the same thing, as\n"
	"candidates for merging into one joint session: cosine similarity of\n"
	"their TF-IDF vectors (stemmed words and word pairs of title and\n"
	"abstract), grouped by single linkage at the threshold.  Prints one\n"
	"line per member of each group of two or more:\n"
	"  GROUP<TAB>ID<TAB>SIMILARITY<TAB>TITLE\n"
	"where SIMILARITY is the member's best cosine within its group.\n"
	"\n"
	"  --db FILE       the database\n"
	"  --event SLUG    the event\n"
	"  --threshold X   cosine in (0, 1] (default 0.5); lower groups more\n"
	"\n"
	"Exit codes: 0 success, 1 no such event, 2 bad command line,\n"
	"3 database error.\n",
	themes_similar_exec,
};

static double
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

enum data_format { FMT_FOSDEM, FMT_VOTA, FMT__MAX };

struct eval_args {
	enum data_format fmt;
	char **train, **test;
	size_t ntrain, ntest;
	int64_t cv, min_count;
	const char *cv_file, *zero_map, *event, *split_out;
	double c;
	int64_t threads;
	unsigned min_df;
	bool no_timing;
	bool no_pool; /* zero-shot without the latent profiles */
};

static bool
read_docs(enum data_format fmt, const char *path, struct labelled_docs *d,
    struct buf *err)
{
	if (fmt == FMT_FOSDEM)
		return fosdem_tracks_read(path, d, err);
	return votainteligente_read(path, d, err);
}

/* Label dictionary: index of each distinct label. */
struct labels {
	char **name;
	size_t n, cap;
};

static long
labels_find(const struct labels *l, const char *s)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		if (strcmp(l->name[i], s) == 0)
			return (long)i;
	return -1;
}

static size_t
labels_add(struct labels *l, const char *s)
{
	long i = labels_find(l, s);

	if (i >= 0)
		return (size_t)i;
	XGROW(l->name, l->cap, l->n + 1);
	l->name[l->n] = xstrdup(s);
	return l->n++;
}

static void
labels_release(struct labels *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		free(l->name[i]);
	free(l->name);
	memset(l, 0, sizeof(*l));
}

static void
write_split(FILE *f, const char *fold, const struct labelled_doc *d)
{
	const char *p;

	fprintf(f, "%s\t%s\t", fold, d->label);
	for (p = d->text; *p != '\0'; p++)
		fputc(*p == '\t' || *p == '\n' || *p == '\r' ? ' ' : *p, f);
	fputc('\n', f);
}

/*
 * Trains on the texts with train[i] set and scores the others into
 * scores (n rows of k); adds the elapsed times.
 */
static void
train_predict(const struct labelled_docs *d, const int *y, const bool *train,
    size_t k, const struct eval_args *a, double *scores, double *train_ms,
    double *predict_ms)
{
	struct analyzer *an = analyzer_new(CLASSIFY_SUPERVISED_FLAGS);
	struct terms *t = xcalloc(d->n, sizeof(*t));
	struct terms *tt = xcalloc(d->n, sizeof(*tt));
	struct svec *x = xcalloc(d->n, sizeof(*x));
	int *yt = xcalloc(d->n, sizeof(*yt));
	struct tfidf m;
	struct linear_model lm;
	struct linear_opts o;
	size_t i, nt = 0;
	double t0 = now_ms();

	linear_opts_default(&o);
	o.c = a->c;
	o.threads = (unsigned)a->threads;
	for (i = 0; i < d->n; i++) {
		if (!train[i])
			continue;
		(void)analyzer_terms(an, d->v[i].text, strlen(d->v[i].text), -1,
		    LANG_EN, &t[nt], NULL);
		yt[nt++] = y[i];
	}
	tfidf_init(&m);
	tfidf_fit(&m, t, nt, a->min_df);
	for (i = 0; i < nt; i++)
		tfidf_vector(&m, &t[i], &x[i]);
	linear_init(&lm);
	linear_train(&lm, x, yt, nt, k, m.dim, &o);
	*train_ms += now_ms() - t0;
	t0 = now_ms();
	for (i = 0; i < d->n; i++) {
		struct svec v = { 0 };

		if (train[i])
			continue;
		(void)analyzer_terms(an, d->v[i].text, strlen(d->v[i].text), -1,
		    LANG_EN, &tt[i], NULL);
		tfidf_vector(&m, &tt[i], &v);
		linear_scores(&lm, &v, scores + i * k);
		svec_release(&v);
	}
	*predict_ms += now_ms() - t0;
	for (i = 0; i < d->n; i++) {
		terms_release(&t[i]);
		terms_release(&tt[i]);
		svec_release(&x[i]);
	}
	free(t);
	free(tt);
	free(x);
	free(yt);
	tfidf_release(&m);
	linear_release(&lm);
	analyzer_free(an);
}

static bool no_timing;

static void
print_result(const double *scores, const int *y, size_t n, size_t k,
    double train_ms, double predict_ms)
{
	struct classify_eval ev;

	if (no_timing)
		train_ms = predict_ms = 0;
	classify_evaluate(scores, y, n, k, &ev);
	printf("top1=%.3f top3=%.3f macro_f1=%.3f train_ms=%.0f "
	       "predict_ms=%.0f\n",
	    ev.top1, ev.top3, ev.macro_f1, train_ms, predict_ms);
}

/* Keeps the docs for which keep[i]; compacts d and y. */
static void
filter_docs(struct labelled_docs *d, const bool *keep)
{
	size_t i, j = 0;

	for (i = 0; i < d->n; i++) {
		if (keep[i]) {
			d->v[j++] = d->v[i];
		} else {
			free(d->v[i].text);
			free(d->v[i].label);
		}
	}
	d->n = j;
}

static enum exit_code
eval_holdout(const struct eval_args *a)
{
	struct labelled_docs tr, te, all;
	struct labels trl, tel, used;
	struct buf err;
	bool *keep = NULL, *train = NULL;
	int *y = NULL;
	double *scores = NULL, train_ms = 0, predict_ms = 0;
	size_t i;
	enum exit_code rc = EXIT_FAIL;
	FILE *so = NULL;

	labelled_docs_init(&tr);
	labelled_docs_init(&te);
	memset(&trl, 0, sizeof(trl));
	memset(&tel, 0, sizeof(tel));
	memset(&used, 0, sizeof(used));
	buf_init(&err, 4096);
	for (i = 0; i < a->ntrain; i++)
		if (!read_docs(a->fmt, a->train[i], &tr, &err))
			goto out;
	for (i = 0; i < a->ntest; i++)
		if (!read_docs(a->fmt, a->test[i], &te, &err))
			goto out;
	for (i = 0; i < tr.n; i++)
		labels_add(&trl, tr.v[i].label);
	for (i = 0; i < te.n; i++)
		labels_add(&tel, te.v[i].label);
	keep = xcalloc(tr.n + te.n + 1, sizeof(*keep));
	for (i = 0; i < tr.n; i++)
		keep[i] = labels_find(&tel, tr.v[i].label) >= 0;
	filter_docs(&tr, keep);
	for (i = 0; i < te.n; i++)
		keep[i] = labels_find(&trl, te.v[i].label) >= 0;
	filter_docs(&te, keep);
	if (tr.n == 0 || te.n == 0) {
		buf_addstr(&err,
		    "no label is in both the training and the "
		    "test files");
		goto out;
	}
	/* One array: training texts first. */
	all.n = tr.n + te.n;
	all.cap = all.n;
	all.v = xcalloc(all.n, sizeof(*all.v));
	memcpy(all.v, tr.v, tr.n * sizeof(*tr.v));
	memcpy(all.v + tr.n, te.v, te.n * sizeof(*te.v));
	y = xcalloc(all.n, sizeof(*y));
	train = xcalloc(all.n, sizeof(*train));
	for (i = 0; i < all.n; i++) {
		y[i] = (int)labels_add(&used, all.v[i].label);
		train[i] = i < tr.n;
	}
	if (a->split_out != NULL) {
		if ((so = fopen(a->split_out, "w")) == NULL) {
			buf_addf(&err, "%s: cannot write", a->split_out);
			free(all.v);
			goto out;
		}
		for (i = 0; i < all.n; i++)
			write_split(so, train[i] ? "train" : "test", &all.v[i]);
		fclose(so);
	}
	scores = xcalloc(all.n * used.n, sizeof(*scores));
	train_predict(
	    &all, y, train, used.n, a, scores, &train_ms, &predict_ms);
	print_result(scores + tr.n * used.n, y + tr.n, te.n, used.n, train_ms,
	    predict_ms);
	free(all.v);
	rc = EXIT_OK;
out:
	if (rc != EXIT_OK)
		fprintf(stderr, "cabildo: %s\n", err.s);
	labelled_docs_release(&tr);
	labelled_docs_release(&te);
	labels_release(&trl);
	labels_release(&tel);
	labels_release(&used);
	buf_release(&err);
	free(keep);
	free(train);
	free(y);
	free(scores);
	return rc;
}

static enum exit_code
eval_cv(const struct eval_args *a)
{
	struct labelled_docs d;
	struct labels l;
	struct buf err;
	size_t *count = NULL, *rank = NULL, i, f, k;
	bool *keep = NULL, *train = NULL;
	int *y = NULL, *fold = NULL;
	double *scores = NULL, *part = NULL, train_ms = 0, predict_ms = 0;
	enum exit_code rc = EXIT_FAIL;
	FILE *so = NULL;

	labelled_docs_init(&d);
	memset(&l, 0, sizeof(l));
	buf_init(&err, 4096);
	if (!read_docs(a->fmt, a->cv_file, &d, &err))
		goto out;
	count = xcalloc(d.n + 1, sizeof(*count));
	for (i = 0; i < d.n; i++)
		count[labels_add(&l, d.v[i].label)]++;
	keep = xcalloc(d.n + 1, sizeof(*keep));
	for (i = 0; i < d.n; i++)
		keep[i] = count[labels_find(&l, d.v[i].label)] >=
		    (size_t)a->min_count;
	filter_docs(&d, keep);
	labels_release(&l);
	if (d.n == 0) {
		buf_addf(&err, "%s: no label has %lld texts", a->cv_file,
		    (long long)a->min_count);
		goto out;
	}
	y = xcalloc(d.n, sizeof(*y));
	fold = xcalloc(d.n, sizeof(*fold));
	rank = xcalloc(d.n, sizeof(*rank));
	for (i = 0; i < d.n; i++) {
		y[i] = (int)labels_add(&l, d.v[i].label);
		fold[i] = (int)(rank[y[i]]++ % (size_t)a->cv);
	}
	k = l.n;
	if (a->split_out != NULL) {
		char num[24];

		if ((so = fopen(a->split_out, "w")) == NULL) {
			buf_addf(&err, "%s: cannot write", a->split_out);
			goto out;
		}
		for (i = 0; i < d.n; i++) {
			snprintf(num, sizeof(num), "%d", fold[i]);
			write_split(so, num, &d.v[i]);
		}
		fclose(so);
	}
	scores = xcalloc(d.n * k, sizeof(*scores));
	part = xcalloc(d.n * k, sizeof(*part));
	train = xcalloc(d.n, sizeof(*train));
	for (f = 0; f < (size_t)a->cv; f++) {
		for (i = 0; i < d.n; i++)
			train[i] = fold[i] != (int)f;
		train_predict(&d, y, train, k, a, part, &train_ms, &predict_ms);
		for (i = 0; i < d.n; i++)
			if (!train[i])
				memcpy(scores + i * k, part + i * k,
				    k * sizeof(*scores));
	}
	print_result(scores, y, d.n, k, train_ms, predict_ms);
	rc = EXIT_OK;
out:
	if (rc != EXIT_OK)
		fprintf(stderr, "cabildo: %s\n", err.s);
	labelled_docs_release(&d);
	labels_release(&l);
	buf_release(&err);
	free(count);
	free(rank);
	free(keep);
	free(train);
	free(y);
	free(fold);
	free(scores);
	free(part);
	return rc;
}

/* Reads MAP.tsv: "label<TAB>theme-key" lines, '#' comments. */
static bool
read_map(const char *path, const struct event *ev, struct labels *from,
    int **to, struct buf *err)
{
	char *data = NULL, *line, *save = NULL;
	size_t len, cap = 0;
	enum read_err re;

	if ((re = read_file(path, (size_t)1 << 20, &data, &len)) != READ_OK) {
		buf_addf(err, "%s: %s", path, read_strerror(re));
		return false;
	}
	for (line = strtok_r(data, "\n", &save); line != NULL;
	     line = strtok_r(NULL, "\n", &save)) {
		char *tab = strchr(line, '\t');
		long th;

		if (line[0] == '#' || line[0] == '\0')
			continue;
		if (tab == NULL) {
			buf_addf(
			    err, "%s: line without a tab: '%s'", path, line);
			free(data);
			return false;
		}
		*tab = '\0';
		if ((th = event_theme_find(ev, tab + 1)) < 0) {
			buf_addf(err, "%s: unknown theme '%s'", path, tab + 1);
			free(data);
			return false;
		}
		XGROW(*to, cap, from->n + 1);
		(*to)[labels_add(from, line)] = (int)th;
	}
	free(data);
	return true;
}

static enum exit_code
eval_zero_shot(const struct eval_args *a)
{
	struct event ev;
	struct labelled_docs d;
	struct labels map;
	struct buf err;
	struct zeroshot *zs = NULL;
	int *to = NULL, *y = NULL;
	double *scores = NULL, t0, ms;
	char *data = NULL, **texts = NULL;
	size_t len, i, n = 0, k;
	enum read_err re;
	enum exit_code rc = EXIT_FAIL;

	event_init(&ev);
	labelled_docs_init(&d);
	memset(&map, 0, sizeof(map));
	buf_init(&err, 4096);
	if ((re = read_file(a->event, (size_t)4 << 20, &data, &len)) !=
	    READ_OK) {
		buf_addf(&err, "%s: %s", a->event, read_strerror(re));
		goto out;
	}
	if (event_json_parse(data, len, a->event, &ev, &err) != EVENT_JSON_OK)
		goto out;
	if (!read_map(a->zero_map, &ev, &map, &to, &err))
		goto out;
	for (i = 0; i < a->ntest; i++)
		if (!read_docs(a->fmt, a->test[i], &d, &err))
			goto out;
	k = ev.nthemes;
	y = xcalloc(d.n + 1, sizeof(*y));
	scores = xcalloc((d.n + 1) * k, sizeof(*scores));
	texts = xcalloc(d.n + 1, sizeof(*texts));
	for (i = 0; i < d.n; i++)
		texts[i] = d.v[i].text;
	t0 = now_ms();
	zs = zeroshot_from_event(&ev);
	/* Every test text is the unlabelled pool, mapped or not: all that
	 * an organiser would hold.  Only the mapped ones are scored. */
	if (a->no_pool) {
		for (i = 0; i < d.n; i++)
			(void)zeroshot_scores(zs, texts[i], strlen(texts[i]),
			    ev.default_lang, scores + i * k, NULL);
	} else {
		zeroshot_pool_scores(zs, (const char *const *)texts, d.n,
		    ev.default_lang, scores);
	}
	for (i = 0; i < d.n; i++) {
		long m = labels_find(&map, d.v[i].label);

		if (m < 0)
			continue;
		y[n] = to[m];
		memmove(scores + n * k, scores + i * k, k * sizeof(*scores));
		n++;
	}
	ms = now_ms() - t0;
	if (n == 0) {
		buf_addstr(&err, "no test text has a mapped label");
		goto out;
	}
	print_result(scores, y, n, k, 0, ms);
	rc = EXIT_OK;
out:
	if (rc != EXIT_OK)
		fprintf(stderr, "cabildo: %s\n", err.s);
	zeroshot_free(zs);
	event_release(&ev);
	labelled_docs_release(&d);
	labels_release(&map);
	buf_release(&err);
	free(data);
	free(to);
	free(y);
	free(scores);
	free(texts);
	return rc;
}

/* Collects the values after option argv[*i] up to the next "--" word. */
static size_t
collect(int argc, char **argv, int *i, char ***out)
{
	size_t n = 0;

	*out = argv + *i + 1;
	while (*i + 1 < argc && strncmp(argv[*i + 1], "--", 2) != 0) {
		(*i)++;
		n++;
	}
	return n;
}

static enum exit_code
themes_evaluate_exec(int argc, char **argv)
{
	const struct cmd *me = &cmd_themes_evaluate;
	struct eval_args a;
	bool have_fmt = false;
	int i;

	memset(&a, 0, sizeof(a));
	a.c = 1.0;
	a.threads = 2;
	a.min_df = 1;
	for (i = 1; i < argc; i++) {
		const char *o = argv[i];
		const char *v = i + 1 < argc ? argv[i + 1] : NULL;

		if (strcmp(o, "--train") == 0) {
			a.ntrain = collect(argc, argv, &i, &a.train);
			if (a.ntrain == 0)
				return cmd_usage_error(
				    me, "--train needs files");
			continue;
		}
		if (strcmp(o, "--no-timing") == 0) {
			a.no_timing = true;
			continue;
		}
		if (strcmp(o, "--no-pool") == 0) {
			a.no_pool = true;
			continue;
		}
		if (strcmp(o, "--test") == 0) {
			a.ntest = collect(argc, argv, &i, &a.test);
			if (a.ntest == 0)
				return cmd_usage_error(
				    me, "--test needs files");
			continue;
		}
		if (v == NULL)
			return cmd_usage_error(
			    me, "option '%s' needs a value", o);
		i++;
		if (strcmp(o, "--format") == 0) {
			if (strcmp(v, "fosdem") == 0)
				a.fmt = FMT_FOSDEM;
			else if (strcmp(v, "votainteligente") == 0)
				a.fmt = FMT_VOTA;
			else
				return cmd_usage_error(
				    me, "unknown format '%s'", v);
			have_fmt = true;
		} else if (strcmp(o, "--cv") == 0) {
			if (!parse_i64(v, 2, 100, &a.cv))
				return cmd_usage_error(me, "bad --cv '%s'", v);
			if (i + 1 >= argc || strncmp(argv[i + 1], "--", 2) == 0)
				return cmd_usage_error(me, "--cv needs a file");
			a.cv_file = argv[++i];
		} else if (strcmp(o, "--min-count") == 0) {
			if (!parse_i64(v, 1, 1000000, &a.min_count))
				return cmd_usage_error(
				    me, "bad --min-count '%s'", v);
		} else if (strcmp(o, "--zero-shot") == 0) {
			a.zero_map = v;
		} else if (strcmp(o, "--event") == 0) {
			a.event = v;
		} else if (strcmp(o, "--split-out") == 0) {
			a.split_out = v;
		} else if (strcmp(o, "--threads") == 0) {
			if (!parse_i64(v, 1, 16, &a.threads))
				return cmd_usage_error(
				    me, "bad --threads '%s'", v);
		} else if (strcmp(o, "--c") == 0) {
			char *end;

			a.c = strtod(v, &end);
			if (*end != '\0' || !(a.c > 0 && a.c < 1e6))
				return cmd_usage_error(me, "bad --c '%s'", v);
		} else {
			return cmd_usage_error(me, "unknown option '%s'", o);
		}
	}
	if (!have_fmt)
		return cmd_usage_error(me, "--format is required");
	no_timing = a.no_timing;
	if (a.min_count == 0)
		a.min_count = a.cv;
	if (a.zero_map != NULL) {
		if (a.event == NULL || a.ntest == 0 || a.ntrain > 0 ||
		    a.cv_file != NULL)
			return cmd_usage_error(me,
			    "--zero-shot takes --event "
			    "and --test only");
		return eval_zero_shot(&a);
	}
	if (a.cv_file != NULL) {
		if (a.ntrain > 0 || a.ntest > 0)
			return cmd_usage_error(me,
			    "--cv excludes --train and "
			    "--test");
		return eval_cv(&a);
	}
	if (a.ntrain == 0 || a.ntest == 0)
		return cmd_usage_error(me, "give --train and --test, or --cv");
	return eval_holdout(&a);
}

/* The options of suggest and similar: --db, --event, --threshold, and
 * --apply where apply is not NULL; the event slug checked. */
static enum exit_code
texts_args(const struct cmd *me, int argc, char **argv, const char **db,
    const char **slug, double *threshold, bool *apply)
{
	int a;

	for (a = 1; a < argc; a++) {
		const char *o = argv[a], *v = a + 1 < argc ? argv[a + 1] : NULL;

		if (apply != NULL && strcmp(o, "--apply") == 0) {
			*apply = true;
			continue;
		}
		if (v == NULL)
			return cmd_usage_error(
			    me, "option '%s' needs a value", o);
		a++;
		if (strcmp(o, "--db") == 0) {
			*db = v;
		} else if (strcmp(o, "--event") == 0) {
			*slug = v;
		} else if (strcmp(o, "--threshold") == 0) {
			char *end;

			*threshold = strtod(v, &end);
			if (*end != '\0' ||
			    !(*threshold > 0 && *threshold <= 1))
				return cmd_usage_error(
				    me, "bad --threshold '%s'", v);
		} else {
			return cmd_usage_error(me, "unknown option '%s'", o);
		}
	}
	if (*db == NULL || *slug == NULL)
		return cmd_usage_error(me, "--db and --event are required");
	if (!slug_valid(*slug, strlen(*slug), EVENT_KEY_MAX))
		return cmd_usage_error(me, "bad event slug '%s'", *slug);
	return EXIT_OK;
}

static enum exit_code
themes_suggest_exec(int argc, char **argv)
{
	const struct cmd *me = &cmd_themes_suggest;
	const char *db = NULL, *slug = NULL;
	double threshold = 0.25;
	bool apply = false;
	struct store *st = NULL;
	struct event ev;
	struct proposal_text *p = NULL;
	struct theme_suggestion *sug = NULL;
	const char **texts = NULL;
	struct buf *bufs = NULL, msg;
	int *labels = NULL;
	double *shares = NULL;
	size_t n = 0, i, k, nsug = 0;
	enum store_err se;
	enum exit_code rc;

	if ((rc = texts_args(me, argc, argv, &db, &slug, &threshold, &apply)) !=
	    EXIT_OK)
		return rc;
	event_init(&ev);
	buf_init(&msg, 1024);
	if ((rc = load_texts(db, slug, &st, &ev, &p, &n)) != EXIT_OK)
		goto out;
	k = ev.nthemes;
	texts = xcalloc(n + 1, sizeof(*texts));
	bufs = xcalloc(n + 1, sizeof(*bufs));
	labels = xcalloc(n + 1, sizeof(*labels));
	shares = xcalloc((n + 1) * (k + 1), sizeof(*shares));
	sug = xcalloc(n + 1, sizeof(*sug));
	for (i = 0; i < n; i++) {
		buf_init(&bufs[i], TEXT_MAX);
		buf_addstr(&bufs[i], p[i].title);
		buf_addc(&bufs[i], '\n');
		if (p[i].abstract != NULL)
			buf_addstr(&bufs[i], p[i].abstract);
		texts[i] = bufs[i].s;
		labels[i] = p[i].source == THEME_SOURCE_ORGANISER
		    ? (int)p[i].theme
		    : -1;
	}
	(void)classify_suggest(&ev, texts, labels, n, 1.0, shares);
	for (i = 0; i < n; i++) {
		const double *row = shares + i * k;
		size_t best = classify_rank(row, k, 0);
		const char *verdict = "ok";

		if (k == 0 || row[best] <= 0) {
			printf("%lld\t%s\t-\t0.000\tnone\n", (long long)p[i].id,
			    p[i].theme >= 0 ? ev.themes[p[i].theme].key : "-");
			continue;
		}
		if (p[i].theme >= 0 && (size_t)p[i].theme != best &&
		    row[best] >= threshold) {
			verdict = "mismatch";
		}
		printf("%lld\t%s\t%s\t%.3f\t%s\n", (long long)p[i].id,
		    p[i].theme >= 0 ? ev.themes[p[i].theme].key : "-",
		    ev.themes[best].key, row[best], verdict);
		sug[nsug].proposal_id = p[i].id;
		sug[nsug].theme = best;
		sug[nsug].main = p[i].theme < 0;
		nsug++;
	}
	rc = EXIT_OK;
	if (apply && nsug > 0 &&
	    (se = store_theme_suggestions_save(st, &ev, sug, nsug, &msg)) !=
		STORE_OK)
		rc = cmd_fail(
		    EXIT_DB, "%s", msg.len ? msg.s : store_strerror(se));
out:
	for (i = 0; bufs != NULL && i < n; i++)
		buf_release(&bufs[i]);
	free(bufs);
	free(texts);
	free(labels);
	free(shares);
	free(sug);
	proposal_texts_free(p, n);
	event_release(&ev);
	buf_release(&msg);
	store_close(st);
	return rc;
}

/* Loads the event and its proposals' texts for suggest and similar. */
static enum exit_code
load_texts(const char *db, const char *slug, struct store **st,
    struct event *ev, struct proposal_text **p, size_t *n)
{
	enum store_err se;
	enum exit_code rc;

	if ((rc = cmd_open_store(db, false, st)) != EXIT_OK)
		return rc;
	if ((se = store_event_load(*st, slug, ev)) != STORE_OK)
		return se == STORE_ERR_NOTFOUND
		    ? cmd_fail(EXIT_FAIL, "no event '%s'", slug)
		    : cmd_fail(EXIT_DB, "%s", store_strerror(se));
	if ((se = store_proposal_texts(*st, ev, p, n)) != STORE_OK)
		return cmd_fail(EXIT_DB, "%s", store_strerror(se));
	return EXIT_OK;
}

static enum exit_code
themes_similar_exec(int argc, char **argv)
{
	const struct cmd *me = &cmd_themes_similar;
	const char *db = NULL, *slug = NULL;
	double threshold = 0.5;
	struct store *st = NULL;
	struct event ev;
	struct proposal_text *p = NULL;
	struct buf *bufs = NULL;
	const char **texts = NULL;
	struct svec *v = NULL;
	size_t n = 0, i, j, *group = NULL, *sizes = NULL, *num = NULL, ng = 0;
	enum exit_code rc;

	if ((rc = texts_args(me, argc, argv, &db, &slug, &threshold, NULL)) !=
	    EXIT_OK)
		return rc;
	event_init(&ev);
	if ((rc = load_texts(db, slug, &st, &ev, &p, &n)) != EXIT_OK)
		goto out;
	texts = xcalloc(n + 1, sizeof(*texts));
	bufs = xcalloc(n + 1, sizeof(*bufs));
	for (i = 0; i < n; i++) {
		buf_init(&bufs[i], TEXT_MAX);
		buf_addstr(&bufs[i], p[i].title);
		buf_addc(&bufs[i], '\n');
		if (p[i].abstract != NULL)
			buf_addstr(&bufs[i], p[i].abstract);
		texts[i] = bufs[i].s;
	}
	similar_vectors(texts, n, ev.default_lang, &v);
	group = xcalloc(n + 1, sizeof(*group));
	sizes = xcalloc(n + 1, sizeof(*sizes));
	num = xcalloc(n + 1, sizeof(*num));
	(void)similar_groups(v, n, threshold, group, sizes);
	/* Groups numbered from 1 in order of their first member. */
	for (i = 0; i < n; i++)
		if (sizes[group[i]] >= 2 && num[group[i]] == 0)
			num[group[i]] = ++ng;
	for (j = 1; j <= ng; j++) {
		for (i = 0; i < n; i++) {
			double best = 0;
			size_t q;

			if (num[group[i]] != j)
				continue;
			for (q = 0; q < n; q++)
				if (q != i && group[q] == group[i] &&
				    similar_cosine(&v[i], &v[q]) > best)
					best = similar_cosine(&v[i], &v[q]);
			printf("%zu\t%lld\t%.3f\t%s\n", j, (long long)p[i].id,
			    best, p[i].title);
		}
	}
	rc = EXIT_OK;
out:
	for (i = 0; v != NULL && i < n; i++)
		svec_release(&v[i]);
	for (i = 0; bufs != NULL && i < n; i++)
		buf_release(&bufs[i]);
	free(v);
	free(bufs);
	free(texts);
	free(group);
	free(sizes);
	free(num);
	proposal_texts_free(p, n);
	event_release(&ev);
	store_close(st);
	return rc;
}
