#!/usr/bin/env bash
# SPDX-License-Identifier: AGPL-3.0-or-later
# HTTP end-to-end tests of the schedule editor's server side (issue 4):
# the demo event scheduled by `cabildo schedule`, an organiser (a site
# admin) and a plain account logged in with curl.  Save a plan with a
# moved session (a new version), a plan with an unknown session (422,
# versions unchanged), publish (the agenda follows), compare, revert,
# re-optimise around a pinned session, CSRF, access.
# Usage: editor.sh BUILD_DIR.  Prints "ok"/"not ok" lines, then RESULT P F.
set -u
# shellcheck source=tests/e2e/lib/common.sh
. "$(dirname "$0")/lib/common.sh"
e2e_init editor "${1:-build}"
e2e_max_time=30

db="$tmp/db"
slug=ogp-americas-2017
"$bin" demo --db "$db" --proposals 60 --participants 40 >/dev/null || setup_fail "demo"
"$bin" schedule --db "$db" --event "$slug" --time-limit 2 --quiet >/dev/null 2>&1 ||
	setup_fail "schedule"
echo 'organiser-password-1' >"$tmp/pw"
"$bin" user add --db "$db" --email org@example.org --name Olga --admin \
	--password-file "$tmp/pw" >/dev/null || setup_fail "user add --admin"
echo 'participant-password-1' >"$tmp/pw2"
"$bin" user add --db "$db" --email pat@example.org --name Pat \
	--password-file "$tmp/pw2" >/dev/null || setup_fail "user add"
e2e_serve "$db" || setup_fail "server did not start"
ev="$base/$slug"

location() { grep -i '^Location:' "$tmp/head" | tr -d '\r' | sed 's/^[Ll]ocation: *//'; }
versions() { sqlite3 "$db" "SELECT count(*) FROM timetable_version"; }
newest() { sqlite3 "$db" "SELECT max(id) FROM timetable_version"; }
# room_id|starts_at of a session in a version
place_in() { sqlite3 "$db" "SELECT room_id || '|' || starts_at FROM timetable_version_session WHERE version_id = $1 AND session_id = $2"; }

t_login() {
	login org org@example.org organiser-password-1 &&
		[ "$(code org "$ev/schedule/editor?lang=en")" = 200 ] &&
		body_has 'id="tt-save"' 'id="tt-reopt"' 'name="plan"' 'name="pin"'
}
# The first placed session of the editor's grid, and an empty cell.
pick() {
	tr '\n' ' ' <"$tmp/body" | grep -o '<ul class="tt-cell" data-room="[0-9]*" data-unit="[0-9]*"[^>]*>\(<li[^>]*data-session="[0-9]*"\)\?' >"$tmp/cells"
	sid=$(grep -o 'data-session="[0-9]*"' "$tmp/cells" | head -1 | grep -o '[0-9]*')
	to=$(grep -v 'data-session' "$tmp/cells" | head -1)
	to_room=$(echo "$to" | sed 's/.*data-room="\([0-9]*\)".*/\1/')
	to_unit=$(echo "$to" | sed 's/.*data-unit="\([0-9]*\)".*/\1/')
	[ -n "$sid" ] && [ -n "$to_room" ] && [ -n "$to_unit" ]
}
t_save_moved() {
	v0=$(versions)
	old=$(newest)
	post org "$ev/schedule/save" \
		--data-urlencode "plan={\"sessions\": [{\"session\": $sid, \"room\": $to_room, \"slot\": $to_unit}]}" >/dev/null
	grep -q '^HTTP/1.1 303' "$tmp/head" &&
		[ "$(versions)" = $((v0 + 1)) ] && saved=$(newest) &&
		location | grep -q "/$slug/schedule/versions/$saved\$" &&
		[ "$(place_in "$old" "$sid")" != "$(place_in "$saved" "$sid")" ] &&
		[ "$(code org "$ev/schedule/versions/$saved?lang=en")" = 200 ] &&
		body_has 'id="tt-hard"' 'id="tt-soft"' 'attendance' 'data-hard="'
}
t_editor_shows_current() {
	[ "$(code org "$ev/schedule/editor")" = 200 ] &&
		tr '\n' ' ' <"$tmp/body" | grep -q "data-room=\"$to_room\" data-unit=\"$to_unit\"[^>]*><li[^>]*data-session=\"$sid\""
}
t_save_unknown() {
	local v0
	v0=$(versions)
	[ "$(post org "$ev/schedule/save" \
		--data-urlencode 'plan={"sessions": [{"session": 999999, "room": 0, "slot": 0}]}')" = 422 ] &&
		body_has '999999' && [ "$(versions)" = "$v0" ]
}
t_save_bad_room() {
	local v0
	v0=$(versions)
	[ "$(post org "$ev/schedule/save" \
		--data-urlencode "plan={\"sessions\": [{\"session\": $sid, \"room\": 99, \"slot\": 0}]}")" = 422 ] &&
		body_has "$sid" 'room 99' && [ "$(versions)" = "$v0" ] &&
		[ "$(post org "$ev/schedule/save" --data-urlencode 'plan=not json')" = 422 ] &&
		[ "$(versions)" = "$v0" ]
}
t_publish() {
	[ "$(post org "$ev/schedule/versions/$saved" -d action=publish)" = 303 ] &&
		[ "$(sqlite3 "$db" "SELECT id FROM timetable_version WHERE published = 1")" = "$saved" ] &&
		[ "$(sqlite3 "$db" "SELECT room_id || '|' || starts_at FROM session WHERE id = $sid")" = "$(place_in "$saved" "$sid")" ] &&
		[ "$(code org "$ev/schedule/versions?lang=en")" = 200 ] && body_has 'published'
}
t_compare() {
	[ "$(code org "$ev/schedule/versions?a=$old&b=$saved&lang=en")" = 200 ] &&
		body_has 'id="tt-compare"' "data-session=\"$sid\"" '→' &&
		[ "$(grep -c '<li data-session=' "$tmp/body")" = 1 ]
}
t_revert() {
	local v0
	v0=$(versions)
	[ "$(post org "$ev/schedule/versions/$old" -d action=revert)" = 303 ] &&
		[ "$(versions)" = $((v0 + 1)) ] && reverted=$(newest) &&
		[ "$(place_in "$reverted" "$sid")" = "$(place_in "$old" "$sid")" ] &&
		[ "$(code org "$ev/schedule/versions?a=$old&b=$reverted&lang=en")" = 200 ] &&
		body_has 'No session moved.'
}
t_reoptimise() {
	local v0 before after
	v0=$(versions)
	before=$(place_in "$reverted" "$sid")
	post org "$ev/schedule/reoptimise" -d "pin=$sid" -d seconds=1 >/dev/null
	grep -q '^HTTP/1.1 303' "$tmp/head" && [ "$(versions)" = $((v0 + 1)) ] &&
		reopt=$(newest) && after=$(place_in "$reopt" "$sid") &&
		[ -n "$before" ] && [ "$before" = "$after" ] &&
		location | grep -q "/schedule/versions/$reopt\$" &&
		[ "$(sqlite3 "$db" "SELECT locked FROM session WHERE id = $sid")" = 1 ] &&
		[ "$(code org "$ev/schedule/editor")" = 200 ] &&
		grep -q "value=\"$sid\" checked" "$tmp/body"
}
t_reoptimise_unknown_pin() {
	local v0
	v0=$(versions)
	[ "$(post org "$ev/schedule/reoptimise" -d pin=999999 -d seconds=1)" = 422 ] &&
		body_has 999999 && [ "$(versions)" = "$v0" ]
}
t_csrf() {
	local v0
	v0=$(versions)
	[ "$(code org --data-urlencode 'plan={"sessions": []}' "$ev/schedule/save")" = 403 ] &&
		[ "$(code org -d action=publish "$ev/schedule/versions/$old")" = 403 ] &&
		[ "$(versions)" = "$v0" ]
}
t_not_organiser() {
	login pat pat@example.org participant-password-1 &&
		[ "$(code pat "$ev/schedule/editor")" = 403 ] &&
		[ "$(code pat "$ev/schedule/versions")" = 403 ] &&
		[ "$(post pat "$ev/schedule/save" --data-urlencode 'plan={"sessions": []}')" = 403 ] &&
		[ "$(post pat "$ev/schedule/versions/$old" -d action=publish)" = 403 ]
}
t_signed_out() {
	[ "$(code anon "$ev/schedule/versions")" = 303 ]
}

check "organiser opens the editor with save and re-optimise forms" t_login
pick || setup_fail "no session or empty cell in the grid"
check "save a plan with a moved session: a new version" t_save_moved
check "the editor shows the current version" t_editor_shows_current
check "unknown session: 422 naming it, nothing saved" t_save_unknown
check "unknown room, bad JSON: 422, nothing saved" t_save_bad_room
check "publish: the session rows follow" t_publish
check "compare lists the moved session" t_compare
check "revert makes the older placement current" t_revert
check "re-optimise keeps the pinned session in place" t_reoptimise
check "re-optimise with an unknown pin: 422" t_reoptimise_unknown_pin
check "POST without a CSRF token is refused" t_csrf
check "a non-organiser gets 403" t_not_organiser
check "signed out: to the login page" t_signed_out

e2e_stop_check "server exits 0 on SIGTERM (no leak under ASan)"
echo "RESULT $pass $fail"
