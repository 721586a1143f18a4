#!/usr/bin/env bash
# SPDX-License-Identifier: AGPL-3.0-or-later
# HTTP end-to-end tests of hostile clients: the real server on 127.0.0.1
# with short limits from the environment (a 3 s timeout, 8 connections
# per address, rate limits scaled down with a 4 s window).  Slowloris cut
# off while others are served; the per-address connection limit; a 2 GB
# Content-Length refused with 413 unread; oversized headers 431 and
# targets 414; malformed requests 400; deeply nested JSON refused over
# HTTP and by the CLI importers; an XML bomb and an external entity in a
# frab import refused, the database unchanged; rate limits 429 with
# Retry-After on a write endpoint, and recovery after the window.
# Bounded: about 30 s.  Usage: hostile.sh BUILD_DIR
# Prints "ok"/"not ok" lines, then RESULT P F.
set -u
# shellcheck source=tests/e2e/lib/common.sh
. "$(dirname "$0")/lib/common.sh"
e2e_init hostile "${1:-build}"

EV=ogp-americas-2017
db="$tmp/db"
"$bin" demo --db "$db" --proposals 10 --participants 5 >/dev/null 2>&1 || setup_fail "demo"
echo 'organiser-password-1' >"$tmp/pw"
"$bin" user add --db "$db" --email org@example.org --name Olga \
	--password-file "$tmp/pw" >/dev/null || setup_fail "user add"
"$bin" user role --db "$db" --email org@example.org --event "$EV" \
	--role organiser >/dev/null || setup_fail "user role"

# ---- the CLI importers: no network needed ----
# An entity-expansion bomb (as tests/fixtures/agenda/bomb.xml, but inside
# an event) and an external entity naming a local file.
cat >"$tmp/bomb.xml" <<'EOF'
<?xml version="1.0"?>
<!DOCTYPE schedule [
  <!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">
  <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
  <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
  <!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">
  <!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;">
  <!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">
]>
<schedule><conference><acronym>bomb</acronym><title>Bomb</title>
<start>2017-11-21</start><end>2017-11-21</end><days>1</days></conference>
<day index="1" date="2017-11-21"><room name="A"><event guid="0b0b0b0b-0000-4000-8000-000000000001" id="1">
<date>2017-11-21T10:00:00-03:00</date><start>10:00</start><duration>00:30</duration>
<room>A</room><slug>x</slug><title>&f;</title><track>T</track><type>talk</type>
<language>en</language><abstract></abstract><description></description>
<persons></persons></event></room></day></schedule>
EOF
sed -e 's|<!ENTITY a .*|<!ENTITY a SYSTEM "file:///etc/passwd">|' \
	-e '/<!ENTITY [b-f] /d' -e 's|&f;|\&a;|' "$tmp/bomb.xml" >"$tmp/xxe.xml"
sqlite3 "$db" .dump | md5sum >"$tmp/dump.before"
import_refused() { # file format: refused with a message naming the file
	local out rc
	out=$(timeout 20 "$bin" import --db "$db" --format "$2" "$1" 2>&1)
	rc=$?
	echo "exit $rc: $out"
	[ "$rc" != 0 ] && [ "$rc" != 124 ] && grep -qF "$(basename "$1")" <<<"$out"
}
check "XML bomb in a frab import refused" import_refused "$tmp/bomb.xml" frab
check "external entity in a frab import refused" import_refused "$tmp/xxe.xml" frab
nest() { # prefix, depth, suffix: JSON nested depth deep
	printf '%s' "$1"
	printf '%*s' "$2" '' | tr ' ' '['
	printf '%*s' "$2" '' | tr ' ' ']'
	printf '%s\n' "$3"
}
nest '{"schedule":' 100000 '}' >"$tmp/deep.json"
check "deeply nested schedule.json import refused" import_refused "$tmp/deep.json" schedule-json
nest '{"slug":' 100000 '}' >"$tmp/deep-event.json"
deep_event() {
	local out rc
	out=$(timeout 20 "$bin" event load --db "$db" "$tmp/deep-event.json" 2>&1)
	rc=$?
	echo "exit $rc: $out"
	[ "$rc" != 0 ] && [ "$rc" != 124 ] && grep -qF deep-event.json <<<"$out"
}
check "deeply nested event JSON refused" deep_event
unchanged() { sqlite3 "$db" .dump | md5sum | cmp - "$tmp/dump.before"; }
check "refused imports change nothing" unchanged
no_passwd() { ! sqlite3 "$db" .dump | grep -q 'root:x:0:0'; }
check "no local file read into the database" no_passwd

# ---- the server, with short limits ----
CABILDO_HTTP_TIMEOUT=3 CABILDO_HTTP_PER_ADDRESS=8 CABILDO_RATE_SCALE=0.05 \
	CABILDO_RATE_WINDOW=4 \
	e2e_serve "$db" || setup_fail "server did not start"

# The raw-socket cases (hostile_raw.py prints "ok"/"not ok" lines).
python3 "$root/tests/e2e/hostile_raw.py" "$port" >"$tmp/raw.out" 2>&1
while IFS= read -r line; do
	case $line in
	"ok - "*) pass=$((pass + 1)) ;;
	"not ok - "*) fail=$((fail + 1)) ;;
	esac
	echo "$line"
done <"$tmp/raw.out"
grep -q '^\(not \)\?ok - hostile one address' "$tmp/raw.out" || {
	fail=$((fail + 1))
	echo "not ok - hostile raw-socket cases: $(tail -3 "$tmp/raw.out")"
}
alive() { [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$base/healthz")" = 200 ]; }

# Signed in as the organiser (one anonymous POST of the three the scaled
# limit allows per address).
jar="$tmp/jar"
c() { curl -s --max-time 10 -c "$jar" -b "$jar" "$@"; }
csrf() { awk '$6 == "csrf" { v = $7 } END { print v }' "$jar"; }
c -o /dev/null "$base/account/login"
login=$(c -o /dev/null -w '%{http_code}' --data-urlencode "csrf=$(csrf)" \
	--data-urlencode email=org@example.org \
	--data-urlencode password=organiser-password-1 "$base/account/login")
[ "$login" = 303 ] || setup_fail "log-in answered $login"

# Deeply nested JSON as the schedule editor's plan: refused, not a crash.
nest '' 5000 '' >"$tmp/plan"
deep_plan() {
	local s
	s=$(c -o "$tmp/body" -w '%{http_code}' --data-urlencode "csrf=$(csrf)" \
		--data-urlencode "plan@$tmp/plan" "$base/$EV/schedule/save")
	echo "status $s"
	[[ $s == 4[0-9][0-9] ]] && [ "$s" != 429 ] && alive
}
check "deeply nested JSON plan refused (4xx)" deep_plan

# Write endpoint: 120 POSTs a minute per account scaled by 0.05 = 6 (the
# plan above was the first); the seventh is 429 with Retry-After, and
# after the 4 s window a POST goes through again.
star() { c -o /dev/null -D "$tmp/headers" -w '%{http_code}' \
	--data-urlencode "csrf=$(csrf)" --data-urlencode guid=nothing \
	"$base/$EV/star"; }
burst() {
	local i s
	for i in 1 2 3 4 5; do
		s=$(star)
		echo "POST $i: $s"
		[ "$s" != 429 ] || return 1
	done
	s=$(star)
	echo "POST 6: $s"
	[ "$s" = 429 ] && grep -qi '^Retry-After: [1-4]' "$tmp/headers"
}
check "write endpoint: 429 with Retry-After over the limit" burst
recover() {
	local wait s
	wait=$(awk -F': ' 'tolower($1) == "retry-after" { print $2 + 0 }' "$tmp/headers")
	sleep "${wait:-4}"
	s=$(star)
	echo "after ${wait}s: $s"
	[ "$s" != 429 ] && [ "$s" != 000 ]
}
check "write endpoint: allowed again after the window" recover
check "server alive at the end" alive
kill "$server" 2>/dev/null
wait "$server" 2>/dev/null
server=""
clean_log() { ! grep -q 'Sanitizer' "$tmp/server.log"; }
check "server log has no sanitizer report" clean_log

echo "RESULT $pass $fail"
[ "$fail" = 0 ]
