/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * cmd_demo.c: `cabildo demo`, which loads the OGP Americas 2017 event built
 * into the binary and fills it with a deterministic synthetic population.
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli/cmds.h"
#include "core/demo.h"
#include "core/demo_programme.h"
#include "formats/event_json.h"
#include "store/store.h"
#include "store/store_question.h"
#include "store/store_review.h"
#include "store/store_timetable.h"
#include "util/buf.h"
#include "util/embed.h"
#include "util/util.h"

#define DEMO_EVENT_FILE "data/events/ogp-americas-2017.json"

static const struct embed_file *
demo_event_file(void)
{
	const struct embed_file *f;

	for (f = embed_data; f->path != NULL; f++)
		if (strcmp(f->path, DEMO_EVENT_FILE) == 0)
			return f;
	return NULL;
}

static bool
parse_count(const char *s, int64_t max, size_t *out)
{
	int64_t v;

	if (!parse_i64(s, 0, max, &v))
		return false;
	*out = (size_t)v;
	return true;
}

static enum exit_code
demo_exec(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "seed", required_argument, NULL, 's' },
		{ "proposals", required_argument, NULL, 'p' },
		{ "participants", required_argument, NULL, 'a' },
		{ "reviewers", required_argument, NULL, 'r' },
		{ NULL, 0, NULL, 0 },
	};
	struct demo_params params = { DEMO_DEFAULT_SEED, DEMO_DEFAULT_PROPOSALS,
		DEMO_DEFAULT_PARTICIPANTS };
	const struct embed_file *file = demo_event_file();
	struct population pop;
	struct demo_programme prog;
	struct demo_reviewer *reviewers = NULL;
	size_t nreviewers = DEMO_REVIEWERS;
	struct store *st = NULL;
	struct event ev;
	struct buf msg;
	enum exit_code rc = EXIT_OK;
	enum store_err serr;
	const char *db = NULL;
	int64_t seed;
	bool created;
	int c;

	optind = 0;
	while ((c = getopt_long(argc, argv, "d:s:p:a:r:", opts, NULL)) != -1) {
		switch (c) {
		case 'd':
			db = optarg;
			break;
		case 's':
			if (!parse_i64(optarg, 0, INT64_MAX, &seed))
				return cmd_usage_error(&cmd_demo,
				    "--seed: expected a number from 0, got "
				    "'%s'",
				    optarg);
			params.seed = (uint64_t)seed;
			break;
		case 'p':
			if (!parse_count(
				optarg, DEMO_MAX_PROPOSALS, &params.proposals))
				return cmd_usage_error(&cmd_demo,
				    "--proposals: expected 0 to %d, got '%s'",
				    DEMO_MAX_PROPOSALS, optarg);
			break;
		case 'a':
			if (!parse_count(optarg, DEMO_MAX_PARTICIPANTS,
				&params.participants))
				return cmd_usage_error(&cmd_demo,
				    "--participants: expected 0 to %d, got "
				    "'%s'",
				    DEMO_MAX_PARTICIPANTS, optarg);
			break;
		case 'r':
			if (!parse_count(optarg, 1000, &nreviewers))
				return cmd_usage_error(&cmd_demo,
				    "--reviewers: expected 0 to 1000, got '%s'",
				    optarg);
			break;
		default:
			return cmd_usage_error(&cmd_demo, "unknown option");
		}
	}
	if (db == NULL || optind != argc)
		return cmd_usage_error(&cmd_demo, "expected --db FILE");
	if (file == NULL)
		return cmd_fail(
		    EXIT_INTERNAL, "%s is not built in", DEMO_EVENT_FILE);

	buf_init(&msg, 0);
	event_init(&ev);
	memset(&pop, 0, sizeof(pop));
	memset(&prog, 0, sizeof(prog));
	if (event_json_parse((const char *)file->data, file->len, file->path,
		&ev, &msg) != EVENT_JSON_OK) {
		rc = cmd_fail(EXIT_INTERNAL, "%s", msg.s);
		goto out;
	}
	if ((rc = cmd_open_store(db, true, &st)) != EXIT_OK)
		goto out;
	if ((serr = store_event_save(st, &ev, &created, &msg)) != STORE_OK) {
		rc = cmd_fail(EXIT_DB, "%s: %s", store_strerror(serr), msg.s);
		goto out;
	}
	demo_generate(&ev, &params, &pop);
	/* The accepted programme and its stars, for `cabildo schedule`. */
	demo_programme_select(&ev, &pop, params.seed, DEMO_DEFAULT_SESSIONS,
	    DEMO_DEFAULT_TALKS, &prog);
	if ((serr = store_population_replace(st, &ev, &pop, &msg)) !=
	    STORE_OK) {
		rc =
		    cmd_fail(serr == STORE_ERR_CONSTRAINT ? EXIT_FAIL : EXIT_DB,
			"%s: %s", store_strerror(serr), msg.s);
		goto out;
	}
	/* The proposals' answers to the event's questions (cfp.questions). */
	if ((serr = store_demo_answers(st, &ev, &pop, params.seed, &msg)) !=
	    STORE_OK) {
		rc = cmd_fail(EXIT_DB, "%s: %s", store_strerror(serr), msg.s);
		goto out;
	}
	if ((serr = store_timetable_demo(st, &ev, &pop, &prog, &msg)) !=
	    STORE_OK) {
		rc = cmd_fail(EXIT_DB, "%s: %s", store_strerror(serr), msg.s);
		goto out;
	}
	/* The review committee (issue 6), after the population, whose
	 * speakers its conflicts of interest are found against. */
	reviewers = demo_reviewers(&ev, params.seed, nreviewers);
	if ((serr = store_demo_reviewers_replace(
		 st, &ev, reviewers, nreviewers, &msg)) != STORE_OK) {
		rc = cmd_fail(EXIT_DB, "%s: %s", store_strerror(serr), msg.s);
		goto out;
	}
	printf("demo event '%s' (seed %llu): %zu synthetic proposals, %zu "
	       "persons, %zu participants\n",
	    ev.slug, (unsigned long long)params.seed, pop.nproposals,
	    pop.npersons, pop.nparticipants);
	printf("accepted programme: %zu sessions, %zu lightning talks, %zu "
	       "stars\n",
	    prog.nsessions, prog.ntalks, prog.ninterests);
	printf("review committee: %zu synthetic reviewers\n", nreviewers);
out:
	demo_reviewers_free(reviewers, nreviewers);
	demo_programme_release(&prog);
	population_release(&pop);
	store_close(st);
	event_release(&ev);
	buf_release(&msg);
	return rc;
}

const struct cmd cmd_demo = {
	.name = "demo",
	.usage = "demo --db FILE [--seed N] [--proposals N] [--participants N] "
		 "[--reviewers N]",
	.help =
	    "Loads the OGP Americas Regional Meeting 2017 (built in) into "
	    "FILE, creating\nit if needed, and fills it with a "
	    "deterministic synthetic population:\nspeakers from every "
	    "sector across the 18 OGP countries of the Americas,\nproposals "
	    "over the seven themes and the formats, and participants.\n"
	    "Running it again replaces the synthetic data; an event with "
	    "real\nproposals is refused.\n\n"
	    "  --db FILE          the database file\n"
	    "  --seed N           random seed (default 2017)\n"
	    "  --proposals N      proposals to generate (default 650)\n"
	    "  --participants N   participants to generate (default 1500)\n"
	    "  --reviewers N      reviewers to generate (default 60)",
	.exec = demo_exec,
};
