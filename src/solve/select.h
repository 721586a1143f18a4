/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * select.h: balanced selection of the programme, solved exactly as a
 * mixed-integer programme by GLPK (pure: an instance in, a proposal of an
 * accepted set out; no I/O besides GLPK and the clock).
 *
 * Binary x[i] accepts item i.  Maximise sum score[i] x[i] subject to the
 * quotas of struct sel_quotas, each of which may be switched off:
 *
 *   capacity    for each sel_capacity c: sum of size[i] over the accepted
 *               items of c's formats <= c.units.  Sizes are integer units
 *               the caller chooses: e.g. one unit per room-slot, with one
 *               capacity "sessions" over the session formats and one
 *               "lightning" over the lightning format (several lightning
 *               talks share a slot: count lightning units in talks, not
 *               slots), or a common unit (a lightning talk 1, a 60-minute
 *               session 6) with one capacity over all formats.
 *   theme       theme_min[t] <= accepted items of theme t <= theme_max[t]
 *   format      format_min[f] <= accepted items of format f <= format_max[f]
 *   mixed       accepted panels that mix sectors >= share * accepted panels
 *               (panels and mixing are the caller's flags per item: a panel
 *               mixes sectors when its speakers include a state sector,
 *               government, legislature or judiciary, and a non-state one)
 *   women       women among the speaker slots of accepted items >= share *
 *               all those slots.  Slots, not persons: a woman on two
 *               accepted items counts twice.  Gender not given counts as not
 *               a woman, so unknown genders make this quota harder; the
 *               result counts them (unknown_slots) for the organiser.
 *   countries   distinct countries of the speakers of accepted items >= N
 *               (a speaker with an unknown country adds none)
 *   org         accepted items per organisation <= M (item.org, typically
 *               the submitter's organisation; SEL_NONE is not counted)
 *   speaker     accepted items per person <= P (a person listed twice on
 *               one item counts once)
 *   pins        item.pin forces x[i] to 1 or 0.
 *
 * The shares are linear: sum (w[i] - share * n[i]) x[i] >= 0, so an empty
 * programme meets every share.  Scores are used as given: an item with a
 * negative score is accepted only when a quota needs it, so to fill the
 * capacity pass non-negative scores (e.g. normalised score + an offset).
 *
 * Results.  SEL_OPTIMAL or SEL_FEASIBLE (time limit hit, gap > 0) fill
 * accepted[], the objective and, per quota, its value at the solution,
 * whether it is active (at its bound: one unpinned item added or removed
 * would break it) and, with options.gains and an optimum, whether it
 * binds: the gain of the objective if that quota alone were dropped (a
 * re-solve per quota, in quota order, within the gain time budget;
 * gain_known says which were done; a quota that holds whatever is
 * accepted gets gain 0 without a re-solve).  In an integer programme a
 * quota that is not active may still bind, and of two quotas that say the
 * same thing neither binds alone.
 *
 * When the quotas cannot all hold the result is SEL_INFEASIBLE, never a
 * partial programme: accepted[] is all false, and .message names an
 * irreducible conflicting set of quotas (a deletion filter over the quota
 * groups: drop each in turn and keep it out if the rest still conflict),
 * e.g. "quotas 'capacity sessions 65', 'theme gender at least 12' and
 * 'women share at least 60%' cannot all hold"; those quotas have .conflict
 * set.  Before that an elastic MIP (a binary per quota that frees all its
 * rows; minimise their number, pins weighing a little more than quotas)
 * finds a smallest set of quotas to drop so that the rest hold: .drop,
 * and the message goes on "; dropping 'women share at least 60%' alone
 * would let the others hold" (or "; the fewest to drop: 'A' and 'B'").
 * The conflicting set says why; the drop set says what would fix it.  Bad input
 * gives SEL_BAD_INPUT and a .message naming the item, person or quota and the
 * value, e.g. "item 12: theme 9 out of range (7 themes)", "theme 2: minimum 4
 * is above maximum 3", "women share 1.5 is not from 0 to 1".
 *
 * Threads: GLPK 5 (Debian) keeps its state per thread (_Thread_local),
 * so solves may run in several threads at once; each call restores the
 * thread's glp_term_out setting, and frees the thread's GLPK environment
 * when the call created it (a worker thread that ends leaks nothing).
 *
 * Quota names: "capacity NAME UNITS" (or "capacity UNITS"), "theme KEY at
 * least N", "theme KEY at most N", "format KEY at least/at most N" (KEY
 * from theme_names/format_names, else the index), "mixed panels at least
 * P%", "women share at least P%", "countries at least N", "at most M per
 * organisation", "at most P per speaker", "pin accept NAME" / "pin reject
 * NAME" (NAME the item's name, else "item N").
 */
#ifndef CABILDO_SELECT_H
#define CABILDO_SELECT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define SEL_NONE           ((size_t)-1)
#define SEL_MAX_ITEMS      100000
#define SEL_MAX_PERSONS    1000000
#define SEL_MAX_CATEGORIES 10000 /* themes, formats, countries */
#define SEL_MAX_ORGS       SEL_MAX_PERSONS
#define SEL_MAX_FORMATS    64 /* capacity masks are 64-bit */
#define SEL_MAX_SPEAKERS   64 /* per item */

enum sel_pin { SEL_PIN_NONE = 0, SEL_PIN_ACCEPT, SEL_PIN_REJECT, SEL_PIN__MAX };

struct sel_person {
	bool woman;          /* self-described as a woman */
	bool gender_unknown; /* not given: counts as not a woman */
	size_t country;      /* < ncountries, or SEL_NONE when unknown */
};

struct sel_item {
	const char *name; /* for messages; NULL gives "item N" */
	double score;     /* objective weight, finite */
	int size;         /* capacity units, >= 0 */
	size_t format;    /* < nformats */
	size_t theme;     /* < nthemes */
	bool is_panel;
	bool mixes_sectors;     /* state and non-state speakers (panels only) */
	size_t org;             /* < norgs, or SEL_NONE */
	const size_t *speakers; /* [nspeakers] indices into persons */
	size_t nspeakers;
	enum sel_pin pin;
};

struct sel_instance {
	const struct sel_item *items;
	size_t nitems;
	const struct sel_person *persons;
	size_t npersons;
	size_t nthemes, nformats, ncountries, norgs;
	/* Optional keys for messages ([nthemes], [nformats]); NULL gives
	 * "theme 3", "format 1". */
	const char *const *theme_names;
	const char *const *format_names;
};

struct sel_capacity {
	const char *name; /* "sessions"; NULL for an unnamed capacity */
	uint64_t formats; /* bit (1 << format) per format counted; 0 = all */
	long units;       /* >= 0 */
};

/* Zero-initialised, every quota is off. */
struct sel_quotas {
	const struct sel_capacity *caps;
	size_t ncaps;
	/* [nthemes] / [nformats] or NULL; min 0 and max -1 mean no bound. */
	const int *theme_min, *theme_max;
	const int *format_min, *format_max;
	double mixed_share;  /* 0..1, 0 = off */
	double women_share;  /* 0..1, 0 = off */
	int min_countries;   /* 0 = off */
	int max_per_org;     /* 0 = off */
	int max_per_speaker; /* 0 = off */
};

struct sel_options {
	double time_limit;  /* seconds for the main solve; 0 = 10 */
	bool gains;         /* re-solve without each quota to measure binding */
	double gain_budget; /* seconds for all gain re-solves; 0 = time_limit */
	/* Seconds for the conflict diagnosis (one feasibility solve per
	 * quota, each within time_limit); 0 = 3 * time_limit.  Past it the
	 * set named is still conflicting but may not be minimal (said so in
	 * the message). */
	double diagnosis_budget;
	bool verbose; /* GLPK's own output on stdout */
};

enum sel_status {
	SEL_OPTIMAL = 0,
	SEL_FEASIBLE,    /* time limit: the incumbent, with gap > 0 */
	SEL_INFEASIBLE,  /* the quotas conflict: .message names them */
	SEL_NO_SOLUTION, /* time limit before any feasible programme */
	SEL_BAD_INPUT,   /* .message names the field */
	SEL_ERROR,       /* GLPK failed */
	SEL__MAX
};

enum sel_quota_kind {
	SEL_Q_CAPACITY,  /* index: into caps */
	SEL_Q_THEME_MIN, /* index: theme */
	SEL_Q_THEME_MAX,
	SEL_Q_FORMAT_MIN, /* index: format */
	SEL_Q_FORMAT_MAX,
	SEL_Q_MIXED,
	SEL_Q_WOMEN,
	SEL_Q_COUNTRIES,
	SEL_Q_ORG,     /* all organisations as one quota */
	SEL_Q_SPEAKER, /* all persons as one quota */
	SEL_Q_PIN,     /* index: item */
	SEL_Q__MAX
};

struct sel_quota {
	enum sel_quota_kind kind;
	size_t index;
	char *name; /* "theme gender at least 12", "women share at least 45%" */
	double bound; /* in the quota's units: items, size units, share 0..1 */
	double value; /* at the solution (the largest per org/per person) */
	bool active;  /* at its bound at the solution */
	bool gain_known;
	double gain;   /* objective without this quota minus objective */
	bool binds;    /* gain_known and gain > 1e-9 */
	bool conflict; /* in the conflicting set (SEL_INFEASIBLE) */
	bool drop;     /* in a smallest set whose removal lets the rest hold */
};

struct sel_result {
	enum sel_status status;
	bool *accepted; /* [nitems] */
	size_t naccepted;
	double objective;
	int glp_status; /* glp_mip_status() of the main solve (GLP_OPT...) */
	double gap;     /* relative gap |best bound - obj| / |obj|, 0 optimal */
	double seconds; /* main solve; gains and diagnosis not included */
	double extra_seconds; /* gain re-solves or conflict diagnosis */
	int vars, rows;
	/* Speaker slots of the accepted items: all, women, gender unknown
	 * (counted as not women by the women quota). */
	size_t slots, women_slots, unknown_slots;
	struct sel_quota *quotas; /* every quota that is on, in kind order */
	size_t nquotas;
	char *message; /* NULL, or why (SEL_INFEASIBLE, SEL_BAD_INPUT...) */
};

const char *sel_status_str(enum sel_status s);
const char *sel_quota_kind_key(enum sel_quota_kind k); /* "theme-min"... */

void sel_result_init(struct sel_result *r);
/* Frees what the result owns; r is then as after sel_result_init. */
void sel_result_release(struct sel_result *r);

/* opt may be NULL for the defaults.  out must be sel_result_init'ed (or
 * released); it is overwritten.  Returns out->status. */
enum sel_status select_solve(const struct sel_instance *in,
    const struct sel_quotas *q, const struct sel_options *opt,
    struct sel_result *out);

#endif
