/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * page_home.c: "/", the list of events.
 */
#include "web/route.h"

#include "store/store.h"
#include "web/html.h"
#include "web/i18n.h"
#include "web/layout.h"

void
page_home(struct request *req, struct response *resp)
{
	struct event_summary *list = NULL;
	struct buf *b = &resp->body, dates;
	size_t n = 0, i;

	if (store_event_list(req->st, &list, &n) != STORE_OK) {
		page_error(req, resp, 500);
		return;
	}
	resp->status = 200;
	resp->cacheable = true;
	layout_begin(req, resp, "cabildo", NULL);
	html_printf(b, "<h1>cabildo</h1>\n<p class=\"lead\">%s</p>\n",
	    i18n(req->lang, MSG_SITE_TAGLINE));
	html_printf(b, "<h2>%s</h2>\n", i18n(req->lang, MSG_EVENTS));
	if (n == 0)
		html_printf(b, "<p>%s</p>\n", i18n(req->lang, MSG_NO_EVENTS));
	else
		html_raw(b, "<ul class=\"events\">\n");
	buf_init(&dates, 256);
	for (i = 0; i < n; i++) {
		buf_reset(&dates);
		i18n_date_range(
		    &dates, req->lang, list[i].start_date, list[i].end_date);
		html_printf(b,
		    "<li><a href=\"/%u/\">%s</a> <span class=\"meta\">%s · "
		    "%s</span></li>\n",
		    list[i].slug, l10n_get(&list[i].name, req->lang), dates.s,
		    list[i].venue_city);
	}
	if (n > 0)
		html_raw(b, "</ul>\n");
	buf_release(&dates);
	layout_end(req, resp, NULL);
	store_event_list_free(list, n);
}
