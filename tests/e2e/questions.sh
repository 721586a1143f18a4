#!/usr/bin/env bash
# SPDX-License-Identifier: AGPL-3.0-or-later
# HTTP end-to-end tests of the organiser's own questions in the call for
# proposals (cfp.questions): the form shows them with labels, legends and
# hints; a submission without a required answer is refused (422) with the
# message beside the field and everything typed kept; a draft saves
# without it; the fixed submission is saved; answers reach the proposer's
# form, the organiser's proposal page, CSV and JSON exports and the
# proposer's data download, and the audit history when changed; no public
# page and no anonymous request sees them; an answer outlives its question
# being removed from the event file.  Usage: questions.sh BUILD_DIR
# Prints "ok"/"not ok" lines, then RESULT P F.
set -u
# shellcheck source=tests/e2e/lib/common.sh
. "$(dirname "$0")/lib/common.sh"
e2e_init questions "${1:-build}"

db="$tmp/db"
"$bin" demo --db "$db" --proposals 5 --participants 2 >/dev/null || setup_fail "demo"
# The demo event with an open call, and its first two questions required.
sed -e 's/"slug": "ogp-americas-2017"/"slug": "q-call"/' \
    -e 's/"closes": "2017-08-20T23:59"/"closes": "2099-12-31T23:59"/' \
    -e 's/"required": false/"required": true/' \
    -e 's/"id": "ogp-commitment",/"id": "ogp-commitment", "reviewers": false,/' \
    "$root/data/events/ogp-americas-2017.json" >"$tmp/open.json"
[ "$(grep -c '"required": true' "$tmp/open.json")" -ge 2 ] || setup_fail "fixture"
"$bin" event load --db "$db" "$tmp/open.json" >/dev/null || setup_fail "event load"
echo 'organiser-password-1' >"$tmp/pw"
"$bin" user add --db "$db" --email org@example.org --name Olga \
	--password-file "$tmp/pw" >/dev/null || setup_fail "user add"
"$bin" user role --db "$db" --email org@example.org --event q-call \
	--role organiser >/dev/null || setup_fail "user role"
# A reviewer, who reads the answers the event file lets reviewers see.
"$bin" user add --db "$db" --email rita@example.org --name Rita \
	--password-file "$tmp/pw" >/dev/null || setup_fail "user add rita"
"$bin" user role --db "$db" --email rita@example.org --event q-call \
	--role reviewer >/dev/null || setup_fail "user role rita"
e2e_serve "$db" || setup_fail "server did not start"
ev="$base/q-call"

propose() { # jar, url, extra curl args...: posts the proposal form
	local jar=$1 url=$2
	shift 2
	c "$jar" -o /dev/null "$url"
	code "$jar" -o "$tmp/body" -D "$tmp/head" --data-urlencode "csrf=$(csrf "$jar")" "$@" "$url"
}
ANSWER='Plan de acción AR-III, compromiso 7 <b>compras</b>'
talk() { # jar, url, action, extra curl args...
	local jar=$1 url=$2 action=$3
	shift 3
	propose "$jar" "$url" --data-urlencode "title=Contrataciones abiertas en Mendoza" \
		--data-urlencode "abstract=Lo que aprendimos al abrir las compras." \
		--data-urlencode "description=Una charla relámpago." \
		-d format=lightning-talk -d theme=anti-corruption -d language=es \
		-d "action=$action" "$@"
}
pid() { sed -n 's/^[Ll]ocation: .*\/cfp\/\([0-9]*\)?.*/\1/p' "$tmp/head" | tr -d '\r'; }

t_signup() {
	c ana -o /dev/null "$base/account/signup?lang=es"
	[ "$(code ana --data-urlencode "csrf=$(csrf ana)" --data-urlencode 'name=Ana Pérez' \
		-d email=ana@example.org -d password=contrasena-segura-1 \
		"$base/account/signup")" = 200 ] &&
		[ "$(code ana "$base/account/confirm?token=$(token ana@example.org)")" = 200 ] &&
		login ana ana@example.org contrasena-segura-1
}
t_form_shows_questions() {
	[ "$(code ana "$ev/cfp/new?lang=en")" = 200 ] &&
		body_has 'Questions from the organisers' \
			'<label for="f-q-ogp-commitment">Which OGP commitment or national action plan does this relate to? *</label>' \
			'id="q-ogp-commitment-hint"' 'aria-describedby="q-ogp-commitment-hint"' \
			'<fieldset class="field" id="f-q-co-created"' \
			'<legend>Is this session co-created by government and civil society? *</legend>' \
			'type="radio" name="q-co-created" value="yes"' \
			'<legend>Expected audience</legend>' \
			'type="checkbox" name="q-audience" value="civil-society"' &&
		[ "$(code ana "$ev/cfp/new?lang=pt")" = 200 ] &&
		body_has 'Perguntas da organização' '<legend>Público esperado</legend>' 'Parlamentares'
}
t_missing_required() {
	[ "$(talk ana "$ev/cfp/new?lang=es" submit --data-urlencode "q-ogp-commitment=$ANSWER" \
		-d q-audience=government -d q-audience=newcomers)" = 422 ] &&
		body_has 'href="#f-q-co-created"' 'id="q-co-created-error"' \
			'aria-describedby="q-co-created-error"' 'Este campo es obligatorio.' \
			'Plan de acción AR-III, compromiso 7 &lt;b&gt;compras&lt;/b&gt;' \
			'value="government" checked' 'value="newcomers" checked' \
			'value="Contrataciones abiertas en Mendoza"' &&
		body_lacks 'value="parliament" checked' 'id="q-ogp-commitment-error"'
}
t_bad_choice() {
	[ "$(talk ana "$ev/cfp/new?lang=es" submit --data-urlencode "q-ogp-commitment=$ANSWER" \
		-d q-co-created=maybe -d q-audience=press)" = 422 ] &&
		body_has 'id="q-co-created-error"' 'id="q-audience-error"' \
			'Elegí una de las opciones de la lista.'
}
t_draft_without_answers() {
	[ "$(talk ana "$ev/cfp/new" draft)" = 303 ] && [ -n "$(pid)" ]
}
t_submit_fixed() {
	[ "$(talk ana "$ev/cfp/new" submit --data-urlencode "q-ogp-commitment=$ANSWER" \
		-d q-co-created=yes -d q-audience=government -d q-audience=newcomers)" = 303 ] &&
		id=$(pid) && [ -n "$id" ] && echo "$id" >"$tmp/id"
}
t_form_keeps_answers() {
	[ "$(code ana "$ev/cfp/$(cat "$tmp/id")?lang=en")" = 200 ] &&
		body_has 'name="q-co-created" value="yes" checked' 'value="newcomers" checked' \
			'compromiso 7 &lt;b&gt;compras&lt;/b&gt;</textarea>'
}
t_edit_answer_history() {
	local id; id=$(cat "$tmp/id")
	[ "$(talk ana "$ev/cfp/$id" submit --data-urlencode "q-ogp-commitment=$ANSWER" \
		-d q-co-created=no -d q-audience=government -d q-audience=newcomers)" = 303 ] &&
		[ "$(code org "$ev/proposals/$id?lang=en")" = 200 ] &&
		body_has 'update <code>{&quot;changed&quot;:[&quot;q:co-created&quot;]}</code>'
}
t_organiser_page() {
	login org org@example.org organiser-password-1 &&
		[ "$(code org "$ev/proposals/$(cat "$tmp/id")?lang=en")" = 200 ] &&
		body_has "Answers to the organisers&#39;" 'compromiso 7 &lt;b&gt;compras&lt;/b&gt;' \
			'Government officials; Newcomers to OGP' '<dd class="pre">Yes</dd>'
}
t_csv() {
	[ "$(code org "$ev/proposals.csv")" = 200 ] &&
		head -1 "$tmp/body" | grep -q ',submitted_at,q:ogp-commitment,q:co-created,q:audience' &&
		body_has '"Plan de acción AR-III, compromiso 7 <b>compras</b>",no,"government,newcomers"'
}
t_json() {
	[ "$(code org "$ev/proposals.json")" = 200 ] &&
		body_has '"answers":{"audience":["government","newcomers"],"co-created":"no","ogp-commitment":"Plan de acción AR-III, compromiso 7 <b>compras</b>"}' &&
		python3 -c 'import json, sys
a = [p["answers"] for p in json.load(open(sys.argv[1]))["proposals"] if p["answers"]]
assert a and a[0]["audience"] == ["government", "newcomers"], a
assert a[0]["co-created"] == "no", a' "$tmp/body"
}
t_reviewer_sees_answers() {
	local id; id=$(cat "$tmp/id")
	login rita rita@example.org organiser-password-1 &&
		[ "$(code org "$ev/reviewers/?lang=en")" = 200 ] &&
		[ "$(code org --data-urlencode "csrf=$(csrf org)" -d per_proposal=1 -d max_load=5 \
			"$ev/reviewers/assign")" = 303 ] &&
		[ "$(code rita "$ev/review/$id?lang=en")" = 200 ] &&
		body_has "Answers to the organisers&#39;" \
			'Is this session co-created by government and civil society?' \
			'<dd class="pre">No</dd>' 'Government officials; Newcomers to OGP' &&
		# "reviewers": false keeps the commitment (it may name the
		# speaker's country) to the organisers
		body_lacks 'compromiso 7' 'Which OGP commitment'
}
t_conflicted_reviewer() {
	local id; id=$(cat "$tmp/id")
	[ "$(code rita --data-urlencode "csrf=$(csrf rita)" -d reason=colleague \
		"$ev/review/$id/conflict")" = 303 ] &&
		[ "$(code rita "$ev/review/$id?lang=en")" = 404 ] &&
		body_lacks 'Newcomers to OGP' 'compromiso 7'
}
# The suggested theme on the organiser's list (a cached classification)
# follows an edit of the proposal's text at once.
talk_text() { # abstract: ana's proposal, filed under anti-corruption
	propose ana "$ev/cfp/$(cat "$tmp/id")" --data-urlencode "title=Contrataciones abiertas en Mendoza" \
		--data-urlencode "abstract=$1" --data-urlencode "description=Una charla relámpago." \
		-d format=lightning-talk -d theme=anti-corruption -d language=es -d action=submit \
		--data-urlencode "q-ogp-commitment=$ANSWER" -d q-co-created=no \
		-d q-audience=government -d q-audience=newcomers
}
mark_of() { # the suggestion mark in the row of ana's proposal, if any
	grep -o "proposals/$(cat "$tmp/id")\">[^<]*</a></td><td>[^<]*<br><span class=\"mismatch\">[^<]*" "$tmp/body"
}
t_theme_cache_fresh() {
	local i
	[ "$(code org "$ev/proposals/?lang=en")" = 200 ] && [ -z "$(mark_of)" ] || return 1
	[ "$(talk_text 'Datos abiertos, portales de datos abiertos y tecnología cívica: aplicaciones cívicas con datos abiertos.')" = 303 ] || return 1
	# every worker thread, each with its own cache, sees the new text
	for i in 1 2 3 4 5 6; do
		[ "$(code org "$ev/proposals/?lang=en")" = 200 ] &&
			mark_of | grep -q 'suggested: Civic technology and open data' ||
			{ echo "request $i: no mark"; return 1; }
	done
	[ "$(talk_text 'Lo que aprendimos al abrir las compras.')" = 303 ] || return 1
	for i in 1 2 3 4 5 6; do
		[ "$(code org "$ev/proposals/?lang=en")" = 200 ] && [ -z "$(mark_of)" ] ||
			{ echo "request $i: stale mark"; return 1; }
	done
}
t_own_data() {
	[ "$(code ana "$base/account/data.json")" = 200 ] &&
		body_has '"co-created":	"no"' '"audience":	"government,newcomers"'
}
t_not_public() {
	local u id; id=$(cat "$tmp/id")
	for u in "$ev/" "$ev/agenda" "$ev/themes/anti-corruption" \
		"$base/api/v1/events/q-call/sessions" "$ev/sessions.csv" \
		"$ev/schedule.json" "$ev/datapackage.json" "$base/"; do
		code anon "$u" >/dev/null
		body_lacks 'compromiso 7' 'government,newcomers' 'Newcomers to OGP' || { echo "$u"; return 1; }
	done
	for u in "$ev/proposals.csv" "$ev/proposals.json" "$ev/proposals/$id"; do
		[ "$(code anon "$u")" != 200 ] || { echo "anonymous $u"; return 1; }
		body_lacks 'compromiso 7' || return 1
		# the proposer is not an organiser either
		[ "$(code ana "$u")" = 403 ] || { echo "speaker $u"; return 1; }
	done
}
t_removed_question_kept() {
	python3 - "$tmp/open.json" "$tmp/fewer.json" <<'PY' || return 1
import json, sys
ev = json.load(open(sys.argv[1]))
ev["cfp"]["questions"] = [q for q in ev["cfp"]["questions"] if q["id"] != "ogp-commitment"]
json.dump(ev, open(sys.argv[2], "w"), ensure_ascii=False)
PY
	"$bin" event load --db "$db" "$tmp/fewer.json" >/dev/null &&
		[ "$(code org "$ev/proposals.csv")" = 200 ] &&
		head -1 "$tmp/body" | grep -q ',q:co-created,q:audience,q:ogp-commitment' &&
		body_has 'compromiso 7' &&
		[ "$(code org "$ev/proposals/$(cat "$tmp/id")?lang=en")" = 200 ] &&
		body_has 'ogp-commitment (question since removed from the event file)' &&
		[ "$(code ana "$ev/cfp/new?lang=en")" = 200 ] &&
		body_lacks 'q-ogp-commitment'
}

check "sign up, confirm and log in" t_signup
check "the form shows the questions in the visitor's language" t_form_shows_questions
check "missing required answer: 422, error beside it, input kept" t_missing_required
check "an unknown option or yes/no value is refused" t_bad_choice
check "a draft saves without the required answers" t_draft_without_answers
check "the fixed submission is saved" t_submit_fixed
check "the proposer's form shows the answers" t_form_keeps_answers
check "the organiser sees the answers" t_organiser_page
check "a changed answer is in the history" t_edit_answer_history
check "answers are columns q:<id> of the CSV export" t_csv
check "answers are in the JSON export" t_json
check "answers are in the proposer's data download" t_own_data
check "a reviewer sees the answers marked for reviewers, not the others" t_reviewer_sees_answers
check "a conflicted reviewer sees nothing (404)" t_conflicted_reviewer
check "the suggested theme follows a changed text (no stale cache)" t_theme_cache_fresh
check "answers are on no public page" t_not_public
check "an answer outlives its question" t_removed_question_kept

kill -TERM "$server"
wait "$server"
rc=$?
server=""
check "server exits 0 on SIGTERM (no leak under ASan)" test "$rc" = 0
[ "$rc" = 0 ] || tail -30 "$tmp/server.log"
echo "RESULT $pass $fail"
