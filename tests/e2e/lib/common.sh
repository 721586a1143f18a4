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
