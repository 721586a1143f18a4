/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * json.h: what cJSON lacks for error messages that say where: the line and
 * column of a parsed node in its source text, and of a byte offset.
 *
 * cJSON keeps members in source order, so the n-th node of a pre-order walk
 * of the tree is the n-th value met when scanning the text.  json_where
 * uses that to find a node's position lazily, only when there is an error
 * to report, so parsing costs nothing extra.
 */
#ifndef CABILDO_JSON_H
#define CABILDO_JSON_H

#include <stdbool.h>
#include <stddef.h>

#include <cjson/cJSON.h>

/* Line and column (1-based, column in code points) of text[off]. */
void json_line_col(
    const char *text, size_t len, size_t off, int *line, int *col);

/*
 * Position of node within root, parsed from text[0..len).  With at_key, the
 * position of the member name when node is an object member, else of its
 * value.  Returns false (and 1:1) if node is not in root.
 */
bool json_where(const char *text, size_t len, const cJSON *root,
    const cJSON *node, bool at_key, int *line, int *col);

/*
 * Byte offset of the first string literal in text holding the escape
 * \u0000, which cJSON would silently truncate, or -1 if none.
 */
long json_find_nul_escape(const char *text, size_t len);

#endif
