#!/usr/bin/env bash
# SPDX-License-Identifier: AGPL-3.0-or-later
#
# cfp.sh: the call for proposals under load, as issue 3 asks:
#  1. SUBMISSIONS (650) proposals submitted through HTTP by CLIENTS (8)
#     concurrent clients, each signed in with its own account (sign-up,
#     confirmation through the outbox, log-in: argon2id included), on top
#     of the demo's 650 synthetic proposals; prints submissions/s;
#  2. the organisers' list filtered by theme, and by a full-text query,
#     with wrk: requests/s and p99 latency.
# Not a test: numbers are reported, never enforced.
#
# Environment: CABILDO (default build/cabildo), SUBMISSIONS (650),
# CLIENTS (8), DURATION (10s), CONNECTIONS (8), THREADS (2).
set -euo pipefail

here=$(cd "$(dirname "$0")/.." && pwd)
CABILDO=${CABILDO:-$here/build/cabildo}
SUBMISSIONS=${SUBMISSIONS:-650}
CLIENTS=${CLIENTS:-8}
DURATION=${DURATION:-10s}
CONNECTIONS=${CONNECTIONS:-8}
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
sed -e 's/"slug": "ogp-americas-2017"/"slug": "bench-call"/' \
    -e 's/"closes": "2017-08-20T23:59"/"closes": "2099-12-31T23:59"/' \
    "$here/data/events/ogp-americas-2017.json" >"$tmp/open.json"
"$CABILDO" event load --db "$db" "$tmp/open.json" >/dev/null
"$CABILDO" demo --db "$db" >/dev/null 2>&1 || true
echo 'organiser-password-1' >"$tmp/pw"
"$CABILDO" user add --db "$db" --email org@example.org --name Org \
	--password-file "$tmp/pw" >/dev/null
"$CABILDO" user role --db "$db" --email org@example.org --event ogp-americas-2017 \
	--role organiser >/dev/null
"$CABILDO" user role --db "$db" --email org@example.org --event bench-call \
	--role organiser >/dev/null
# 650 proposals from 8 accounts on one address: over the rate limits
# for new proposals (web/ratelimit.h), which this does not measure.
CABILDO_RATE_SCALE=0 "$CABILDO" serve --db "$db" --listen 127.0.0.1:0 \
	--port-file "$tmp/port" 2>"$tmp/server.log" &
server=$!
for _ in $(seq 100); do [ -s "$tmp/port" ] && break; sleep 0.1; done
base="http://127.0.0.1:$(cat "$tmp/port")"

c() { local jar=$1; shift; curl -s --max-time 30 -c "$tmp/$jar.jar" -b "$tmp/$jar.jar" "$@"; }
csrf() { awk '$6 == "csrf" { v = $7 } END { print v }' "$tmp/$1.jar"; }
login() { # jar email password
	c "$1" -o /dev/null "$base/account/login"
	c "$1" -o /dev/null --data-urlencode "csrf=$(csrf "$1")" \
		--data-urlencode "email=$2" --data-urlencode "password=$3" \
		"$base/account/login"
}

# Accounts for the clients (not timed).
for i in $(seq "$CLIENTS"); do
	c "u$i" -o /dev/null "$base/account/signup"
	c "u$i" -o /dev/null --data-urlencode "csrf=$(csrf "u$i")" \
		-d "name=Client $i" -d "email=client$i@example.org" \
		-d "password=client-password-$i" "$base/account/signup"
done
"$CABILDO" outbox list --db "$db" | awk '/token=/ { sub(/.*token=/, ""); print }' >"$tmp/tokens"
while read -r t; do curl -s -o /dev/null "$base/account/confirm?token=$t"; done <"$tmp/tokens"
for i in $(seq "$CLIENTS"); do login "u$i" "client$i@example.org" "client-password-$i"; done

themes=(civic-space anti-corruption open-state civic-tech subnational ogp-cocreation sdg)
client() { # i count
	local i=$1 n=$2 k tok
	tok=$(csrf "u$i")
	for k in $(seq "$n"); do
		c "u$i" -o /dev/null -w '%{http_code}\n' --data-urlencode "csrf=$tok" \
			--data-urlencode "title=Propuesta $i-$k sobre datos abiertos y participación" \
			--data-urlencode "abstract=Resumen de la propuesta $k del cliente $i." \
			--data-urlencode "description=Descripción larga con transparencia fiscal $k." \
			-d format=workshop -d "theme=${themes[$(((i + k) % 7))]}" -d language=es \
			-d action=submit "$base/bench-call/cfp/new"
	done >"$tmp/codes.$i"
}
per=$(((SUBMISSIONS + CLIENTS - 1) / CLIENTS))
start=$(date +%s.%N)
for i in $(seq "$CLIENTS"); do client "$i" "$per" & done
wait $(jobs -p | grep -v "^$server$") 2>/dev/null || true
end=$(date +%s.%N)
ok=$(cat "$tmp"/codes.* | grep -c '^303$' || true)
total=$(cat "$tmp"/codes.* | wc -l)
echo "submissions: $ok of $total accepted (303) by $CLIENTS clients in" \
	"$(echo "$end - $start" | bc) s: $(echo "scale=1; $ok / ($end - $start)" | bc) submissions/s"

login org org@example.org organiser-password-1
sid=$(awk '$6 == "sid" { print $7 }' "$tmp/org.jar")
for q in "bench-call/proposals/?theme=civic-tech" "bench-call/proposals/?q=transparencia" \
	"ogp-americas-2017/proposals/?theme=sdg" "ogp-americas-2017/proposals/?q=datos+abiertos"; do
	n=$(curl -s -H "Cookie: sid=$sid" "$base/$q" | grep -o '<strong>[0-9]*</strong>' | head -1 | tr -dc 0-9)
	echo "== /$q ($n proposals match)"
	wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency -H "Cookie: sid=$sid" \
		"$base/$q" | grep -E 'Requests/sec|^ +99%|^ +50%|Non-2xx'
done
