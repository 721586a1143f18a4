#!/usr/bin/env bash
# SPDX-License-Identifier: AGPL-3.0-or-later
#
# agenda.sh: the published agenda of FOSDEM 2025 (943 events, from
# ../shared/data/fosdem/fosdem-2025.xml), as issue 5 asks:
#  1. import and export times of the whole programme (goal: under 200 ms
#     each), from the command line and inside one process;
#  2. the full round trip of every FOSDEM and CCC file in ../shared/data
#     (import, export frab and schedule.json, re-import, compare field by
#     field): build/bench/agenda_roundtrip, which also prints per-step
#     times;
#  3. wrk on loopback against the agenda page and schedule.json, beside
#     nginx serving the same bytes as static files in the same run (goal:
#     at least 50% of nginx's requests/s, p99 under 20 ms at 64
#     connections).
# Starring over HTTP (1,500 participants x 20 stars) is bench/stars.sh.
# Not a test: goals are reported, never enforced.
#
# Environment: CABILDO (default build/cabildo), ROUNDTRIP (default
# build/bench/agenda_roundtrip), DATA (default ../shared/data), DURATION
# (default 10s), ROUNDS (default 3), CONNECTIONS (64), THREADS (2).
set -euo pipefail

here=$(cd "$(dirname "$0")/.." && pwd)
CABILDO=${CABILDO:-$here/build/cabildo}
ROUNDTRIP=${ROUNDTRIP:-$here/build/bench/agenda_roundtrip}
DATA=${DATA:-$here/../shared/data}
DURATION=${DURATION:-10s}
ROUNDS=${ROUNDS:-3}
CONNECTIONS=${CONNECTIONS:-64}
THREADS=${THREADS:-2}
FOSDEM=$DATA/fosdem/fosdem-2025.xml
EV=fosdem-2025
AGENDA="/$EV/agenda?day=2025-02-01"

for f in "$CABILDO" "$ROUNDTRIP"; do
	[[ -x $f ]] || { echo "bench/agenda.sh: $f is missing: run 'make bench'" >&2; exit 1; }
done
[[ -f $FOSDEM ]] || { echo "bench/agenda.sh: $FOSDEM is missing" >&2; exit 1; }
for cmd in wrk nginx curl; do
	command -v "$cmd" >/dev/null || [[ -x /usr/sbin/$cmd ]] || {
		echo "bench/agenda.sh: needs $cmd (apt-get install wrk nginx curl)" >&2
		exit 1
	}
done
NGINX=$(command -v nginx || echo /usr/sbin/nginx)

tmp=$(mktemp -d "${TMPDIR:-/tmp}/cabildo-agenda-bench.XXXXXX")
cabildo_pid= nginx_pid=
cleanup() {
	local pid
	for pid in $cabildo_pid $nginx_pid; do
		if kill -0 "$pid" 2>/dev/null; then
			kill -TERM "$pid" 2>/dev/null || true
			wait "$pid" 2>/dev/null || true
		fi
	done
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

ms_since() { echo $(( ($(date +%s%N) - $1) / 1000000 )); }

echo "machine: $(nproc) cores, $(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "== 1. import and export of FOSDEM 2025 (command line, wall clock)"
"$CABILDO" init --db "$tmp/db" >/dev/null
# the first import also applies the migrations: time a second one
"$CABILDO" import --db "$tmp/db" --format frab --quiet --event warm-up "$FOSDEM" >/dev/null
cpu() { /usr/bin/time -f '%e s wall, %U s user, %S s sys' "$@" 2>&1 >/dev/null | tail -1; }
echo "import frab:          $(cpu "$CABILDO" import --db "$tmp/db" --format frab --quiet "$FOSDEM") (goal < 200 ms)"
for f in frab schedule-json ical csv json; do
	printf 'export %-14s %s (goal < 200 ms)\n' "$f:" \
	    "$(cpu "$CABILDO" export --db "$tmp/db" --event "$EV" --format "$f" -o "$tmp/out.$f")"
done
t=$(date +%s%N)
"$CABILDO" import --db "$tmp/db" --format schedule-json --event json-copy \
	--quiet "$tmp/out.schedule-json" >/dev/null
echo "import schedule.json:   $(ms_since "$t") ms"

echo
echo "== 2. round trip of every FOSDEM and CCC file (in one process)"
"$ROUNDTRIP" "$DATA"/fosdem/*.xml "$DATA"/ccc/*.xml "$DATA"/ccc/*.json

echo
echo "== 3. HTTP: cabildo vs nginx serving the same bytes"
"$CABILDO" serve --db "$tmp/db" --listen 127.0.0.1:0 --threads "$THREADS" \
	--no-access-log --port-file "$tmp/port" 2>"$tmp/cabildo.log" &
cabildo_pid=$!
for _ in $(seq 1 100); do [[ -s $tmp/port ]] && break; sleep 0.05; done
cbase="http://127.0.0.1:$(cat "$tmp/port")"
mkdir -p "$tmp/www/$EV" "$tmp/nginx"
curl -sf -o "$tmp/www/agenda.html" "$cbase$AGENDA"
curl -sf -o "$tmp/www/$EV/schedule.json" "$cbase/$EV/schedule.json"
nport=$((20000 + RANDOM % 40000))
{
	((EUID == 0)) && echo "user root;"
	cat <<CONF
worker_processes $THREADS;
daemon off;
pid $tmp/nginx/nginx.pid;
error_log $tmp/nginx/error.log warn;
events { worker_connections 4096; }
http {
	access_log off;
	sendfile on;
	tcp_nopush on;
	keepalive_requests 1000000;
	client_body_temp_path $tmp/nginx/body;
	proxy_temp_path $tmp/nginx/proxy;
	fastcgi_temp_path $tmp/nginx/fastcgi;
	uwsgi_temp_path $tmp/nginx/uwsgi;
	scgi_temp_path $tmp/nginx/scgi;
	types { text/html html; application/json json; }
	server { listen 127.0.0.1:$nport; root $tmp/www; }
}
CONF
} >"$tmp/nginx/nginx.conf"
"$NGINX" -p "$tmp/nginx" -e "$tmp/nginx/error.log" -c "$tmp/nginx/nginx.conf" &
nginx_pid=$!
nbase="http://127.0.0.1:$nport"
for _ in $(seq 1 100); do curl -sf -o /dev/null "$nbase/agenda.html" && break; sleep 0.1; done
curl -sf "$nbase/$EV/schedule.json" | cmp -s - "$tmp/www/$EV/schedule.json" ||
	{ echo "nginx does not serve the saved bytes" >&2; exit 1; }

to_ms() {
	awk -v v="$1" 'BEGIN { n = v + 0
		if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n += 0
		else if (v ~ /s$/) n *= 1000
		printf "%.2f", n }'
}
run_wrk() { # NAME URL
	local out
	out=$(wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency "$2")
	printf '%s %s %s\n' "$(awk '/^Requests\/sec:/ { print $2 }' <<<"$out")" \
		"$(to_ms "$(awk '$1 == "50%" { print $2 }' <<<"$out")")" \
		"$(to_ms "$(awk '$1 == "99%" { print $2 }' <<<"$out")")" >>"$tmp/res.$1"
	tail -1 "$tmp/res.$1" | awk -v n="$1" '{ printf "  %-16s %9.0f req/s  p50 %7.2f ms  p99 %7.2f ms\n", n, $1, $2, $3 }'
}
median() {
	cut -d' ' -f"$1" "$2" | sort -g | awk '{ v[NR] = $1 }
		END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
echo "agenda page $(wc -c <"$tmp/www/agenda.html") bytes, schedule.json" \
	"$(wc -c <"$tmp/www/$EV/schedule.json") bytes; wrk -t2 -c$CONNECTIONS -d$DURATION, $ROUNDS rounds"
for r in $(seq 1 "$ROUNDS"); do
	echo "round $r"
	run_wrk cabildo-agenda "$cbase$AGENDA"
	run_wrk nginx-agenda "$nbase/agenda.html"
	run_wrk cabildo-json "$cbase/$EV/schedule.json"
	run_wrk nginx-json "$nbase/$EV/schedule.json"
done
echo
printf '%-16s %10s %8s %8s\n' medians 'req/s' 'p50 ms' 'p99 ms'
for s in cabildo-agenda nginx-agenda cabildo-json nginx-json; do
	printf '%-16s %10.0f %8.2f %8.2f\n' "$s" "$(median 1 "$tmp/res.$s")" \
		"$(median 2 "$tmp/res.$s")" "$(median 3 "$tmp/res.$s")"
done
for p in agenda json; do
	awk -v c="$(median 1 "$tmp/res.cabildo-$p")" -v n="$(median 1 "$tmp/res.nginx-$p")" \
	    -v q="$(median 3 "$tmp/res.cabildo-$p")" -v p="$p" 'BEGIN {
		r = c / n
		printf "%s: cabildo/nginx %.2f (goal at least 0.50: %s), p99 %.2f ms (goal under 20: %s)\n",
		    p, r, (r >= 0.5) ? "met" : "NOT met", q, (q < 20) ? "met" : "NOT met" }'
done
echo
echo "== 4. starring over HTTP: pending (needs the participant POST endpoint of the accounts issue)"
