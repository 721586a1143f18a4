/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * fields.c: the form controls of fields.h.
 */
#include "web/fields.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "web/html.h"
#include "web/i18n.h"

void
field_errors_init(struct field_errors *e)
{
	memset(e, 0, sizeof(*e));
}

void
field_errors_release(struct field_errors *e)
{
	size_t i;

	for (i = 0; i < e->n; i++)
		free(e->msg[i]);
	e->n = 0;
}

void
field_error(struct field_errors *e, const char *name, const char *fmt, ...)
{
	struct buf b;
	va_list ap;

	/* One message per field: the first found is the one to fix. */
	if (e->n >= FIELDS_ERRORS_MAX || field_error_get(e, name) != NULL)
		return;
	buf_init(&b, 1024);
	va_start(ap, fmt);
	buf_vaddf(&b, fmt, ap);
	va_end(ap);
	e->name[e->n] = name;
	e->msg[e->n++] = buf_detach(&b, NULL);
}

const char *
field_error_get(const struct field_errors *e, const char *name)
{
	size_t i;

	for (i = 0; e != NULL && i < e->n; i++)
		if (strcmp(e->name[i], name) == 0)
			return e->msg[i];
	return NULL;
}

void
fields_summary(struct buf *b, enum lang lang, const struct field_errors *e)
{
	size_t i;

	if (e == NULL || e->n == 0)
		return;
	html_printf(b,
	    "<div class=\"error-summary\" role=\"alert\" tabindex=\"-1\" "
	    "aria-labelledby=\"error-summary-title\">\n"
	    "<h2 id=\"error-summary-title\">%s</h2>\n<ul>\n",
	    i18n(lang, MSG_FORM_ERRORS));
	for (i = 0; i < e->n; i++)
		html_printf(b, "<li><a href=\"#f-%s\">%s</a></li>\n",
		    e->name[i], e->msg[i]);
	html_raw(b, "</ul>\n</div>\n");
}

/* The label, hint and error of a control, then its common attributes. */
static void
control_head(struct buf *b, const struct field_errors *e, const char *name,
    const char *label, const char *hint, unsigned flags)
{
	const char *err = field_error_get(e, name);

	html_printf(b,
	    "<div class=\"field%s\">\n<label for=\"f-%s\">%s%s</label>\n",
	    err != NULL ? " invalid" : "", name, label,
	    (flags & FIELD_REQUIRED) ? " *" : "");
	if (hint != NULL)
		html_printf(
		    b, "<p class=\"hint\" id=\"%s-hint\">%s</p>\n", name, hint);
	if (err != NULL)
		html_printf(b, "<p class=\"error\" id=\"%s-error\">%s</p>\n",
		    name, err);
}

static void
control_attrs(struct buf *b, const struct field_errors *e, const char *name,
    const char *hint, unsigned flags)
{
	bool err = field_error_get(e, name) != NULL;

	html_printf(b, " id=\"f-%s\" name=\"%s\"", name, name);
	if (flags & FIELD_REQUIRED)
		html_raw(b, " required");
	if (err)
		html_raw(b, " aria-invalid=\"true\"");
	if (err || hint != NULL) {
		html_raw(b, " aria-describedby=\"");
		if (hint != NULL)
			html_printf(b, "%s-hint%s", name, err ? " " : "");
		if (err)
			html_printf(b, "%s-error", name);
		html_raw(b, "\"");
	}
}

void
field_input(struct buf *b, const struct field_errors *e, const char *name,
    const char *label, const char *value, const char *hint,
    const char *autocomplete, unsigned flags)
{
	const char *type = (flags & FIELD_PASSWORD) ? "password"
	    : (flags & FIELD_EMAIL)                 ? "email"
						    : "text";

	control_head(b, e, name, label, hint, flags);
	html_printf(b, "<input type=\"%s\"", type);
	control_attrs(b, e, name, hint, flags);
	if (autocomplete != NULL)
		html_printf(b, " autocomplete=\"%s\"", autocomplete);
	/* Passwords are never written back into the page. */
	if (value != NULL && !(flags & FIELD_PASSWORD))
		html_printf(b, " value=\"%s\"", value);
	html_raw(b, ">\n</div>\n");
}

void
field_textarea(struct buf *b, const struct field_errors *e, const char *name,
    const char *label, const char *value, const char *hint, int rows,
    unsigned flags)
{
	control_head(b, e, name, label, hint, flags);
	html_raw(b, "<textarea");
	control_attrs(b, e, name, hint, flags);
	html_printf(b, " rows=\"%d\">%s</textarea>\n</div>\n", rows,
	    value != NULL ? value : "");
}

void
field_select(struct buf *b, const struct field_errors *e, const char *name,
    const char *label, const struct field_option *opt, size_t nopt,
    const char *selected, const char *placeholder, unsigned flags)
{
	size_t i;

	control_head(b, e, name, label, NULL, flags);
	html_raw(b, "<select");
	control_attrs(b, e, name, NULL, flags);
	html_raw(b, ">\n");
	if (placeholder != NULL)
		html_printf(b, "<option value=\"\">%s</option>\n", placeholder);
	for (i = 0; i < nopt; i++)
		html_printf(b, "<option value=\"%s\"%s>%s</option>\n",
		    opt[i].key,
		    selected != NULL && strcmp(selected, opt[i].key) == 0
			? " selected"
			: "",
		    opt[i].label);
	html_raw(b, "</select>\n</div>\n");
}

void
field_checkboxes(struct buf *b, const struct field_errors *e, const char *name,
    const char *legend, const struct field_option *opt, size_t nopt,
    const bool *checked, const char *hint)
{
	const char *err = field_error_get(e, name);
	size_t i;

	html_printf(b, "<fieldset class=\"field%s\" id=\"f-%s\"",
	    err != NULL ? " invalid" : "", name);
	if (err != NULL)
		html_printf(b, " aria-describedby=\"%s-error\"", name);
	html_printf(b, ">\n<legend>%s</legend>\n", legend);
	if (hint != NULL)
		html_printf(b, "<p class=\"hint\">%s</p>\n", hint);
	if (err != NULL)
		html_printf(b, "<p class=\"error\" id=\"%s-error\">%s</p>\n",
		    name, err);
	for (i = 0; i < nopt; i++)
		html_printf(b,
		    "<label class=\"check\"><input type=\"checkbox\" "
		    "name=\"%s\" value=\"%s\"%s> %s</label>\n",
		    name, opt[i].key, checked[i] ? " checked" : "",
		    opt[i].label);
	html_raw(b, "</fieldset>\n");
}
