#!/usr/bin/env bash
# SPDX-License-Identifier: AGPL-3.0-or-later
# HTTP end-to-end tests of balanced selection and decisions (issue 6): the
# real server on 127.0.0.1, an ephemeral port, a temporary database with
# the demo's proposals, reviewers and simulated reviews.  The organiser
# runs the selection over HTTP and sees which quotas bind, meets an
# infeasible set of quotas named, confirms, sends the notifications (each
# decision mailed once, seen through `cabildo outbox list`); a speaker
# signs up with the address the mail went to, declines, and the first
# waitlisted proposal is accepted and mailed.  Usage: select.sh BUILD_DIR
# Prints "ok"/"not ok" lines, then RESULT P F.
set -u
# shellcheck source=tests/e2e/lib/common.sh
. "$(dirname "$0")/lib/common.sh"
e2e_init select "${1:-build}"
e2e_max_time=60

db="$tmp/db"
slug=ogp-americas-2017
"$bin" demo --db "$db" --proposals 40 --participants 10 >/dev/null || setup_fail "demo"
"$bin" review assign --db "$db" --event $slug --per-proposal 3 --max-load 10 \
	>/dev/null || setup_fail "review assign"
"$bin" review simulate --db "$db" --event $slug >/dev/null || setup_fail "review simulate"
# One sent proposal loses its reviews (pinning it needs the number field),
# and one goes back to draft (never pinned).
command -v sqlite3 >/dev/null || setup_fail "sqlite3 is needed"
unrev=$(sqlite3 "$db" "SELECT max(id) FROM proposal WHERE status NOT IN ('draft', 'withdrawn')")
draft=$(sqlite3 "$db" "SELECT min(id) FROM proposal WHERE status NOT IN ('draft', 'withdrawn')")
sqlite3 "$db" "DELETE FROM review WHERE proposal_id = $unrev; UPDATE proposal SET status = 'draft' WHERE id = $draft" ||
	setup_fail "unreviewed proposal"
echo 'organiser-password-1' >"$tmp/pw"
"$bin" user add --db "$db" --email org@example.org --name Olga \
	--password-file "$tmp/pw" >/dev/null || setup_fail "user add"
"$bin" user role --db "$db" --email org@example.org --event $slug \
	--role organiser >/dev/null || setup_fail "user role"
"$bin" user add --db "$db" --email other@example.org --name Otto \
	--password-file "$tmp/pw" >/dev/null || setup_fail "user add other"
e2e_serve "$db" || setup_fail "server did not start"
ev="$base/$slug"

mails() { "$bin" outbox list --db "$db"; }

t_login() { login org org@example.org organiser-password-1; }
t_form() {
	[ "$(code org "$ev/organise/selection?lang=es")" = 200 ] &&
		body_has 'Selección equilibrada del programa' 'name="min_women"' \
			'name="theme_min.civic-space"' 'id="sel-run"' 'Candidatas'
}
t_run() {
	[ "$(post org "$ev/organise/selection" -d action=run -d min_women=0.4 \
		-d capacity=8 -d waitlist=10 -d min_countries=3 \
		-d theme_min.civic-space=1)" = 303 ] &&
		grep -qi '^location: /'$slug'/organise/selection' "$tmp/head" &&
		[ "$(code org "$ev/organise/selection?lang=en")" = 200 ] &&
		body_has 'data-status="proposed"' 'id="sel-glpk">optimal<' \
			'Quotas that bind' 'capacity room time (minutes)' \
			'women share at least 40%' 'Balance of the programme' \
			'id="sel-confirm"' 'value="0.40"'
}
t_binding() { # the capacity is tight: it binds, and is listed
	grep -A3 'id="sel-binding"' "$tmp/body" | grep -q 'capacity'
}
t_bad_number() {
	[ "$(post org "$ev/organise/selection" -d action=run -d min_women=1.5)" = 422 ] &&
		body_has 'id="sel-error"' 'min_women'
}
t_infeasible() {
	local before after
	before=$(c org "$ev/organise/selection" | grep -o 'data-run="[0-9]*"')
	[ "$(post org "$ev/organise/selection" -d action=run -d capacity=2 \
		-d theme_min.civic-space=30)" = 422 ] &&
		body_has 'id="sel-conflict"' 'cannot all hold' \
			'theme civic-space at least 30' &&
		after=$(c org "$ev/organise/selection" | grep -o 'data-run="[0-9]*"') &&
		[ "$before" = "$after" ]
}
t_not_organiser() {
	login other other@example.org organiser-password-1 &&
		[ "$(code other "$ev/organise/selection")" = 403 ] &&
		[ "$(code other "$ev/organise/decisions")" = 403 ]
}
t_csrf() {
	[ "$(code org -d action=run "$ev/organise/selection")" = 403 ] ||
		[ "$(code org -d action=run "$ev/organise/selection")" = 400 ]
}
t_pin_unreviewed() { # a proposal without reviews, pinned by its number
	[ -n "$unrev" ] || { echo "no unreviewed proposal in the set-up"; return 1; }
	[ "$(code org "$ev/organise/selection?lang=en")" = 200 ] &&
		body_has 'id="sel-pin-number"' '<label for="sel-pin-id">Proposal number</label>' &&
		! grep -q "<tr id=\"p$unrev\"" "$tmp/body" &&
		[ "$(post org "$ev/organise/selection" -d action=pin -d proposal="$unrev" \
			-d pin=accept)" = 303 ] &&
		[ "$(code org "$ev/organise/selection?lang=en")" = 200 ] &&
		awk -v tr="<tr id=\"p$unrev\"" 'index($0, tr) { on = 1 } on { print } on && /<\/tr>/ { exit }' \
			"$tmp/body" | grep -q '<option value="accept" selected>' &&
		[ "$(post org "$ev/organise/selection?lang=en" -d action=pin -d proposal=999999 \
			-d pin=accept)" = 404 ] &&
		body_has 'No sent proposal has that number.' &&
		[ "$(post org "$ev/organise/selection?lang=en" -d action=pin -d proposal=abc \
			-d pin=accept)" = 422 ] &&
		[ "$(post org "$ev/organise/selection" -d action=pin -d proposal="$draft" \
			-d pin=accept)" = 404 ]
}
run_id() { c org "$ev/organise/selection" | grep -o 'data-run="[0-9]*"' | grep -o '[0-9]*'; }
t_confirm() {
	local id
	id=$(run_id)
	[ -n "$id" ] &&
		[ "$(post org "$ev/organise/selection" -d action=confirm -d run="$id")" = 303 ] &&
		grep -qi "^location: /$slug/organise/decisions" "$tmp/head" &&
		[ "$(code org "$ev/organise/decisions")" = 200 ] &&
		body_has 'data-status="accepted"' 'data-status="waitlisted"' \
			'data-status="rejected"' 'id="dec-notify"' &&
		[ "$(post org "$ev/organise/selection" -d action=confirm -d run="$id")" = 409 ]
}
t_notify() {
	[ "$(post org "$ev/organise/decisions" -d action=notify)" = 303 ] &&
		grep -qiE "^location: /$slug/organise/decisions\?queued=[1-9]" "$tmp/head" &&
		mails | grep -qE '^subject: .*(Proposal accepted|Propuesta aceptada|Proposta aceita)' &&
		mails | grep -qE '^subject: .*(not selected|no seleccionada|não selecionada)'
}
t_notify_once() {
	local n1 n2
	n1=$(mails | grep -c '^subject: ')
	[ "$(post org "$ev/organise/decisions" -d action=notify)" = 303 ] &&
		grep -qi "queued=0" "$tmp/head" &&
		n2=$(mails | grep -c '^subject: ') && [ "$n1" = "$n2" ]
}
t_merge() { # two rejected proposals become one joint session
	local a b
	c org "$ev/organise/decisions?lang=en" >"$tmp/dec"
	a=$(grep -o 'tr id="p[0-9]*" data-status="rejected"' "$tmp/dec" | sed -n 1p | grep -o '[0-9]*')
	b=$(grep -o 'tr id="p[0-9]*" data-status="rejected"' "$tmp/dec" | sed -n 2p | grep -o '[0-9]*')
	[ -n "$a" ] && [ -n "$b" ] &&
		[ "$(post org "$ev/organise/decisions" -d action=merge -d target="$a" \
			-d merge="$a" -d merge="$b")" = 303 ] &&
		[ "$(code org "$ev/organise/decisions?lang=en")" = 200 ] &&
		body_has "merged into #$a" &&
		[ "$(post org "$ev/organise/decisions" -d action=merge -d target="$b" \
			-d merge="$a")" = 422 ]
}
# The first accepted mail goes to the proposal's submitter (position 0).
speaker=""
link=""
find_speaker() {
	mails | awk '/^to: / { to = $2 } /^subject: / { s = $0 }
		/\/participation/ && s ~ /(accepted|aceptada|aceita)/ && s !~ /waitlist|espera/ {
			print to; print $NF; exit }' >"$tmp/spk"
	speaker=$(sed -n 1p "$tmp/spk")
	link=$(sed -n 2p "$tmp/spk")
	link=${link#*"$slug"}
	[ -n "$speaker" ] && [ -n "$link" ]
}
t_speaker_signup() {
	find_speaker &&
		c spk -o /dev/null "$base/account/signup" &&
		[ "$(code spk --data-urlencode "csrf=$(csrf spk)" -d name=Speaker \
			--data-urlencode "email=$speaker" -d password=speaker-password-1 \
			"$base/account/signup")" = 200 ] &&
		[ "$(code spk "$base/account/confirm?token=$(token "$speaker")")" = 200 ] &&
		login spk "$speaker" speaker-password-1
}
t_others_cannot_answer() {
	[ "$(code other "$ev$link")" = 404 ] &&
		[ "$(post other "$ev$link" -d answer=decline)" = 404 ]
}
t_speaker_page() {
	[ "$(code spk "$ev$link")" = 200 ] &&
		body_has 'id="part-confirm"' 'id="part-decline"'
}
t_proposal_page_link() { # the same answer from the speaker's proposal page
	# Demo proposals have no submitter account: make the speaker, who now
	# has one, the submitter, as if they had sent it through the call.
	local pid=${link#/cfp/}
	pid=${pid%/participation}
	sqlite3 "$db" "UPDATE proposal SET owner_id = (SELECT id FROM person WHERE email = '$speaker') WHERE id = $pid" &&
		[ "$(code spk "$ev${link%/participation}?lang=en")" = 200 ] &&
		body_has 'id="cfp-participation"' "href=\"/$slug$link\"" \
			'Please confirm or decline your participation.'
}
t_decline_promotes() {
	local before after
	before=$(mails | grep -cE '^subject: .*(from the waitlist|desde la lista|da lista de espera)')
	[ "$(post spk "$ev$link" -d answer=decline)" = 303 ] &&
		[ "$(code spk "$ev$link")" = 200 ] &&
		body_has 'id="part-answer"' &&
		after=$(mails | grep -cE '^subject: .*(from the waitlist|desde la lista|da lista de espera)') &&
		[ "$after" -gt "$before" ] &&
		[ "$(code org "$ev/organise/decisions")" = 200 ] &&
		grep -c 'data-status="withdrawn"' "$tmp/body" | grep -q '^[1-9]'
}
t_cli_select() {
	"$bin" select --db "$db" --event $slug --capacity 6 >"$tmp/out" &&
		grep -q '^status: optimal' "$tmp/out" &&
		grep -q '^run [0-9]* saved as a proposal' "$tmp/out"
}

check "organiser logs in" t_login
check "selection page: quota form in Spanish" t_form
check "run the selection over HTTP: status, quotas, balance" t_run
check "the tight capacity binds" t_binding
check "a bad quota is refused, nothing run" t_bad_number
check "infeasible quotas are named, nothing saved" t_infeasible
check "other accounts may not select" t_not_organiser
check "POST without CSRF is refused" t_csrf
check "pin an unreviewed proposal by its number" t_pin_unreviewed
check "confirm the run into decisions, once" t_confirm
check "send notifications: accept and reject mails queued" t_notify
check "each decision is mailed once" t_notify_once
check "merge two proposals into a joint session" t_merge
check "an accepted speaker signs up with the mailed address" t_speaker_signup
check "others cannot answer for a proposal" t_others_cannot_answer
check "the speaker sees confirm and decline" t_speaker_page
check "the proposal page links to the participation answer" t_proposal_page_link
check "declining withdraws and promotes the waitlist" t_decline_promotes
check "cabildo select beside the server" t_cli_select

e2e_stop_check "server exits 0 on SIGTERM (no leak under ASan)"
echo "RESULT $pass $fail"
