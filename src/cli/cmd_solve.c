/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * cmd_solve.c: "cabildo solve cosplib", the CoSPLib benchmark front end.
 * It loads an instance, then either evaluates a given solution grid
 * (--evaluate) or solves the instance and optionally writes the grid; in
 * both cases it prints the objective and its terms, under the checker's
 * definition and under the one of the published reference solutions.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cmd.h"
#include "formats/cosplib.h"
#include "solve/cosplib_eval.h"
#include "solve/cosplib_solve.h"
#include "util/buf.h"
#include "util/util.h"

static enum exit_code solve_cosplib_exec(int argc, char **argv);

const struct cmd cmd_solve_cosplib = {
	"solve cosplib",
	"solve cosplib --instance PREFIX [--time-limit S] [--seed N] "
	"[--iterations N] [--out SOLUTION.csv] [--evaluate SOLUTION.csv]",
	"Solves a CoSPLib conference-scheduling instance, the CSV sheets\n"
	"PREFIX__<sheet>.csv, under CoSPLib's objective (lower is better), or\n"
	"with --evaluate only evaluates a solution grid.  Prints the objective\n"
	"as the CoSPLib checker computes it, its terms, and the value under the\n"
	"convention of the published reference solutions.\n"
	"\n"
	"  --instance PREFIX   instance path prefix, e.g. data/cosplib/GECCO19\n"
	"  --time-limit S      seconds of search (default 60)\n"
	"  --seed N            random seed (default 1); same seed and\n"
	"                      iterations give the same solution\n"
	"  --iterations N      stop after N moves (reproducible runs)\n"
	"  --out FILE          write the solution grid as CSV\n"
	"  --evaluate FILE     evaluate FILE instead of solving\n"
	"\n"
	"Exit codes: 0 success, 1 bad input or infeasible instance,\n"
	"2 bad command line, 4 internal error.\n",
	solve_cosplib_exec,
};

struct solve_args {
	const char *instance, *out, *evaluate;
	int64_t time_limit, seed, iters;
};

static enum exit_code
parse_args(int argc, char **argv, struct solve_args *a)
{
	int i;

	a->time_limit = 60;
	a->seed = 1;
	for (i = 1; i < argc; i++) {
		const char *o = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;

		if (v == NULL)
			return cmd_usage_error(
			    &cmd_solve_cosplib, "option '%s' needs a value", o);
		if (strcmp(o, "--instance") == 0)
			a->instance = v;
		else if (strcmp(o, "--out") == 0)
			a->out = v;
		else if (strcmp(o, "--evaluate") == 0)
			a->evaluate = v;
		else if (strcmp(o, "--time-limit") == 0) {
			if (!parse_i64(v, 0, 86400, &a->time_limit))
				return cmd_usage_error(&cmd_solve_cosplib,
				    "bad --time-limit '%s'", v);
		} else if (strcmp(o, "--seed") == 0) {
			if (!parse_i64(v, 0, INT64_MAX, &a->seed))
				return cmd_usage_error(
				    &cmd_solve_cosplib, "bad --seed '%s'", v);
		} else if (strcmp(o, "--iterations") == 0) {
			if (!parse_i64(v, 1, INT64_MAX, &a->iters))
				return cmd_usage_error(&cmd_solve_cosplib,
				    "bad --iterations '%s'", v);
		} else {
			return cmd_usage_error(
			    &cmd_solve_cosplib, "unknown option '%s'", o);
		}
		i++;
	}
	if (a->instance == NULL)
		return cmd_usage_error(
		    &cmd_solve_cosplib, "--instance is required");
	if (a->time_limit == 0 && a->iters == 0)
		return cmd_usage_error(
		    &cmd_solve_cosplib, "--time-limit 0 needs --iterations");
	return EXIT_OK;
}

static void
print_eval(const struct cosplib *c, const struct cosplib_sol *sol)
{
	struct cosplib_eval ev, pub;
	int t;

	cosplib_evaluate(c, sol, COSPLIB_PROFILE_CHECKER, &ev);
	cosplib_evaluate(c, sol, COSPLIB_PROFILE_PUBLISHED, &pub);
	printf("objective %lld\n", (long long)ev.total);
	for (t = 0; t < COSPLIB_T__MAX; t++)
		if (ev.term[t] != 0)
			printf("  %-32s %lld\n", cosplib_term_name(t),
			    (long long)ev.term[t]);
	printf("objective_published %lld\n", (long long)pub.total);
	printf("complete %s\nvalid %s\n", ev.complete ? "yes" : "no",
	    ev.valid ? "yes" : "no");
}

static enum exit_code
write_out(
    const struct cosplib *c, const struct cosplib_sol *sol, const char *path)
{
	struct buf b;
	FILE *f;
	bool ok;

	buf_init(&b, 0);
	cosplib_sol_write(c, sol, &b);
	if ((f = fopen(path, "w")) == NULL) {
		buf_release(&b);
		return cmd_fail(EXIT_FAIL, "%s: cannot open for writing", path);
	}
	ok = fwrite(b.s, 1, b.len, f) == b.len;
	ok = fclose(f) == 0 && ok;
	buf_release(&b);
	if (!ok)
		return cmd_fail(EXIT_FAIL, "%s: write error", path);
	return EXIT_OK;
}

static enum exit_code
solve_cosplib_exec(int argc, char **argv)
{
	struct solve_args a = { 0 };
	struct cosplib c;
	struct cosplib_sol sol;
	struct cosplib_solve_opts o = { 0 };
	struct cosplib_solve_stats st;
	enum cosplib_solve_err se;
	enum exit_code rc;
	struct buf err;

	if (cmd_wants_help(&cmd_solve_cosplib, argc, argv))
		return EXIT_OK;
	if ((rc = parse_args(argc, argv, &a)) != EXIT_OK)
		return rc;
	buf_init(&err, 64 << 10);
	if (cosplib_load(a.instance, &c, &err) != COSPLIB_OK) {
		fputs(err.s, stderr);
		buf_release(&err);
		return EXIT_FAIL;
	}
	cosplib_sol_init(&sol, &c);
	if (a.evaluate != NULL) {
		if (cosplib_sol_read(&c, a.evaluate, &sol, &err) !=
		    COSPLIB_OK) {
			fputs(err.s, stderr);
			rc = EXIT_FAIL;
			goto out;
		}
		print_eval(&c, &sol);
		goto out;
	}
	o.seed = (uint64_t)a.seed;
	o.time_limit = (double)a.time_limit;
	o.max_iters = (uint64_t)a.iters;
	se = cosplib_solve(&c, &o, &sol, &st);
	print_eval(&c, &sol);
	printf("iterations %llu\nseconds %.2f\nbest_at %.2f\n",
	    (unsigned long long)st.iters, st.seconds, st.best_at);
	if (a.out != NULL && (rc = write_out(&c, &sol, a.out)) != EXIT_OK)
		goto out;
	if (se != COSPLIB_SOLVE_OK)
		rc = cmd_fail(EXIT_FAIL, "%s: %s", a.instance,
		    cosplib_solve_strerror(se));
out:
	cosplib_sol_release(&sol);
	cosplib_release(&c);
	buf_release(&err);
	return rc;
}
