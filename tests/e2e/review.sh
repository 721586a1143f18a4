#!/usr/bin/env bash
# SPDX-License-Identifier: AGPL-3.0-or-later
# HTTP end-to-end tests of reviewing (issue 6): the real server on
# 127.0.0.1, an ephemeral port, a temporary demo database, curl with cookie
# jars.  The organiser assigns reviewers by POST; a reviewer logs in, sees
# only the proposals assigned to them, gets 404 for any other and for one
# they declared a conflict with, saves a draft, submits, and a save from a
# stale page gets 409 with their text shown back.  Usage: review.sh BUILD_DIR
# Prints "ok"/"not ok" lines, then RESULT P F.
set -u
# shellcheck source=tests/e2e/lib/common.sh
. "$(dirname "$0")/lib/common.sh"
e2e_init review "${1:-build}"
e2e_max_time=30

db="$tmp/db"
slug=ogp-americas-2017
"$bin" demo --db "$db" --proposals 30 --participants 5 --reviewers 12 >/dev/null || setup_fail "demo"
echo 'reviewer-password-1' >"$tmp/pw"
for who in rita:reviewer olga:organiser pablo:participant; do
	"$bin" user add --db "$db" --email "${who%%:*}@example.org" --name "${who%%:*}" \
		--password-file "$tmp/pw" >/dev/null || setup_fail "user add"
	"$bin" user role --db "$db" --email "${who%%:*}@example.org" --event $slug \
		--role "${who##*:}" >/dev/null || setup_fail "user role"
done
e2e_serve "$db" || setup_fail "server did not start"
ev="$base/$slug"

queue_ids() { # the proposal ids in rita's queue
	c rita "$ev/review/?lang=en" | grep -oE "href=\"/$slug/review/[0-9]+\"" |
		grep -oE 'review/[0-9]+' | cut -d/ -f2 | sort -n
}

login rita rita@example.org reviewer-password-1 || setup_fail "rita login"
login olga olga@example.org reviewer-password-1 || setup_fail "olga login"
login pablo pablo@example.org reviewer-password-1 || setup_fail "pablo login"

t_empty_queue() {
	[ "$(code rita "$ev/review/?lang=en")" = 200 ] &&
		body_has '<h1>Proposal review</h1>' 'You have no proposals assigned yet.' \
			'<legend>Themes you know</legend>'
}
t_participant_refused() {
	[ "$(code pablo "$ev/review/")" = 403 ] && [ "$(code pablo "$ev/reviewers/")" = 403 ]
}
t_assign_needs_csrf() {
	[ "$(code olga -d per_proposal=3 -d max_load=8 "$ev/reviewers/assign")" != 303 ]
}
t_organiser_assigns() {
	[ "$(code olga "$ev/reviewers/?lang=en")" = 200 ] &&
		body_has 'Reviewers and assignment' 'rita@example.org' &&
		[ "$(post olga "$ev/reviewers/assign" -d per_proposal=3 -d max_load=8)" = 303 ] &&
		[ "$(code olga "$ev/reviewers/?lang=en&assigned=90")" = 200 ]
}
t_infeasible_assign() {
	[ "$(post olga "$ev/reviewers/assign" -d per_proposal=20 -d max_load=1)" = 422 ] &&
		body_has 'nothing was saved'
}
t_queue_after() {
	local n
	n=$(queue_ids | wc -l)
	[ "$n" -ge 1 ] && [ "$n" -le 8 ]
}
t_unassigned_404() {
	local id mine
	mine=$(queue_ids | tr '\n' ' ')
	for id in $(seq 1 30); do
		case " $mine " in *" $id "*) continue ;; esac
		[ "$(code rita "$ev/review/$id")" = 404 ] || return 1
		[ "$(post rita "$ev/review/$id" -d version=0 -d action=draft)" = 404 ] || return 1
		return 0
	done
	return 1
}
t_declare_conflict() {
	local p2
	p2=$(queue_ids | sed -n 2p)
	[ -n "$p2" ] &&
		[ "$(post rita "$ev/review/$p2/conflict" -d reason=colleague)" = 303 ] &&
		[ "$(code rita "$ev/review/$p2")" = 404 ] &&
		! queue_ids | grep -qx "$p2" &&
		[ "$(code olga "$ev/reviewers/?lang=en")" = 200 ] &&
		body_has 'Declared by the reviewer' 'colleague'
}
t_form_accessible() {
	p1=$(queue_ids | head -1)
	[ "$(code rita "$ev/review/$p1?lang=en")" = 200 ] &&
		body_has '<legend>Relevance to open government</legend>' \
			'name="score-co-creation" value="5"' 'name="version" value="0"' \
			'<label for="f-comment_committee">' 'Declare a conflict of interest'
}
t_save_draft() {
	[ "$(post rita "$ev/review/$p1" -d version=0 -d action=draft \
		-d score-relevance=5 --data-urlencode 'comment_committee=Primer borrador')" = 303 ] &&
		[ "$(code rita "$ev/review/$p1?lang=en")" = 200 ] &&
		body_has 'name="version" value="1"' '(Draft)' 'Primer borrador' \
			'name="score-relevance" value="5" checked'
}
t_submit_incomplete() {
	[ "$(post rita "$ev/review/$p1" -d version=1 -d action=submit -d score-relevance=5)" = 422 ] &&
		body_has 'Choose a score from 1 to 5.' 'href="#f-co-creation"' \
			'id="f-co-creation" aria-describedby="score-co-creation-error"' \
			'name="score-relevance" value="5" checked'
}
t_submit() {
	[ "$(post rita "$ev/review/$p1" -d version=1 -d action=submit \
		-d score-relevance=5 -d score-co-creation=4 -d score-innovation=3 \
		-d score-feasibility=2 -d confidence=4 \
		--data-urlencode 'comment_committee=Sólida' \
		--data-urlencode 'comment_proposer=Bien')" = 303 ] &&
		[ "$(code rita "$ev/review/$p1?lang=en")" = 200 ] &&
		body_has '(Submitted)' 'name="version" value="2"'
}
t_stored_score() {
	# weights 3, 2, 1, 1: (15 + 8 + 3 + 2) / 7 = 4
	command -v sqlite3 >/dev/null || return 0
	[ "$(sqlite3 "$db" "SELECT status, score, confidence FROM review r JOIN person p ON p.id = r.reviewer_id WHERE p.email = 'rita@example.org'")" = "submitted|4.0|4" ]
}
t_stale_409() {
	[ "$(post rita "$ev/review/$p1?lang=en" -d version=1 -d action=submit \
		-d score-relevance=1 -d score-co-creation=1 -d score-innovation=1 \
		-d score-feasibility=1 -d confidence=1 \
		--data-urlencode 'comment_committee=Texto de la segunda pestaña')" = 409 ] &&
		body_has 'Nothing was saved' 'Texto de la segunda pestaña' 'Sólida' \
			'name="version" value="2"'
}
t_progress() {
	[ "$(code olga "$ev/reviewers/progress?lang=en")" = 200 ] &&
		body_has 'Progress per proposal' 'Mean z' '4.00' \
			"href=\"/$slug/reviewers/progress?proposal=$p1#fit\""
}
t_progress_fit() { # each reviewer's affinity for one proposal, and why
	local rid
	rid=$(sqlite3 "$db" "SELECT id FROM person WHERE email = 'rita@example.org'")
	[ "$(code olga "$ev/reviewers/progress?lang=en&proposal=$p1")" = 200 ] &&
		body_has '<section id="fit"' 'Affinity of each reviewer for the proposal' \
			'Text similarity' "<tr data-reviewer=\"$rid\"><td>rita</td><td>Assigned</td>" &&
		[ "$(grep -c '<tr data-reviewer=' "$tmp/body")" = 13 ] &&
		[ "$(code olga "$ev/reviewers/progress?proposal=999999")" = 404 ] &&
		[ "$(code olga "$ev/reviewers/progress?proposal=x")" = 404 ] &&
		[ "$(code rita "$ev/reviewers/progress?proposal=$p1")" = 403 ]
}
t_reviewer_not_admin() {
	[ "$(code rita "$ev/reviewers/")" = 403 ] &&
		[ "$(post rita "$ev/reviewers/assign" -d per_proposal=3 -d max_load=8)" = 403 ]
}
t_profile_save() {
	local themes t args=()
	c rita "$ev/review/" -o "$tmp/body"
	themes=$(grep -oE 'name="theme-[a-z0-9-]+"' "$tmp/body" | sort -u | sed 's/name="//; s/"$//')
	for t in $themes; do args+=(-d "$t=main"); done
	[ -n "$themes" ] &&
		[ "$(post rita "$ev/review/profile" "${args[@]}" -d lang=es -d lang=en -d lang=pt \
			--data-urlencode 'collaborators=Colleague@Example.org')" = 303 ] &&
		[ "$(code rita "$ev/review/?lang=en&saved=1")" = 200 ] &&
		body_has 'value="main" checked' 'colleague@example.org' 'Profile saved.' &&
		[ "$(post rita "$ev/review/profile" --data-urlencode 'collaborators=not-an-address')" = 422 ]
}
t_invite() {
	[ "$(post olga "$ev/reviewers/invite" -d email=nuevo@example.org -d name=Nuevo)" = 303 ] &&
		"$bin" outbox list --db "$db" | grep -q 'nuevo@example.org' &&
		"$bin" outbox list --db "$db" | grep -q 'reset/new?token='
}
t_deadline_passed() {
	sed 's/"review": {/"review": { "deadline": "2017-09-30T23:59",/' \
		"$root/data/events/ogp-americas-2017.json" >"$tmp/closed.json" &&
		grep -q '"deadline": "2017-09-30T23:59"' "$tmp/closed.json" &&
		"$bin" event load --db "$db" "$tmp/closed.json" >/dev/null &&
		[ "$(code rita "$ev/review/$p1?lang=en")" = 200 ] &&
		body_has 'The review deadline has passed' &&
		body_lacks 'value="submit"' &&
		[ "$(post rita "$ev/review/$p1" -d version=2 -d action=draft)" = 403 ]
}
t_organiser_conflict() {
	local p3 rid
	p3=$(queue_ids | sed -n 2p)
	c olga "$ev/reviewers/?lang=en" -o "$tmp/body"
	rid=$(grep -oE '<option value="[0-9]+">rita</option>' "$tmp/body" | grep -oE '[0-9]+')
	[ -n "$p3" ] && [ -n "$rid" ] &&
		[ "$(post olga "$ev/reviewers/conflict" -d reviewer="$rid" -d proposal="$p3" \
			-d reason=former-employer)" = 303 ] &&
		[ "$(code rita "$ev/review/$p3")" = 404 ] &&
		[ "$(code olga "$ev/reviewers/?lang=en")" = 200 ] &&
		body_has 'Declared by the organisers' 'former-employer' &&
		[ "$(post olga "$ev/reviewers/conflict" -d reviewer="$rid" -d proposal=999999 \
			-d reason=x)" = 404 ]
}
t_blind_hides_sector_country() {
	# The first speaker of p1, shown in full while review is not blind.
	local who name org sector country n
	command -v sqlite3 >/dev/null || return 0
	who=$(sqlite3 -separator '|' "$db" "SELECT p.name, coalesce(p.organisation, '—'), p.sector, coalesce(p.country, '—') FROM proposal_speaker ps JOIN person p ON p.id = ps.person_id WHERE ps.proposal_id = $p1 ORDER BY ps.position LIMIT 1")
	n=$(sqlite3 "$db" "SELECT count(*) FROM proposal_speaker WHERE proposal_id = $p1 AND status != 'declined'")
	IFS='|' read -r name org sector country <<<"$who"
	[ -n "$name" ] &&
		[ "$(code rita "$ev/review/$p1?lang=en")" = 200 ] &&
		body_has "$name — $org ($sector, $country)" &&
		sed 's/"blind": false/"blind": true/' \
			"$root/data/events/ogp-americas-2017.json" >"$tmp/blind.json" &&
		grep -q '"blind": true' "$tmp/blind.json" &&
		"$bin" event load --db "$db" "$tmp/blind.json" >/dev/null &&
		[ "$(code rita "$ev/review/$p1?lang=en")" = 200 ] &&
		body_has 'sectors and countries of the proposers are hidden' \
			"<dt>Speakers</dt><dd>$n (hidden in blind review)</dd>" &&
		body_lacks "$name — $org" "($sector, $country)"
	# (the name or organisation may still be in the proposal's own text)
}

check "empty queue and profile" t_empty_queue
check "participants get 403" t_participant_refused
check "assign needs a CSRF token" t_assign_needs_csrf
check "profile: expertise, languages, collaborators" t_profile_save
check "organiser assigns (POST)" t_organiser_assigns
check "infeasible assignment is 422, nothing saved" t_infeasible_assign
check "queue lists the assigned proposals" t_queue_after
check "an unassigned proposal is 404" t_unassigned_404
check "declared conflict hides the proposal (404)" t_declare_conflict
check "review form: fieldsets, labels, version" t_form_accessible
check "save a draft" t_save_draft
check "submit without every score is 422" t_submit_incomplete
check "submit" t_submit
check "stored score is the weighted mean" t_stored_score
check "stale version is 409, text kept" t_stale_409
check "organiser progress with z-scores" t_progress
check "organiser sees each reviewer's affinity and why" t_progress_fit
check "reviewers cannot assign" t_reviewer_not_admin
check "invite a reviewer by e-mail (outbox)" t_invite
check "organiser declares a conflict" t_organiser_conflict
check "after the deadline: read only, saves refused" t_deadline_passed
check "blind review hides names, sectors and countries" t_blind_hides_sector_country

kill -TERM "$server" 2>/dev/null
wait "$server"
rc=$?
server=""
check "server exits 0 on SIGTERM (no leak under ASan)" test "$rc" = 0
[ "$rc" = 0 ] || tail -30 "$tmp/server.log"
echo "RESULT $pass $fail"
