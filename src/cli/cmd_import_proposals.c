/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * cmd_import_proposals.c: `cabildo import proposals`, which brings in proposals
 * collected elsewhere (CSV, see formats/proposals_csv.h) as submitted
 * proposals of an event.  Every bad row is reported with its line, and
 * then nothing is imported: a file goes in whole or not at all.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cmds.h"
#include "formats/proposals_csv.h"
#include "store/store_proposal.h"
#include "util/util.h"

static void
to_proposal(const struct import_row *r, const struct event *ev,
    struct cfp_proposal *p, struct cfp_person *owner)
{
	size_t i;

	memset(p, 0, sizeof(*p));
	p->event_id = ev->id;
	for (i = 0; i < ev->nquestions && i < QUESTIONS_MAX; i++)
		if (r->answers[i] != NULL)
			cfp_answer_set(p, ev->questions[i].id, r->answers[i]);
	p->title = xstrdup(r->title);
	p->abstract = xstrdup(r->abstract);
	p->description = xstrdup(r->description);
	p->format = xstrdup(r->format);
	p->theme = xstrdup(r->theme);
	for (i = 0; i < r->nsecondary; i++)
		p->secondary[i] = xstrdup(r->secondary[i]);
	p->nsecondary = r->nsecondary;
	p->language = xstrdup(lang_code(r->language));
	p->interpretation = r->interpretation;
	p->status = PROPOSAL_SUBMITTED;
	for (i = 0; i < r->ncospeakers; i++)
		p->cospeakers[i] = xstrdup(r->cospeakers[i]);
	p->ncospeakers = r->ncospeakers;
	owner->email = r->speaker_email;
	owner->name = r->speaker_name;
	owner->organisation = *r->organisation ? r->organisation : NULL;
	owner->sector = sector_key(r->sector);
	owner->country = r->country[0] ? r->country : NULL;
}

static enum exit_code
import_exec(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "event", required_argument, NULL, 'e' },
		{ "format", required_argument, NULL, 'f' },
		{ NULL, 0, NULL, 0 },
	};
	const char *db = NULL, *slug = NULL, *format = "csv", *path;
	struct cfp_proposal *list = NULL;
	struct cfp_person *owners = NULL;
	struct store *st = NULL;
	struct import im;
	struct event ev;
	struct buf err;
	enum exit_code rc = EXIT_OK;
	enum store_err serr;
	enum read_err rerr;
	char *data = NULL;
	size_t len, i;
	int c;

	optind = 0;
	while ((c = getopt_long(argc, argv, "d:e:f:", opts, NULL)) != -1) {
		switch (c) {
		case 'd':
			db = optarg;
			break;
		case 'e':
			slug = optarg;
			break;
		case 'f':
			format = optarg;
			break;
		default:
			return cmd_usage_error(
			    &cmd_import_proposals, "unknown option");
		}
	}
	if (db == NULL || slug == NULL || optind + 1 != argc)
		return cmd_usage_error(&cmd_import_proposals,
		    "expected --db FILE --event SLUG and one FILE");
	if (strcmp(format, "csv") != 0)
		return cmd_usage_error(&cmd_import_proposals,
		    "--format: only 'csv' is known, got '%s'", format);
	path = argv[optind];
	if ((rerr = read_file(path, IMPORT_MAX_FILE, &data, &len)) != READ_OK)
		return cmd_fail(
		    EXIT_FAIL, "'%s': %s", path, read_strerror(rerr));
	memset(&im, 0, sizeof(im));
	event_init(&ev);
	buf_init(&err, 0);
	if ((rc = cmd_open_store(db, false, &st)) != EXIT_OK)
		goto out;
	if ((serr = store_event_load(st, slug, &ev)) != STORE_OK) {
		rc = serr == STORE_ERR_NOTFOUND
		    ? cmd_fail(EXIT_FAIL, "no event '%s'", slug)
		    : cmd_fail(EXIT_DB, "%s", store_strerror(serr));
		goto out;
	}
	if (proposals_csv_parse(data, len, path, &ev, &im, &err) != IMPORT_OK) {
		fputs(err.s, stderr);
		rc = cmd_fail(EXIT_FAIL, "nothing imported");
		goto out;
	}
	list = xcalloc(im.nrows + 1, sizeof(*list));
	owners = xcalloc(im.nrows + 1, sizeof(*owners));
	for (i = 0; i < im.nrows; i++)
		to_proposal(&im.rows[i], &ev, &list[i], &owners[i]);
	serr = store_cfp_import(st, list, owners, im.nrows, 0, &err);
	if (serr != STORE_OK)
		rc = cmd_fail(EXIT_DB, "%s: %s", store_strerror(serr), err.s);
	else
		printf("imported %zu proposals into '%s'\n", im.nrows, slug);
out:
	for (i = 0; list != NULL && i < im.nrows; i++)
		cfp_proposal_release(&list[i]);
	free(list);
	free(owners);
	import_release(&im);
	event_release(&ev);
	store_close(st);
	buf_release(&err);
	free(data);
	return rc;
}

const struct cmd cmd_import_proposals = {
	.name = "import proposals",
	.usage = "import proposals --db FILE --event SLUG [--format csv] FILE",
	.help = "Imports the proposals in FILE (CSV with a header row) into "
		"the event SLUG\nas submitted proposals.  Columns: title, "
		"format, theme, language,\nspeaker_name, speaker_email "
		"(required); abstract, description, secondary\n(theme keys "
		"split by ';'), interpretation (yes/no), organisation, "
		"sector,\ncountry (ISO 3166 alpha-2), cospeakers (addresses "
		"split by ';'), q:<id> (the answer\nto the event's question "
		"id).  Every bad row is reported as FILE:LINE: reason,\nand "
		"then nothing is imported.\n\n"
		"  --db FILE      the database file\n"
		"  --event SLUG   the event\n"
		"  --format csv   the file's format (only csv)",
	.exec = import_exec,
};
