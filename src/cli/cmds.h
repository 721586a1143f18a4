/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * cmds.h: every command the CLI offers, one per cmd_<verb>.c file.
 */
#ifndef CABILDO_CMDS_H
#define CABILDO_CMDS_H

#include "cli/cmd.h"

extern const struct cmd cmd_init;
extern const struct cmd cmd_event_load;
extern const struct cmd cmd_event_list;
extern const struct cmd cmd_demo;
extern const struct cmd cmd_serve;
extern const struct cmd cmd_backup;
extern const struct cmd cmd_restore;
extern const struct cmd cmd_solve_cosplib;
/* the timetable optimiser */
extern const struct cmd cmd_schedule;
extern const struct cmd cmd_timetable_check;
/* the published agenda */
extern const struct cmd cmd_import;
extern const struct cmd cmd_export;
extern const struct cmd cmd_user_add;
extern const struct cmd cmd_user_role;
extern const struct cmd cmd_outbox_list;
extern const struct cmd cmd_import_proposals;
extern const struct cmd cmd_themes_evaluate;
extern const struct cmd cmd_themes_suggest;
extern const struct cmd cmd_themes_similar;
/* reviewing (issue 6) */
extern const struct cmd cmd_review_assign;
extern const struct cmd cmd_review_simulate;
extern const struct cmd cmd_review_status;
/* selection and decisions (issue 6, cmd_select.c) */
extern const struct cmd cmd_select;
extern const struct cmd cmd_decide;
extern const struct cmd cmd_notify;

#endif
