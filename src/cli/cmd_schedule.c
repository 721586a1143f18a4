/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * cmd_schedule.c: `cabildo schedule`, which places an event's accepted
 * sessions into rooms and session slots with the timetable optimiser and
 * saves the result, and `cabildo timetable check`, which lists every
 * violated constraint and soft cost of the stored timetable.
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli/cmds.h"
#include "solve/timetable.h"
#include "store/store.h"
#include "store/store_timetable.h"
#include "util/buf.h"
#include "util/util.h"

#define SCHEDULE_MAX_SECONDS 86400

struct sched_args {
	const char *db;
	const char *slug;
	double time_limit;
	uint64_t seed;
	uint64_t moves;
	int threads;
	bool keep_published;
	bool quiet;
};

static void
progress(void *arg, const struct tt_progress *p)
{
	double gap = p->objective > 0
	    ? 100.0 * (double)(p->objective - p->bound) / (double)p->objective
	    : 0.0;

	(void)arg;
	fprintf(stderr,
	    "schedule: %6.1fs hard %lld objective %lld bound %lld gap %.1f%% "
	    "moves %llu\n",
	    p->elapsed, (long long)p->hard, (long long)p->objective,
	    (long long)p->bound, gap, (unsigned long long)p->moves);
}

static const char *
item_name(const struct store_timetable *t, int i)
{
	if (i < 0 || i >= t->in.nitems || t->item_name[i] == NULL)
		return "?";
	return t->item_name[i];
}

/* One line per issue: "hard|soft KIND AMOUNT: what, where". */
static void
print_issue(FILE *f, const struct store_timetable *t, const struct event *ev,
    const struct tt_issue *is)
{
	char when[17] = "";

	if (is->unit >= 0 && is->unit < t->in.nunits)
		store_timetable_when(t, ev, is->unit, 0, when);
	fprintf(f, "%s %s %lld:", is->kind < TT_HARD__MAX ? "hard" : "soft",
	    tt_cost_name(is->kind), (long long)is->amount);
	if (is->item >= 0)
		fprintf(f, " session %lld '%s'",
		    (long long)t->session_id[is->item], item_name(t, is->item));
	if (is->item2 >= 0)
		fprintf(f, " and session %lld '%s'",
		    (long long)t->session_id[is->item2],
		    item_name(t, is->item2));
	if (is->theme >= 0 && (size_t)is->theme < ev->nthemes)
		fprintf(f, " theme '%s'", ev->themes[is->theme].key);
	if (is->person >= 0) {
		if (is->kind == TT_ATTEND)
			fprintf(f, " participant (registration %lld)",
			    (long long)t->registration_id[is->person]);
		else if (is->person < t->in.npersons)
			fprintf(f, " speaker '%s'", t->person_name[is->person]);
	}
	if (is->room >= 0 && is->room < t->in.nrooms)
		fprintf(f, " room '%s'", t->rooms[is->room].name);
	if (when[0] != '\0')
		fprintf(f, " at %s", when);
	if (is->kind == TT_NEEDS && is->room < 0 && is->item >= 0)
		fprintf(f, " (no room offers:%s%s)",
		    t->items[is->item].needs & TT_NEED_BOOTH
			? " interpretation booth"
			: "",
		    t->items[is->item].needs & TT_NEED_STEP_FREE
			? " step-free access"
			: "");
	else if (is->kind == TT_UNAVAILABLE && is->room < 0)
		fprintf(f, " (no slot when all speakers are available)");
	else if (is->kind == TT_BAD_START && is->room < 0)
		fprintf(f, " (longer than any run of session slots)");
	else if (is->kind == TT_UNPLACED && is->item < 0)
		fprintf(f, " more room-slots needed than the event has");
	fputc('\n', f);
}

static void
print_costs(FILE *f, const struct tt_instance *in, const struct tt_cost *c)
{
	const int64_t w[TT_COST__MAX] = {
		[TT_ATTEND] = in->w.attend,
		[TT_CAPACITY] = in->w.capacity,
		[TT_THEME_PARALLEL] = in->w.theme_par,
		[TT_THEME_ROOMS] = in->w.theme_room,
		[TT_PREF] = in->w.pref,
		[TT_MOVED] = in->w.moved,
	};
	int k;

	for (k = 0; k < TT_COST__MAX; k++) {
		if (k < TT_HARD__MAX)
			fprintf(f, "  hard %-20s %8lld\n",
			    tt_cost_name((enum tt_cost_kind)k),
			    (long long)c->count[k]);
		else
			fprintf(f, "  soft %-20s %8lld x %-4lld = %lld\n",
			    tt_cost_name((enum tt_cost_kind)k),
			    (long long)c->count[k], (long long)w[k],
			    (long long)(c->count[k] * w[k]));
	}
}

/* Opens the store, loads the event and its timetable instance. */
static enum exit_code
open_instance(const struct cmd *cmd, const struct sched_args *a,
    struct store **st, struct event *ev, struct store_timetable *t)
{
	struct buf msg;
	enum store_err se;
	enum exit_code rc;

	if ((rc = cmd_open_store(a->db, false, st)) != EXIT_OK)
		return rc;
	if ((se = store_event_load(*st, a->slug, ev)) != STORE_OK) {
		if (se == STORE_ERR_NOTFOUND)
			return cmd_fail(
			    EXIT_FAIL, "%s: no event '%s'", cmd->name, a->slug);
		return cmd_fail(EXIT_DB, "%s", store_strerror(se));
	}
	buf_init(&msg, 0);
	se = store_timetable_load(*st, ev, a->keep_published, t, &msg);
	if (se != STORE_OK) {
		rc = cmd_fail(EXIT_DB, "%s: %s", store_strerror(se), msg.s);
		buf_release(&msg);
		return rc;
	}
	buf_release(&msg);
	return EXIT_OK;
}

static enum exit_code
parse_args(const struct cmd *cmd, int argc, char **argv, struct sched_args *a,
    bool solve)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "event", required_argument, NULL, 'e' },
		{ "time-limit", required_argument, NULL, 't' },
		{ "seed", required_argument, NULL, 's' },
		{ "moves", required_argument, NULL, 'm' },
		{ "threads", required_argument, NULL, 'j' },
		{ "keep-published", no_argument, NULL, 'k' },
		{ "quiet", no_argument, NULL, 'q' },
		{ NULL, 0, NULL, 0 },
	};
	int64_t v;
	int c;

	memset(a, 0, sizeof(*a));
	a->time_limit = 10;
	a->seed = 1;
	a->moves = 3000000;
	a->threads = 2;
	optind = 0;
	while (
	    (c = getopt_long(argc, argv, "d:e:t:s:m:j:kq", opts, NULL)) != -1) {
		if (!solve && c != 'd' && c != 'e' && c != 'k')
			return cmd_usage_error(cmd, "unknown option");
		switch (c) {
		case 'd':
			a->db = optarg;
			break;
		case 'e':
			a->slug = optarg;
			break;
		case 't':
			if (!parse_i64(optarg, 1, SCHEDULE_MAX_SECONDS, &v))
				return cmd_usage_error(cmd,
				    "--time-limit: expected 1 to %d seconds, "
				    "got '%s'",
				    SCHEDULE_MAX_SECONDS, optarg);
			a->time_limit = (double)v;
			break;
		case 's':
			if (!parse_i64(optarg, 0, INT64_MAX, &v))
				return cmd_usage_error(cmd,
				    "--seed: expected a number from 0, got '%s'",
				    optarg);
			a->seed = (uint64_t)v;
			break;
		case 'm':
			if (!parse_i64(optarg, 1, INT64_C(1000000000000), &v))
				return cmd_usage_error(cmd,
				    "--moves: expected a positive number, got "
				    "'%s'",
				    optarg);
			a->moves = (uint64_t)v;
			break;
		case 'j':
			if (!parse_i64(optarg, 1, 2, &v))
				return cmd_usage_error(cmd,
				    "--threads: expected 1 or 2, got '%s'",
				    optarg);
			a->threads = (int)v;
			break;
		case 'k':
			a->keep_published = true;
			break;
		case 'q':
			a->quiet = true;
			break;
		default:
			return cmd_usage_error(cmd, "unknown option");
		}
	}
	if (a->db == NULL || a->slug == NULL || optind != argc)
		return cmd_usage_error(cmd, "expected --db FILE --event SLUG");
	return EXIT_OK;
}

static enum exit_code
schedule_exec(int argc, char **argv)
{
	struct sched_args a;
	struct store *st = NULL;
	struct event ev;
	struct store_timetable t;
	struct tt_report diag;
	struct tt_assign asg;
	struct tt_cost cost;
	struct tt_stats stats;
	struct tt_opts o;
	struct buf msg;
	enum exit_code rc;
	enum store_err se;
	int64_t version = 0;
	int placed = 0, i;
	size_t k;

	if ((rc = parse_args(&cmd_schedule, argc, argv, &a, true)) != EXIT_OK)
		return rc;
	event_init(&ev);
	memset(&t, 0, sizeof(t));
	memset(&diag, 0, sizeof(diag));
	buf_init(&msg, 0);
	tt_assign_init(&asg, 0);
	if ((rc = open_instance(&cmd_schedule, &a, &st, &ev, &t)) != EXIT_OK)
		goto out;
	if (t.in.nitems == 0) {
		rc = cmd_fail(EXIT_FAIL,
		    "schedule: event '%s' has no accepted sessions", a.slug);
		goto out;
	}
	if (!timetable_diagnose(&t.in, &diag)) {
		fprintf(stderr,
		    "schedule: the instance is infeasible; the "
		    "best partial timetable will be saved, "
		    "marked:\n");
		for (k = 0; k < diag.n; k++) {
			fputs("schedule: ", stderr);
			print_issue(stderr, &t, &ev, &diag.issues[k]);
		}
	}
	tt_assign_release(&asg);
	tt_assign_init(&asg, t.in.nitems);
	memset(&o, 0, sizeof(o));
	o.seed = a.seed;
	o.time_limit = a.time_limit;
	o.max_moves = a.moves;
	o.threads = a.threads;
	if (a.keep_published) {
		tt_assign_copy(&asg, &t.current);
		o.keep_fixed_start = true;
	}
	if (!a.quiet)
		o.progress = progress;
	timetable_solve(&t.in, &o, &asg, &cost, &stats);
	se = store_timetable_save(
	    st, &ev, &t, &asg, &cost, a.seed, stats.bound, &version, &msg);
	if (se != STORE_OK) {
		rc = cmd_fail(EXIT_DB, "%s: %s", store_strerror(se), msg.s);
		goto out;
	}
	for (i = 0; i < t.in.nitems; i++)
		placed += asg.place[i].room >= 0;
	printf("timetable for '%s' (seed %llu): %d sessions, %d rooms, %d "
	       "slots, %d participants with stars\n",
	    ev.slug, (unsigned long long)a.seed, t.in.nitems, t.in.nrooms,
	    t.in.nunits, t.in.nparticipants);
	printf("placed %d of %d; hard violations %lld%s\n", placed, t.in.nitems,
	    (long long)cost.hard,
	    cost.hard > 0 ? " (PARTIAL timetable: see 'cabildo timetable "
			    "check')"
			  : "");
	printf("objective %lld, lower bound %lld, gap %.1f%%, greedy start "
	       "%lld\n",
	    (long long)cost.soft, (long long)stats.bound,
	    cost.soft > 0
		? 100.0 * (double)(cost.soft - stats.bound) / (double)cost.soft
		: 0.0,
	    (long long)(stats.initial % TT_HARD_WEIGHT));
	print_costs(stdout, &t.in, &cost);
	printf("saved as timetable version %lld%s\n", (long long)version,
	    stats.hit_time_limit ? " (stopped by the time limit)" : "");
	rc = cost.hard > 0 ? EXIT_FAIL : EXIT_OK;
out:
	tt_report_release(&diag);
	tt_assign_release(&asg);
	store_timetable_release(&t);
	event_release(&ev);
	store_close(st);
	buf_release(&msg);
	return rc;
}

static enum exit_code
check_exec(int argc, char **argv)
{
	struct sched_args a;
	struct store *st = NULL;
	struct event ev;
	struct store_timetable t;
	struct tt_report rep;
	enum exit_code rc;
	size_t k;

	if ((rc = parse_args(&cmd_timetable_check, argc, argv, &a, false)) !=
	    EXIT_OK)
		return rc;
	event_init(&ev);
	memset(&t, 0, sizeof(t));
	memset(&rep, 0, sizeof(rep));
	if ((rc = open_instance(&cmd_timetable_check, &a, &st, &ev, &t)) !=
	    EXIT_OK)
		goto out;
	timetable_check(&t.in, &t.current, &rep);
	for (k = 0; k < rep.n; k++)
		print_issue(stdout, &t, &ev, &rep.issues[k]);
	printf("timetable of '%s': %d sessions; hard violations %lld, soft "
	       "cost %lld\n",
	    ev.slug, t.in.nitems, (long long)rep.cost.hard,
	    (long long)rep.cost.soft);
	print_costs(stdout, &t.in, &rep.cost);
	rc = rep.cost.hard > 0 ? EXIT_FAIL : EXIT_OK;
out:
	tt_report_release(&rep);
	store_timetable_release(&t);
	event_release(&ev);
	store_close(st);
	return rc;
}

const struct cmd cmd_schedule = {
	.name = "schedule",
	.usage = "schedule --db FILE --event SLUG [--time-limit S] [--seed N] "
		 "[--moves N] [--threads N] [--keep-published] [--quiet]",
	.help =
	    "Places the event's accepted sessions into rooms and session "
	    "slots: no room\nor speaker double-booked, speakers' "
	    "availability and the sessions' needs\n(interpretation booth, "
	    "step-free access) met, locked sessions kept; then as\nfew "
	    "clashes between sessions the same participants starred as "
	    "possible,\naudiences within room capacity, a theme's sessions "
	    "not in parallel and in\nfew rooms.  Prints a progress line a "
	    "second on stderr, saves the timetable\nin one transaction (as "
	    "a new timetable version) and prints its costs.\nAn infeasible "
	    "event gets the best partial timetable, marked, and exit 1.\n\n"
	    "  --db FILE          the database file\n"
	    "  --event SLUG       the event\n"
	    "  --time-limit S     stop after S seconds (default 10)\n"
	    "  --seed N           random seed (default 1)\n"
	    "  --moves N          moves per thread (default 3000000); the "
	    "result is the\n                     same for a seed unless "
	    "the time limit stops it first\n"
	    "  --threads N        1 or 2 searches in parallel (default 2)\n"
	    "  --keep-published   start from the stored timetable and "
	    "charge each move\n"
	    "  --quiet            no progress lines\n\n"
	    "Exit status: 0 done, 1 infeasible (partial timetable saved) or "
	    "no event,\n2 usage, 3 database.",
	.exec = schedule_exec,
};

const struct cmd cmd_timetable_check = {
	.name = "timetable check",
	.usage = "timetable check --db FILE --event SLUG",
	.help = "Lists every violated constraint and soft cost of the event's "
		"stored\ntimetable, one per line: hard or soft, its name, "
		"amount, the sessions,\nspeaker or participant, room and time; "
		"then the totals.\n\n"
		"  --db FILE          the database file\n"
		"  --event SLUG       the event\n\n"
		"Exit status: 0 no hard violation, 1 some (or no event), 2 "
		"usage, 3 database.",
	.exec = check_exec,
};
