#!/usr/bin/env bash
# SPDX-License-Identifier: AGPL-3.0-or-later
# Authorization end to end (issue 8, part 4), over HTTP against the real
# server: every route of the table (src/web/route.c, read here so that a
# new route is covered the day it is added) as a signed-out visitor, as a
# signed-in account without roles and as an organiser of another event;
# CSRF missing or wrong on every POST route; and object-level checks: a
# speaker cannot read, edit, withdraw or answer for another's proposal by
# changing the id (nor reach it through another event's path); a
# participant cannot read or revoke another's personal agenda or feed; an
# organiser of one event cannot see another's proposals.
# Usage: authz.sh BUILD_DIR.  Prints "ok"/"not ok" lines, then RESULT P F.
set -u
# shellcheck source=tests/e2e/lib/common.sh
. "$(dirname "$0")/lib/common.sh"
e2e_init authz "${1:-build}"
e2e_code_head=1
e2e_why_bytes=800

db="$tmp/db"
demo=ogp-americas-2017
open=open-call
"$bin" demo --db "$db" --proposals 20 --participants 10 >/dev/null || setup_fail "demo"
"$bin" schedule --db "$db" --event ogp-americas-2017 --time-limit 1 --quiet >/dev/null ||
	setup_fail "schedule"
e2e_open_call "$db"
adduser() { # email name password [role event]
	echo "$3" >"$tmp/pw"
	"$bin" user add --db "$db" --email "$1" --name "$2" --password-file "$tmp/pw" \
		>/dev/null || return 1
	[ $# -lt 5 ] || "$bin" user role --db "$db" --email "$1" --event "$5" \
		--role "$4" >/dev/null
}
adduser ana@example.org Ana ana-password-1 || setup_fail "user ana"
adduser bob@example.org Bob bob-password-1 || setup_fail "user bob"
adduser pat@example.org Pat pat-password-1 || setup_fail "user pat"
adduser org@example.org Olga org-password-1 organiser "$open" || setup_fail "user org"
adduser rev@example.org Rita rev-password-1 reviewer "$open" || setup_fail "user rev"
sql() { sqlite3 "$db" "$1"; }

e2e_serve "$db" || setup_fail "server did not start"

login ana ana@example.org ana-password-1 || setup_fail "login ana"
login bob bob@example.org bob-password-1 || setup_fail "login bob"
login pat pat@example.org pat-password-1 || setup_fail "login pat"
login org org@example.org org-password-1 || setup_fail "login org"
login rev rev@example.org rev-password-1 || setup_fail "login rev"

# Ana's proposal, submitted; Ana invites Pat as co-speaker of a second one.
c ana -o /dev/null "$base/$open/cfp/new"
[ "$(code ana --data-urlencode "csrf=$(csrf ana)" -d 'title=Ana secret title' \
	-d 'abstract=Ana abstract' -d 'description=Ana description' -d format=workshop \
	-d theme=civic-space -d language=es -d action=submit "$base/$open/cfp/new")" = 303 ] ||
	setup_fail "ana submits"
aid=$(grep -i '^location:' "$tmp/head" | sed 's#.*/cfp/\([0-9]*\).*#\1#')
[ -n "$aid" ] || setup_fail "proposal id"
[ "$(code ana --data-urlencode "csrf=$(csrf ana)" -d 'title=Ana with Pat' \
	-d abstract=x -d description=y -d format=workshop -d theme=civic-space -d language=es \
	-d cospeakers=pat@example.org -d action=submit "$base/$open/cfp/new")" = 303 ] ||
	setup_fail "ana invites pat"
aid2=$(grep -i '^location:' "$tmp/head" | sed 's#.*/cfp/\([0-9]*\).*#\1#')
# Pat registers for the demo event and gets a calendar feed.
c pat -o /dev/null "$base/$demo/register"
[ "$(code pat --data-urlencode "csrf=$(csrf pat)" -d need=captions \
	--data-urlencode 'needs_other=pat-needs-marker' "$base/$demo/register")" = 303 ] ||
	setup_fail "pat registers"
guid=$(curl -s "$base/$demo/agenda?day=all" | grep -o 'data-guid="[0-9a-f-]*"' | head -1 | cut -d'"' -f2)
[ "$(code pat --data-urlencode "csrf=$(csrf pat)" -d "guid=$guid" -d on=1 "$base/$demo/star")" = 303 ] ||
	setup_fail "pat stars"
[ "$(code pat --data-urlencode "csrf=$(csrf pat)" -d action=create "$base/$demo/me/calendar")" = 303 ] ||
	setup_fail "pat's feed"
ptok=$(sql "SELECT token FROM calendar_token WHERE revoked_at IS NULL")
[ -n "$ptok" ] || setup_fail "pat's token"

# ---- the route table, walked over HTTP ----

# "access pattern" per route, from the table itself.
grep -o '{ "[^"]*", \(true\|false\), ACCESS_[A-Z]*' "$root/src/web/route.c" |
	sed 's/{ "\([^"]*\)", [a-z]*, ACCESS_\([A-Z]*\)/\2 \1/' >"$tmp/routes"
[ "$(wc -l <"$tmp/routes")" -ge 40 ] || setup_fail "route table not read"
path_of() { # pattern, event: a concrete path with real ids
	local p=$1 ev=$2 out="" seg i=0
	p=${p#/}
	IFS=/ read -r -a parts <<<"$p"
	for seg in "${parts[@]}"; do
		if [ "$seg" = "{}" ]; then
			case "$out/$i" in
			/static/1) seg=app.css ;;
			*/api/v1/events/3 | /0) seg=$ev ;;
			*/cfp/2 | */proposals/2 | */invitations/2 | */review/2) seg=$aid ;;
			*/me/2) seg=$ptok ;;
			*) seg=1 ;;
			esac
		fi
		out="$out/$seg"
		i=$((i + 1))
	done
	[ "${1: -1}" = / ] && out="$out/"
	printf '%s' "$out"
}

t_signed_out_to_login() {
	local acc p u s bad=0
	while read -r acc p; do
		case $acc in PUBLIC | FORM) continue ;; esac
		u=$(path_of "$p" "$open")
		s=$(curl -s -o /dev/null -D "$tmp/h" -w '%{http_code}' "$base$u")
		if [ "$s" != 303 ] || ! grep -qi '^location: /account/login' "$tmp/h"; then
			echo "GET $u ($acc) signed out: $s"; bad=1
		fi
	done <"$tmp/routes"
	[ "$bad" = 0 ]
}
t_no_role_forbidden() {
	# bob has an account and no role in either event
	local acc p u s bad=0 ev
	for ev in "$open" "$demo"; do
		while read -r acc p; do
			case $acc in REVIEWER | ORGANISER | ADMIN) ;; *) continue ;; esac
			u=$(path_of "$p" "$ev")
			s=$(code bob "$base$u")
			[ "$s" = 403 ] || { echo "GET $u ($acc) as bob: $s"; bad=1; }
			body_lacks 'Ana secret title' 'ana@example.org' || bad=1
		done <"$tmp/routes"
	done
	[ "$bad" = 0 ]
}
t_other_event_organiser() {
	# Olga organises open-call, not the demo event
	local acc p u s bad=0
	while read -r acc p; do
		case $acc in ORGANISER | ADMIN) ;; *) continue ;; esac
		u=$(path_of "$p" "$demo")
		s=$(code org "$base$u")
		[ "$s" = 403 ] || { echo "GET $u ($acc) as open-call organiser: $s"; bad=1; }
	done <"$tmp/routes"
	[ "$(code org "$base/$open/proposals/")" = 200 ] && [ "$bad" = 0 ]
}
t_reviewer_not_organiser() {
	local acc p u s bad=0
	while read -r acc p; do
		case $acc in ORGANISER | ADMIN) ;; *) continue ;; esac
		u=$(path_of "$p" "$open")
		s=$(code rev "$base$u")
		[ "$s" = 403 ] || { echo "GET $u ($acc) as reviewer: $s"; bad=1; }
	done <"$tmp/routes"
	[ "$bad" = 0 ]
}
t_csrf_every_post() {
	# as the organiser (who passes every level of open-call), with the
	# token missing and then wrong: 403 everywhere, and nothing written
	local acc p u s1 s2 bad=0 before
	before=$(sql "SELECT total_changes()"; sql "SELECT count(*) FROM audit_log")
	while read -r acc p; do
		u=$(path_of "$p" "$open")
		s1=$(code org -d title=csrf-probe -d action=withdraw "$base$u")
		s2=$(code org -d csrf=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA \
			-d title=csrf-probe -d action=withdraw "$base$u")
		case $acc in
		PUBLIC) [ "$s1$s2" = 405405 ] || { echo "POST $u ($acc): $s1 $s2"; bad=1; } ;;
		*) [ "$s1$s2" = 403403 ] || { echo "POST $u ($acc): $s1 $s2"; bad=1; } ;;
		esac
	done <"$tmp/routes"
	[ "$(sql "SELECT count(*) FROM audit_log")" = "$(echo "$before" | tail -1)" ] &&
		[ "$(sql "SELECT count(*) FROM proposal WHERE title = 'csrf-probe'")" = 0 ] &&
		[ "$(sql "SELECT status FROM proposal WHERE id = $aid")" = submitted ] &&
		[ "$bad" = 0 ]
}
t_csrf_other_visitors_token() {
	# a token that is valid, but another visitor's, is refused
	[ "$(code bob --data-urlencode "csrf=$(csrf ana)" -d action=create "$base/$demo/me/calendar")" = 403 ]
}
check "signed out: every private route sends to the login page" t_signed_out_to_login
check "no role: 403 on every reviewer and organiser route" t_no_role_forbidden
check "organiser of another event: 403" t_other_event_organiser
check "reviewer: 403 on organiser routes" t_reviewer_not_organiser
check "CSRF missing or wrong: 403 on every POST route" t_csrf_every_post
check "another visitor's CSRF token is refused" t_csrf_other_visitors_token

# ---- objects: another person's id ----

t_speaker_cannot_read() {
	[ "$(code bob "$base/$open/cfp/$aid")" = 404 ] && body_lacks 'Ana secret title' &&
		[ "$(code bob "$base/$open/cfp/")" = 200 ] && body_lacks 'Ana secret title' &&
		[ "$(code bob "$base/$open/cfp/$aid?lang=es&edit=1")" = 404 ] &&
		[ "$(code ana "$base/$open/cfp/$aid")" = 200 ]
}
t_speaker_cannot_edit() {
	c bob -o /dev/null "$base/$open/cfp/"
	[ "$(code bob --data-urlencode "csrf=$(csrf bob)" -d 'title=Bob took it' \
		-d abstract=x -d format=workshop -d theme=civic-space -d language=es \
		-d action=submit "$base/$open/cfp/$aid")" = 404 ] &&
		[ "$(code bob --data-urlencode "csrf=$(csrf bob)" -d 'title=Bob took it' \
			-d format=workshop -d action=draft "$base/$open/cfp/$aid")" = 404 ] &&
		[ "$(sql "SELECT title FROM proposal WHERE id = $aid")" = 'Ana secret title' ]
}
t_speaker_cannot_withdraw() {
	[ "$(code bob --data-urlencode "csrf=$(csrf bob)" -d action=withdraw "$base/$open/cfp/$aid")" = 404 ] &&
		[ "$(sql "SELECT status FROM proposal WHERE id = $aid")" = submitted ]
}
t_other_event_path() {
	# Ana's own proposal through another event's path is not found
	[ "$(code ana "$base/$demo/cfp/$aid")" = 404 ] &&
		[ "$(code ana --data-urlencode "csrf=$(csrf ana)" -d action=withdraw "$base/$demo/cfp/$aid")" = 404 ] &&
		[ "$(sql "SELECT status FROM proposal WHERE id = $aid")" = submitted ]
}
t_ids_walk() {
	# every proposal id, including the demo's synthetic ones: none is Bob's
	local id s bad=0
	for id in $(sql "SELECT id FROM proposal ORDER BY id") 0 -1 99999999 x; do
		s=$(code bob "$base/$open/cfp/$id")
		[ "$s" = 404 ] || { echo "bob GET cfp/$id: $s"; bad=1; }
	done
	[ "$bad" = 0 ]
}
t_invitation_not_mine() {
	# Bob answering Pat's invitation, or an invitation that does not exist
	[ "$(code bob --data-urlencode "csrf=$(csrf bob)" -d answer=accept "$base/$open/invitations/$aid2")" = 404 ] &&
		[ "$(code bob --data-urlencode "csrf=$(csrf bob)" -d answer=accept "$base/$open/invitations/$aid")" = 404 ] &&
		[ "$(sql "SELECT s.status FROM proposal_speaker s JOIN person p ON p.id = s.person_id
			WHERE s.proposal_id = $aid2 AND p.email = 'pat@example.org'")" = invited ]
}
t_agenda_is_mine() {
	# Bob's personal agenda is his own (empty), never Pat's
	[ "$(code bob "$base/$demo/me/")" = 200 ] && body_lacks "$ptok" 'pat-needs-marker' &&
		! grep -q "data-guid=\"$guid\"" "$tmp/body" &&
		[ "$(code bob "$base/$demo/register")" = 200 ] && body_lacks 'pat-needs-marker'
}
t_feed_token_guess() {
	local t
	for t in 00000000000000000000000000000000 "${ptok:0:31}0" "${ptok}0" \
		"$(echo "$ptok" | tr 'a-f0-9' 'A-F0-9')"; do
		[ "$(curl -s -o /dev/null -w '%{http_code}' "$base/$demo/me/$t.ics")" = 404 ] || return 1
		[ "$(curl -s -o /dev/null -w '%{http_code}' "$base/$demo/me/$t")" = 404 ] || return 1
	done
	# the token of one event does not open another's
	[ "$(curl -s -o /dev/null -w '%{http_code}' "$base/$open/me/$ptok.ics")" = 404 ] &&
		[ "$(curl -s -o /dev/null -w '%{http_code}' "$base/$demo/me/$ptok.ics")" = 200 ]
}
t_feed_revoke_is_mine() {
	# Bob revoking "his" feed leaves Pat's working
	[ "$(code bob --data-urlencode "csrf=$(csrf bob)" -d action=revoke "$base/$demo/me/calendar")" != 500 ] &&
		[ "$(curl -s -o /dev/null -w '%{http_code}' "$base/$demo/me/$ptok.ics")" = 200 ]
}
t_star_is_mine() {
	# Bob's stars do not land in Pat's registration
	local n
	n=$(sql "SELECT count(*) FROM interest i JOIN registration r ON r.id = i.registration_id
		JOIN person p ON p.id = r.person_id WHERE p.email = 'pat@example.org'")
	code bob --data-urlencode "csrf=$(csrf bob)" -d "guid=$guid" -d on=0 "$base/$demo/star" >/dev/null
	[ "$(sql "SELECT count(*) FROM interest i JOIN registration r ON r.id = i.registration_id
		JOIN person p ON p.id = r.person_id WHERE p.email = 'pat@example.org'")" = "$n" ]
}
t_personal_exports_organisers_only() {
	local u
	for u in proposals.csv proposals.json interest proposals/ "proposals/$aid"; do
		[ "$(code anon "$base/$open/$u")" = 303 ] || { echo "anon $u"; return 1; }
		[ "$(code ana "$base/$open/$u")" = 403 ] || { echo "ana $u"; return 1; }
		body_lacks 'bob@example.org' 'pat@example.org' || return 1
	done
	[ "$(code org "$base/$open/proposals.csv")" = 200 ] &&
		grep -qF 'Ana secret title' "$tmp/body"
}
t_account_data_is_mine() {
	[ "$(code bob "$base/account/data.json")" = 200 ] &&
		grep -qF 'bob@example.org' "$tmp/body" &&
		body_lacks 'ana@example.org' 'Ana secret title' 'pat-needs-marker' &&
		[ "$(code bob "$base/account/data.json?account=1&person=1")" = 200 ] &&
		body_lacks 'ana@example.org'
}
t_participation_not_mine() {
	sql "UPDATE proposal SET status = 'accepted' WHERE id = $aid" &&
		[ "$(code ana "$base/$open/cfp/$aid/participation")" = 200 ] &&
		[ "$(code bob "$base/$open/cfp/$aid/participation")" = 404 ] &&
		[ "$(code bob --data-urlencode "csrf=$(csrf bob)" -d answer=decline \
			"$base/$open/cfp/$aid/participation")" = 404 ] &&
		[ "$(sql "SELECT status FROM proposal WHERE id = $aid")" = accepted ] &&
		sql "UPDATE proposal SET status = 'submitted' WHERE id = $aid"
}
t_reviewer_conflict() {
	# not assigned: 404; assigned: the form; conflicted: 404 again
	local rp
	rp=$(sql "SELECT id FROM person WHERE email = 'rev@example.org'")
	[ "$(code rev "$base/$open/review/$aid")" = 404 ] && body_lacks 'Ana secret title' &&
		sql "INSERT INTO review_assignment (proposal_id, reviewer_id) VALUES ($aid, $rp)" &&
		[ "$(code rev "$base/$open/review/$aid")" = 200 ] &&
		grep -qF 'Ana secret title' "$tmp/body" &&
		[ "$(code rev --data-urlencode "csrf=$(csrf rev)" "$base/$open/review/$aid/conflict")" = 303 ] &&
		[ "$(code rev "$base/$open/review/$aid")" = 404 ] && body_lacks 'Ana secret title' &&
		[ "$(code rev "$base/$open/review/")" = 200 ] && body_lacks 'Ana secret title'
}
check "a speaker cannot read another's proposal" t_speaker_cannot_read
check "a speaker cannot edit another's proposal" t_speaker_cannot_edit
check "a speaker cannot withdraw another's proposal" t_speaker_cannot_withdraw
check "one's proposal through another event's path: 404" t_other_event_path
check "walking every proposal id finds nothing" t_ids_walk
check "a speaker cannot answer another's invitation" t_invitation_not_mine
check "a participant sees only their own agenda" t_agenda_is_mine
check "guessed or altered calendar tokens: 404" t_feed_token_guess
check "revoking a feed touches only one's own" t_feed_revoke_is_mine
check "stars go only to one's own registration" t_star_is_mine
check "exports with personal data: organisers only" t_personal_exports_organisers_only
check "the data download is always one's own" t_account_data_is_mine
check "a speaker cannot confirm or decline another's participation" t_participation_not_mine
check "a reviewer opens only assigned, non-conflicted proposals" t_reviewer_conflict

e2e_stop_check "server exits 0 on SIGTERM"
echo "RESULT $pass $fail"
