#!/usr/bin/env bash
# SPDX-License-Identifier: AGPL-3.0-or-later
# HTTP end-to-end tests of the published agenda (issue 5): the real server
# on 127.0.0.1, an ephemeral port and a temporary database holding an
# imported programme, probed with curl; exports validated with xmllint
# (schedule.xml.xsd) and python3-jsonschema (schedule.schema.json).
# Usage: agenda.sh BUILD_DIR.  Prints "ok"/"not ok" lines, then RESULT P F.
set -u
# shellcheck source=tests/e2e/lib/common.sh
. "$(dirname "$0")/lib/common.sh"
e2e_init agenda "${1:-build}"
e2e_wait=1
schemas="$root/tests/fixtures/c3voc-schema"

db="$tmp/db"
ev=cabildo-test-2017
"$bin" init --db "$db" >/dev/null || setup_fail "init"
"$bin" import --db "$db" --format frab --quiet \
	"$root/tests/fixtures/agenda/small.xml" >/dev/null || setup_fail "import"
# Two participants star sessions; the first has a calendar token, the
# second a revoked one (the accounts issue makes these through pages).
# tests/tools/sql.c, not the sqlite3 shell: a proposal's text needs the
# text search tokenizer (docs/OPERATIONS.md).
"$root/${1:-build}/tests/sql" "$db" <<SQL || setup_fail "tests/sql"
INSERT INTO person (id, name) VALUES (9001, 'P1'), (9002, 'P2');
INSERT INTO registration (id, event_id, person_id)
  SELECT 801, id, 9001 FROM event WHERE slug = '$ev';
INSERT INTO registration (id, event_id, person_id)
  SELECT 802, id, 9002 FROM event WHERE slug = '$ev';
INSERT INTO interest (registration_id, session_id)
  SELECT 801, id FROM session WHERE title IN ('Open data portals', 'Late night session');
INSERT INTO interest (registration_id, session_id)
  SELECT 802, id FROM session WHERE title IN ('Open data portals', 'Late night session', 'Pentabarf-style event');
INSERT INTO calendar_token (token, registration_id) VALUES
  ('0123456789abcdef0123456789abcdef', 801),
  ('fedcba9876543210fedcba9876543210', 802);
UPDATE calendar_token SET revoked_at = '2017-01-01T00:00:00Z'
  WHERE registration_id = 802;
-- Only Sala 2 is step-free; the late night session comes from a proposal
-- that asks for interpretation.
UPDATE room SET step_free = (key = 'sala-2'), interpretation_booth = 1
  WHERE event_id = (SELECT id FROM event WHERE slug = '$ev');
INSERT INTO proposal (id, event_id, format_id, title, language,
    needs_interpretation, status)
  SELECT 701, e.id, (SELECT min(f.id) FROM format f WHERE f.event_id = e.id),
    'Late night session', 'pt', 1, 'confirmed' FROM event e WHERE e.slug = '$ev';
UPDATE session SET proposal_id = 701 WHERE title = 'Late night session';
SQL
echo 'organiser-password-1' >"$tmp/pw"
"$bin" user add --db "$db" --email org@example.org --name Olga --admin \
	--password-file "$tmp/pw" >/dev/null || setup_fail "user add --admin"
e2e_serve "$db" || { cat "$tmp/server.log"; setup_fail "server did not start"; }

get() { curl -s --max-time 10 "$@"; }
status() { curl -s -o /dev/null -w '%{http_code}' --max-time 10 "$@"; }
has() { # file, strings...
	local f=$1 s
	shift
	for s in "$@"; do grep -qF -- "$s" "$f" || { echo "missing: $s"; return 1; }; done
}
hasnt() { # file, strings...
	local f=$1 s
	shift
	for s in "$@"; do ! grep -qF -- "$s" "$f" || { echo "unexpected: $s"; return 1; }; done
}
header() { # url, header name: prints its value
	curl -s -D - -o /dev/null --max-time 10 "${@:3}" "$1" |
	    tr -d '\r' | sed -n "s/^$2: //Ip" | head -1
}

t_agenda_list() {
	get "$base/$ev/agenda?day=2017-11-21&lang=en" >"$tmp/a.html"
	has "$tmp/a.html" '<html lang="en">' 'Apertura: &quot;Estado abierto&quot; &lt;2017&gt;' \
	    'Open data portals' 'Late night session' 'aria-current="page"' \
	    '<label for="f-theme">' '<form class="filters" method="get"' \
	    'href="/cabildo-test-2017/schedule.xml"' &&
	hasnt "$tmp/a.html" 'Pentabarf-style event' '<script>'
}
t_agenda_es_pt() {
	get "$base/$ev/agenda?lang=es" | grep -qF 'Programa' &&
	get "$base/$ev/agenda?lang=pt" | grep -qF 'Programação'
}
t_filter_theme() {
	get "$base/$ev/agenda?day=all&theme=datos-abiertos" >"$tmp/f.html"
	has "$tmp/f.html" 'Open data portals' 'Pentabarf-style event' &&
	hasnt "$tmp/f.html" 'Late night session'
}
t_filter_text() {
	get "$base/$ev/agenda?day=all&q=mary" >"$tmp/q.html"
	has "$tmp/q.html" 'Open data portals' && hasnt "$tmp/q.html" 'Late night'
}
t_filter_room_language() {
	get "$base/$ev/agenda?day=all&room=sala-2&language=en" >"$tmp/r.html"
	has "$tmp/r.html" 'Pentabarf-style event' && hasnt "$tmp/r.html" 'Open data portals'
}
# Every session listed on the page: the titles of its session links.
titles() { grep -o '/sessions/[0-9a-f-]*">[^<]*</a></h3>' "$1" | sed 's/.*">//; s/<.*//' | sort; }
t_filter_interpretation() {
	get "$base/$ev/agenda?day=all&interpretation=1&lang=en" >"$tmp/fi.html"
	has "$tmp/fi.html" 'name="interpretation" value="1" checked' \
	    'Only with interpretation' 'interpretation=1' &&
	[ "$(titles "$tmp/fi.html")" = 'Late night session' ] || {
		echo "listed: $(titles "$tmp/fi.html" | tr '\n' '|')"; return 1; }
}
t_filter_step_free() {
	get "$base/$ev/agenda?day=all&step_free=1&lang=en" >"$tmp/fs.html"
	get "$base/$ev/agenda?day=all" >"$tmp/fall.html"
	has "$tmp/fs.html" 'name="step_free" value="1" checked' 'Only step-free rooms' &&
	[ "$(titles "$tmp/fall.html" | wc -l)" = 4 ] &&
	[ "$(titles "$tmp/fs.html")" = 'Pentabarf-style event' ] || {
		echo "listed: $(titles "$tmp/fs.html" | tr '\n' '|')"; return 1; }
}
t_filter_access_both() {
	# both: nothing is interpreted in a step-free room here
	get "$base/$ev/agenda?day=all&step_free=1&interpretation=1" >"$tmp/fb.html"
	[ -z "$(titles "$tmp/fb.html")" ] && has "$tmp/fb.html" 'role="status"'
}
t_filter_labels_es_pt() {
	get "$base/$ev/agenda?lang=es" >"$tmp/les.html"
	get "$base/$ev/agenda?lang=pt" >"$tmp/lpt.html"
	has "$tmp/les.html" 'Solo con interpretación' 'Solo salas sin escalones' &&
	has "$tmp/lpt.html" 'Só com interpretação' 'Só salas sem degraus'
}
t_filter_none() { get "$base/$ev/agenda?day=all&q=zzzz" | grep -qF 'role="status"'; }
t_grid() {
	get "$base/$ev/agenda?day=2017-11-21&view=grid" >"$tmp/g.html"
	has "$tmp/g.html" '<table class="agenda-grid">' '<th scope="col">Sala Argentina</th>' \
	    '<th scope="row">09:00</th>'
}
t_now_next() {
	get "$base/$ev/now?at=2017-11-21T09:30&lang=en" >"$tmp/n.html"
	has "$tmp/n.html" 'Now and next' 'Apertura' 'Open data portals'
}
t_session() {
	get "$base/$ev/sessions/9a1b2c3d-0000-4000-8000-000000000101?lang=en" >"$tmp/s.html"
	has "$tmp/s.html" '<h1>Apertura: &quot;Estado abierto&quot; &lt;2017&gt;</h1>' \
	    '<em>objetivos</em>' 'Sala Argentina' 'Participación ciudadana' \
	    '/speakers/' '.ics">'
}
t_session_html_dropped() {
	local u
	u=$(get "$base/$ev/agenda?day=all" | grep -o '/sessions/[0-9a-f-]*">Open data' | cut -d'"' -f1)
	get "$base/$ev$u" >"$tmp/s2.html"
	hasnt "$tmp/s2.html" '<p>HTML abstract'
}
t_session_ics() {
	get "$base/$ev/sessions/9a1b2c3d-0000-4000-8000-000000000101.ics" >"$tmp/one.ics"
	has "$tmp/one.ics" 'BEGIN:VCALENDAR' 'BEGIN:VTIMEZONE' \
	    'UID:9a1b2c3d-0000-4000-8000-000000000101@cabildo' &&
	[ "$(grep -c 'BEGIN:VEVENT' "$tmp/one.ics")" = 1 ]
}
t_speaker() {
	local u
	u=$(get "$base/$ev/sessions/9a1b2c3d-0000-4000-8000-000000000101" | grep -o '/speakers/[0-9]*">Ana' | cut -d'"' -f1)
	get "$base/$ev$u?lang=en" >"$tmp/p.html"
	has "$tmp/p.html" '<h1>Ana Pérez</h1>' 'Apertura' 'Open data portals'
}
t_404s() {
	[ "$(status "$base/nope/agenda")" = 404 ] &&
	[ "$(status "$base/$ev/sessions/00000000-0000-4000-8000-000000000000")" = 404 ] &&
	[ "$(status "$base/$ev/sessions/xyz")" = 404 ] &&
	[ "$(status "$base/$ev/speakers/999999")" = 404 ] &&
	[ "$(status "$base/$ev/agenda?day=2030-01-01")" = 404 ] &&
	[ "$(status "$base/nope/schedule.xml")" = 404 ] &&
	[ "$(status "$base/api/v1/events/nope/sessions")" = 404 ]
}
t_frab_valid() {
	get "$base/$ev/schedule.xml" >"$tmp/schedule.xml"
	xmllint --noout --schema "$schemas/schedule.xml.xsd" "$tmp/schedule.xml"
}
t_json_valid() {
	get "$base/$ev/schedule.json" >"$tmp/schedule.json"
	python3 "$root/tests/tools/validate_schedule_json.py" \
	    "$schemas/schedule.schema.json" "$tmp/schedule.json"
}
t_ical() {
	get "$base/$ev/schedule.ics" >"$tmp/all.ics"
	has "$tmp/all.ics" 'BEGIN:VTIMEZONE' 'TZID:America/Argentina/Buenos_Aires' &&
	[ "$(grep -c 'BEGIN:VEVENT' "$tmp/all.ics")" = 4 ] &&
	[ "$(header "$base/$ev/schedule.ics" Content-Type)" = 'text/calendar; charset=utf-8' ]
}
t_csv() { get "$base/$ev/sessions.csv" | head -1 | grep -q '^guid,day,start,end,'; }
t_datapackage() {
	get "$base/$ev/datapackage.json" >"$tmp/dp.json"
	python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["licenses"][0]["name"]=="CC-BY-4.0"; assert [r["path"] for r in d["resources"]]==["sessions.csv","schedule.xml","schedule.json","schedule.ics"]' "$tmp/dp.json"
}
t_api_paged() {
	get "$base/api/v1/events/$ev/sessions?limit=2" >"$tmp/p1.json"
	python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["total"]==4 and len(d["sessions"])==2 and d["next"].endswith("offset=2&limit=2"), d' "$tmp/p1.json" &&
	get "$base/api/v1/events/$ev/sessions?offset=2&limit=2" >"$tmp/p2.json" &&
	python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert len(d["sessions"])==2 and d["next"] is None' "$tmp/p2.json" &&
	[ "$(status "$base/api/v1/events/$ev/sessions?limit=0")" = 400 ] &&
	[ "$(status "$base/api/v1/events/$ev/sessions?offset=x")" = 400 ]
}
t_cli_same_bytes() {
	local f u
	for f in frab:schedule.xml schedule-json:schedule.json ical:schedule.ics \
	    csv:sessions.csv datapackage:datapackage.json; do
		u=${f#*:}
		get "$base/$ev/$u" >"$tmp/url.out"
		"$bin" export --db "$db" --event "$ev" --format "${f%%:*}" -o "$tmp/cli.out" || return 1
		cmp "$tmp/url.out" "$tmp/cli.out" || return 1
	done
	get "$base/api/v1/events/$ev/sessions" >"$tmp/url.out"
	"$bin" export --db "$db" --event "$ev" --format json | cmp - "$tmp/url.out"
}
t_etag_304() {
	local e
	e=$(header "$base/$ev/schedule.xml" ETag)
	[ -n "$e" ] && [ "$(status -H "If-None-Match: $e" "$base/$ev/schedule.xml")" = 304 ] &&
	[ "$(status -H 'If-None-Match: "other"' "$base/$ev/schedule.xml")" = 200 ]
}
t_headers() {
	[ "$(header "$base/$ev/schedule.json" Access-Control-Allow-Origin)" = '*' ] &&
	[ -n "$(header "$base/$ev/schedule.json" Last-Modified)" ] &&
	[ "$(header "$base/$ev/sessions.csv" Content-Type)" = 'text/csv; charset=utf-8' ]
}
t_gzip() {
	[ "$(header "$base/$ev/schedule.json" Content-Encoding -H 'Accept-Encoding: gzip')" = gzip ] &&
	curl -s -H 'Accept-Encoding: gzip' "$base/$ev/schedule.json" | gunzip | cmp - "$tmp/schedule.json" &&
	[ -z "$(header "$base/$ev/schedule.json" Content-Encoding)" ] &&
	[ -z "$(header "$base/$ev/schedule.json" Content-Encoding -H 'Accept-Encoding: gzip;q=0')" ]
}
t_private_feed() {
	get "$base/$ev/me/0123456789abcdef0123456789abcdef.ics" >"$tmp/me.ics"
	has "$tmp/me.ics" 'SUMMARY:Open data portals' 'SUMMARY:Late night session' &&
	hasnt "$tmp/me.ics" 'SUMMARY:Pentabarf' &&
	[ "$(header "$base/$ev/me/0123456789abcdef0123456789abcdef.ics" Cache-Control)" = 'private, no-cache' ] &&
	[ -z "$(header "$base/$ev/me/0123456789abcdef0123456789abcdef.ics" Access-Control-Allow-Origin)" ]
}
t_private_agenda() {
	get "$base/$ev/me/0123456789abcdef0123456789abcdef?lang=en" >"$tmp/me.html"
	has "$tmp/me.html" 'My agenda' 'Open data portals' '0123456789abcdef0123456789abcdef.ics'
}
t_revoked_404() {
	[ "$(status "$base/$ev/me/fedcba9876543210fedcba9876543210.ics")" = 404 ] &&
	[ "$(status "$base/$ev/me/ffffffffffffffffffffffffffffffff.ics")" = 404 ] &&
	[ "$(status "$base/$ev/me/../x.ics")" != 200 ]
}
c() { curl -s --max-time 10 -c "$tmp/org.jar" -b "$tmp/org.jar" "$@"; }
csrf() { awk '$6 == "csrf" { v = $7 } END { print v }' "$tmp/org.jar"; }
t_interest_signed_out() {
	curl -s -o /dev/null -D "$tmp/ih" --max-time 10 "$base/$ev/interest" &&
	head -1 "$tmp/ih" | grep -q ' 303' &&
	grep -i '^Location:' "$tmp/ih" | grep -q '/account/login'
}
t_interest() {
	c -o /dev/null "$base/account/login" &&
	[ "$(c -o /dev/null -w '%{http_code}' --data-urlencode "csrf=$(csrf)" \
	    --data-urlencode email=org@example.org \
	    --data-urlencode password=organiser-password-1 \
	    "$base/account/login")" = 303 ] || { echo "login failed"; return 1; }
	[ "$(c -o "$tmp/i.html" -w '%{http_code}' "$base/$ev/interest?lang=en")" = 200 ] || {
		echo "not 200"; return 1; }
	has "$tmp/i.html" '<strong>2</strong> registered' '<strong>5</strong> Stars' \
	    '<svg class="chart" role="img"' 'Sessions many want together' \
	    'Open data portals</a> + <a' '<strong>2</strong> both'
}
t_static() {
	[ "$(status "$base/static/agenda.js")" = 200 ] &&
	[ "$(status "$base/static/agenda.css")" = 200 ]
}

check "agenda list, escaped, no inline script" t_agenda_list
check "agenda in es and pt" t_agenda_es_pt
check "filter by theme" t_filter_theme
check "filter by text (speaker)" t_filter_text
check "filter by room and language" t_filter_room_language
check "filter by interpretation keeps only interpreted sessions" t_filter_interpretation
check "filter by step-free room keeps only step-free sessions" t_filter_step_free
check "interpretation and step-free together" t_filter_access_both
check "access filter labels in es and pt" t_filter_labels_es_pt
check "no match says so" t_filter_none
check "grid rooms x time" t_grid
check "now and next" t_now_next
check "session page, markdown abstract" t_session
check "session page drops raw HTML" t_session_html_dropped
check "session .ics" t_session_ics
check "speaker page" t_speaker
check "404 for unknown event, session, speaker, day" t_404s
check "schedule.xml validates (xmllint --schema)" t_frab_valid
check "schedule.json validates (jsonschema)" t_json_valid
check "schedule.ics with VTIMEZONE" t_ical
check "sessions.csv" t_csv
check "datapackage.json" t_datapackage
check "API paging and bad parameters" t_api_paged
check "cabildo export writes the URLs' bytes" t_cli_same_bytes
check "ETag and 304 on If-None-Match" t_etag_304
check "CORS, Last-Modified, types" t_headers
check "gzip when asked" t_gzip
check "private calendar feed" t_private_feed
check "personal agenda page" t_private_agenda
check "revoked or unknown token is 404" t_revoked_404
check "interest statistics signed out: to the login page" t_interest_signed_out
check "interest statistics for an organiser" t_interest
check "agenda assets served" t_static
echo "RESULT $pass $fail"
[ "$fail" = 0 ]
