/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * route.h: the route table and the pages it points to (cgit's cmd.c: one
 * table, one handler per page file).  Patterns are path segments where
 * "{}" matches any one segment and "*" the rest; a pattern ending in '/'
 * matches only paths ending in '/'.
 */
#ifndef CABILDO_ROUTE_H
#define CABILDO_ROUTE_H

#include "web/web.h"

/* Who may use a route; the accounts issue fills in the roles. */
enum route_access { ACCESS_PUBLIC, ACCESS__MAX };

struct route {
	const char *pattern; /* "/{}/themes/{}" */
	bool slash;          /* the path must end with '/' */
	enum route_access access;
	void (*handler)(struct request *req, struct response *resp);
};

extern const struct route routes[];
extern const size_t routes_count;

/* The matching route, or NULL. */
const struct route *route_match(const struct request *req);

/* Pages. */
void page_home(struct request *req, struct response *resp);
void page_event(struct request *req, struct response *resp);
void page_theme(struct request *req, struct response *resp);
void page_healthz(struct request *req, struct response *resp);
void page_static(struct request *req, struct response *resp);
void page_theme_css(struct request *req, struct response *resp);

/* Error pages in the visitor's language: 400, 404, 405, 413, 500. */
void page_error(struct request *req, struct response *resp, int status);

#endif
