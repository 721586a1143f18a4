/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * config.c: the `key = value` configuration files of config.h.
 */
#include "util/config.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "util/utf8.h"
#include "util/util.h"

const char *
config_strerror(enum config_err err)
{
	static const char *const msgs[CONFIG_ERR__MAX] = {
		[CONFIG_OK] = "success",
		[CONFIG_ERR_READ] = "cannot read the configuration",
		[CONFIG_ERR_SYNTAX] = "configuration syntax error",
		[CONFIG_ERR_KEY] = "unknown or repeated configuration key",
		[CONFIG_ERR_VALUE] = "invalid configuration value",
	};

	return (unsigned)err < CONFIG_ERR__MAX ? msgs[err] : "unknown error";
}

void
config_values_release(struct config_value *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(v[i].s);
		memset(&v[i], 0, sizeof(v[i]));
	}
}

static bool
is_blank(char c)
{
	return c == ' ' || c == '\t';
}

/* Keys: lowercase letters, digits and '_', starting with a letter. */
static bool
key_valid(const char *s, size_t n)
{
	size_t i;

	if (n == 0 || n > 64 || s[0] < 'a' || s[0] > 'z')
		return false;
	for (i = 0; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') ||
			(s[i] >= '0' && s[i] <= '9') || s[i] == '_'))
			return false;
	return true;
}

static bool
parse_bool(const char *s, bool *out)
{
	static const char *const yes[] = { "true", "yes", "on", "1" };
	static const char *const no[] = { "false", "no", "off", "0" };
	size_t i;

	for (i = 0; i < sizeof(yes) / sizeof(yes[0]); i++) {
		if (strcmp(s, yes[i]) == 0) {
			*out = true;
			return true;
		}
		if (strcmp(s, no[i]) == 0) {
			*out = false;
			return true;
		}
	}
	return false;
}

/* A plain decimal number ("2", "0.5"): no exponent, hex, inf or nan. */
static bool
parse_real(const char *s, double min, double max, double *out)
{
	char *end;
	double d;

	if (*s == '\0' || strspn(s, "0123456789.") != strlen(s) ||
	    strchr(s, '.') != strrchr(s, '.') || *s == '.')
		return false;
	errno = 0;
	d = strtod(s, &end);
	if (errno != 0 || *end != '\0' || !isfinite(d) || d < min || d > max)
		return false;
	*out = d;
	return true;
}

/* Checks and stores one value. */
static enum config_err
set_value(const struct config_key *k, struct config_value *v, const char *s,
    const char *file, int line, struct buf *msg)
{
	if (k->type != CONFIG_STRING && *s == '\0') {
		buf_addf(
		    msg, "%s:%d: '%s': missing value", file, line, k->name);
		return CONFIG_ERR_VALUE;
	}
	switch (k->type) {
	case CONFIG_INT:
		if (!parse_i64(s, k->min, k->max, &v->n)) {
			buf_addf(msg,
			    "%s:%d: '%s': expected an integer from %lld to "
			    "%lld, got '%s'",
			    file, line, k->name, (long long)k->min,
			    (long long)k->max, s);
			return CONFIG_ERR_VALUE;
		}
		break;
	case CONFIG_BOOL:
		if (!parse_bool(s, &v->b)) {
			buf_addf(msg,
			    "%s:%d: '%s': expected true or false, got '%s'",
			    file, line, k->name, s);
			return CONFIG_ERR_VALUE;
		}
		break;
	case CONFIG_REAL:
		if (!parse_real(s, (double)k->min, (double)k->max, &v->d)) {
			buf_addf(msg,
			    "%s:%d: '%s': expected a number from %lld to "
			    "%lld, got '%s'",
			    file, line, k->name, (long long)k->min,
			    (long long)k->max, s);
			return CONFIG_ERR_VALUE;
		}
		break;
	case CONFIG_STRING:
	case CONFIG_TYPE__MAX:
		break;
	}
	v->s = xstrdup(s);
	v->set = true;
	v->line = line;
	return CONFIG_OK;
}

/* One line (n bytes, no newline). */
static enum config_err
parse_line(const char *p, size_t n, const char *file, int line,
    const struct config_key *keys, size_t nkeys, struct config_value *out,
    struct buf *msg)
{
	const char *eq, *key, *val;
	size_t kn, vn, i;
	char value[CONFIG_VALUE_MAX + 1];

	while (n > 0 && is_blank(*p)) {
		p++;
		n--;
	}
	while (n > 0 && (is_blank(p[n - 1]) || p[n - 1] == '\r'))
		n--;
	if (n == 0 || *p == '#')
		return CONFIG_OK;
	if ((eq = memchr(p, '=', n)) == NULL) {
		buf_addf(msg, "%s:%d: expected 'key = value'", file, line);
		return CONFIG_ERR_SYNTAX;
	}
	key = p;
	kn = (size_t)(eq - p);
	while (kn > 0 && is_blank(key[kn - 1]))
		kn--;
	val = eq + 1;
	vn = n - (size_t)(val - p);
	while (vn > 0 && is_blank(*val)) {
		val++;
		vn--;
	}
	if (!key_valid(key, kn)) {
		buf_addf(msg, "%s:%d: expected a key (a-z, 0-9, _) before '='",
		    file, line);
		return CONFIG_ERR_SYNTAX;
	}
	for (i = 0; i < nkeys; i++)
		if (strlen(keys[i].name) == kn &&
		    memcmp(keys[i].name, key, kn) == 0)
			break;
	if (i == nkeys) {
		buf_addf(
		    msg, "%s:%d: unknown key '%.*s'", file, line, (int)kn, key);
		return CONFIG_ERR_KEY;
	}
	if (out[i].set) {
		buf_addf(msg, "%s:%d: '%s' is already set on line %d", file,
		    line, keys[i].name, out[i].line);
		return CONFIG_ERR_KEY;
	}
	if (vn > CONFIG_VALUE_MAX) {
		buf_addf(msg, "%s:%d: '%s': value longer than %d bytes", file,
		    line, keys[i].name, CONFIG_VALUE_MAX);
		return CONFIG_ERR_VALUE;
	}
	memcpy(value, val, vn);
	value[vn] = '\0';
	return set_value(&keys[i], &out[i], value, file, line, msg);
}

enum config_err
config_parse(const char *text, size_t len, const char *file,
    const struct config_key *keys, size_t nkeys, struct config_value *out,
    struct buf *msg)
{
	const char *p = text, *end = text + len, *nl;
	enum config_err err = CONFIG_OK;
	size_t n;
	int line = 0;

	if (len > CONFIG_FILE_MAX) {
		buf_addf(
		    msg, "%s: larger than %d bytes", file, CONFIG_FILE_MAX);
		return CONFIG_ERR_READ;
	}
	while (p < end && err == CONFIG_OK) {
		line++;
		nl = memchr(p, '\n', (size_t)(end - p));
		n = nl != NULL ? (size_t)(nl - p) : (size_t)(end - p);
		if (n > CONFIG_LINE_MAX) {
			buf_addf(msg, "%s:%d: line longer than %d bytes", file,
			    line, CONFIG_LINE_MAX);
			err = CONFIG_ERR_SYNTAX;
		} else if (memchr(p, '\0', n) != NULL || !utf8_valid(p, n)) {
			buf_addf(msg, "%s:%d: not UTF-8 text", file, line);
			err = CONFIG_ERR_SYNTAX;
		} else {
			err =
			    parse_line(p, n, file, line, keys, nkeys, out, msg);
		}
		p += n + (nl != NULL);
	}
	if (err != CONFIG_OK)
		config_values_release(out, nkeys);
	return err;
}

enum config_err
config_load(const char *path, const struct config_key *keys, size_t nkeys,
    struct config_value *out, struct buf *msg)
{
	enum config_err err;
	enum read_err rerr;
	char *text;
	size_t len;

	rerr = read_file(path, CONFIG_FILE_MAX, &text, &len);
	if (rerr != READ_OK) {
		buf_addf(msg, "%s: %s", path,
		    rerr == READ_ERR_OPEN ? strerror(errno)
					  : read_strerror(rerr));
		return CONFIG_ERR_READ;
	}
	err = config_parse(text, len, path, keys, nkeys, out, msg);
	free(text);
	return err;
}
