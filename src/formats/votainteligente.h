/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * votainteligente.h: the VotaInteligente (Chile 2017) proposals CSV of
 * ../shared/data/votainteligente-cl/, read with the RFC 4180 reader of
 * csv.h: label is the `label` column, text the title, one-liner, problem,
 * causes, solution and expected outcome, one per line.
 */
#ifndef CABILDO_VOTAINTELIGENTE_H
#define CABILDO_VOTAINTELIGENTE_H

#include <stdbool.h>

#include "formats/labelled.h"
#include "util/buf.h"

#define VOTAINTELIGENTE_MAX ((size_t)64 << 20)

/*
 * Appends the file's proposals with a non-empty label to out; on failure
 * appends one line "file:line:col: reason" to err.
 */
bool votainteligente_read(
    const char *path, struct labelled_docs *out, struct buf *err);

#endif
