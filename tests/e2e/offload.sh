#!/usr/bin/env bash
# SPDX-License-Identifier: AGPL-3.0-or-later
# HTTP end-to-end tests of the requests that are slow on purpose (an
# argon2id hash, the timetable solver): they run off the server's worker
# threads (src/web/server.c, "offload"), so other visitors are answered
# meanwhile.  The server runs with ONE worker thread, where a hash on the
# worker would stall every connection.  Timing checks are ratios (a GET
# against the log-ins it overlaps), not absolute thresholds.  Also: the
# offloaded forms answer as before (log-in, wrong password with the form
# refilled, CSRF, sign-up, reset, account deletion), and the server stops
# cleanly with log-ins queued.  Usage: offload.sh BUILD_DIR.
# Prints "ok"/"not ok" lines, then RESULT P F.
set -u
# shellcheck source=tests/e2e/lib/common.sh
. "$(dirname "$0")/lib/common.sh"
e2e_init offload "${1:-build}"
e2e_max_time=60
e2e_why_bytes=600 e2e_ok_why=1
e2e_cleanup_hook() { wait 2>/dev/null; }

db="$tmp/db"
slug=ogp-americas-2017
N=6 # parallel log-ins: three rounds of the two hashing threads
"$bin" demo --db "$db" --proposals 30 --participants 10 >/dev/null || setup_fail "demo"
"$bin" schedule --db "$db" --event "$slug" --time-limit 1 --quiet >/dev/null 2>&1 ||
	setup_fail "schedule"
echo 'offload-password-1' >"$tmp/pw"
"$bin" user add --db "$db" --email org@example.org --name Olga --admin \
	--password-file "$tmp/pw" >/dev/null || setup_fail "user add --admin"
for i in $(seq "$N") del; do
	"$bin" user add --db "$db" --email "u$i@example.org" --name "U $i" \
		--password-file "$tmp/pw" >/dev/null || setup_fail "user add u$i"
done

start_server() {
	e2e_serve "$db" --threads 1 || setup_fail "server did not start"
	ev="$base/$slug"
}
start_server

now() { date +%s.%N; }
login() { # jar, email, password: the status
	c "$1" -o /dev/null "$base/account/login"
	code "$1" --data-urlencode "csrf=$(csrf "$1")" --data-urlencode "email=$2" \
		--data-urlencode "password=$3" "$base/account/login"
}

# GETs of the agenda, one after another, while any of the given pids
# runs; each line of $tmp/gets: seconds taken.
gets_while() {
	local p alive
	: >"$tmp/gets"
	while :; do
		alive=0
		for p in "$@"; do kill -0 "$p" 2>/dev/null && alive=1; done
		[ $alive = 1 ] || break
		curl -s --max-time 60 -o /dev/null -w '%{http_code} %{time_total}\n' \
			"$ev/agenda" >>"$tmp/gets"
	done
}

t_logins_do_not_stall() {
	local i pids=() t0 t1 wall worst n
	curl -s -o /dev/null "$ev/agenda" # rendered once, as visitors see it
	for i in $(seq "$N"); do c "j$i" -o /dev/null "$base/account/login"; done
	t0=$(now)
	for i in $(seq "$N"); do
		c "j$i" -o /dev/null -w '%{http_code}\n' \
			--data-urlencode "csrf=$(csrf "j$i")" \
			--data-urlencode "email=u$i@example.org" \
			--data-urlencode "password=offload-password-1" \
			"$base/account/login" >"$tmp/login$i" &
		pids+=($!)
	done
	gets_while "${pids[@]}"
	wait "${pids[@]}"
	t1=$(now)
	wall=$(echo "$t1 - $t0" | bc -l)
	for i in $(seq "$N"); do
		[ "$(cat "$tmp/login$i")" = 303 ] || { echo "log-in $i: $(cat "$tmp/login$i")"; return 1; }
	done
	n=$(wc -l <"$tmp/gets")
	worst=$(awk '$1 != 200 { bad = 1 } $2 > m { m = $2 } END { print bad ? -1 : m }' "$tmp/gets")
	echo "$N log-ins in ${wall}s; $n agenda GETs meanwhile, slowest ${worst}s"
	# Several GETs were answered while the log-ins hashed, and the slowest
	# took under a quarter of the time the log-ins took together.
	[ "$n" -ge 3 ] && [ "$worst" != -1 ] &&
		awk -v w="$worst" -v t="$wall" 'BEGIN { exit !(w * 4 < t) }'
}

t_wrong_password_refilled() {
	[ "$(login bad u1@example.org not-the-password-1)" = 401 ] &&
		body_has 'value="u1@example.org"' 'name="next"'
}

t_csrf_still_checked() {
	c csrf -o /dev/null "$base/account/login"
	[ "$(code csrf --data-urlencode "csrf=not-the-token" \
		--data-urlencode "email=u1@example.org" \
		--data-urlencode "password=offload-password-1" \
		"$base/account/login")" = 403 ]
}

t_signup_and_reset() {
	c new -o /dev/null "$base/account/signup"
	[ "$(code new --data-urlencode "csrf=$(csrf new)" --data-urlencode "name=Nova" \
		--data-urlencode "email=nova@example.org" \
		--data-urlencode "password=offload-password-2" \
		"$base/account/signup")" = 200 ] &&
		[ "$(sqlite3 "$db" "SELECT count(*) FROM account WHERE email = 'nova@example.org'")" = 1 ] &&
		c new -o /dev/null "$base/account/reset" &&
		[ "$(code new --data-urlencode "csrf=$(csrf new)" \
			--data-urlencode "token=0000000000000000000000000000000000000000000" \
			--data-urlencode "password=offload-password-3" \
			"$base/account/reset/new")" = 400 ]
}

t_delete_account() {
	[ "$(login del udel@example.org offload-password-1)" = 303 ] &&
		c del -o /dev/null "$base/account/delete" &&
		[ "$(code del --data-urlencode "csrf=$(csrf del)" \
			--data-urlencode "password=wrong-password-9" \
			"$base/account/delete")" = 403 ] &&
		[ "$(code del --data-urlencode "csrf=$(csrf del)" \
			--data-urlencode "password=offload-password-1" \
			"$base/account/delete")" = 200 ] &&
		[ "$(sqlite3 "$db" "SELECT count(*) FROM account WHERE email = 'udel@example.org'")" = 0 ]
}

t_reoptimise_does_not_stall() {
	local pid t0 wall worst n st
	[ "$(login org org@example.org offload-password-1)" = 303 ] || return 1
	c org -o /dev/null "$ev/schedule/editor"
	t0=$(now)
	c org -o /dev/null -w '%{http_code}\n' --data-urlencode "csrf=$(csrf org)" \
		-d seconds=3 "$ev/schedule/reoptimise" >"$tmp/reopt" &
	pid=$!
	gets_while "$pid"
	wait "$pid"
	wall=$(echo "$(now) - $t0" | bc -l)
	st=$(cat "$tmp/reopt")
	n=$(wc -l <"$tmp/gets")
	worst=$(awk '$1 != 200 { bad = 1 } $2 > m { m = $2 } END { print bad ? -1 : m }' "$tmp/gets")
	echo "re-optimise: $st in ${wall}s; $n agenda GETs meanwhile, slowest ${worst}s"
	[ "$st" = 303 ] && [ "$n" -ge 3 ] && [ "$worst" != -1 ] &&
		awk -v w="$worst" -v t="$wall" 'BEGIN { exit !(w * 4 < t) }'
}

# SIGTERM with log-ins queued: what is queued is finished, the
# connections are resumed, and the server exits 0 (libmicrohttpd must
# not be stopped with a connection suspended).
t_stop_with_logins_queued() {
	local i pids=() rc
	for i in $(seq "$N"); do c "s$i" -o /dev/null "$base/account/login"; done
	for i in $(seq "$N"); do
		c "s$i" -o /dev/null --data-urlencode "csrf=$(csrf "s$i")" \
			--data-urlencode "email=u$i@example.org" \
			--data-urlencode "password=offload-password-1" \
			"$base/account/login" &
		pids+=($!)
	done
	sleep 0.3
	kill -TERM "$server"
	wait "$server"
	rc=$?
	server=""
	wait "${pids[@]}" 2>/dev/null
	[ $rc = 0 ] || { echo "server exit status $rc"; tail -5 "$tmp/server.log"; return 1; }
	! grep -E 'Sanitizer|runtime error|PANIC|suspended' "$tmp/server.log"
}

check "GETs are answered while $N log-ins hash (one worker thread)" t_logins_do_not_stall
check "wrong password: 401, the form refilled" t_wrong_password_refilled
check "log-in without the CSRF token: 403" t_csrf_still_checked
check "sign-up: 200; reset with a bad token: 400" t_signup_and_reset
check "account deletion: wrong password 403, right one 200" t_delete_account
check "GETs are answered while the timetable re-optimises" t_reoptimise_does_not_stall
check "SIGTERM with log-ins queued: clean exit" t_stop_with_logins_queued

echo "RESULT $pass $fail"
[ "$fail" = 0 ]
