#!/usr/bin/env bash
# SPDX-License-Identifier: AGPL-3.0-or-later
# HTTP end-to-end tests of participants (issue 5): an account registers
# for an imported programme (themes, needs), stars and unstars sessions
# with CSRF-checked forms, sees its personal agenda, creates and revokes
# its private calendar feed, and imports stars kept in a browser.  The
# real server on 127.0.0.1, an ephemeral port, a temporary database, curl
# with a cookie jar.
# Usage: participant.sh BUILD_DIR.  Prints "ok"/"not ok" lines, then RESULT P F.
set -u
# shellcheck source=tests/e2e/lib/common.sh
. "$(dirname "$0")/lib/common.sh"
e2e_init participant "${1:-build}"
e2e_wait=1

db="$tmp/db"
slug=cabildo-test-2017
"$bin" init --db "$db" >/dev/null || setup_fail "init"
"$bin" import --db "$db" --format frab --quiet \
	"$root/tests/fixtures/agenda/small.xml" >/dev/null || setup_fail "import"
echo 'participant-password-1' >"$tmp/pw"
"$bin" user add --db "$db" --email pat@example.org --name Pat \
	--password-file "$tmp/pw" >/dev/null || setup_fail "user add"
echo 'organiser-password-1' >"$tmp/pw-org"
"$bin" user add --db "$db" --email org@example.org --name Olga --admin \
	--password-file "$tmp/pw-org" >/dev/null || setup_fail "user add --admin"
e2e_serve "$db" || { cat "$tmp/server.log"; setup_fail "server did not start"; }
ev="$base/$slug"

sql() { sqlite3 "$db" "$1"; }
star() { # guid, 1|0: the status of the star form's POST
	code p --data-urlencode "csrf=$(csrf p)" -d "guid=$1" -d "on=$2" \
		--data-urlencode "back=/$slug/agenda?day=all" "$ev/star"
}

# The GUIDs of the placed sessions, in agenda order.
curl -s "$ev/agenda?day=all" | grep -o 'data-guid="[0-9a-f-]*"' |
	cut -d'"' -f2 | awk '!seen[$0]++' >"$tmp/guids"
[ "$(wc -l <"$tmp/guids")" -ge 4 ] || setup_fail "fewer than 4 sessions"
g1=$(sed -n 1p "$tmp/guids") g2=$(sed -n 2p "$tmp/guids")
g3=$(sed -n 3p "$tmp/guids") g4=$(sed -n 4p "$tmp/guids")
theme=$(sql "SELECT t.key FROM theme t JOIN event e ON e.id = t.event_id
	WHERE e.slug = '$slug' ORDER BY t.id LIMIT 1")

t_signed_out() {
	[ "$(code anon "$ev/me/")" = 303 ] &&
	[ "$(code anon "$ev/register")" = 303 ] &&
	# no star forms for visitors who are signed out
	[ "$(code anon "$ev/agenda?day=all")" = 200 ] && body_lacks 'class="star-form"'
}
t_login() {
	c p -o /dev/null "$base/account/login"
	[ "$(code p --data-urlencode "csrf=$(csrf p)" -d email=pat@example.org \
		-d password=participant-password-1 "$base/account/login")" = 303 ]
}
t_me_unregistered() {
	[ "$(code p "$ev/me/")" = 200 ] && body_has 'id="register-link"' &&
	[ "$(sql "SELECT count(*) FROM registration")" = 0 ]
}
t_register_form() {
	[ "$(code p "$ev/register?lang=en")" = 200 ] &&
	body_has 'action="/cabildo-test-2017/register"' 'name="csrf"' \
	    'name="theme"' 'name="need"' 'value="captions"' 'id="import-stars"' \
	    'Accessibility and interpretation'
}
t_register_no_csrf() {
	[ "$(code p -d "theme=$theme" "$ev/register")" != 303 ] &&
	[ "$(sql "SELECT count(*) FROM registration")" = 0 ]
}
t_register() {
	[ "$(code p -D "$tmp/head" --data-urlencode "csrf=$(csrf p)" \
		-d "theme=$theme" -d theme=no-such-theme -d need=captions \
		-d need=interpretation -d need=bogus \
		--data-urlencode 'needs_other=Intérprete LSA' "$ev/register")" = 303 ] &&
	grep -qi "^location: /$slug/me/" "$tmp/head" &&
	[ "$(sql "SELECT needs FROM registration")" = "captions,interpretation
Intérprete LSA" ] &&
	[ "$(sql "SELECT count(*) FROM interest WHERE theme_id IS NOT NULL")" = 1 ]
}
t_register_prefilled() {
	[ "$(code p "$ev/register?lang=en")" = 200 ] &&
	body_has 'Change my registration' 'Intérprete LSA' &&
	grep -q 'value="captions"[^>]*checked' "$tmp/body"
}
t_star_no_csrf() {
	[ "$(code p -d "guid=$g1" -d on=1 "$ev/star")" != 303 ] &&
	[ "$(code p -d csrf=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA -d "guid=$g1" -d on=1 "$ev/star")" != 303 ] &&
	[ "$(sql "SELECT count(*) FROM interest WHERE session_id IS NOT NULL")" = 0 ]
}
t_star_three() {
	[ "$(star "$g1" 1)" = 303 ] && [ "$(star "$g2" 1)" = 303 ] &&
	[ "$(star "$g3" 1)" = 303 ] && [ "$(star "$g3" 1)" = 303 ] &&
	[ "$(sql "SELECT count(*) FROM interest WHERE session_id IS NOT NULL")" = 3 ]
}
t_unstar() {
	[ "$(star "$g2" 0)" = 303 ] &&
	[ "$(sql "SELECT count(*) FROM interest WHERE session_id IS NOT NULL")" = 2 ]
}
t_star_bad() {
	[ "$(star 00000000-0000-4000-8000-000000000000 1)" = 404 ] &&
	[ "$(code p --data-urlencode "csrf=$(csrf p)" -d "guid=$g1" -d on=2 "$ev/star")" = 400 ] &&
	[ "$(code p "$ev/star")" = 405 ]
}
t_star_back_local() {
	# an off-site "back" goes to the session page instead
	[ "$(code p -D "$tmp/head" --data-urlencode "csrf=$(csrf p)" -d "guid=$g1" \
		-d on=1 -d back=//evil.example/ "$ev/star")" = 303 ] &&
	grep -qi "^location: /$slug/sessions/$g1" "$tmp/head"
}
t_agenda_buttons() {
	[ "$(code p "$ev/agenda?day=all&lang=en")" = 200 ] &&
	body_has 'class="star-form"' 'aria-pressed="true"' 'aria-pressed="false"' &&
	[ "$(grep -o 'aria-pressed="true"' "$tmp/body" | wc -l)" = 2 ] &&
	[ "$(code p "$ev/agenda?day=2017-11-21&view=grid")" = 200 ] &&
	body_has '<table class="agenda-grid">' 'class="star-form"'
}
t_session_button() {
	[ "$(code p "$ev/sessions/$g1?lang=en")" = 200 ] &&
	body_has 'action="/cabildo-test-2017/star"' 'aria-pressed="true"' 'name="on" value="0"' &&
	[ "$(code p "$ev/sessions/$g2?lang=en")" = 200 ] && body_has 'name="on" value="1"'
}
t_me_lists_two() {
	[ "$(code p "$ev/me/?lang=en")" = 200 ] && body_has 'id="my-sessions"' \
	    "$g1" "$g3" 'You have no active calendar link.' &&
	body_lacks "data-guid=\"$g2\"" &&
	[ "$(sed -n '/id="my-sessions"/,/<\/ol>/p' "$tmp/body" | grep -c '<li class="session')" = 2 ]
}
feed_token() { # the feed's token on the personal agenda page
	c p "$ev/me/" | grep -o "/$slug/me/[0-9a-f]\{32\}\.ics" | head -1 |
		sed 's|.*/me/||; s|\.ics||'
}
t_feed() {
	[ "$(code p --data-urlencode "csrf=$(csrf p)" -d action=create "$ev/me/calendar")" = 303 ] &&
	tok=$(feed_token) && [ -n "$tok" ] &&
	curl -s "$ev/me/$tok.ics" >"$tmp/feed.ics" &&
	grep -q 'BEGIN:VCALENDAR' "$tmp/feed.ics" &&
	[ "$(grep -c 'BEGIN:VEVENT' "$tmp/feed.ics")" = 2 ] &&
	grep -q "UID:$g1@" "$tmp/feed.ics" && ! grep -q "UID:$g2@" "$tmp/feed.ics"
}
t_feed_no_csrf() {
	[ "$(code p -d action=revoke "$ev/me/calendar")" != 303 ] &&
	[ "$(curl -s -o /dev/null -w '%{http_code}' "$ev/me/$tok.ics")" = 200 ]
}
t_feed_revoke() {
	[ "$(code p --data-urlencode "csrf=$(csrf p)" -d action=revoke "$ev/me/calendar")" = 303 ] &&
	[ "$(curl -s -o /dev/null -w '%{http_code}' "$ev/me/$tok.ics")" = 404 ] &&
	[ -z "$(feed_token)" ]
}
t_feed_recreate() {
	[ "$(code p --data-urlencode "csrf=$(csrf p)" -d action=create "$ev/me/calendar")" = 303 ] &&
	tok2=$(feed_token) && [ -n "$tok2" ] && [ "$tok2" != "$tok" ] &&
	[ "$(curl -s -o /dev/null -w '%{http_code}' "$ev/me/$tok2.ics")" = 200 ] &&
	[ "$(curl -s -o /dev/null -w '%{http_code}' "$ev/me/$tok.ics")" = 404 ]
}
t_import() {
	[ "$(code p --data-urlencode "csrf=$(csrf p)" \
		--data-urlencode "stars=$g4 not-a-guid $g1" "$ev/me/import")" = 200 ] &&
	body_has '"imported":2' &&
	[ "$(sql "SELECT count(*) FROM interest WHERE session_id IS NOT NULL")" = 3 ] &&
	[ "$(code p --data-urlencode "stars=$g2" "$ev/me/import")" != 200 ] &&
	[ "$(sql "SELECT count(*) FROM interest WHERE session_id IS NOT NULL")" = 3 ]
}
t_optimiser_reads() {
	# the interest statistics (what the optimiser reads) count the stars;
	# they are for organisers only
	[ "$(code anon "$ev/interest?lang=en")" = 303 ] &&
	[ "$(code p "$ev/interest?lang=en")" = 403 ] &&
	c org -o /dev/null "$base/account/login" &&
	[ "$(code org --data-urlencode "csrf=$(csrf org)" -d email=org@example.org \
		-d password=organiser-password-1 "$base/account/login")" = 303 ] &&
	[ "$(code org "$ev/interest?lang=en")" = 200 ] &&
	body_has '<strong>1</strong> registered'
}

check "signed out: login redirect, no star forms" t_signed_out
check "log in" t_login
check "personal agenda before registering" t_me_unregistered
check "registration form" t_register_form
check "registration without CSRF rejected" t_register_no_csrf
check "register with themes and needs" t_register
check "registration form prefilled" t_register_prefilled
check "star without CSRF rejected" t_star_no_csrf
check "star three sessions" t_star_three
check "unstar one" t_unstar
check "bad stars: 404, 400, 405" t_star_bad
check "star redirects only locally" t_star_back_local
check "agenda list star buttons" t_agenda_buttons
check "session page star button" t_session_button
check "personal agenda lists 2" t_me_lists_two
check "calendar feed has 2 VEVENTs" t_feed
check "feed revoke without CSRF rejected" t_feed_no_csrf
check "revoked token is 404" t_feed_revoke
check "new token replaces the old" t_feed_recreate
check "import browser stars" t_import
check "interest page: organisers only, counts the stars" t_optimiser_reads
echo "RESULT $pass $fail"
[ "$fail" = 0 ]
