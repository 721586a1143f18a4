#!/usr/bin/env bash
# SPDX-License-Identifier: AGPL-3.0-or-later
#
# proposals_list.sh: server CPU per request of the organisers' proposals
# list on the demo (650 proposals), which marks doubtful themes with the
# classifier's view (web/theme_check.c, cached per thread until the next
# commit).  Sends REQUESTS (100) sequential GETs of the unfiltered list
# and reads the server's user+system CPU from /proc/PID/stat before and
# after; prints CPU ms per request and wall ms per request.
# Not a test: numbers are reported, never enforced.
#
# Environment: CABILDO (default build/cabildo), REQUESTS (100), THREADS (2).
set -euo pipefail

here=$(cd "$(dirname "$0")/.." && pwd)
CABILDO=${CABILDO:-$here/build/cabildo}
REQUESTS=${REQUESTS:-100}
THREADS=${THREADS:-2}
tmp=$(mktemp -d)
server=""
cleanup() {
	[ -n "$server" ] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT

db="$tmp/db"
"$CABILDO" demo --db "$db" >/dev/null
echo 'organiser-password-1' >"$tmp/pw"
"$CABILDO" user add --db "$db" --email org@example.org --name Org \
	--password-file "$tmp/pw" >/dev/null
"$CABILDO" user role --db "$db" --email org@example.org \
	--event ogp-americas-2017 --role organiser >/dev/null
"$CABILDO" serve --db "$db" --listen 127.0.0.1:0 --threads "$THREADS" \
	--no-access-log --port-file "$tmp/port" 2>"$tmp/server.log" &
server=$!
for _ in $(seq 100); do [ -s "$tmp/port" ] && break; sleep 0.1; done
base="http://127.0.0.1:$(cat "$tmp/port")"
c() { curl -s --max-time 30 -c "$tmp/jar" -b "$tmp/jar" "$@"; }
c -o /dev/null "$base/account/login"
c -o /dev/null --data-urlencode \
	"csrf=$(awk '$6 == "csrf" { v = $7 } END { print v }' "$tmp/jar")" \
	-d email=org@example.org -d password=organiser-password-1 \
	"$base/account/login"
url="$base/ogp-americas-2017/proposals/"
[ "$(c -o /dev/null -w '%{http_code}' "$url")" = 200 ] || {
	echo "proposals list: not 200" >&2
	exit 1
}
hz=$(getconf CLK_TCK)
cpu() { awk '{ print $14 + $15 }' "/proc/$server/stat"; }
before=$(cpu)
t0=$(date +%s%N)
for _ in $(seq "$REQUESTS"); do c -o /dev/null "$url"; done
t1=$(date +%s%N)
after=$(cpu)
awk -v b="$before" -v a="$after" -v hz="$hz" -v n="$REQUESTS" \
	-v w="$(((t1 - t0) / 1000000))" 'BEGIN {
	printf "%d GETs of /ogp-americas-2017/proposals/ (650 proposals): " \
	    "server CPU %.1f ms/request, wall %.1f ms/request\n",
	    n, (a - b) * 1000 / hz / n, w / n }'
