#!/usr/bin/env bash
# SPDX-License-Identifier: AGPL-3.0-or-later
# Privacy end to end (issue 8, part 5).  1. The demo event with its
# timetable: every public output (every ACCESS_PUBLIC route of
# src/web/route.c, reached by crawling from the event page with real ids,
# plus the calendar feed of a real token) is scanned for every person's
# e-mail address, gender and accessibility needs; a public route that the
# crawl never reached fails the test.  2. Self-service: a speaker and
# participant downloads all their data and deletes the account (password
# and CSRF asked; proposals withdrawn, person anonymised, registrations,
# sessions and mail gone, no new mail).  3. The server's log after sign-up,
# login, reset and a calendar feed holds no password, token or address.
# Usage: privacy.sh BUILD_DIR.  Prints "ok"/"not ok" lines, then RESULT P F.
set -u
# shellcheck source=tests/e2e/lib/common.sh
. "$(dirname "$0")/lib/common.sh"
e2e_init privacy "${1:-build}"
e2e_why_bytes=600

db="$tmp/db"
slug=ogp-americas-2017
"$bin" demo --db "$db" --proposals 40 --participants 30 >/dev/null || setup_fail "demo"
"$bin" schedule --db "$db" --event "$slug" --time-limit 2 --quiet >/dev/null ||
	setup_fail "schedule"
# An open copy of the event for the self-service part (its call is open).
e2e_open_call "$db"
sql() { sqlite3 "$db" "$1"; }
# Distinct markers: every gender and every registration's needs can be
# told apart from ordinary words; one participant has a calendar feed.
sql "UPDATE person SET gender = 'gender-secret-' || id;
UPDATE registration SET needs = 'needs-secret-' || id || ' silla de ruedas';
INSERT INTO calendar_token (token, registration_id)
  SELECT '00112233445566778899aabbccddeeff', min(id) FROM registration;" ||
	setup_fail "markers"
sql "SELECT email FROM person WHERE email IS NOT NULL" >"$tmp/emails"
sql "SELECT gender FROM person WHERE gender IS NOT NULL" >"$tmp/genders"
sql "SELECT 'needs-secret-' || id FROM registration" >"$tmp/needs"
cat "$tmp/emails" "$tmp/genders" "$tmp/needs" >"$tmp/secrets"
[ "$(wc -l <"$tmp/emails")" -ge 100 ] || setup_fail "too few e-mail addresses"
[ "$(wc -l <"$tmp/needs")" -ge 10 ] || setup_fail "too few registrations"

e2e_serve "$db" || setup_fail "server did not start"

# ---- 1. every public output ----

# The public route patterns, from the one route table, as anchored regexps.
grep -o '{ "[^"]*", \(true\|false\), ACCESS_PUBLIC' "$root/src/web/route.c" |
	cut -d'"' -f2 >"$tmp/public"
[ "$(wc -l <"$tmp/public")" -ge 15 ] || setup_fail "public routes not found in route.c"
sed -e 's/[.]/[.]/g' -e 's/{}/[^\/?]+/g' -e 's/^/^/' -e 's/$/([?].*)?$/' "$tmp/public" >"$tmp/public.re"

# Crawl from the roots, anonymously, following same-site links (and
# stylesheet/script URLs) that fall on a public route; bounded.
fetched=0
declare -A seen=()
mkdir "$tmp/pages"
queue=("/" "/$slug/" "/$slug/agenda" "/$slug/agenda?day=all" "/$slug/agenda?view=grid"
	"/$slug/now" "/$slug/now?at=2017-11-21T10:30" "/$slug/schedule.xml"
	"/$slug/schedule.json" "/$slug/schedule.ics" "/$slug/sessions.csv"
	"/$slug/datapackage.json" "/$slug/theme.css" "/healthz"
	"/api/v1/events/$slug/sessions" "/api/v1/events/$slug/sessions?offset=20&limit=50"
	"/api/v1/events/$slug/suggest-themes?text=datos%20abiertos%20y%20transparencia"
	"/$slug/me/00112233445566778899aabbccddeeff"
	"/$slug/me/00112233445566778899aabbccddeeff.ics"
	"/$slug/?lang=es" "/$slug/agenda?lang=pt" "/$slug/agenda?day=all&lang=en")
for u in "${queue[@]}"; do seen[$u]=1; done
head=0
while [ "$head" -lt "${#queue[@]}" ] && [ "$fetched" -lt 1500 ]; do
	u=${queue[$head]}
	head=$((head + 1))
	fetched=$((fetched + 1))
	f="$tmp/pages/$fetched"
	s=$(curl -s --max-time 20 -o "$f" -w '%{http_code}' "$base$u")
	echo "$s $u" >>"$tmp/fetched"
	case "$u" in *.css | *.js | *.svg | *.png | *.woff2) continue ;; esac
	# same-site links and assets that fall on a public route
	while read -r l; do
		[ -n "$l" ] && [ -z "${seen[$l]:-}" ] || continue
		seen[$l]=1
		queue+=("$l")
	done < <(grep -oE '(href|src)="/[^"#]*' "$f" | cut -d'"' -f2 |
		sed 's/&amp;/\&/g' | sort -u | grep -E -f "$tmp/public.re")
done

t_crawl_covers_every_public_route() {
	local p re n=0
	while read -r p; do
		re=$(printf '%s' "$p" | sed -e 's/[.]/[.]/g' -e 's/{}/[^\/?]+/g')
		if ! awk '$1 == 200 { print $2 }' "$tmp/fetched" | sed 's/?.*//' |
			grep -qE "^$re\$"; then
			echo "public route never fetched with 200: $p"
			n=$((n + 1))
		fi
	done <"$tmp/public"
	[ "$n" = 0 ] && [ "$fetched" -ge 100 ]
}
t_no_personal_data() {
	local hits
	hits=$(grep -rlF -f "$tmp/secrets" "$tmp/pages" | head -5)
	[ -z "$hits" ] && return 0
	for h in $hits; do
		echo "$(sed -n "$(basename "$h")p" "$tmp/fetched"): $(grep -oF -f "$tmp/secrets" "$h" | head -3 | tr '\n' ' ')"
	done
	return 1
}
t_no_address_at_all() {
	# no address of any kind in open data (the event's own contact aside)
	! grep -lE '[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+\.[A-Za-z.]+' \
		"$tmp/pages"/* | while read -r f; do
		grep -oE '[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+\.[A-Za-z.]+' "$f"
	done | grep -vF -f <(grep -oE '"[^"]*@[^"]*"' "$tmp/open.json" | tr -d '"') | grep .
}
t_scan_sees_a_leak() {
	# the scan itself must be able to fail: the same grep finds an address
	# and a gender that the organisers' export does show
	printf 'x %s y\n' "$(head -1 "$tmp/emails")" >"$tmp/canary"
	grep -qF -f "$tmp/secrets" "$tmp/canary"
}
check "the crawl reached every public route" t_crawl_covers_every_public_route
check "no e-mail, gender or needs in $fetched public outputs" t_no_personal_data
check "no e-mail address of anyone in public outputs" t_no_address_at_all
check "the scan finds a planted address" t_scan_sees_a_leak

# ---- 2. self-service export and deletion ----

sid() { awk '$6 == "sid" { v = $7 } END { print v }' "$tmp/$1.jar"; }
ev="$base/open-call"
email=zoe.privacy@example.org
pw='zoe-secret-password-1'
t_signup() {
	c z -o /dev/null "$base/account/signup"
	[ "$(code z --data-urlencode "csrf=$(csrf z)" -d 'name=Zoe Privada' \
		--data-urlencode "email=$email" --data-urlencode "password=$pw" \
		"$base/account/signup")" = 200 ] &&
		conf_tok=$(token "$email") && [ -n "$conf_tok" ] &&
		[ "$(code z "$base/account/confirm?token=$conf_tok")" = 200 ] &&
		login z "$email" "$pw" && login z2 "$email" "$pw"
}
t_fill() {
	c z -o /dev/null "$base/account/"
	[ "$(code z --data-urlencode "csrf=$(csrf z)" -d 'name=Zoe Privada' \
		-d organisation=Org-Zoe -d sector=academia -d country=UY \
		-d gender=zoe-gender-marker -d languages=es \
		-d 'bio=zoe-bio-marker' "$base/account/")" = 303 ] &&
		c z -o /dev/null "$ev/cfp/new" &&
		[ "$(code z --data-urlencode "csrf=$(csrf z)" -d 'title=Zoe submitted' \
			-d 'abstract=Un taller.' -d 'description=Detalles.' -d format=workshop \
			-d theme=civic-space -d language=es -d action=submit "$ev/cfp/new")" = 303 ] &&
		[ "$(code z --data-urlencode "csrf=$(csrf z)" -d 'title=Zoe draft' \
			-d format=workshop -d action=draft "$ev/cfp/new")" = 303 ] &&
		c z -o /dev/null "$base/$slug/register" &&
		[ "$(code z --data-urlencode "csrf=$(csrf z)" -d need=captions \
			--data-urlencode 'needs_other=zoe-needs-marker' "$base/$slug/register")" = 303 ] &&
		guid=$(curl -s "$base/$slug/agenda?day=all" | grep -o 'data-guid="[0-9a-f-]*"' |
			head -1 | cut -d'"' -f2) &&
		[ -n "$guid" ] &&
		[ "$(code z --data-urlencode "csrf=$(csrf z)" -d "guid=$guid" -d on=1 \
			"$base/$slug/star")" = 303 ] &&
		star_id=$(sql "SELECT session_id FROM interest WHERE session_id IS NOT NULL
			AND registration_id = (SELECT max(id) FROM registration)") &&
		[ -n "$star_id" ] &&
		[ "$(code z --data-urlencode "csrf=$(csrf z)" -d action=create "$base/$slug/me/calendar")" = 303 ] &&
		person=$(sql "SELECT id FROM person WHERE email = '$email'") &&
		sql "INSERT INTO review (proposal_id, reviewer_id, score, comment_committee)
			SELECT min(id), $person, 3, 'zoe-review-marker' FROM proposal
			WHERE owner_id IS NULL" &&
		cal_tok=$(sql "SELECT t.token FROM calendar_token t JOIN registration r
			ON r.id = t.registration_id WHERE r.person_id = $person") &&
		[ -n "$cal_tok" ] &&
		[ "$(curl -s -o /dev/null -w '%{http_code}' "$base/$slug/me/$cal_tok.ics")" = 200 ]
}
t_export() {
	[ "$(code z "$base/account/data.json")" = 200 ] &&
		body_has '"account":' "\"email\":	\"$email\"" '"person":' \
			'"gender":	"zoe-gender-marker"' '"bio":	"zoe-bio-marker"' \
			'"organisation":	"Org-Zoe"' '"proposals":' '"title":	"Zoe draft"' \
			'"title":	"Zoe submitted"' '"registrations":' \
			"\"event\":	\"$slug\"" 'zoe-needs-marker' '"stars":' \
			"\"session\":	$star_id" '"reviews":' \
			'"comment_committee":	"zoe-review-marker"' &&
		[ "$(code anon "$base/account/data.json")" = 303 ]
}
t_export_is_private() {
	c z -D "$tmp/head" -o /dev/null "$base/account/data.json" &&
		grep -qi '^cache-control: no-store' "$tmp/head" &&
		grep -qi '^content-type: application/json' "$tmp/head"
}
t_delete_asks() {
	[ "$(code z "$base/account/delete")" = 200 ] &&
		body_has 'name="password"' 'name="csrf"' 'action="/account/delete"' &&
		[ "$(code z -d "password=$pw" "$base/account/delete")" = 403 ] &&
		[ "$(code z --data-urlencode "csrf=$(csrf z)" -d password=not-my-password "$base/account/delete")" = 403 ] &&
		body_has 'aria-invalid="true"' &&
		[ "$(sql "SELECT count(*) FROM account WHERE email = '$email'")" = 1 ] &&
		[ "$(code z "$base/account/")" = 200 ]
}
t_delete() {
	[ "$(code z --data-urlencode "csrf=$(csrf z)" --data-urlencode "password=$pw" \
		"$base/account/delete")" = 200 ] &&
		[ "$(code z "$base/account/")" = 303 ] &&
		[ "$(code z2 "$base/account/")" = 303 ] && # the other session too
		! login z3 "$email" "$pw"
}
t_after_delete_db() {
	[ "$(sql "SELECT count(*) FROM account WHERE email = '$email'")" = 0 ] &&
		[ "$(sql "SELECT name || '|' || coalesce(email, '') || '|' || coalesce(gender, '') ||
			'|' || coalesce(bio, '') || '|' || coalesce(organisation, '')
			FROM person WHERE id = $person")" = "-||||" ] &&
		[ "$(sql "SELECT count(*) FROM registration WHERE person_id = $person")" = 0 ] &&
		[ "$(sql "SELECT group_concat(status) FROM proposal WHERE owner_id = $person")" = "withdrawn,withdrawn" ] &&
		[ "$(sql "SELECT count(*) FROM login_session WHERE account_id NOT IN
			(SELECT id FROM account)")" = 0 ] &&
		[ "$(sql "SELECT count(*) FROM outbox WHERE to_addr = '$email'")" = 0 ] &&
		[ "$(sql "SELECT count(*) FROM audit_log WHERE detail LIKE '%$email%'")" = 0 ] &&
		[ "$(curl -s -o /dev/null -w '%{http_code}' "$base/$slug/me/$cal_tok.ics")" = 404 ] &&
		! sqlite3 "$db" .dump | grep -qF -e "$email" -e zoe-gender-marker -e zoe-needs-marker -e zoe-bio-marker
}
t_no_new_mail() {
	c r -o /dev/null "$base/account/reset"
	[ "$(code r --data-urlencode "csrf=$(csrf r)" --data-urlencode "email=$email" \
		"$base/account/reset")" = 200 ] &&
		[ "$(sql "SELECT count(*) FROM outbox WHERE to_addr = '$email'")" = 0 ]
}
check "sign up, confirm, log in twice" t_signup
check "profile, proposal, draft, registration, star, feed, review" t_fill
check "download all my data as JSON" t_export
check "the data download is not cached" t_export_is_private
check "deletion asks for the password and the CSRF token" t_delete_asks
check "delete my account: every session ends" t_delete
check "after deletion: anonymised, withdrawn, nothing personal left" t_after_delete_db
check "no new mail to a deleted address" t_no_new_mail

# ---- 3. the log ----

t_reset_flow() {
	"$bin" user add --db "$db" --email logger@example.org --name Logan \
		--password-file <(echo 'logger-password-1') >/dev/null &&
		login l logger@example.org logger-password-1 &&
		c l -o /dev/null "$base/account/reset" &&
		[ "$(code l --data-urlencode "csrf=$(csrf l)" -d email=logger@example.org \
			"$base/account/reset")" = 200 ] &&
		reset_tok=$(token logger@example.org) && [ -n "$reset_tok" ] &&
		[ "$(code l "$base/account/reset/new?token=$reset_tok")" = 200 ] &&
		[ "$(code l --data-urlencode "csrf=$(csrf l)" -d "token=$reset_tok" \
			-d password=logger-password-2 "$base/account/reset/new")" = 200 ] &&
		login l logger@example.org logger-password-2 &&
		# a token in the path, as a feed reader would ask for it
		curl -s -o /dev/null "$base/$slug/me/00112233445566778899aabbccddeeff.ics" &&
		curl -s -o /dev/null "$base/account/login/ana%40example.org"
}
t_log_clean() {
	local s bad=0
	grep -q ' access /' "$tmp/server.log" || { echo "no access log lines"; return 1; }
	for s in "$pw" logger-password-1 logger-password-2 "$email" logger@example.org \
		ana@example.org ana%40example.org "$conf_tok" "$reset_tok" "$cal_tok" \
		00112233445566778899aabbccddeeff "$(sid l)" "$(csrf l)"; do
		[ -n "$s" ] || continue
		if grep -qF -- "$s" "$tmp/server.log"; then
			echo "in the log: $s"; bad=1
		fi
	done
	grep -q 'access /ogp-americas-2017/me/\[token\].ics 200' "$tmp/server.log" ||
		{ echo "feed line not redacted as expected"; bad=1; }
	[ "$bad" = 0 ]
}
check "sign-up, login, reset and a feed through the server" t_reset_flow
check "the log holds no password, token or e-mail address" t_log_clean

e2e_stop_check "server exits 0 on SIGTERM"
echo "RESULT $pass $fail"
