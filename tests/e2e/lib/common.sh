# SPDX-License-Identifier: AGPL-3.0-or-later
# Shared pieces of the HTTP end-to-end scripts (tests/e2e/*.sh), sourced
# by them, never run itself (it lives in lib/ so that run-all.sh's
# tests/e2e/*.sh glob does not pick it up):
#   e2e_init SUITE BUILD_ARG  sets root, build, bin, tmp, pass, fail and
#                             server; installs the cleanup trap (it kills
#                             $server, waiting for it if e2e_wait=1, calls
#                             e2e_cleanup_hook if the script defines one,
#                             then removes $tmp)
#   check NAME CMD...         runs CMD, prints "ok - SUITE NAME" or
#                             "not ok - SUITE NAME: <first e2e_why_bytes
#                             bytes of its output>"; with e2e_ok_why=1 an
#                             ok also shows the output as "# " comments
#   setup_fail WHY [FILE]     prints "not ok - SUITE setup: WHY" (then
#                             FILE, if given) and the RESULT line, exits 1
#   e2e_serve DB [ARGS...]    starts `cabildo serve` on 127.0.0.1 on an
#                             ephemeral port (--port-file), log appended
#                             to $tmp/server.log; sets server, port, base;
#                             fails if no port came within 10 s
#   e2e_open_call DB          loads "open-call", a copy of the demo event
#                             whose call is open ($tmp/open.json)
#   e2e_stop_check NAME       stops $server with SIGTERM and checks NAME:
#                             it exits 0 (else shows the log's tail)
# curl as a browser: jar NAME keeps that visitor's cookies in $tmp/NAME.jar.
#   c JAR CURL_ARGS...        curl -s with that jar, --max-time $e2e_max_time
#                             (20 s; a script may raise it after e2e_init)
#   code JAR CURL_ARGS...     c with the body in $tmp/body (and the headers
#                             in $tmp/head if e2e_code_head=1); prints the
#                             HTTP status
#   csrf JAR                  the jar's CSRF token
#   token EMAIL               the last one-time token mailed to EMAIL
#                             (the outbox of $db)
#   body_has STR...           $tmp/body holds every STR ("missing: STR")
#   body_lacks STR...         $tmp/body holds none ("present: STR")
#   login JAR EMAIL PASSWORD  logs in at $base; true on the 303
#   post JAR URL CURL_ARGS... a form POST with the jar's CSRF token, the
#                             headers in $tmp/head; prints the status
# A script whose helper of one of these names differs defines its own
# after sourcing this file.
# The script's RESULT line stays its own: echo "RESULT $pass $fail".
# shellcheck shell=bash disable=SC2034

e2e_init() { # suite, the script's build directory argument
	e2e_suite=$1
	build=${2:-build}
	root=$(cd "$(dirname "$0")/../.." && pwd)
	bin="$root/$build/cabildo"
	tmp=$(mktemp -d)
	pass=0 fail=0
	server=""
	e2e_wait=0 e2e_why_bytes=400 e2e_ok_why=0
	e2e_max_time=20 e2e_code_head=0
	trap e2e_cleanup EXIT
}

e2e_cleanup() {
	if [ -n "$server" ] && kill "$server" 2>/dev/null && [ "$e2e_wait" = 1 ]; then
		wait "$server" 2>/dev/null
	fi
	if declare -F e2e_cleanup_hook >/dev/null; then e2e_cleanup_hook; fi
	rm -rf "$tmp"
}

check() { # name, then a command that must succeed
	local name=$1
	shift
	if "$@" >"$tmp/why" 2>&1; then
		pass=$((pass + 1)); echo "ok - $e2e_suite $name"
		if [ "$e2e_ok_why" = 1 ]; then sed 's/^/# /' "$tmp/why"; fi
	else
		fail=$((fail + 1))
		echo "not ok - $e2e_suite $name: $(head -c "$e2e_why_bytes" "$tmp/why")"
	fi
}

setup_fail() { # why [a file to show after it]
	echo "not ok - $e2e_suite setup: $1"
	if [ -n "${2:-}" ]; then cat "$2"; fi
	echo "RESULT $pass $((fail + 1))"
	exit 1
}

e2e_serve() { # database, then more arguments of serve
	local db=$1
	shift
	rm -f "$tmp/port"
	"$bin" serve --db "$db" --listen 127.0.0.1:0 --port-file "$tmp/port" "$@" \
		2>>"$tmp/server.log" &
	server=$!
	for _ in $(seq 100); do [ -s "$tmp/port" ] && break; sleep 0.1; done
	port=$(cat "$tmp/port" 2>/dev/null)
	[ -n "$port" ] || return 1
	base="http://127.0.0.1:$port"
}

e2e_open_call() { # database: the demo event's call closed in 2017
	sed -e 's/"slug": "ogp-americas-2017"/"slug": "open-call"/' \
		-e 's/"closes": "2017-08-20T23:59"/"closes": "2099-12-31T23:59"/' \
		"$root/data/events/ogp-americas-2017.json" >"$tmp/open.json"
	grep -q '"open-call"' "$tmp/open.json" || setup_fail "fixture"
	"$bin" event load --db "$1" "$tmp/open.json" >/dev/null || setup_fail "event load"
}

e2e_stop_check() { # check name: the server exits 0 on SIGTERM
	local rc
	kill -TERM "$server"
	wait "$server"
	rc=$?
	server=""
	check "$1" test "$rc" = 0
	[ "$rc" = 0 ] || tail -30 "$tmp/server.log"
}

c() { local jar=$1; shift; curl -s --max-time "$e2e_max_time" -c "$tmp/$jar.jar" -b "$tmp/$jar.jar" "$@"; }
code() {
	local jar=$1
	shift
	if [ "$e2e_code_head" = 1 ]; then set -- -D "$tmp/head" "$@"; fi
	c "$jar" -o "$tmp/body" -w '%{http_code}' "$@"
}
csrf() { awk '$6 == "csrf" { v = $7 } END { print v }' "$tmp/$1.jar"; }
token() { # the last one-time token mailed to $1
	"$bin" outbox list --db "$db" | awk -v to="$1" '
		/^to: / { cur = $2 } /token=/ && cur == to { t = $0 }
		END { sub(/.*token=/, "", t); print t }'
}
body_has() { local s; for s in "$@"; do grep -qF -- "$s" "$tmp/body" || { echo "missing: $s"; return 1; }; done; }
body_lacks() { local s; for s in "$@"; do ! grep -qF -- "$s" "$tmp/body" || { echo "present: $s"; return 1; }; done; }
login() { # jar, email, password
	c "$1" -o /dev/null "$base/account/login"
	[ "$(code "$1" --data-urlencode "csrf=$(csrf "$1")" \
		--data-urlencode "email=$2" --data-urlencode "password=$3" \
		"$base/account/login")" = 303 ]
}
post() { # jar, url, curl args...: a form POST with the jar's CSRF token
	local jar=$1 url=$2
	shift 2
	code "$jar" -D "$tmp/head" --data-urlencode "csrf=$(csrf "$jar")" "$@" "$url"
}
