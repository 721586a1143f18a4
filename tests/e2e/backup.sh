#!/usr/bin/env bash
# SPDX-License-Identifier: AGPL-3.0-or-later
# End-to-end tests of `cabildo backup` and `cabildo restore` (issue 8,
# part 6): a backup taken while 4 signed-in clients (the crash test's
# writer, tests/crash/client.c) keep submitting proposals and starring
# sessions through the real server opens, passes integrity_check, is one
# self-contained file and holds every write acknowledged before it
# started; the writers are not stopped by it.  Then the restore round
# trip, a restore refused while a server has the database open, and
# refused broken, foreign and newer backups that change nothing.
# Usage: backup.sh BUILD_DIR.  Prints ok/not ok lines, then RESULT P F.
set -u
# shellcheck source=tests/e2e/lib/common.sh
. "$(dirname "$0")/lib/common.sh"
e2e_init backup "${1:-build}"
e2e_wait=1
client="$root/$build/tests/crash-client"
pids=()
e2e_cleanup_hook() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done; }
[ -x "$client" ] || setup_fail "$client missing (make BUILD=$build test-build)"

db="$tmp/live.db"
"$bin" demo --db "$db" --proposals 40 --participants 10 >/dev/null || setup_fail "demo"
e2e_open_call "$db"
"$bin" import --db "$db" --format frab --quiet \
	"$root/tests/fixtures/agenda/small.xml" >/dev/null || setup_fail "import"
echo 'backup-password-1' >"$tmp/pw"
"$bin" user add --db "$db" --email w@example.org --name Writer \
	--password-file "$tmp/pw" >/dev/null || setup_fail "user add"

serve() { # database: starts a server on it, sets $server and $port
	rm -f "$tmp/port"
	CABILDO_RATE_SCALE=0 "$bin" serve --db "$1" --listen 127.0.0.1:0 \
		--port-file "$tmp/port" --no-access-log 2>>"$tmp/server.log" &
	server=$!
	for _ in $(seq 200); do [ -s "$tmp/port" ] && break; sleep 0.05; done
	port=$(cat "$tmp/port" 2>/dev/null)
	[ -n "$port" ]
}
stop() { kill -TERM "$server"; wait "$server"; local rc=$?; server=""; return $rc; }

serve "$db" || { cat "$tmp/server.log"; setup_fail "server did not start"; }
base="http://127.0.0.1:$port"
curl -s "$base/cabildo-test-2017/agenda?day=all" | grep -o 'data-guid="[0-9a-f-]*"' |
	cut -d'"' -f2 | awk '!seen[$0]++' >"$tmp/guids"
jar="$tmp/w.jar"
curl -s -c "$jar" -b "$jar" -o /dev/null "$base/account/login"
csrf=$(awk '$6 == "csrf" { v = $7 } END { print v }' "$jar")
[ "$(curl -s -c "$jar" -b "$jar" -o /dev/null -w '%{http_code}' \
	--data-urlencode "csrf=$csrf" -d email=w@example.org \
	-d password=backup-password-1 "$base/account/login")" = 303 ] || setup_fail "login"
sid=$(awk '$6 == "sid" { v = $7 } END { print v }' "$jar")
csrf=$(awk '$6 == "csrf" { v = $7 } END { print v }' "$jar")

# The load: 4 writers for up to 60 s (stopped once the backup is done).
for i in 1 2 3 4; do
	"$client" "$port" "$tmp/w$i.log" "b$i" 60 "$i" "$sid" "$csrf" \
		/open-call/cfp/new /cabildo-test-2017/star "$tmp/guids" \
		>>"$tmp/clients.out" 2>&1 &
	pids+=($!)
done
acked() { cat "$tmp"/w*.log 2>/dev/null | grep -c '^P'; }
for _ in $(seq 500); do [ "$(acked)" -ge 20 ] && break; sleep 0.02; done
# Every proposal acknowledged before the backup starts must be in it.
cat "$tmp"/w*.log | grep '^P' >"$tmp/before"
t0=$(date +%s%N)
"$bin" backup --db "$db" --out "$tmp/b.db" >"$tmp/backup.out" 2>&1
brc=$?
t1=$(date +%s%N)
during=$(($(acked) - $(wc -l <"$tmp/before")))
for _ in $(seq 500); do
	[ "$(acked)" -ge $(($(wc -l <"$tmp/before") + 10)) ] && break
	sleep 0.02
done
after=$(acked)
for p in "${pids[@]}"; do kill "$p" 2>/dev/null; wait "$p" 2>/dev/null; done
pids=()
echo "# backup under load: $(( (t1 - t0) / 1000000 )) ms; proposals acknowledged: $(wc -l <"$tmp/before") before it, $during while it ran, $after in all"

t_backup_ok() {
	cat "$tmp/backup.out"
	[ "$brc" = 0 ] && grep -q 'integrity ok' "$tmp/backup.out"
}
t_writers_went_on() { [ "$after" -ge $(($(wc -l <"$tmp/before") + 10)) ]; }
t_integrity() { [ "$(sqlite3 "$tmp/b.db" 'PRAGMA integrity_check')" = ok ]; }
t_self_contained() {
	[ ! -e "$tmp/b.db-wal" ] && [ "$(sqlite3 "$tmp/b.db" 'PRAGMA journal_mode')" = delete ]
}
t_has_acked() {
	local missing=0 id title
	while read -r _ id title; do
		[ "$(sqlite3 "$tmp/b.db" "SELECT count(*) FROM proposal WHERE id = $id AND title = '$title'")" = 1 ] ||
			{ echo "missing $id $title"; missing=$((missing + 1)); }
	done <"$tmp/before"
	[ "$missing" = 0 ] && [ -s "$tmp/before" ]
}
t_check_cmd() {
	"$bin" restore --check --from "$tmp/b.db" | grep -q 'integrity ok'
}
t_no_overwrite() {
	cp "$tmp/b.db" "$tmp/b.keep"
	! "$bin" backup --db "$db" --out "$tmp/b.db" 2>"$tmp/err" &&
		grep -q 'already exists' "$tmp/err" && cmp -s "$tmp/b.db" "$tmp/b.keep"
}
t_not_onto_itself() {
	! "$bin" backup --db "$db" --out "$db" --force 2>"$tmp/err" &&
		grep -q 'is the database itself' "$tmp/err" &&
		[ "$(sqlite3 "$db" 'PRAGMA integrity_check')" = ok ] &&
		! "$bin" restore --db "$db" --from "$db" 2>"$tmp/err" &&
		grep -q 'is the database itself' "$tmp/err"
}
t_restore_round_trip() {
	"$bin" restore --db "$tmp/restored.db" --from "$tmp/b.db" >/dev/null &&
	[ "$(sqlite3 "$tmp/restored.db" 'SELECT count(*) || title FROM proposal ORDER BY id DESC LIMIT 1')" = \
	  "$(sqlite3 "$tmp/b.db" 'SELECT count(*) || title FROM proposal ORDER BY id DESC LIMIT 1')" ] &&
	[ "$(sqlite3 "$tmp/restored.db" 'PRAGMA integrity_check')" = ok ]
}
t_restored_serves() {
	serve "$tmp/restored.db" &&
	[ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/open-call/")" = 200 ]
}
t_refuse_in_use() {
	local before
	before=$(sqlite3 "$tmp/restored.db" 'SELECT count(*) FROM proposal')
	"$bin" demo --db "$tmp/other.db" --proposals 3 --participants 1 >/dev/null
	! "$bin" restore --db "$tmp/restored.db" --from "$tmp/other.db" 2>"$tmp/err" &&
		grep -q 'in use by process' "$tmp/err" &&
		[ "$(sqlite3 "$tmp/restored.db" 'SELECT count(*) FROM proposal')" = "$before" ]
}
t_stop() { stop; }
t_refuse_broken() {
	local sum
	sum=$(sha256sum <"$tmp/restored.db")
	head -c 100000 "$tmp/b.db" >"$tmp/broken.db"
	! "$bin" restore --db "$tmp/restored.db" --from "$tmp/broken.db" 2>"$tmp/err" &&
		grep -q 'restore refused' "$tmp/err" &&
		[ "$(sha256sum <"$tmp/restored.db")" = "$sum" ]
}
t_refuse_foreign() {
	sqlite3 "$tmp/foreign.db" 'CREATE TABLE t (x)'
	! "$bin" restore --db "$tmp/restored.db" --from "$tmp/foreign.db" 2>"$tmp/err" &&
		grep -q 'not a cabildo database' "$tmp/err"
}
t_refuse_newer() {
	cp "$tmp/b.db" "$tmp/newer.db"
	sqlite3 "$tmp/newer.db" 'PRAGMA user_version = 9999'
	! "$bin" restore --db "$tmp/restored.db" --from "$tmp/newer.db" 2>"$tmp/err" &&
		grep -q 'upgrade cabildo' "$tmp/err"
}
t_live_intact() { [ "$(sqlite3 "$db" 'PRAGMA integrity_check')" = ok ]; }

check "a backup under load succeeds and checks itself" t_backup_ok
check "the writers went on after the backup (no lock left behind)" t_writers_went_on
check "the backup passes PRAGMA integrity_check" t_integrity
check "the backup is one file (journal_mode=delete, no -wal)" t_self_contained
check "every proposal acknowledged before the backup is in it" t_has_acked
check "restore --check accepts the backup" t_check_cmd
check "an existing backup is not overwritten without --force" t_no_overwrite
stop || true
check "the live database is intact after the load" t_live_intact
check "backup --force onto the database itself, or restore from it, is refused" t_not_onto_itself
check "restore round trip: same proposals, integrity ok" t_restore_round_trip
check "the restored database serves" t_restored_serves
check "restore into a database in use is refused, nothing changed" t_refuse_in_use
check "the server on the restored database stops cleanly" t_stop
check "a truncated backup is refused, nothing changed" t_refuse_broken
check "a database that is not cabildo's is refused" t_refuse_foreign
check "a backup from a newer cabildo is refused" t_refuse_newer
echo "RESULT $pass $fail"
[ "$fail" = 0 ]
