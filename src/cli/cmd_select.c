/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * cmd_select.c: balanced selection and decisions (issue 6).
 *
 *   cabildo select   choose the accepted set with GLPK under the
 *                    organiser's quotas; save it as a proposed run, or
 *                    with --confirm turn it into decisions
 *   cabildo decide   one decision by hand
 *   cabildo notify   queue the decision mails not yet sent
 *
 * Quotas given on the command line are saved as the event's settings
 * (the web form shows them) when the run is feasible; an infeasible run
 * names the conflicting quotas, saves nothing and exits 1.
 */
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cmds.h"
#include "solve/select.h"
#include "store/store.h"
#include "store/store_select.h"
#include "util/buf.h"
#include "util/util.h"

#define SELECT_MAX_PINS    1000
#define SELECT_MAX_COUNT   100000
#define SELECT_MAX_SECONDS 3600

struct select_args {
	const char *db;
	const char *slug;
	bool confirm;
	bool times;
	double time_limit;
	int64_t pin[SELECT_MAX_PINS];
	enum sel_pin pin_kind[SELECT_MAX_PINS];
	size_t npins;
};

static bool
parse_share(const char *s, double *out)
{
	char *end;
	double v;

	errno = 0;
	v = strtod(s, &end);
	if (errno != 0 || end == s || *end != '\0' || !(v >= 0 && v <= 1))
		return false;
	*out = v;
	return true;
}

static bool
parse_count(const char *s, int *out)
{
	int64_t v;

	if (!parse_i64(s, 0, SELECT_MAX_COUNT, &v))
		return false;
	*out = (int)v;
	return true;
}

/* "KEY=N" against the event's keys into arr[index of KEY]. */
static enum exit_code
parse_bound(const struct event *ev, bool theme, const char *opt, const char *s,
    int *arr)
{
	const char *eq = strchr(s, '=');
	char key[EVENT_KEY_MAX + 1];
	size_t n;
	long i;
	int v;

	if (eq == NULL || (n = (size_t)(eq - s)) == 0 || n > EVENT_KEY_MAX ||
	    !parse_count(eq + 1, &v))
		return cmd_usage_error(&cmd_select,
		    "%s: expected KEY=N with N 0 to %d, got '%s'", opt,
		    SELECT_MAX_COUNT, s);
	memcpy(key, s, n);
	key[n] = '\0';
	i = theme ? event_theme_find(ev, key) : event_format_find(ev, key);
	if (i < 0)
		return cmd_usage_error(&cmd_select,
		    "%s: no %s '%s' in event '%s'", opt,
		    theme ? "theme" : "format", key, ev->slug);
	arr[i] = v;
	return EXIT_OK;
}

static const struct option select_opts[] = {
	{ "db", required_argument, NULL, 'd' },
	{ "event", required_argument, NULL, 'e' },
	{ "min-women", required_argument, NULL, 'w' },
	{ "min-mixed", required_argument, NULL, 'x' },
	{ "min-countries", required_argument, NULL, 'c' },
	{ "max-per-org", required_argument, NULL, 'o' },
	{ "max-per-speaker", required_argument, NULL, 'p' },
	{ "capacity", required_argument, NULL, 'C' },
	{ "waitlist", required_argument, NULL, 'W' },
	{ "theme-min", required_argument, NULL, 1 },
	{ "theme-max", required_argument, NULL, 2 },
	{ "format-min", required_argument, NULL, 3 },
	{ "format-max", required_argument, NULL, 4 },
	{ "pin-accept", required_argument, NULL, 5 },
	{ "pin-reject", required_argument, NULL, 6 },
	{ "unpin", required_argument, NULL, 7 },
	{ "confirm", no_argument, NULL, 'y' },
	{ "time-limit", required_argument, NULL, 't' },
	{ "times", no_argument, NULL, 'T' },
	{ NULL, 0, NULL, 0 },
};

/* First pass: --db and --event only, so the event can be loaded. */
static enum exit_code
first_pass(int argc, char **argv, struct select_args *a)
{
	int c;

	optind = 0;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "", select_opts, NULL)) != -1) {
		if (c == '?' || c == ':') {
			opterr = 1;
			return cmd_usage_error(
			    &cmd_select, "unknown option or missing value");
		}
		if (c == 'd')
			a->db = optarg;
		else if (c == 'e')
			a->slug = optarg;
	}
	opterr = 1;
	if (optind != argc)
		return cmd_usage_error(
		    &cmd_select, "unexpected argument '%s'", argv[optind]);
	if (a->db == NULL || a->slug == NULL)
		return cmd_usage_error(
		    &cmd_select, "expected --db and --event");
	return EXIT_OK;
}

static enum exit_code
second_pass(int argc, char **argv, const struct event *ev,
    struct select_args *a, struct select_settings *s)
{
	enum exit_code rc = EXIT_OK;
	int64_t id;
	int c;

	optind = 0;
	while (rc == EXIT_OK &&
	    (c = getopt_long(argc, argv, "", select_opts, NULL)) != -1) {
		switch (c) {
		case 'w':
			if (!parse_share(optarg, &s->min_women))
				rc = cmd_usage_error(&cmd_select,
				    "--min-women: expected a share 0 to 1, "
				    "got '%s'",
				    optarg);
			break;
		case 'x':
			if (!parse_share(optarg, &s->min_mixed))
				rc = cmd_usage_error(&cmd_select,
				    "--min-mixed: expected a share 0 to 1, "
				    "got '%s'",
				    optarg);
			break;
		case 'c':
		case 'o':
		case 'p':
		case 'C':
		case 'W': {
			int *to = c == 'c' ? &s->min_countries
			    : c == 'o'     ? &s->max_per_org
			    : c == 'p'     ? &s->max_per_speaker
			    : c == 'C'     ? &s->capacity
					   : &s->waitlist;

			if (!parse_count(optarg, to) ||
			    (c == 'W' && *to > SELECT_WAITLIST_MAX))
				rc = cmd_usage_error(&cmd_select,
				    "expected a whole number 0 to %d, got "
				    "'%s'",
				    c == 'W' ? SELECT_WAITLIST_MAX
					     : SELECT_MAX_COUNT,
				    optarg);
			break;
		}
		case 1:
			rc = parse_bound(
			    ev, true, "--theme-min", optarg, s->theme_min);
			break;
		case 2:
			rc = parse_bound(
			    ev, true, "--theme-max", optarg, s->theme_max);
			break;
		case 3:
			rc = parse_bound(
			    ev, false, "--format-min", optarg, s->format_min);
			break;
		case 4:
			rc = parse_bound(
			    ev, false, "--format-max", optarg, s->format_max);
			break;
		case 5:
		case 6:
		case 7:
			if (!parse_i64(optarg, 1, INT64_MAX, &id) ||
			    a->npins >= SELECT_MAX_PINS) {
				rc = cmd_usage_error(&cmd_select,
				    "expected a proposal id (at most %d "
				    "pins), got '%s'",
				    SELECT_MAX_PINS, optarg);
				break;
			}
			a->pin[a->npins] = id;
			a->pin_kind[a->npins++] = c == 5 ? SEL_PIN_ACCEPT
			    : c == 6                     ? SEL_PIN_REJECT
							 : SEL_PIN_NONE;
			break;
		case 'y':
			a->confirm = true;
			break;
		case 'T':
			a->times = true;
			break;
		case 't':
			if (!parse_i64(optarg, 1, SELECT_MAX_SECONDS, &id))
				rc = cmd_usage_error(&cmd_select,
				    "--time-limit: expected 1 to %d seconds, "
				    "got '%s'",
				    SELECT_MAX_SECONDS, optarg);
			else
				a->time_limit = (double)id;
			break;
		default:
			break;
		}
	}
	return rc;
}

/* Applies the command line's pins to the instance in memory. */
static enum exit_code
apply_pins(const struct select_args *a, struct store_selection *sel)
{
	size_t i, k;

	for (k = 0; k < a->npins; k++) {
		bool found = false;

		for (i = 0; i < sel->in.nitems; i++)
			if (sel->proposal_id[i] == a->pin[k]) {
				sel->items[i].pin = a->pin_kind[k];
				found = true;
			}
		if (!found && a->pin_kind[k] != SEL_PIN_NONE)
			return cmd_fail(EXIT_FAIL,
			    "select: proposal %lld is not a reviewed "
			    "candidate of the event (decide on it with "
			    "'cabildo decide' instead)",
			    (long long)a->pin[k]);
	}
	return EXIT_OK;
}

static void
print_quotas(const struct sel_result *res)
{
	size_t i;

	printf("quotas (binds: dropping it alone would raise the objective; "
	       "active: at its bound):\n");
	for (i = 0; i < res->nquotas; i++) {
		const struct sel_quota *q = &res->quotas[i];
		const char *state = q->binds ? "binds"
		    : q->active              ? "active"
					     : "slack";

		if (q->kind == SEL_Q_PIN && !q->binds)
			continue;
		printf("  %-6s %s: value %g, bound %g", state, q->name,
		    q->value, q->bound);
		if (q->gain_known)
			printf(", gain %.3f", q->gain);
		putchar('\n');
	}
}

static void
print_summary(const struct event *ev, const struct store_selection *sel,
    const bool *accepted)
{
	struct select_summary sum;
	size_t i;

	select_summary(sel, accepted, &sum);
	printf("summary:\n  themes:");
	for (i = 0; i < ev->nthemes; i++)
		printf(" %s %zu", ev->themes[i].key, sum.per_theme[i]);
	printf("\n  formats:");
	for (i = 0; i < ev->nformats; i++)
		printf(" %s %zu", ev->formats[i].key, sum.per_format[i]);
	printf("\n  panels mixing government and civil society: %zu of %zu\n",
	    sum.mixed_panels, sum.panels);
	printf("  speaker places: %zu, women %zu (%.0f%%), state sectors %zu "
	       "(%.0f%%)\n",
	    sum.speaker_slots, sum.women_slots,
	    sum.speaker_slots
		? 100.0 * (double)sum.women_slots / (double)sum.speaker_slots
		: 0.0,
	    sum.state_slots,
	    sum.speaker_slots
		? 100.0 * (double)sum.state_slots / (double)sum.speaker_slots
		: 0.0);
	printf("  countries: %zu\n", sum.ncountries);
	printf("  organisations: %zu, the most sessions %zu ('%s')\n",
	    sum.norgs, sum.max_org_count, sum.max_org ? sum.max_org : "");
	printf("  room time: %ld of %ld minutes\n", sum.minutes_used,
	    sel->minutes_capacity);
	select_summary_release(&sum);
}

static enum exit_code
save_run(struct store *st, const struct event *ev, const struct select_args *a,
    const struct store_selection *sel, const struct sel_result *res,
    const struct select_settings *s)
{
	struct buf msg;
	int64_t run;
	size_t k;

	for (k = 0; k < a->npins; k++)
		if (store_select_pin(
			st, ev->id, a->pin[k], a->pin_kind[k], 0) != STORE_OK)
			return cmd_fail(EXIT_DB, "select: cannot save pin %lld",
			    (long long)a->pin[k]);
	if (store_select_settings_save(st, ev, s, 0) != STORE_OK ||
	    store_select_run_save(st, ev, sel, res, s, 0, &run) != STORE_OK)
		return cmd_fail(EXIT_DB, "select: cannot save the run");
	if (!a->confirm) {
		printf("run %lld saved as a proposal; confirm it with "
		       "--confirm or on the selection page\n",
		    (long long)run);
		return EXIT_OK;
	}
	buf_init(&msg, 0);
	if (store_select_run_confirm(st, ev, run, s->waitlist, 0, &msg) !=
	    STORE_OK) {
		enum exit_code rc =
		    cmd_fail(EXIT_DB, "select: cannot confirm: %s", msg.s);

		buf_release(&msg);
		return rc;
	}
	buf_release(&msg);
	printf("run %lld confirmed: %zu accepted, up to %d waitlisted, the "
	       "others rejected; 'cabildo notify' mails them\n",
	    (long long)run, res->naccepted, s->waitlist);
	return EXIT_OK;
}

static enum exit_code
select_exec(int argc, char **argv)
{
	struct select_args a;
	struct select_settings s;
	struct store_selection sel;
	struct sel_result res;
	struct sel_options opt = { 0 };
	struct store *st = NULL;
	struct event ev;
	struct buf msg;
	enum store_err se;
	enum exit_code rc;

	memset(&a, 0, sizeof(a));
	a.time_limit = 10;
	if ((rc = first_pass(argc, argv, &a)) != EXIT_OK)
		return rc;
	if ((rc = cmd_open_store(a.db, false, &st)) != EXIT_OK)
		return rc;
	event_init(&ev);
	memset(&s, 0, sizeof(s));
	memset(&sel, 0, sizeof(sel));
	sel_result_init(&res);
	buf_init(&msg, 0);
	if ((se = store_event_load(st, a.slug, &ev)) != STORE_OK) {
		rc = se == STORE_ERR_NOTFOUND
		    ? cmd_fail(EXIT_FAIL, "select: no event '%s'", a.slug)
		    : cmd_fail(EXIT_DB, "%s", store_strerror(se));
		goto out;
	}
	if (store_select_settings_load(st, &ev, &s) != STORE_OK) {
		rc = cmd_fail(EXIT_DB, "select: cannot read the settings");
		goto out;
	}
	if ((rc = second_pass(argc, argv, &ev, &a, &s)) != EXIT_OK)
		goto out;
	if ((se = store_select_load(st, &ev, &s, &sel, &msg)) != STORE_OK) {
		rc = cmd_fail(
		    EXIT_DB, "select: %s: %s", store_strerror(se), msg.s);
		goto out;
	}
	if ((rc = apply_pins(&a, &sel)) != EXIT_OK)
		goto out;
	printf("event: %s\ncandidates: %zu with reviews or pinned, %zu left "
	       "out without reviews\ncapacity: %ld minutes of room time\n",
	    ev.slug, sel.in.nitems, sel.unreviewed, sel.minutes_capacity);
	opt.time_limit = a.time_limit;
	opt.gains = true;
	select_solve(&sel.in, &sel.q, &opt, &res);
	printf("status: %s (GLPK status %d), gap %.4f%%\n",
	    sel_status_str(res.status), res.glp_status, 100 * res.gap);
	if (a.times)
		printf("seconds: %.3f solve, %.3f quotas\n", res.seconds,
		    res.extra_seconds);
	if (res.status != SEL_OPTIMAL && res.status != SEL_FEASIBLE) {
		fflush(stdout);
		rc = cmd_fail(EXIT_FAIL, "select: %s; nothing was saved",
		    res.message != NULL ? res.message
					: sel_status_str(res.status));
		goto out;
	}
	printf("objective: %.3f\naccepted: %zu of %zu\n", res.objective,
	    res.naccepted, sel.in.nitems);
	print_quotas(&res);
	print_summary(&ev, &sel, res.accepted);
	rc = save_run(st, &ev, &a, &sel, &res, &s);
out:
	buf_release(&msg);
	sel_result_release(&res);
	store_selection_release(&sel);
	select_settings_release(&s);
	event_release(&ev);
	store_close(st);
	return rc;
}

const struct cmd cmd_select = {
	.name = "select",
	.usage = "select --db FILE --event SLUG [quotas] [--pin-accept ID] "
		 "[--pin-reject ID] [--confirm]",
	.help =
	    "Chooses the accepted programme: the proposals with the best "
	    "review scores\n(normalised per reviewer) that fit the grid's "
	    "room time, under the quotas,\nsolved exactly by GLPK.  Prints "
	    "GLPK's status and gap, the objective, which\nquotas bind, and "
	    "the balance of themes, formats, sectors, gender,\ncountries and "
	    "organisations.  The run is saved as a proposal; --confirm\nturns "
	    "it into decisions.  Quotas given here are saved as the event's\n"
	    "settings; those not given keep their saved values (0 = off).\n\n"
	    "  --db FILE               the database file\n"
	    "  --event SLUG            the event\n"
	    "  --min-women SHARE       women among speaker places, 0 to 1\n"
	    "  --min-mixed SHARE       panels mixing state and non-state "
	    "sectors, 0 to 1\n"
	    "  --min-countries N       speakers from at least N countries\n"
	    "  --max-per-org M         at most M sessions per organisation\n"
	    "  --max-per-speaker P     a person in at most P sessions\n"
	    "  --capacity N            room-slots (default: the whole grid)\n"
	    "  --waitlist N            proposals waitlisted on confirming "
	    "(default 10)\n"
	    "  --theme-min KEY=N, --theme-max KEY=N     sessions per theme\n"
	    "  --format-min KEY=N, --format-max KEY=N   sessions per format\n"
	    "  --pin-accept ID, --pin-reject ID, --unpin ID   pins (saved)\n"
	    "  --confirm               confirm the run into decisions\n"
	    "  --time-limit S          seconds for GLPK (default 10)\n"
	    "  --times                 print the solve times\n\n"
	    "Exit status: 0 saved, 1 infeasible (the conflicting quotas are "
	    "named;\nnothing is saved) or no such event, 2 usage, 3 "
	    "database.",
	.exec = select_exec,
};

/* --db FILE --event SLUG for decide and notify. */
static enum exit_code
open_event(const struct cmd *cmd, const char *db, const char *slug,
    struct store **st, struct event *ev)
{
	enum store_err se;
	enum exit_code rc;

	if (db == NULL || slug == NULL)
		return cmd_usage_error(cmd, "expected --db and --event");
	if ((rc = cmd_open_store(db, false, st)) != EXIT_OK)
		return rc;
	if ((se = store_event_load(*st, slug, ev)) != STORE_OK)
		return se == STORE_ERR_NOTFOUND
		    ? cmd_fail(EXIT_FAIL, "%s: no event '%s'", cmd->name, slug)
		    : cmd_fail(EXIT_DB, "%s", store_strerror(se));
	return EXIT_OK;
}

static enum exit_code
decide_exec(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "event", required_argument, NULL, 'e' },
		{ "proposal", required_argument, NULL, 'p' },
		{ "note", required_argument, NULL, 'n' },
		{ NULL, 0, NULL, 0 },
	};
	const char *db = NULL, *slug = NULL, *note = NULL;
	struct store *st = NULL;
	enum decision_kind d;
	struct event ev;
	struct buf msg;
	enum store_err se;
	enum exit_code rc;
	int64_t id = 0;
	int c;

	optind = 0;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c == 'd')
			db = optarg;
		else if (c == 'e')
			slug = optarg;
		else if (c == 'n')
			note = optarg;
		else if (c == 'p' && parse_i64(optarg, 1, INT64_MAX, &id))
			continue;
		else
			return cmd_usage_error(&cmd_decide,
			    c == 'p' ? "--proposal: expected an id"
				     : "unknown option");
	}
	if (optind + 1 != argc || !decision_parse(argv[optind], &d))
		return cmd_usage_error(
		    &cmd_decide, "expected accept, reject or waitlist");
	if (id == 0)
		return cmd_usage_error(&cmd_decide, "expected --proposal ID");
	event_init(&ev);
	if ((rc = open_event(&cmd_decide, db, slug, &st, &ev)) != EXIT_OK)
		goto out;
	buf_init(&msg, 0);
	se = store_decide(st, ev.id, id, d, 0, note, &msg);
	if (se == STORE_OK)
		printf("proposal %lld: %s\n", (long long)id, decision_key(d));
	else
		rc = cmd_fail(
		    se == STORE_ERR_NOTFOUND || se == STORE_ERR_CONSTRAINT
			? EXIT_FAIL
			: EXIT_DB,
		    "decide: %s", msg.s[0] ? msg.s : store_strerror(se));
	buf_release(&msg);
out:
	event_release(&ev);
	store_close(st);
	return rc;
}

const struct cmd cmd_decide = {
	.name = "decide",
	.usage = "decide --db FILE --event SLUG --proposal ID "
		 "accept|reject|waitlist",
	.help = "Records one decision on a proposal (and on the proposals "
		"merged into it),\nsets its status and writes the audit log.  "
		"'cabildo notify' mails it.\n\n"
		"  --db FILE       the database file\n"
		"  --event SLUG    the event\n"
		"  --proposal ID   the proposal\n"
		"  --note TEXT     a note kept with the decision\n\n"
		"Exit status: 0 done, 1 no such proposal or event, or a "
		"draft, withdrawn or\nmerged proposal, 2 usage, 3 database.",
	.exec = decide_exec,
};

static enum exit_code
notify_exec(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "event", required_argument, NULL, 'e' },
		{ NULL, 0, NULL, 0 },
	};
	const char *db = NULL, *slug = NULL,
		   *base = getenv("CABILDO_PUBLIC_URL");
	struct store *st = NULL;
	struct event ev;
	enum exit_code rc;
	size_t queued = 0;
	int c;

	optind = 0;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c == 'd')
			db = optarg;
		else if (c == 'e')
			slug = optarg;
		else
			return cmd_usage_error(&cmd_notify, "unknown option");
	}
	if (optind != argc)
		return cmd_usage_error(
		    &cmd_notify, "unexpected argument '%s'", argv[optind]);
	event_init(&ev);
	if ((rc = open_event(&cmd_notify, db, slug, &st, &ev)) != EXIT_OK)
		goto out;
	if (store_select_notify(st, &ev, base != NULL ? base : "", &queued) !=
	    STORE_OK)
		rc = cmd_fail(EXIT_DB, "notify: cannot queue the mails");
	else
		printf("%zu mail%s queued\n", queued, queued == 1 ? "" : "s");
out:
	event_release(&ev);
	store_close(st);
	return rc;
}

const struct cmd cmd_notify = {
	.name = "notify",
	.usage = "notify --db FILE --event SLUG",
	.help = "Queues in the outbox the mail of every decision not mailed "
		"yet, once each,\nto every speaker of the proposal, in the "
		"speaker's language (else the\nproposal's, else the event's).  "
		"Links start with $CABILDO_PUBLIC_URL.\n\n"
		"  --db FILE      the database file\n"
		"  --event SLUG   the event\n\n"
		"Exit status: 0 done, 1 no such event, 2 usage, 3 database.",
	.exec = notify_exec,
};
