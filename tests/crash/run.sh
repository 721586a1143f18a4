#!/usr/bin/env bash
# SPDX-License-Identifier: AGPL-3.0-or-later
# Crash consistency test (issue 8, part 1).  The real server on 127.0.0.1
# with a fresh database; 8 signed-in clients (tests/crash/client.c) submit
# proposals through the call-for-proposals form and star sessions through
# the star form, each logging every write the server acknowledged; the
# server is killed with SIGKILL at a random moment and restarted, CRASH_ROUNDS
# times (default 50).  Afterwards: every acknowledged write is present
# with the id the server gave, PRAGMA integrity_check is ok, foreign keys
# hold, nothing is duplicated, and the restarted server still serves and
# writes.
#
# SIGKILL ends the process, not the machine: writes that reached the
# kernel's page cache survive it even without fsync.  So this test proves
# that cabildo acknowledges only committed transactions and that SQLite's
# WAL recovers after any kill; it cannot tell synchronous=FULL from NORMAL.
# Power loss is discussed in docs/OPERATIONS.md ("Durability").
#
# Usage: run.sh BUILD_DIR.  CRASH_ROUNDS=N, CRASH_SEED=N (default 1) make
# it longer or different; the seed fixes the kill moments and the clients'
# choices (not the server's scheduling).  Prints ok/not ok lines, then
# RESULT P F.
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-build}
bin="$root/$build/cabildo"
client="$root/$build/tests/crash-client"
rounds=${CRASH_ROUNDS:-50}
seed=${CRASH_SEED:-1}
nclients=8
tmp=$(mktemp -d)
pass=0 fail=0
server=""
cleanup() {
	[ -n "$server" ] && kill -KILL "$server" 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT

ok() { pass=$((pass + 1)); echo "ok - crash $1"; }
notok() { fail=$((fail + 1)); echo "not ok - crash $1"; }
check() { # name, then a command that must succeed
	local name=$1
	shift
	if "$@" >"$tmp/why" 2>&1; then
		ok "$name"
	else
		notok "$name: $(head -c 600 "$tmp/why")"
	fi
}
setup_fail() { echo "not ok - crash setup: $1"; echo "RESULT $pass $((fail + 1))"; exit 1; }

[ -x "$client" ] || setup_fail "$client missing (make BUILD=$build test-build)"
db="$tmp/db"
RANDOM=$seed
echo "# crash: $rounds rounds, seed $seed, $nclients clients"

# A demo-ish database: the demo event, a copy whose call is open, and an
# imported programme to star.
"$bin" demo --db "$db" --proposals 40 --participants 10 >/dev/null ||
	setup_fail "demo"
sed -e 's/"slug": "ogp-americas-2017"/"slug": "open-call"/' \
	-e 's/"closes": "2017-08-20T23:59"/"closes": "2099-12-31T23:59"/' \
	"$root/data/events/ogp-americas-2017.json" >"$tmp/open.json"
"$bin" event load --db "$db" "$tmp/open.json" >/dev/null || setup_fail "event load"
"$bin" import --db "$db" --format frab --quiet \
	"$root/tests/fixtures/agenda/small.xml" >/dev/null || setup_fail "import"
# One account through the CLI; its argon2id hash (64 MiB, slow on
# purpose) is copied to the other seven.
echo 'crash-password-1' >"$tmp/pw"
"$bin" user add --db "$db" --email crash1@example.org --name "Crash 1" \
	--password-file "$tmp/pw" >/dev/null || setup_fail "user add"
for i in $(seq 2 "$nclients"); do
	sqlite3 "$db" "INSERT INTO person (name, email) VALUES ('Crash $i', 'crash$i@example.org');
		INSERT INTO account (person_id, email, password_hash, confirmed_at)
		SELECT last_insert_rowid(), 'crash$i@example.org', password_hash, confirmed_at
		FROM account WHERE email = 'crash1@example.org'" || setup_fail "account $i"
done

start_server() { # starts the server, sets $server and $port
	rm -f "$tmp/port"
	CABILDO_RATE_SCALE=0 "$bin" serve --db "$db" --listen 127.0.0.1:0 --port-file "$tmp/port" \
		--no-access-log 2>>"$tmp/server.log" &
	server=$!
	for _ in $(seq 200); do
		[ -s "$tmp/port" ] && break
		kill -0 "$server" 2>/dev/null || break
		sleep 0.05
	done
	port=$(cat "$tmp/port" 2>/dev/null)
	[ -n "$port" ]
}

start_server || { tail -20 "$tmp/server.log"; setup_fail "server did not start"; }
base="http://127.0.0.1:$port"
curl -s "$base/cabildo-test-2017/agenda?day=all" | grep -o 'data-guid="[0-9a-f-]*"' |
	cut -d'"' -f2 | awk '!seen[$0]++' >"$tmp/guids"
[ "$(wc -l <"$tmp/guids")" -ge 4 ] || setup_fail "fewer than 4 sessions to star"
# Each client signs in once; its session lives in the database, so it
# outlives every restart.
login() { # client number: its cookie jar, and "303" in $tmp/login.N
	local jar="$tmp/c$1.jar" csrf
	curl -s -c "$jar" -b "$jar" -o /dev/null "$base/account/login"
	csrf=$(awk '$6 == "csrf" { v = $7 } END { print v }' "$jar")
	curl -s -c "$jar" -b "$jar" -o /dev/null -w '%{http_code}' \
		--data-urlencode "csrf=$csrf" -d "email=crash$1@example.org" \
		-d password=crash-password-1 "$base/account/login" >"$tmp/login.$1"
}
lp=()
for i in $(seq "$nclients"); do login "$i" & lp+=($!); done
wait "${lp[@]}"
for i in $(seq "$nclients"); do
	jar="$tmp/c$i.jar"
	st=$(cat "$tmp/login.$i")
	[ "$st" = 303 ] || setup_fail "client $i cannot log in ($st)"
	sid[i]=$(awk '$6 == "sid" { v = $7 } END { print v }' "$jar")
	tok[i]=$(awk '$6 == "csrf" { v = $7 } END { print v }' "$jar")
	[ -n "${sid[i]}" ] && [ -n "${tok[i]}" ] || setup_fail "client $i: no cookies"
done
kill -KILL "$server"
wait "$server" 2>/dev/null
server=""

# The rounds.  Each kill lands 0 to 0.4 s after the clients' first 8
# acknowledged writes of the round, so while writes are flowing.
acked() { cat "$tmp"/c*.log 2>/dev/null | wc -l; }
restarts=0 start=$SECONDS
for r in $(seq "$rounds"); do
	if ! start_server; then
		tail -20 "$tmp/server.log"
		notok "round $r: the server did not restart after a kill"
		break
	fi
	restarts=$((restarts + 1))
	before=$(acked)
	pids=()
	for i in $(seq "$nclients"); do
		"$client" "$port" "$tmp/c$i.log" "r${r}c$i" 10 \
			$((seed * 100000 + r * 100 + i)) "${sid[i]}" "${tok[i]}" \
			/open-call/cfp/new /cabildo-test-2017/star "$tmp/guids" \
			>>"$tmp/clients.out" 2>&1 &
		pids+=($!)
	done
	# Writes flowing first (at most 5 s), then a random moment.
	for _ in $(seq 250); do
		[ "$(acked)" -ge $((before + nclients)) ] && break
		sleep 0.02
	done
	ms=$((RANDOM % 400))
	sleep "$((ms / 1000)).$(printf '%03d' $((ms % 1000)))"
	kill -KILL "$server"
	wait "$server" 2>/dev/null
	server=""
	wait "${pids[@]}"
done
elapsed=$((SECONDS - start))
[ "$restarts" = "$rounds" ] && ok "the server restarted after each of $rounds kills ($elapsed s)"

# A control, kept aside: the database as the last kill left it, without
# its write-ahead log (what a lost -wal file would mean).
cp "$db" "$tmp/no-wal.db"

# Once more: recovery by cabildo itself, then reads and a write still work.
start_server || { tail -20 "$tmp/server.log"; setup_fail "no restart after the last kill"; }
base="http://127.0.0.1:$port"
t_serves() {
	[ "$(curl -s -o /dev/null -w '%{http_code}' "$base/cabildo-test-2017/agenda?day=all")" = 200 ] &&
	"$client" "$port" "$tmp/c1.log" final 0.3 "$seed" "${sid[1]}" "${tok[1]}" \
		/open-call/cfp/new /cabildo-test-2017/star "$tmp/guids" >"$tmp/final.out" &&
	grep -qv ' 0 proposals' "$tmp/final.out"
}
check "after the last kill the server serves and accepts writes" t_serves
kill -TERM "$server"
wait "$server"
rc=$?
server=""
check "the server stops cleanly on SIGTERM after the kills" test "$rc" = 0

# What the clients were told, as SQL.
{
	echo "CREATE TEMP TABLE acked_p (id INTEGER, title TEXT);"
	echo "CREATE TEMP TABLE acked_s (email TEXT, guid TEXT);"
	for i in $(seq "$nclients"); do
		[ -f "$tmp/c$i.log" ] || continue
		awk -v e="crash$i@example.org" '
			$1 == "P" { printf "INSERT INTO acked_p VALUES (%d, '\''%s'\'');\n", $2, $3 }
			$1 == "S" { printf "INSERT INTO acked_s VALUES ('\''%s'\'', '\''%s'\'');\n", e, $2 }
		' "$tmp/c$i.log"
	done
} >"$tmp/acked.sql"
q() { sqlite3 -batch "${qdb:-$db}" ".read $tmp/acked.sql" "$1"; }

np=$(q "SELECT count(*) FROM acked_p")
ns=$(q "SELECT count(DISTINCT email || guid) FROM acked_s")
echo "# $np proposals and $ns distinct stars acknowledged; $(grep -c . "$tmp/clients.out") client runs"
t_enough() { # a test whose clients got nothing through proves nothing
	[ "$np" -ge "$rounds" ] && [ "$ns" -ge 8 ] ||
		{ echo "only $np proposals, $ns stars"; tail -5 "$tmp/clients.out"; false; }
}
t_integrity() { [ "$(sqlite3 "$db" 'PRAGMA integrity_check')" = ok ]; }
t_fk() { [ -z "$(sqlite3 "$db" 'PRAGMA foreign_key_check')" ]; }
t_proposals() {
	local missing
	missing=$(q "SELECT a.id || ' ' || a.title FROM acked_p a
		LEFT JOIN proposal p ON p.id = a.id AND p.title = a.title
		    AND p.status = 'submitted'
		WHERE p.id IS NULL LIMIT 10")
	[ -z "$missing" ] || { echo "acknowledged but missing: $missing"; false; }
}
t_proposal_speakers() { # each acknowledged proposal has its owner as speaker
	local n
	n=$(q "SELECT count(*) FROM acked_p a WHERE NOT EXISTS
		(SELECT 1 FROM proposal_speaker s WHERE s.proposal_id = a.id)")
	[ "$n" = 0 ] || { echo "$n without a speaker"; false; }
}
t_stars() {
	local missing
	missing=$(q "SELECT a.email || ' ' || a.guid FROM acked_s a
		WHERE NOT EXISTS (SELECT 1 FROM interest i
		    JOIN registration r ON r.id = i.registration_id
		    JOIN account ac ON ac.person_id = r.person_id
		    JOIN session s ON s.id = i.session_id
		    WHERE ac.email = a.email AND s.guid = a.guid) LIMIT 10")
	[ -z "$missing" ] || { echo "acknowledged but missing: $missing"; false; }
}
t_no_dup_proposals() {
	local d
	d=$(q "SELECT title FROM proposal WHERE title LIKE 'crash-%'
		GROUP BY title HAVING count(*) > 1 LIMIT 5")
	[ -z "$d" ] || { echo "duplicated: $d"; false; }
}
t_no_dup_stars() {
	local d
	d=$(q "SELECT registration_id, session_id FROM interest
		WHERE session_id IS NOT NULL
		GROUP BY registration_id, session_id HAVING count(*) > 1 LIMIT 5")
	[ -z "$d" ] || { echo "duplicated: $d"; false; }
	d=$(q "SELECT event_id, person_id FROM registration
		GROUP BY event_id, person_id HAVING count(*) > 1 LIMIT 5")
	[ -z "$d" ] || { echo "duplicated registration: $d"; false; }
}
check "the clients' writes got through ($np proposals, $ns stars)" t_enough
check "PRAGMA integrity_check is ok" t_integrity
check "PRAGMA foreign_key_check finds nothing" t_fk
check "every acknowledged proposal is present with its id and title" t_proposals
check "every acknowledged proposal has its speaker" t_proposal_speakers
check "every acknowledged star is present" t_stars
check "no proposal is duplicated" t_no_dup_proposals
check "no star or registration is duplicated" t_no_dup_stars
# Informative: the checks can see a loss (0 when the last checkpoint
# happened to empty the log), and writes committed whose answer was cut.
lost=$(qdb="$tmp/no-wal.db" q "SELECT count(*) FROM acked_p a LEFT JOIN proposal p
	ON p.id = a.id AND p.title = a.title WHERE p.id IS NULL")
echo "# control: without its -wal file the database lacks $lost acknowledged proposals"
inflight=$(q "SELECT count(*) FROM proposal WHERE title LIKE 'crash-%'
	AND title NOT IN (SELECT title FROM acked_p)")
echo "# $inflight proposals committed whose answer the kill cut off"
echo "RESULT $pass $fail"
[ "$fail" = 0 ]
