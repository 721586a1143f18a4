#!/usr/bin/env bash
# SPDX-License-Identifier: AGPL-3.0-or-later
# XSS and injection end to end (issue 8, part 4).  Payloads (script tags,
# attribute breakers, javascript: URLs, {{ }} templates, CSV formulas,
# CR/LF) go through the forms into every text field a user can fill: the
# sign-up name, the profile (organisation, gender, bio), a proposal
# (title, abstract, description, co-speakers) and a registration's needs.
# Then every page and export that shows them is checked: HTML shows them
# only escaped; CSV cells starting with = + - @ are defused; JSON and frab
# XML parse and give the text back unchanged; iCal lines are escaped and
# folded; mail in the outbox has no injected header.  To reach the public
# agenda, the stored texts of the payload proposal are copied onto a
# scheduled demo session's proposal, with the payload user as its speaker.
# Usage: xss.sh BUILD_DIR.  Prints "ok"/"not ok" lines, then RESULT P F.
set -u
# shellcheck source=tests/e2e/lib/common.sh
. "$(dirname "$0")/lib/common.sh"
e2e_init xss "${1:-build}"
e2e_code_head=1
e2e_why_bytes=600
sqltool="$root/${1:-build}/tests/sql"

db="$tmp/db"
slug=ogp-americas-2017
open=open-call
"$bin" demo --db "$db" --proposals 20 --participants 10 >/dev/null || setup_fail "demo"
"$bin" schedule --db "$db" --event "$slug" --time-limit 1 --quiet >/dev/null ||
	setup_fail "schedule"
e2e_open_call "$db"
echo 'organiser-password-1' >"$tmp/pw"
"$bin" user add --db "$db" --email org@example.org --name Olga --admin \
	--password-file "$tmp/pw" >/dev/null || setup_fail "user add"
sql() { sqlite3 "$db" "$1"; }

start() {
	e2e_serve "$db" || setup_fail "server did not start"
}
stop() {
	kill -TERM "$server"
	wait "$server"
	src=$?
	server=""
	rm -f "$tmp/port"
	return "$src"
}
start

body_has() { local s; for s in "$@"; do grep -qF -- "$s" "$tmp/body" || { echo "missing: $s"; [ -n "${XSS_KEEP:-}" ] && cp "$tmp/body" "$XSS_KEEP.$RANDOM"; return 1; }; done; }
# No live markup from a payload: what must never appear raw in HTML.
inert() { # file: the payloads are only there escaped
	! grep -inE '<script>alert|<img src=x|<svg onload|<b>org</b>|(href|src|action)="? *javascript:' "$1"
}

# The payloads.
p_name='-Eve "><img src=x onerror=alert(6)> {{7*7}}'
p_org="=cmd|' /C calc'!A0 <b>org</b>"
p_gender='<script>alert(10)</script>'
p_bio=$'<script>alert(7)</script> [x](javascript:alert(8)) <img src=x onerror=alert(9)>\n\n{{constructor.constructor(\'alert(1)\')()}}'
p_title='=HYPERLINK("http://e.example/","x") <script>alert(1)</script> "><img src=x onerror=alert(1)> {{7*7}}'
p_abstract=$'+SUM(1,2) <script>alert(2)</script> javascript:alert(3)\r\nX-Injected: yes; a,b\\c'
p_descr=$'@cmd "><svg onload=alert(4)> [link](javascript:alert(5))\n\n<a href="javascript:alert(12)">y</a>'
p_needs=$'<script>alert(11)</script>\r\n=1+1'
email=eve@example.org

t_signup() {
	c e -o /dev/null "$base/account/signup"
	[ "$(code e --data-urlencode "csrf=$(csrf e)" --data-urlencode "name=$p_name" \
		--data-urlencode "email=$email" -d password=eve-password-1 \
		"$base/account/signup")" = 200 ] &&
		[ "$(code e "$base/account/confirm?token=$(token "$email")")" = 200 ] &&
		login e "$email" eve-password-1 &&
		[ "$(sql "SELECT name FROM person WHERE email = '$email'")" = "$p_name" ]
}
t_name_crlf_refused() {
	c x -o /dev/null "$base/account/signup"
	[ "$(code x --data-urlencode "csrf=$(csrf x)" --data-urlencode $'name=Mallory\r\nBcc: victim@example.org' \
		-d email=mallory@example.org -d password=mallory-password-1 \
		"$base/account/signup")" = 422 ] &&
		[ "$(sql "SELECT count(*) FROM account WHERE email = 'mallory@example.org'")" = 0 ]
}
t_profile() {
	c e -o /dev/null "$base/account/"
	[ "$(code e --data-urlencode "csrf=$(csrf e)" --data-urlencode "name=$p_name" \
		--data-urlencode "organisation=$p_org" -d sector=other \
		--data-urlencode "gender=$p_gender" --data-urlencode "bio=$p_bio" \
		"$base/account/")" = 303 ] &&
		[ "$(code e "$base/account/")" = 200 ] && inert "$tmp/body" &&
		body_has '&lt;b&gt;org&lt;/b&gt;' '&lt;script&gt;alert(10)&lt;/script&gt;' \
			'&quot;&gt;&lt;img src=x onerror=alert(6)&gt;'
}
t_proposal() {
	c e -o /dev/null "$base/$open/cfp/new"
	[ "$(code e --data-urlencode "csrf=$(csrf e)" --data-urlencode "title=$p_title" \
		--data-urlencode "abstract=$p_abstract" --data-urlencode "description=$p_descr" \
		-d format=workshop -d theme=civic-space -d language=es \
		-d cospeakers=co@example.org -d action=submit "$base/$open/cfp/new")" = 303 ] &&
		xid=$(grep -i '^location:' "$tmp/head" | sed 's#.*/cfp/\([0-9]*\).*#\1#') &&
		[ "$(sql "SELECT title FROM proposal WHERE id = $xid")" = "$p_title" ] &&
		[ "$(code e "$base/$open/cfp/$xid")" = 200 ] && inert "$tmp/body" &&
		body_has '=HYPERLINK(&quot;http://e.example/&quot;,&quot;x&quot;) &lt;script&gt;alert(1)&lt;/script&gt;' \
			'{{7*7}}' '&lt;svg onload=alert(4)&gt;'
}
t_cospeaker_header_injection() {
	local n
	n=$(sql "SELECT count(*) FROM outbox")
	[ "$(code e --data-urlencode "csrf=$(csrf e)" -d 'title=Second' -d abstract=a \
		-d description=d -d format=workshop -d theme=civic-space -d language=es \
		--data-urlencode $'cospeakers=co2@example.org\r\nBcc: victim@example.org' \
		-d action=submit "$base/$open/cfp/new")" = 422 ] &&
		[ "$(sql "SELECT count(*) FROM outbox")" = "$n" ]
}
t_registration() {
	c e -o /dev/null "$base/$slug/register"
	[ "$(code e --data-urlencode "csrf=$(csrf e)" --data-urlencode "needs_other=$p_needs" \
		"$base/$slug/register")" = 303 ] &&
		[ "$(code e "$base/$slug/register")" = 200 ] && inert "$tmp/body" &&
		body_has '&lt;script&gt;alert(11)&lt;/script&gt;'
}
t_organiser_pages() {
	login o org@example.org organiser-password-1 &&
		for u in "proposals/" "proposals/?q=HYPERLINK" "proposals/$xid" "proposals/themes"; do
			[ "$(code o "$base/$open/$u")" = 200 ] || { echo "$u"; return 1; }
			inert "$tmp/body" || { echo "live markup in $u"; return 1; }
		done &&
		[ "$(code o "$base/$open/proposals/$xid")" = 200 ] &&
		body_has '&lt;script&gt;alert(1)&lt;/script&gt;' '&lt;svg onload=alert(4)&gt;'
}
t_organiser_csv() {
	[ "$(code o "$base/$open/proposals.csv")" = 200 ] &&
		body_has "\"'=HYPERLINK(\"\"http://e.example/\"\",\"\"x\"\")" "'=cmd|' /C calc'!A0" &&
		! grep -qE '(^|,)"?[=+@]|(^|,)"?-[^0-9]' "$tmp/body" &&
		grep -qi '^content-type: text/csv' "$tmp/head"
}
t_organiser_json() {
	[ "$(code o "$base/$open/proposals.json")" = 200 ] &&
		grep -qi '^content-type: application/json' "$tmp/head" &&
		jsonget "$tmp/body" title "$p_title"
}
# jsonget FILE KEY VALUE: some object in the JSON has KEY equal to VALUE
jsonget() {
	python3 - "$1" "$2" "$3" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1], encoding="utf-8"))
def walk(x):
    if isinstance(x, dict):
        if x.get(sys.argv[2]) == sys.argv[3]:
            return True
        return any(walk(v) for v in x.values())
    if isinstance(x, list):
        return any(walk(v) for v in x)
    return False
sys.exit(0 if walk(doc) else 1)
PY
}
t_mail() {
	"$bin" outbox list --db "$db" >"$tmp/outbox" &&
		grep -q '^to: co@example.org$' "$tmp/outbox" &&
		! grep -qi '^bcc:\|victim@\|^X-Injected' "$tmp/outbox" &&
		! awk '/^to: / && NF != 2 { bad = 1 } END { exit !bad }' "$tmp/outbox" &&
		! grep -q $'\r' <(sql "SELECT to_addr || subject FROM outbox")
}
check "sign up with markup in the name" t_signup
check "a name with CR/LF is refused" t_name_crlf_refused
check "profile: organisation, gender, bio shown escaped" t_profile
check "proposal: title, abstract, description shown escaped" t_proposal
check "co-speaker address with CR/LF: refused, no mail" t_cospeaker_header_injection
check "registration needs shown escaped" t_registration
check "organiser pages show payloads escaped" t_organiser_pages
check "organiser CSV: formulas defused" t_organiser_csv
check "organiser JSON gives the title back unchanged" t_organiser_json
check "mail: no injected header, one address per To" t_mail

# ---- the public agenda and open data ----
stop || setup_fail "server exit"
eve=$(sql "SELECT id FROM person WHERE email = '$email'")
target=$(sql "SELECT p.id FROM proposal p JOIN session s ON s.proposal_id = p.id
	JOIN event e ON e.id = p.event_id WHERE e.slug = '$slug'
	AND s.starts_at IS NOT NULL ORDER BY p.id LIMIT 1")
[ -n "$target" ] && [ -n "$eve" ] || setup_fail "no scheduled proposal"
# Proposal text is written with tests/tools/sql.c: its triggers need the
# text search tokenizer, which the sqlite3 shell lacks.
"$sqltool" "$db" "UPDATE proposal SET title = (SELECT title FROM proposal WHERE id = $xid),
	abstract = (SELECT abstract FROM proposal WHERE id = $xid),
	description = (SELECT description FROM proposal WHERE id = $xid)
	WHERE id = $target;
INSERT INTO proposal_speaker (proposal_id, person_id, position) VALUES ($target, $eve, 9);" ||
	setup_fail "copy payloads"
start
g() { curl -s --max-time 20 -D "$tmp/head" -o "$tmp/body" -w '%{http_code}' "$base$1"; }

t_public_html() {
	local u
	for u in "/$slug/agenda?day=all" "/$slug/agenda?view=grid" "/$slug/" \
		"/$slug/now?at=2017-11-21T10:30" "/$slug/speakers/$eve" "/$slug/themes/civic-space"; do
		[ "$(g "$u")" = 200 ] || { echo "$u: not 200"; return 1; }
		inert "$tmp/body" || { echo "live markup in $u"; return 1; }
	done
	[ "$(g "/$slug/agenda?day=all")" = 200 ] && body_has '&lt;script&gt;alert(1)&lt;/script&gt;' &&
		sess=$(grep -o "href=\"/$slug/sessions/[^\"]*\">=HYPERLINK" "$tmp/body" | head -1 | cut -d'"' -f2) &&
		[ -n "$sess" ] && [ "$(g "$sess")" = 200 ] && inert "$tmp/body" &&
		body_has '&lt;script&gt;alert(1)&lt;/script&gt;' 'javascript:alert(3)' &&
		[ "$(g "/$slug/speakers/$eve")" = 200 ] &&
		body_has '&quot;&gt;&lt;img src=x onerror=alert(6)&gt;' &&
		! grep -qF 'alert(10)' "$tmp/body" # gender is never public
}
t_public_csv() {
	[ "$(g "/$slug/sessions.csv")" = 200 ] &&
		body_has "\"'=HYPERLINK(\"\"http://e.example/\"\",\"\"x\"\")" &&
		! grep -qE '(^|,)"?[=+@]|(^|,)"?-[^0-9]' "$tmp/body"
}
t_public_json() {
	[ "$(g "/$slug/schedule.json")" = 200 ] && jsonget "$tmp/body" title "$p_title" &&
		grep -qi '^content-type: application/json' "$tmp/head" &&
		[ "$(g "/api/v1/events/$slug/sessions?limit=500")" = 200 ] &&
		jsonget "$tmp/body" title "$p_title"
}
t_public_xml() {
	[ "$(g "/$slug/schedule.xml")" = 200 ] && xmllint --noout "$tmp/body" &&
		[ "$(xmllint --xpath "string(//event[contains(title, 'HYPERLINK')]/title)" "$tmp/body")" = "$p_title" ] &&
		! grep -qF '<script>' "$tmp/body"
}
t_public_ical() {
	[ "$(g "/$slug/schedule.ics")" = 200 ] &&
		# CRLF line ends, 75 octets at most, no injected property
		! LC_ALL=C awk '{ sub(/\r$/, ""); if (length($0) > 75) { print "long: " $0; bad = 1 } }
			END { exit bad }' "$tmp/body" | grep . &&
		[ "$(grep -c $'\r$' "$tmp/body")" = "$(wc -l <"$tmp/body")" ] &&
		! grep -q '^X-Injected' "$tmp/body" &&
		# unfolded, the description keeps the payload escaped as RFC 5545 says
		tr -d '\r' <"$tmp/body" | sed ':a;N;$!ba;s/\n //g' >"$tmp/unfolded" &&
		grep -qF 'SUMMARY:=HYPERLINK("http://e.example/"\,"x") <script>alert(1)</script>' "$tmp/unfolded" &&
		grep -qF 'X-Injected: yes\; a\,b\\c' "$tmp/unfolded"
}
check "public pages show payloads escaped; gender never" t_public_html
check "open-data CSV: formulas defused" t_public_csv
check "schedule.json and the API give the title back unchanged" t_public_json
check "frab XML is well formed and gives the title back" t_public_xml
check "iCal: escaped, folded, no injected property" t_public_ical

stop
rc=$?
check "server exits 0 on SIGTERM" test "$rc" = 0
[ "$rc" = 0 ] || tail -30 "$tmp/server.log"
echo "RESULT $pass $fail"
