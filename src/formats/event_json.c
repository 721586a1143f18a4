/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * event_json.c: the strict reader of event definition files.  cJSON parses;
 * this file checks every field and says where the first fault is, with
 * positions found by util/json.c.
 */
#include "formats/event_json.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "util/json.h"
#include "util/utf8.h"
#include "util/util.h"

#define NAME_MAX_CHARS 300
#define DESC_MAX_CHARS 4000
#define LIST_MAX       500

struct ctx {
	const char *text;
	size_t len;
	const char *fname;
	const cJSON *root;
	struct buf *err;
	struct event *ev;
};

static bool fail(struct ctx *c, const cJSON *node, bool at_key,
    const char *path, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

static bool
fail(struct ctx *c, const cJSON *node, bool at_key, const char *path,
    const char *fmt, ...)
{
	va_list ap;
	int line, col;

	json_where(c->text, c->len, c->root, node, at_key, &line, &col);
	buf_addf(c->err, "%s:%d:%d: ", c->fname, line, col);
	if (path != NULL && *path != '\0')
		buf_addf(c->err, "%s: ", path);
	va_start(ap, fmt);
	buf_vaddf(c->err, fmt, ap);
	va_end(ap);
	return false;
}

/* Formats a field path; long paths are cut, which only shortens messages. */
static void pathf(char *out, size_t size, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
pathf(char *out, size_t size, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(out, size, fmt, ap);
	va_end(ap);
}

/* "themes[2]" + "name" -> "themes[2].name" */
static void
path_join(char *out, size_t size, const char *path, const char *key)
{
	pathf(out, size, "%s%s%s", path, *path ? "." : "", key);
}

static bool
in_list(const char *s, const char *const *list)
{
	for (; *list != NULL; list++)
		if (strcmp(s, *list) == 0)
			return true;
	return false;
}

/* Rejects unknown and duplicate members and missing required ones. */
static bool
check_object(struct ctx *c, const cJSON *obj, const char *path,
    const char *const *allowed, const char *const *required)
{
	const cJSON *m, *p;

	if (!cJSON_IsObject(obj))
		return fail(c, obj, false, path, "expected an object");
	for (m = obj->child; m != NULL; m = m->next) {
		if (!in_list(m->string, allowed))
			return fail(
			    c, m, true, path, "unknown field '%s'", m->string);
		for (p = obj->child; p != m; p = p->next)
			if (strcmp(p->string, m->string) == 0)
				return fail(c, m, true, path,
				    "duplicate field '%s'", m->string);
	}
	for (; required != NULL && *required != NULL; required++)
		if (cJSON_GetObjectItemCaseSensitive(obj, *required) == NULL)
			return fail(c, obj, false, path, "missing field '%s'",
			    *required);
	return true;
}

static bool
check_text(
    struct ctx *c, const cJSON *v, const char *path, size_t max, bool one_line)
{
	size_t n;

	if (!cJSON_IsString(v))
		return fail(c, v, false, path, "expected a string");
	n = strlen(v->valuestring);
	if (!(one_line ? utf8_line_valid(v->valuestring, n)
		       : utf8_valid(v->valuestring, n)))
		return fail(c, v, false, path, "control characters in text");
	if (n == 0)
		return fail(c, v, false, path, "empty text");
	if (utf8_length(v->valuestring, n) > max)
		return fail(
		    c, v, false, path, "text longer than %zu characters", max);
	return true;
}

static bool
get_text(struct ctx *c, const cJSON *obj, const char *key, const char *path,
    size_t max, char **out)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
	char p[256];

	*out = NULL;
	if (v == NULL)
		return true;
	path_join(p, sizeof(p), path, key);
	if (!check_text(c, v, p, max, true))
		return false;
	*out = xstrdup(v->valuestring);
	return true;
}

static bool
get_key(struct ctx *c, const cJSON *obj, const char *key, const char *path,
    char **out)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
	char p[256];

	path_join(p, sizeof(p), path, key);
	if (!cJSON_IsString(v))
		return fail(
		    c, v != NULL ? v : obj, false, p, "expected a string");
	if (!slug_valid(v->valuestring, strlen(v->valuestring), EVENT_KEY_MAX))
		return fail(c, v, false, p,
		    "'%s' is not a key: use 1 to %d of a-z, 0-9 and '-'",
		    v->valuestring, EVENT_KEY_MAX);
	*out = xstrdup(v->valuestring);
	return true;
}

static bool
get_int(struct ctx *c, const cJSON *obj, const char *key, const char *path,
    int min, int max, int *out)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
	char p[256];

	path_join(p, sizeof(p), path, key);
	if (!cJSON_IsNumber(v))
		return fail(
		    c, v != NULL ? v : obj, false, p, "expected a number");
	if (v->valuedouble != floor(v->valuedouble) || v->valuedouble < min ||
	    v->valuedouble > max)
		return fail(c, v, false, p,
		    "expected a whole number from %d to %d", min, max);
	*out = (int)v->valuedouble;
	return true;
}

/* obj.key, a boolean; dflt when absent. */
static bool
get_bool(struct ctx *c, const cJSON *obj, const char *key, const char *path,
    bool dflt, bool *out)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
	char p[256];

	*out = dflt;
	if (v == NULL)
		return true;
	path_join(p, sizeof(p), path, key);
	if (!cJSON_IsBool(v))
		return fail(c, v, false, p, "expected true or false");
	*out = cJSON_IsTrue(v);
	return true;
}

/*
 * A localised text: an object with one string per language.  Every
 * language of the event is required when required is set; languages the
 * event does not list are errors.
 */
static bool
get_l10n(struct ctx *c, const cJSON *obj, const char *key, const char *path,
    size_t max, bool required, struct l10n *out)
{
	static const char *const langs[] = { "es", "en", "pt", NULL };
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
	const cJSON *m;
	char p[256], mp[300];
	enum lang lang;
	size_t i;

	path_join(p, sizeof(p), path, key);
	if (v == NULL) {
		if (required)
			return fail(
			    c, obj, false, path, "missing field '%s'", key);
		return true;
	}
	if (!check_object(c, v, p, langs, NULL))
		return false;
	for (m = v->child; m != NULL; m = m->next) {
		lang_parse(m->string, strlen(m->string), &lang);
		path_join(mp, sizeof(mp), p, m->string);
		if (!event_has_lang(c->ev, lang))
			return fail(c, m, true, p,
			    "language '%s' is not in the event's languages",
			    m->string);
		if (!check_text(c, m, mp, max, max <= NAME_MAX_CHARS))
			return false;
		l10n_set(out, lang, m->valuestring);
	}
	for (i = 0; i < c->ev->nlanguages; i++)
		if (out->text[c->ev->languages[i]] == NULL)
			return fail(c, v, false, p, "missing language '%s'",
			    lang_code(c->ev->languages[i]));
	return true;
}

static bool
get_array(struct ctx *c, const cJSON *obj, const char *key, const char *path,
    bool nonempty, const cJSON **out, size_t *n)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
	char p[256];
	int size;

	path_join(p, sizeof(p), path, key);
	if (!cJSON_IsArray(v))
		return fail(
		    c, v != NULL ? v : obj, false, p, "expected an array");
	size = cJSON_GetArraySize(v);
	if (nonempty && size == 0)
		return fail(c, v, false, p, "empty list");
	if (size > LIST_MAX)
		return fail(c, v, false, p, "more than %d entries", LIST_MAX);
	*out = v;
	*n = (size_t)size;
	return true;
}

static bool
parse_languages(struct ctx *c)
{
	const cJSON *arr, *v, *d;
	enum lang lang;
	size_t n, i;

	if (!get_array(c, c->root, "languages", "", true, &arr, &n))
		return false;
	if (n > LANG__MAX)
		return fail(c, arr, false, "languages", "too many languages");
	i = 0;
	cJSON_ArrayForEach(v, arr)
	{
		if (!cJSON_IsString(v) ||
		    !lang_parse(
			v->valuestring, strlen(v->valuestring), &lang) ||
		    strlen(v->valuestring) != 2 ||
		    strcmp(v->valuestring, lang_code(lang)) != 0)
			return fail(c, v, false, "languages",
			    "expected one of \"es\", \"en\", \"pt\"");
		if (event_has_lang(c->ev, lang))
			return fail(c, v, false, "languages",
			    "language '%s' listed twice", v->valuestring);
		c->ev->languages[c->ev->nlanguages++] = lang;
		i++;
	}
	c->ev->default_lang = c->ev->languages[0];
	d = cJSON_GetObjectItemCaseSensitive(c->root, "default_language");
	if (d != NULL) {
		if (!cJSON_IsString(d) ||
		    !lang_parse(
			d->valuestring, strlen(d->valuestring), &lang) ||
		    !event_has_lang(c->ev, lang))
			return fail(c, d, false, "default_language",
			    "expected one of the event's languages");
		c->ev->default_lang = lang;
	}
	return true;
}

static bool
parse_date_field(struct ctx *c, const cJSON *obj, const char *key,
    const char *path, int64_t *out)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
	char p[256];

	path_join(p, sizeof(p), path, key);
	if (!cJSON_IsString(v) || !parse_date(v->valuestring, out))
		return fail(c, v != NULL ? v : obj, false, p,
		    "expected a date YYYY-MM-DD");
	return true;
}

/* "YYYY-MM-DDTHH:MM" */
static bool
local_datetime_valid(const char *s)
{
	char date[11];
	int64_t d;
	int m;

	if (strlen(s) != 16 || s[10] != 'T')
		return false;
	memcpy(date, s, 10);
	date[10] = '\0';
	return parse_date(date, &d) && parse_hhmm(s + 11, &m);
}

static bool
timezone_valid(const char *s)
{
	size_t i, n = strlen(s);

	if (n == 0 || n > 64 || s[0] == '/' || strstr(s, "..") != NULL)
		return false;
	for (i = 0; i < n; i++) {
		char ch = s[i];

		if (!((ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') ||
			(ch >= '0' && ch <= '9') || ch == '/' || ch == '_' ||
			ch == '-' || ch == '+'))
			return false;
	}
	return true;
}

static bool
parse_header(struct ctx *c)
{
	static const char *const venue_fields[] = { "name", "city", "country",
		NULL };
	static const char *const date_fields[] = { "start", "end", NULL };
	static const char *const cfp_fields[] = { "opens", "closes",
		"questions", NULL };
	static const char *const cfp_required[] = { "opens", "closes", NULL };
	struct event *ev = c->ev;
	const cJSON *v, *dates, *venue, *cfp;
	int version;

	if (!get_int(c, c->root, "cabildo_event", "", 1, 1000, &version))
		return false;
	if (version != EVENT_JSON_VERSION)
		return fail(c,
		    cJSON_GetObjectItemCaseSensitive(c->root, "cabildo_event"),
		    false, "cabildo_event",
		    "format version %d is not supported (this cabildo reads %d)",
		    version, EVENT_JSON_VERSION);
	if (!get_key(c, c->root, "slug", "", &ev->slug) ||
	    !parse_languages(c) ||
	    !get_l10n(
		c, c->root, "name", "", NAME_MAX_CHARS, true, &ev->name) ||
	    !get_l10n(
		c, c->root, "tagline", "", NAME_MAX_CHARS, false, &ev->tagline))
		return false;

	dates = cJSON_GetObjectItemCaseSensitive(c->root, "dates");
	if (!check_object(c, dates, "dates", date_fields, date_fields) ||
	    !parse_date_field(c, dates, "start", "dates", &ev->start_date) ||
	    !parse_date_field(c, dates, "end", "dates", &ev->end_date))
		return false;
	if (ev->end_date < ev->start_date)
		return fail(c, cJSON_GetObjectItemCaseSensitive(dates, "end"),
		    false, "dates.end", "the event ends before it starts");
	if (ev->end_date - ev->start_date > 31)
		return fail(c, cJSON_GetObjectItemCaseSensitive(dates, "end"),
		    false, "dates.end", "an event lasts at most 32 days");

	if (!get_text(c, c->root, "timezone", "", 64, &ev->timezone))
		return false;
	if (ev->timezone == NULL || !timezone_valid(ev->timezone))
		return fail(c,
		    cJSON_GetObjectItemCaseSensitive(c->root, "timezone"),
		    false, "timezone",
		    "expected an IANA time zone such as \"America/Lima\"");

	venue = cJSON_GetObjectItemCaseSensitive(c->root, "venue");
	if (!check_object(c, venue, "venue", venue_fields, venue_fields) ||
	    !get_l10n(c, venue, "name", "venue", NAME_MAX_CHARS, true,
		&ev->venue_name) ||
	    !get_text(
		c, venue, "city", "venue", NAME_MAX_CHARS, &ev->venue_city))
		return false;
	v = cJSON_GetObjectItemCaseSensitive(venue, "country");
	if (!cJSON_IsString(v) || strlen(v->valuestring) != 2 ||
	    v->valuestring[0] < 'A' || v->valuestring[0] > 'Z' ||
	    v->valuestring[1] < 'A' || v->valuestring[1] > 'Z')
		return fail(c, v, false, "venue.country",
		    "expected an ISO 3166 country code such as \"AR\"");
	memcpy(ev->venue_country, v->valuestring, 3);

	if (!get_text(c, c->root, "licence", "", 64, &ev->licence) ||
	    !get_text(c, c->root, "url", "", 500, &ev->url) ||
	    !get_bool(c, c->root, "synthetic", "", false, &ev->synthetic))
		return false;
	if (ev->licence == NULL)
		ev->licence = xstrdup("CC-BY-4.0");

	cfp = cJSON_GetObjectItemCaseSensitive(c->root, "cfp");
	if (cfp != NULL) {
		if (!check_object(c, cfp, "cfp", cfp_fields, cfp_required) ||
		    !get_text(c, cfp, "opens", "cfp", 16, &ev->cfp_opens) ||
		    !get_text(c, cfp, "closes", "cfp", 16, &ev->cfp_closes))
			return false;
		if (!local_datetime_valid(ev->cfp_opens))
			return fail(c,
			    cJSON_GetObjectItemCaseSensitive(cfp, "opens"),
			    false, "cfp.opens",
			    "expected a local time YYYY-MM-DDTHH:MM");
		if (!local_datetime_valid(ev->cfp_closes) ||
		    strcmp(ev->cfp_closes, ev->cfp_opens) <= 0)
			return fail(c,
			    cJSON_GetObjectItemCaseSensitive(cfp, "closes"),
			    false, "cfp.closes",
			    "expected a local time YYYY-MM-DDTHH:MM after cfp.opens");
	}
	return true;
}

static bool
color_valid(const char *s)
{
	size_t i;

	if (strlen(s) != 7 || s[0] != '#')
		return false;
	for (i = 1; i < 7; i++)
		if (!((s[i] >= '0' && s[i] <= '9') ||
			(s[i] >= 'a' && s[i] <= 'f')))
			return false;
	return true;
}

static bool
parse_theme(struct ctx *c, const cJSON *obj, const char *path, struct theme *t)
{
	static const char *const fields[] = { "key", "color", "name",
		"description", "subtopics", NULL };
	static const char *const required[] = { "key", "name", "description",
		NULL };
	static const char *const sub_fields[] = { "key", "name", NULL };
	const cJSON *arr, *v;
	char p[256];
	size_t n, i, j;

	if (!check_object(c, obj, path, fields, required) ||
	    !get_key(c, obj, "key", path, &t->key) ||
	    !get_text(c, obj, "color", path, 7, &t->color) ||
	    !get_l10n(c, obj, "name", path, NAME_MAX_CHARS, true, &t->name) ||
	    !get_l10n(c, obj, "description", path, DESC_MAX_CHARS, true,
		&t->description))
		return false;
	if (t->color != NULL && !color_valid(t->color))
		return fail(c, cJSON_GetObjectItemCaseSensitive(obj, "color"),
		    false, path, "color: expected \"#rrggbb\" in lowercase");
	if (cJSON_GetObjectItemCaseSensitive(obj, "subtopics") == NULL)
		return true;
	if (!get_array(c, obj, "subtopics", path, false, &arr, &n))
		return false;
	t->subtopics = xcalloc(n, sizeof(*t->subtopics));
	i = 0;
	cJSON_ArrayForEach(v, arr)
	{
		struct subtopic *s = &t->subtopics[i];

		pathf(p, sizeof(p), "%s.subtopics[%zu]", path, i);
		t->nsubtopics = ++i;
		if (!check_object(c, v, p, sub_fields, sub_fields) ||
		    !get_key(c, v, "key", p, &s->key) ||
		    !get_l10n(c, v, "name", p, NAME_MAX_CHARS, true, &s->name))
			return false;
		for (j = 0; j + 1 < i; j++)
			if (strcmp(t->subtopics[j].key, s->key) == 0)
				return fail(c,
				    cJSON_GetObjectItemCaseSensitive(v, "key"),
				    false, p, "duplicate key '%s'", s->key);
	}
	return true;
}

static bool
parse_format(
    struct ctx *c, const cJSON *obj, const char *path, struct format *f)
{
	static const char *const fields[] = { "key", "name", "description",
		"duration_minutes", "speakers", "shares_slot", NULL };
	static const char *const required[] = { "key", "name",
		"duration_minutes", "speakers", NULL };
	static const char *const sp_fields[] = { "min", "max", NULL };
	const cJSON *sp;
	char p[256];

	if (!check_object(c, obj, path, fields, required) ||
	    !get_key(c, obj, "key", path, &f->key) ||
	    !get_l10n(c, obj, "name", path, NAME_MAX_CHARS, true, &f->name) ||
	    !get_l10n(c, obj, "description", path, DESC_MAX_CHARS, false,
		&f->description) ||
	    !get_int(c, obj, "duration_minutes", path, 5, 24 * 60,
		&f->duration_min) ||
	    !get_bool(c, obj, "shares_slot", path, false, &f->shares_slot))
		return false;
	sp = cJSON_GetObjectItemCaseSensitive(obj, "speakers");
	path_join(p, sizeof(p), path, "speakers");
	if (!check_object(c, sp, p, sp_fields, sp_fields) ||
	    !get_int(c, sp, "min", p, 0, 50, &f->min_speakers) ||
	    !get_int(c, sp, "max", p, 1, 50, &f->max_speakers))
		return false;
	if (f->min_speakers > f->max_speakers)
		return fail(c, sp, false, p, "min is greater than max");
	return true;
}

static bool
parse_room(struct ctx *c, const cJSON *obj, const char *path, struct room *r)
{
	static const char *const fields[] = { "key", "name", "capacity",
		"interpretation_booth", "step_free", NULL };
	static const char *const required[] = { "key", "name", "capacity",
		NULL };

	return check_object(c, obj, path, fields, required) &&
	    get_key(c, obj, "key", path, &r->key) &&
	    get_l10n(c, obj, "name", path, NAME_MAX_CHARS, true, &r->name) &&
	    get_int(c, obj, "capacity", path, 1, 100000, &r->capacity) &&
	    get_bool(c, obj, "interpretation_booth", path, false,
		&r->interpretation_booth) &&
	    get_bool(c, obj, "step_free", path, false, &r->step_free);
}

static bool
parse_slot(struct ctx *c, const cJSON *obj, const char *path, struct slot *s)
{
	static const char *const fields[] = { "start", "end", "kind", "label",
		NULL };
	static const char *const required[] = { "start", "end", NULL };
	const cJSON *v;

	if (!check_object(c, obj, path, fields, required))
		return false;
	v = cJSON_GetObjectItemCaseSensitive(obj, "start");
	if (!cJSON_IsString(v) || !parse_hhmm(v->valuestring, &s->start_min))
		return fail(c, v, false, path, "start: expected HH:MM");
	v = cJSON_GetObjectItemCaseSensitive(obj, "end");
	if (!cJSON_IsString(v) || !parse_hhmm(v->valuestring, &s->end_min))
		return fail(c, v, false, path, "end: expected HH:MM");
	if (s->end_min <= s->start_min)
		return fail(
		    c, v, false, path, "the slot ends before it starts");
	s->kind = SLOT_SESSION;
	v = cJSON_GetObjectItemCaseSensitive(obj, "kind");
	if (v != NULL &&
	    (!cJSON_IsString(v) || !slot_kind_parse(v->valuestring, &s->kind)))
		return fail(c, v, false, path,
		    "kind: expected \"session\", \"plenary\" or \"break\"");
	return get_l10n(
	    c, obj, "label", path, NAME_MAX_CHARS, false, &s->label);
}

static bool
parse_day(struct ctx *c, const cJSON *obj, const char *path, struct day *d)
{
	static const char *const fields[] = { "date", "slots", NULL };
	const cJSON *arr, *v;
	char p[256];
	size_t n, i;

	if (!check_object(c, obj, path, fields, fields) ||
	    !parse_date_field(c, obj, "date", path, &d->date))
		return false;
	if (d->date < c->ev->start_date || d->date > c->ev->end_date)
		return fail(c, cJSON_GetObjectItemCaseSensitive(obj, "date"),
		    false, path, "date: outside the event's dates");
	if (!get_array(c, obj, "slots", path, true, &arr, &n))
		return false;
	d->slots = xcalloc(n, sizeof(*d->slots));
	i = 0;
	cJSON_ArrayForEach(v, arr)
	{
		pathf(p, sizeof(p), "%s.slots[%zu]", path, i);
		d->nslots = ++i;
		if (!parse_slot(c, v, p, &d->slots[i - 1]))
			return false;
		if (i > 1 &&
		    d->slots[i - 1].start_min < d->slots[i - 2].end_min)
			return fail(c, v, false, p,
			    "overlaps or comes before the previous slot");
	}
	return true;
}

/* Parses a list of keyed elements, checking key uniqueness. */
#define PARSE_LIST(c, list_name, arr_field, count_field, parse_one)            \
	do {                                                                   \
		const cJSON *arr_, *v_;                                        \
		char p_[256];                                                  \
		size_t n_, i_ = 0, j_;                                         \
		if (!get_array(c, (c)->root, list_name, "", true, &arr_, &n_)) \
			return false;                                          \
		(c)->ev->arr_field = xcalloc(n_, sizeof(*(c)->ev->arr_field)); \
		cJSON_ArrayForEach(v_, arr_)                                   \
		{                                                              \
			pathf(p_, sizeof(p_), "%s[%zu]", list_name, i_);       \
			(c)->ev->count_field = ++i_;                           \
			if (!parse_one(                                        \
				c, v_, p_, &(c)->ev->arr_field[i_ - 1]))       \
				return false;                                  \
			for (j_ = 0; j_ + 1 < i_; j_++)                        \
				if (strcmp((c)->ev->arr_field[j_].key,         \
					(c)->ev->arr_field[i_ - 1].key) == 0)  \
					return fail(c,                         \
					    cJSON_GetObjectItemCaseSensitive(  \
						v_, "key"),                    \
					    false, p_, "duplicate key '%s'",   \
					    (c)->ev->arr_field[j_].key);       \
		}                                                              \
	} while (0)

static bool
parse_lists(struct ctx *c)
{
	const cJSON *arr, *v;
	char p[256];
	size_t n, i = 0, j;

	PARSE_LIST(c, "themes", themes, nthemes, parse_theme);
	PARSE_LIST(c, "formats", formats, nformats, parse_format);
	PARSE_LIST(c, "rooms", rooms, nrooms, parse_room);
	if (!get_array(c, c->root, "days", "", true, &arr, &n))
		return false;
	c->ev->days = xcalloc(n, sizeof(*c->ev->days));
	cJSON_ArrayForEach(v, arr)
	{
		pathf(p, sizeof(p), "days[%zu]", i);
		c->ev->ndays = ++i;
		if (!parse_day(c, v, p, &c->ev->days[i - 1]))
			return false;
		for (j = 0; j + 1 < i; j++)
			if (c->ev->days[j].date >= c->ev->days[i - 1].date)
				return fail(c, v, false, p,
				    "days must be listed once each, in order");
	}
	return true;
}

static bool
parse_criterion(struct ctx *c, const cJSON *obj, const char *path,
    struct review_criterion *k)
{
	static const char *const fields[] = { "key", "weight", "name",
		"description", NULL };
	static const char *const required[] = { "key", "weight", "name", NULL };
	const cJSON *w;
	char p[256];

	if (!check_object(c, obj, path, fields, required) ||
	    !get_key(c, obj, "key", path, &k->key) ||
	    !get_l10n(c, obj, "name", path, NAME_MAX_CHARS, true, &k->name) ||
	    !get_l10n(c, obj, "description", path, DESC_MAX_CHARS, false,
		&k->description))
		return false;
	w = cJSON_GetObjectItemCaseSensitive(obj, "weight");
	path_join(p, sizeof(p), path, "weight");
	if (!cJSON_IsNumber(w) || !(w->valuedouble > 0) ||
	    w->valuedouble > REVIEW_WEIGHT_MAX)
		return fail(c, w, false, p,
		    "expected a number above 0 and at most %d",
		    REVIEW_WEIGHT_MAX);
	k->weight = w->valuedouble;
	return true;
}

/* The optional "review" section: the review form and the assignment. */
static bool
parse_review(struct ctx *c)
{
	static const char *const fields[] = { "criteria", "deadline", "blind",
		"per_proposal", "max_load", NULL };
	static const char *const required[] = { "criteria", NULL };
	struct review_settings *rs = &c->ev->review;
	const cJSON *obj, *arr, *v;
	char p[256];
	size_t n, i = 0, j;

	obj = cJSON_GetObjectItemCaseSensitive(c->root, "review");
	if (obj == NULL)
		return true;
	if (!check_object(c, obj, "review", fields, required) ||
	    !get_text(c, obj, "deadline", "review", 16, &rs->deadline) ||
	    !get_bool(c, obj, "blind", "review", false, &rs->blind))
		return false;
	if (rs->deadline != NULL && !local_datetime_valid(rs->deadline))
		return fail(c,
		    cJSON_GetObjectItemCaseSensitive(obj, "deadline"), false,
		    "review.deadline",
		    "expected a local time YYYY-MM-DDTHH:MM");
	if (cJSON_GetObjectItemCaseSensitive(obj, "per_proposal") != NULL &&
	    !get_int(
		c, obj, "per_proposal", "review", 1, 20, &rs->per_proposal))
		return false;
	if (cJSON_GetObjectItemCaseSensitive(obj, "max_load") != NULL &&
	    !get_int(c, obj, "max_load", "review", 1, 10000, &rs->max_load))
		return false;
	if (!get_array(c, obj, "criteria", "review", true, &arr, &n))
		return false;
	if (n > REVIEW_CRITERIA_MAX)
		return fail(c, arr, false, "review.criteria",
		    "more than %d criteria", REVIEW_CRITERIA_MAX);
	rs->criteria = xcalloc(n, sizeof(*rs->criteria));
	cJSON_ArrayForEach(v, arr)
	{
		pathf(p, sizeof(p), "review.criteria[%zu]", i);
		rs->ncriteria = ++i;
		if (!parse_criterion(c, v, p, &rs->criteria[i - 1]))
			return false;
		for (j = 0; j + 1 < i; j++)
			if (strcmp(rs->criteria[j].key,
				rs->criteria[i - 1].key) == 0)
				return fail(c,
				    cJSON_GetObjectItemCaseSensitive(v, "key"),
				    false, p, "duplicate key '%s'",
				    rs->criteria[j].key);
	}
	return true;
}

/* ---- cfp.questions: the organiser's own questions ---- */

static bool
parse_option(struct ctx *c, const cJSON *obj, const char *path,
    struct question_option *o)
{
	static const char *const fields[] = { "key", "label", NULL };

	return check_object(c, obj, path, fields, fields) &&
	    get_key(c, obj, "key", path, &o->key) &&
	    get_l10n(c, obj, "label", path, NAME_MAX_CHARS, true, &o->label);
}

static bool
parse_question_options(
    struct ctx *c, const cJSON *obj, const char *path, struct question *q)
{
	const cJSON *arr, *v;
	char p[256];
	size_t n, i = 0, j;

	if (!get_array(c, obj, "options", path, true, &arr, &n))
		return false;
	if (n > QUESTION_OPTIONS_MAX)
		return fail(c, arr, false, path,
		    "options: more than %d options", QUESTION_OPTIONS_MAX);
	q->options = xcalloc(n, sizeof(*q->options));
	cJSON_ArrayForEach(v, arr)
	{
		pathf(p, sizeof(p), "%s.options[%zu]", path, i);
		q->noptions = ++i;
		if (!parse_option(c, v, p, &q->options[i - 1]))
			return false;
		for (j = 0; j + 1 < i; j++)
			if (strcmp(q->options[j].key, q->options[i - 1].key) ==
			    0)
				return fail(c,
				    cJSON_GetObjectItemCaseSensitive(v, "key"),
				    false, p, "duplicate key '%s'",
				    q->options[j].key);
	}
	return true;
}

static bool
parse_question_formats(
    struct ctx *c, const cJSON *obj, const char *path, struct question *q)
{
	const cJSON *arr, *v;
	char p[256];
	size_t n, j;

	if (!get_array(c, obj, "formats", path, true, &arr, &n))
		return false;
	path_join(p, sizeof(p), path, "formats");
	q->formats = xcalloc(n, sizeof(*q->formats));
	cJSON_ArrayForEach(v, arr)
	{
		if (!cJSON_IsString(v))
			return fail(c, v, false, p, "expected a format key");
		if (event_format_find(c->ev, v->valuestring) < 0)
			return fail(c, v, false, p, "unknown format '%s'",
			    v->valuestring);
		for (j = 0; j < q->nformats; j++)
			if (strcmp(q->formats[j], v->valuestring) == 0)
				return fail(c, v, false, p,
				    "format '%s' listed twice", v->valuestring);
		q->formats[q->nformats++] = xstrdup(v->valuestring);
	}
	return true;
}

/* Fails when obj has member key, which a question of this kind has not. */
static bool
not_for_kind(struct ctx *c, const cJSON *obj, const char *key, const char *path,
    const struct question *q)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);

	if (v == NULL)
		return true;
	return fail(c, v, true, path, "'%s' does not apply to a %s question",
	    key, question_kind_name(q->kind));
}

static bool
parse_question(
    struct ctx *c, const cJSON *obj, const char *path, struct question *q)
{
	static const char *const fields[] = { "id", "kind", "required", "label",
		"help", "max_length", "options", "multiple", "formats",
		"reviewers", NULL };
	static const char *const required[] = { "id", "kind", "label", NULL };
	const cJSON *v;
	char p[256];

	if (!check_object(c, obj, path, fields, required))
		return false;
	v = cJSON_GetObjectItemCaseSensitive(obj, "id");
	path_join(p, sizeof(p), path, "id");
	if (!cJSON_IsString(v) ||
	    !slug_valid(
		v->valuestring, strlen(v->valuestring), QUESTION_ID_MAX))
		return fail(c, v, false, p,
		    "expected an id: 1 to %d of a-z, 0-9 and '-'",
		    QUESTION_ID_MAX);
	q->id = xstrdup(v->valuestring);
	v = cJSON_GetObjectItemCaseSensitive(obj, "kind");
	path_join(p, sizeof(p), path, "kind");
	if (!cJSON_IsString(v))
		return fail(c, v, false, p, "expected a string");
	if (!question_kind_parse(v->valuestring, &q->kind))
		return fail(c, v, false, p,
		    "unknown kind '%s': expected \"text\", \"choice\" or "
		    "\"yesno\"",
		    v->valuestring);
	if (!get_bool(c, obj, "required", path, false, &q->required) ||
	    !get_l10n(c, obj, "label", path, NAME_MAX_CHARS, true, &q->label) ||
	    !get_l10n(c, obj, "help", path, DESC_MAX_CHARS, false, &q->help))
		return false;
	if (!get_bool(c, obj, "reviewers", path, true, &q->reviewers))
		return false;
	q->max_length = QUESTION_TEXT_DEFAULT;
	switch (q->kind) {
	case QUESTION_TEXT:
		if (!not_for_kind(c, obj, "options", path, q) ||
		    !not_for_kind(c, obj, "multiple", path, q))
			return false;
		if (cJSON_GetObjectItemCaseSensitive(obj, "max_length") !=
			NULL &&
		    !get_int(c, obj, "max_length", path, 1, QUESTION_TEXT_MAX,
			&q->max_length))
			return false;
		break;
	case QUESTION_CHOICE:
		if (!not_for_kind(c, obj, "max_length", path, q))
			return false;
		if (cJSON_GetObjectItemCaseSensitive(obj, "options") == NULL)
			return fail(c, obj, false, path,
			    "a choice question needs 'options'");
		if (!parse_question_options(c, obj, path, q) ||
		    !get_bool(c, obj, "multiple", path, false, &q->multiple))
			return false;
		break;
	case QUESTION_YESNO:
	case QUESTION__MAX:
		if (!not_for_kind(c, obj, "options", path, q) ||
		    !not_for_kind(c, obj, "multiple", path, q) ||
		    !not_for_kind(c, obj, "max_length", path, q))
			return false;
		break;
	}
	if (cJSON_GetObjectItemCaseSensitive(obj, "formats") != NULL)
		return parse_question_formats(c, obj, path, q);
	return true;
}

/* After the formats, which questions may name. */
static bool
parse_questions(struct ctx *c)
{
	const cJSON *cfp, *arr, *v;
	struct event *ev = c->ev;
	char p[256];
	size_t n, i = 0, j;

	cfp = cJSON_GetObjectItemCaseSensitive(c->root, "cfp");
	if (cfp == NULL ||
	    cJSON_GetObjectItemCaseSensitive(cfp, "questions") == NULL)
		return true;
	if (!get_array(c, cfp, "questions", "cfp", false, &arr, &n))
		return false;
	if (n > QUESTIONS_MAX)
		return fail(c, arr, false, "cfp.questions",
		    "more than %d questions", QUESTIONS_MAX);
	ev->questions = xcalloc(n + 1, sizeof(*ev->questions));
	cJSON_ArrayForEach(v, arr)
	{
		pathf(p, sizeof(p), "cfp.questions[%zu]", i);
		ev->nquestions = ++i;
		if (!parse_question(c, v, p, &ev->questions[i - 1]))
			return false;
		for (j = 0; j + 1 < i; j++)
			if (strcmp(ev->questions[j].id,
				ev->questions[i - 1].id) == 0)
				return fail(c,
				    cJSON_GetObjectItemCaseSensitive(v, "id"),
				    false, p, "duplicate id '%s'",
				    ev->questions[j].id);
	}
	return true;
}

static const char *const top_fields[] = { "cabildo_event", "slug", "name",
	"tagline", "dates", "timezone", "venue", "languages",
	"default_language", "licence", "url", "cfp", "synthetic", "themes",
	"formats", "rooms", "days", "review", NULL };
static const char *const top_required[] = { "cabildo_event", "slug", "name",
	"dates", "timezone", "venue", "languages", "themes", "formats", "rooms",
	"days", NULL };

enum event_json_err
event_json_parse(const char *text, size_t len, const char *fname,
    struct event *ev, struct buf *err)
{
	struct ctx c = {
		.text = text, .len = len, .fname = fname, .err = err, .ev = ev
	};
	const char *end = NULL;
	cJSON *root;
	size_t i;
	long off;
	int line, col;

	if (len > EVENT_JSON_MAX_BYTES) {
		buf_addf(err, "%s: file larger than %zu bytes", fname,
		    EVENT_JSON_MAX_BYTES);
		return EVENT_JSON_TOOBIG;
	}
	for (i = 0; i < len; i++) {
		if (text[i] == '\0')
			break;
	}
	if (i < len || !utf8_valid(text, len)) {
		/* find the first bad byte to point at it */
		size_t good = 0, step;
		uint32_t cp;

		while (good < len && text[good] != '\0' &&
		    (step = utf8_decode(text + good, len - good, &cp)) != 0)
			good += step;
		json_line_col(text, len, good, &line, &col);
		buf_addf(err, "%s:%d:%d: invalid UTF-8 or NUL byte", fname,
		    line, col);
		return EVENT_JSON_SYNTAX;
	}
	if ((off = json_find_nul_escape(text, len)) >= 0) {
		json_line_col(text, len, (size_t)off, &line, &col);
		buf_addf(err, "%s:%d:%d: \\u0000 is not allowed in text", fname,
		    line, col);
		return EVENT_JSON_SYNTAX;
	}
	root = cJSON_ParseWithLengthOpts(text, len, &end, false);
	if (root == NULL) {
		size_t at = end != NULL && end >= text
		    ? (size_t)(end - text)
		    : (cJSON_GetErrorPtr() != NULL
			      ? (size_t)(cJSON_GetErrorPtr() - text)
			      : 0);

		json_line_col(text, len, at, &line, &col);
		buf_addf(
		    err, "%s:%d:%d: not valid JSON here", fname, line, col);
		return EVENT_JSON_SYNTAX;
	}
	c.root = root;
	while (end != NULL && end < text + len && (unsigned char)*end <= 32)
		end++;
	if (end != NULL && end < text + len) {
		json_line_col(text, len, (size_t)(end - text), &line, &col);
		buf_addf(err, "%s:%d:%d: unexpected content after the event",
		    fname, line, col);
		cJSON_Delete(root);
		return EVENT_JSON_SYNTAX;
	}
	if (!check_object(&c, root, "", top_fields, top_required) ||
	    !parse_header(&c) || !parse_lists(&c) || !parse_questions(&c) ||
	    !parse_review(&c)) {
		cJSON_Delete(root);
		event_release(ev);
		return EVENT_JSON_INVALID;
	}
	cJSON_Delete(root);
	return EVENT_JSON_OK;
}

const char *
event_json_strerror(enum event_json_err err)
{
	static const char *const msgs[EVENT_JSON__MAX] = {
		[EVENT_JSON_OK] = "success",
		[EVENT_JSON_TOOBIG] = "event file too large",
		[EVENT_JSON_SYNTAX] = "event file is not valid JSON",
		[EVENT_JSON_INVALID] = "event file is not a valid event",
	};

	return (unsigned)err < EVENT_JSON__MAX ? msgs[err] : "unknown error";
}
