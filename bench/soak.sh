#!/usr/bin/env bash
# SPDX-License-Identifier: AGPL-3.0-or-later
#
# soak.sh: a mixed load on loopback for SOAK_SECONDS (default 600):
# anonymous agenda, event and session pages, the schedule.json,
# schedule.ics and sessions.csv exports, and signed-in visitors starring
# sessions, submitting proposals to an open call and logging in again
# (bench/soak_client.py gives the mix).  CLIENTS visitors (PROCS
# processes of THREADS threads), each with its own account and keep-alive
# connection, send requests at SOAK_RATE per second all together (open
# loop), or without it each as soon as its last is answered (closed loop);
# log-ins come at SOAK_LOGINS_PER_MIN, a rate of their own.
#
# Meanwhile the server's resident memory (VmRSS) and open descriptors
# (/proc/PID/fd) are sampled every SAMPLE seconds; after a warm-up (the
# first fifth of the run) their growth is reported: the mean of the last
# quarter of samples against the mean of the first quarter after warm-up.
# Prints the latency per request class (p50, p95, p99, max), the error
# count (any unexpected status or connection error), the samples (with
# the machine's load average), and verdicts: p99 < 100 ms over every
# request but the log-ins, 0 errors, RSS floor growth < 10% and fd growth < 16.
# Exits 1 when a verdict fails.  A log-in is an argon2id hash (64 MiB,
# about 0.35 s of CPU by design): its own latency is
# the hash's and is reported, not judged; what is judged is that hashing
# (on the server's hashing threads, src/web/server.c) does not slow the
# other requests.
#
# The server runs with CABILDO_RATE_SCALE=0, which turns the rate limits
# off (web/ratelimit.h): this measures capacity, not the rate limiter
# (tests/e2e/hostile.sh tests that), and one address sends everything.
# Nothing else is relaxed: argon2id keeps its interactive cost, CSRF and
# sessions work as in production.  Its access log goes to a file.
#
# Environment: CABILDO (default build/cabildo), SOAK_SECONDS (600),
# PROCS (2), THREADS (8), SAMPLE (5), SERVER_THREADS (0: one per core),
# SCHEDULE_SECONDS (10), SOAK_RATE (0: closed loop), SOAK_LOGINS_PER_MIN
# (12; 0: no log-ins).
set -euo pipefail

here=$(cd "$(dirname "$0")/.." && pwd)
CABILDO=${CABILDO:-$here/build/cabildo}
SOAK_SECONDS=${SOAK_SECONDS:-600}
PROCS=${PROCS:-2}
THREADS=${THREADS:-8}
SAMPLE=${SAMPLE:-5}
SERVER_THREADS=${SERVER_THREADS:-0}
EV=ogp-americas-2017
OPEN=open-call
tmp=$(mktemp -d "${TMPDIR:-/tmp}/cabildo-soak.XXXXXX")
server=""
sampler=""
cleanup() {
	[ -n "$sampler" ] && kill "$sampler" 2>/dev/null
	[ -n "$server" ] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT

[[ -x $CABILDO ]] || { echo "bench/soak.sh: $CABILDO is missing: run 'make'" >&2; exit 1; }
clients=$((PROCS * THREADS))
db="$tmp/db"
"$CABILDO" demo --db "$db" >/dev/null
# the demo's sessions get rooms and times from the optimiser
"$CABILDO" schedule --db "$db" --event "$EV" --time-limit "${SCHEDULE_SECONDS:-10}" \
	--quiet >/dev/null 2>&1
# a copy of the event whose call for proposals is open
sed -e "s/\"slug\": \"$EV\"/\"slug\": \"$OPEN\"/" \
	-e 's/"closes": "2017-08-20T23:59"/"closes": "2099-12-31T23:59"/' \
	"$here/data/events/$EV.json" >"$tmp/open.json"
"$CABILDO" event load --db "$db" "$tmp/open.json" >/dev/null
echo 'soak-password-1' >"$tmp/pw"
seq "$clients" | xargs -P 4 -I{} "$CABILDO" user add --db "$db" \
	--email "soak{}@example.org" --name "Soak {}" --password-file "$tmp/pw" \
	>/dev/null

threads_opt=()
[ "$SERVER_THREADS" != 0 ] && threads_opt=(--threads "$SERVER_THREADS")
CABILDO_RATE_SCALE=0 "$CABILDO" serve --db "$db" --listen 127.0.0.1:0 \
	"${threads_opt[@]}" --port-file "$tmp/port" 2>"$tmp/server.log" &
server=$!
for _ in $(seq 300); do [ -s "$tmp/port" ] && break; sleep 0.1; done
port=$(cat "$tmp/port" 2>/dev/null) || { cat "$tmp/server.log" >&2; exit 1; }

# t, VmRSS in KiB, open descriptors, 1-minute load average: every SAMPLE
# seconds.
(
	t0=$(date +%s)
	while kill -0 "$server" 2>/dev/null; do
		rss=$(awk '/^VmRSS:/ { print $2 }' "/proc/$server/status" 2>/dev/null || echo 0)
		fds=$(ls "/proc/$server/fd" 2>/dev/null | wc -l)
		echo "$(($(date +%s) - t0)) $rss $fds $(cut -d' ' -f1 /proc/loadavg)"
		sleep "$SAMPLE"
	done
) >"$tmp/samples" &
sampler=$!

echo "soak: ${SOAK_SECONDS}s, $clients visitors ($PROCS processes x $THREADS threads)," \
	"rate ${SOAK_RATE:-closed loop}/s, ${SOAK_LOGINS_PER_MIN:-12} log-ins/min," \
	"server $(nproc) cores, load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
python3 "$here/bench/soak_client.py" "$port" "$EV" "$OPEN" "$SOAK_SECONDS" \
	"$PROCS" "$THREADS" | tee "$tmp/client.out"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
kill "$sampler" 2>/dev/null
sampler=""
echo "proposals in the open call: $(sqlite3 "$db" \
	"SELECT count(*) FROM proposal p JOIN event e ON e.id = p.event_id WHERE e.slug = '$OPEN'" 2>/dev/null || echo '?')"

# Verdicts.  Samples: "t rss fds".
awk -v secs="$SOAK_SECONDS" '
	{ t[NR] = $1; r[NR] = $2; f[NR] = $3 }
	END {
		warm = 0
		for (i = 1; i <= NR; i++) if (t[i] >= secs / 5) { warm = i; break }
		if (warm == 0 || NR - warm < 4) { print "samples: too few after warm-up"; exit }
		n = NR - warm + 1; q = int(n / 4); if (q < 1) q = 1
		# RSS swings by 64 MiB per argon2id hash in flight (allocated
		# and returned to the system per hash): the floor of each
		# quarter (no hash running) is what a leak would raise.
		m0 = m1 = -1
		for (i = warm; i < warm + q; i++) {
			r0 += r[i]; f0 += f[i]; if (m0 < 0 || r[i] < m0) m0 = r[i]
		}
		for (i = NR - q + 1; i <= NR; i++) {
			r1 += r[i]; f1 += f[i]; if (m1 < 0 || r[i] < m1) m1 = r[i]
		}
		r0 /= q; r1 /= q; f0 /= q; f1 /= q
		for (i = 1; i <= NR; i++) if (r[i] > rmax) rmax = r[i]
		printf "rss: %.1f MiB at start; floor %.1f MiB after warm-up, %.1f MiB at the end (%+.1f%%); mean %.1f -> %.1f MiB; max %.1f MiB\n",
			r[1] / 1024, m0 / 1024, m1 / 1024, (m1 - m0) * 100 / m0, r0 / 1024, r1 / 1024, rmax / 1024
		printf "fds: %d at start, %.0f after warm-up, %.0f at the end: %+.0f\n", f[1], f0, f1, f1 - f0
		printf "verdict-rss %s\nverdict-fds %s\n", (m1 - m0) * 100 / m0 < 10 ? "ok" : "GROWS",
			f1 - f0 < 16 ? "ok" : "GROWS"
	}' "$tmp/samples" | tee "$tmp/verdicts"
echo "load average during the run (1 min): median $(awk '{ print $4 }' "$tmp/samples" | sort -n |
	awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'), min/max $(awk '{ print $4 }' "$tmp/samples" |
	sort -n | sed -n '1p;$p' | paste -sd/)"
echo "samples (s, VmRSS KiB, fds, load): $(awk '{ printf "%s%s/%s/%s/%s", (NR > 1 ? " " : ""), $1, $2, $3, $4 }' "$tmp/samples")"
p99=$(awk '$1 == "total-nologin" { print $5 }' "$tmp/client.out")
errors=$(awk '$1 == "errors" { print $2 }' "$tmp/client.out")
ok=0
awk -v p="$p99" 'BEGIN { exit !(p < 100) }' && echo "verdict-p99 ok ($p99 ms, log-ins aside)" ||
	{ echo "verdict-p99 OVER ($p99 ms, log-ins aside)"; ok=1; }
[ "$errors" = 0 ] && echo "verdict-errors ok" || { echo "verdict-errors $errors"; ok=1; }
grep -q 'verdict-rss ok' "$tmp/verdicts" && grep -q 'verdict-fds ok' "$tmp/verdicts" || ok=1
echo "server 5xx in the access log: $(grep -c 'access .* 5[0-9][0-9] ' "$tmp/server.log" || true)"
exit $ok
