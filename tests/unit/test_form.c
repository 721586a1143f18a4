/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * test_form.c: the form body parsers: urlencoded and multipart, their caps,
 * and errors that name the field.
 */
#include <criterion/criterion.h>
#include <string.h>

#include "web/form.h"

static enum form_err
parse(const char *ct, const char *body, const struct form_limits *lim,
    struct form *f, struct buf *err)
{
	buf_init(err, 0);
	return form_parse(ct, body, strlen(body), lim, f, err);
}

#define URLENC "application/x-www-form-urlencoded"

Test(form, urlencoded_basic)
{
	struct form f;
	struct buf err;

	cr_assert_eq(
	    parse(URLENC, "a=1&b=x+y%21&&c=&d&t=%C3%B1&b=2", NULL, &f, &err),
	    FORM_OK);
	cr_assert_str_eq(form_get(&f, "a"), "1");
	cr_assert_str_eq(form_get(&f, "b"), "x y!");
	cr_assert_str_eq(form_get_nth(&f, "b", 1), "2");
	cr_assert_null(form_get_nth(&f, "b", 2));
	cr_assert_eq(form_count(&f, "b"), 2);
	cr_assert_str_eq(form_get(&f, "c"), "");
	cr_assert_str_eq(form_get(&f, "d"), "");
	cr_assert_str_eq(form_get(&f, "t"), "ñ");
	cr_assert_null(form_get(&f, "zz"));
	form_release(&f);
	buf_release(&err);
}

Test(form, urlencoded_newlines_normalised)
{
	struct form f;
	struct buf err;

	cr_assert_eq(
	    parse(URLENC, "x=a%0D%0Ab%0Dc%09d", NULL, &f, &err), FORM_OK);
	cr_assert_str_eq(form_get(&f, "x"), "a\nb\nc\td");
	form_release(&f);
	buf_release(&err);
}

Test(form, urlencoded_errors_name_the_field)
{
	struct form f;
	struct buf err;

	cr_assert_eq(
	    parse(URLENC, "title=%ff", NULL, &f, &err), FORM_ERR_ENCODING);
	cr_assert(strstr(err.s, "'title'") != NULL, "%s", err.s);
	cr_assert_eq(f.n, 0);
	buf_release(&err);
	cr_assert_eq(
	    parse(URLENC, "bio=%00", NULL, &f, &err), FORM_ERR_ENCODING);
	cr_assert(strstr(err.s, "'bio'") != NULL, "%s", err.s);
	buf_release(&err);
	cr_assert_eq(parse(URLENC, "a=%4", NULL, &f, &err), FORM_ERR_ENCODING);
	buf_release(&err);
	cr_assert_eq(parse(URLENC, "a=%1B", NULL, &f, &err), FORM_ERR_ENCODING);
	buf_release(&err);
	cr_assert_eq(parse(URLENC, "a%20b=1", NULL, &f, &err), FORM_ERR_SYNTAX);
	buf_release(&err);
	cr_assert_eq(parse(URLENC, "=1", NULL, &f, &err), FORM_ERR_SYNTAX);
	buf_release(&err);
}

Test(form, urlencoded_caps)
{
	struct form_limits lim = { 2, 4, 5, 0 };
	struct form f;
	struct buf err;

	cr_assert_eq(
	    parse(URLENC, "a=1&b=2&c=3", &lim, &f, &err), FORM_ERR_TOOBIG);
	buf_release(&err);
	cr_assert_eq(
	    parse(URLENC, "a=123456", &lim, &f, &err), FORM_ERR_TOOBIG);
	cr_assert(strstr(err.s, "'a'") != NULL);
	buf_release(&err);
	cr_assert_eq(parse(URLENC, "abcde=1", &lim, &f, &err), FORM_ERR_SYNTAX);
	buf_release(&err);
	cr_assert_eq(parse(URLENC, "a=12345&b=", &lim, &f, &err), FORM_OK);
	form_release(&f);
	buf_release(&err);
}

Test(form, content_types)
{
	struct form f;
	struct buf err;

	cr_assert_eq(parse(NULL, "a=1", NULL, &f, &err), FORM_ERR_TYPE);
	buf_release(&err);
	cr_assert_eq(parse("text/plain", "a=1", NULL, &f, &err), FORM_ERR_TYPE);
	buf_release(&err);
	cr_assert_eq(
	    parse("multipart/form-data", "", NULL, &f, &err), FORM_ERR_TYPE);
	buf_release(&err);
	cr_assert_eq(parse("Application/X-WWW-Form-Urlencoded; charset=UTF-8",
			 "a=1", NULL, &f, &err),
	    FORM_OK);
	form_release(&f);
	buf_release(&err);
}

#define MP "multipart/form-data; boundary=XyZ"

Test(form, multipart_text_and_file)
{
	const char body[] = "preamble\r\n--XyZ\r\n"
			    "Content-Disposition: form-data; name=\"title\"\r\n"
			    "\r\n"
			    "Hola\r\nmundo\r\n"
			    "--XyZ\r\n"
			    "Content-Disposition: form-data; name=\"photo\"; "
			    "filename=\"a.png\"\r\n"
			    "Content-Type: image/png\r\n\r\n"
			    "\x89PNG\0\xff\r\n"
			    "--XyZ--\r\n";
	struct form f;
	struct buf err;

	buf_init(&err, 0);
	cr_assert_eq(form_parse(MP, body, sizeof(body) - 1, NULL, &f, &err),
	    FORM_OK, "%s", err.s);
	cr_assert_eq(f.n, 2);
	cr_assert_str_eq(form_get(&f, "title"), "Hola\nmundo");
	cr_assert_null(f.f[0].filename);
	cr_assert_str_eq(f.f[1].filename, "a.png");
	cr_assert_str_eq(f.f[1].type, "image/png");
	cr_assert_eq(f.f[1].len, 6);
	cr_assert(memcmp(f.f[1].value, "\x89PNG\0\xff", 6) == 0);
	form_release(&f);
	buf_release(&err);
}

Test(form, multipart_quoted_boundary_and_empty)
{
	const char body[] = "--a b\r\nContent-Disposition: form-data; "
			    "name=x\r\n\r\n\r\n--a b--";
	struct form f;
	struct buf err;

	buf_init(&err, 0);
	cr_assert_eq(form_parse("multipart/form-data; boundary=\"a b\"", body,
			 sizeof(body) - 1, NULL, &f, &err),
	    FORM_OK, "%s", err.s);
	cr_assert_str_eq(form_get(&f, "x"), "");
	form_release(&f);
	buf_release(&err);
}

Test(form, multipart_errors)
{
	static const char *const bad[] = {
		"no boundary here",
		"--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n"
		"unterminated",
		"--XyZ\r\nContent-Disposition: form-data\r\n\r\nx\r\n--XyZ--",
		"--XyZ\r\nContent-Disposition: form-data; name=\"a b\"\r\n\r\n"
		"x\r\n--XyZ--",
		"--XyZ\r\nContent-Disposition: form-data; name=\"a\r\n",
		"--XyZ junk",
	};
	struct form f;
	struct buf err;
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		cr_assert_eq(parse(MP, bad[i], NULL, &f, &err), FORM_ERR_SYNTAX,
		    "case %zu: %s", i, err.s);
		cr_assert_eq(f.n, 0);
		buf_release(&err);
	}
	cr_assert_eq(parse(MP,
			 "--XyZ\r\nContent-Disposition: form-data; "
			 "name=\"title\"\r\n\r\n\xc3\x28\r\n--XyZ--",
			 NULL, &f, &err),
	    FORM_ERR_ENCODING);
	cr_assert(strstr(err.s, "'title'") != NULL, "%s", err.s);
	buf_release(&err);
}

Test(form, multipart_caps)
{
	struct form_limits lim = { 1, 0, 3, 4 };
	struct form f;
	struct buf err;

	cr_assert_eq(parse(MP,
			 "--XyZ\r\nContent-Disposition: form-data; "
			 "name=\"a\"\r\n\r\n1234\r\n--XyZ--",
			 &lim, &f, &err),
	    FORM_ERR_TOOBIG);
	buf_release(&err);
	cr_assert_eq(parse(MP,
			 "--XyZ\r\nContent-Disposition: form-data; "
			 "name=\"a\"; filename=\"f\"\r\n\r\n1234\r\n--XyZ--",
			 &lim, &f, &err),
	    FORM_OK);
	form_release(&f);
	buf_release(&err);
	cr_assert_eq(parse(MP,
			 "--XyZ\r\nContent-Disposition: form-data; "
			 "name=\"a\"\r\n\r\n1\r\n--XyZ\r\n"
			 "Content-Disposition: form-data; name=\"b\"\r\n\r\n"
			 "2\r\n--XyZ--",
			 &lim, &f, &err),
	    FORM_ERR_TOOBIG);
	buf_release(&err);
}
