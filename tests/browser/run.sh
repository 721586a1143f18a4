#!/usr/bin/env bash
# SPDX-License-Identifier: AGPL-3.0-or-later
#
# run.sh BUILD_DIR: browser tests against a real demo server.
#
# Creates the demo database in a temporary folder, starts
# "BUILD_DIR/cabildo serve" on a free loopback port, runs
# pages.test.mjs (playwright-core driving Debian's /usr/bin/chromium) and
# stops the server with SIGTERM.  BROWSER_ONLY=NAME runs only the scripts
# whose file name contains NAME.  The server must then exit with status 0:
# under AddressSanitizer a leak makes it exit non-zero, which counts as a
# failed test.  The last line printed is "RESULT <passed> <failed>".
set -uo pipefail

here=$(cd "$(dirname "$0")" && pwd)
build=${1:?usage: tests/browser/run.sh BUILD_DIR}
cabildo=$(cd "$build" 2>/dev/null && pwd)/cabildo
passed=0
failed=0
tmp=
server=

result() {
	echo "RESULT $passed $failed"
	exit $((failed == 0 ? 0 : 1))
}

fail() { # fail NAME REASON
	echo "not ok - $1: $2"
	failed=$((failed + 1))
}

cleanup() {
	if [[ -n $server ]] && kill -0 "$server" 2>/dev/null; then
		kill -TERM "$server" 2>/dev/null
		wait "$server" 2>/dev/null
	fi
	[[ -n $tmp ]] && rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

start=$(date +%s.%N)
if [[ ! -x $cabildo ]]; then
	fail "browser tests" "no $build/cabildo: build it first"
	result
fi
if [[ ! -x /usr/bin/chromium ]]; then
	fail "browser tests" "no /usr/bin/chromium (scripts/install-deps --browser)"
	result
fi
if [[ ! -d $here/node_modules/playwright-core ]]; then
	(cd "$here" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit \
		--no-fund --loglevel=error) >&2 ||
		{ fail "browser tests" "npm ci failed"; result; }
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/cabildo-browser.XXXXXX")
# LeakSanitizer reports at exit; keep its report with the server log.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}
if ! "$cabildo" demo --db "$tmp/demo.db" >"$tmp/demo.log" 2>&1; then
	fail "demo database" "$(tail -n 5 "$tmp/demo.log" | tr '\n' ' ')"
	result
fi
# The schedule editor needs a timetable and an organiser.
printf 'browser-test-password-1\n' >"$tmp/password"
if ! "$cabildo" schedule --db "$tmp/demo.db" --event ogp-americas-2017 \
	--time-limit 2 --quiet >>"$tmp/demo.log" 2>&1 ||
    ! "$cabildo" user add --db "$tmp/demo.db" --email organiser@example.org \
	--name "Organiser" --admin --password-file "$tmp/password" \
	>>"$tmp/demo.log" 2>&1; then
	fail "schedule and organiser" "$(tail -n 5 "$tmp/demo.log" | tr '\n' ' ')"
	result
fi
# A participant for participant.test.mjs.
if ! "$cabildo" user add --db "$tmp/demo.db" --email participant@example.org \
	--name "Participant" --password-file "$tmp/password" \
	>>"$tmp/demo.log" 2>&1; then
	fail "participant account" "$(tail -n 5 "$tmp/demo.log" | tr '\n' ' ')"
	result
fi
# cfp.test.mjs: a copy of the demo event whose call is open, organised by
# the organiser above.
sed -e 's/"slug": "ogp-americas-2017"/"slug": "open-call"/' \
	-e 's/"closes": "2017-08-20T23:59"/"closes": "2099-12-31T23:59"/' \
	"$here/../../data/events/ogp-americas-2017.json" >"$tmp/open.json"
if ! grep -q '"open-call"' "$tmp/open.json" ||
    ! "$cabildo" event load --db "$tmp/demo.db" "$tmp/open.json" \
	>>"$tmp/demo.log" 2>&1 ||
    ! "$cabildo" user role --db "$tmp/demo.db" --email organiser@example.org \
	--event open-call --role organiser >>"$tmp/demo.log" 2>&1; then
	fail "open call event" "$(tail -n 5 "$tmp/demo.log" | tr '\n' ' ')"
	result
fi
# review.test.mjs: a reviewer of the demo event (issue 6).
if ! "$cabildo" user add --db "$tmp/demo.db" --email reviewer@example.org \
	--name "Reviewer" --password-file "$tmp/password" \
	>>"$tmp/demo.log" 2>&1 ||
    ! "$cabildo" user role --db "$tmp/demo.db" --email reviewer@example.org \
	--event ogp-americas-2017 --role reviewer >>"$tmp/demo.log" 2>&1; then
	fail "reviewer account" "$(tail -n 5 "$tmp/demo.log" | tr '\n' ' ')"
	result
fi
"$cabildo" serve --db "$tmp/demo.db" --listen 127.0.0.1:0 \
	--port-file "$tmp/port" --no-access-log 2>"$tmp/server.log" &
server=$!
for _ in $(seq 1 600); do # 30 s
	[[ -s $tmp/port ]] && break
	kill -0 "$server" 2>/dev/null || break
	sleep 0.05
done
port=$(cat "$tmp/port" 2>/dev/null)
if [[ -z $port ]]; then
	fail "server start" "$(tail -n 5 "$tmp/server.log" | tr '\n' ' ')"
	result
fi

run_node() { # script, args...: adds its "# summary P F" to the totals
	local script=$1 summary p f
	shift
	# BROWSER_ONLY=cfp runs only the scripts whose name contains "cfp".
	[[ -n ${BROWSER_ONLY:-} && $script != *"$BROWSER_ONLY"* ]] && return
	node "$here/$script" "$@" | tee "$tmp/tests.out"
	summary=$(awk '$1 == "#" && $2 == "summary" { print $3, $4 }' \
		"$tmp/tests.out" | tail -n 1)
	if [[ -n $summary ]]; then
		read -r p f <<<"$summary"
		passed=$((passed + p))
		failed=$((failed + f))
	else
		fail "browser tests" "$script ended without a summary"
	fi
}
run_node pages.test.mjs "http://127.0.0.1:$port"
run_node schedule-editor.test.mjs "http://127.0.0.1:$port" \
	organiser@example.org browser-test-password-1
run_node participant.test.mjs "http://127.0.0.1:$port" \
	participant@example.org browser-test-password-1
run_node cfp.test.mjs "http://127.0.0.1:$port" "$cabildo" "$tmp/demo.db" \
	open-call organiser@example.org browser-test-password-1
run_node review.test.mjs "http://127.0.0.1:$port" "$cabildo" "$tmp/demo.db" \
	reviewer@example.org browser-test-password-1
# Last: it reviews the demo's proposals and decides on them (issue 6).
run_node select.test.mjs "http://127.0.0.1:$port" "$cabildo" "$tmp/demo.db" \
	organiser@example.org browser-test-password-1

kill -TERM "$server"
for _ in $(seq 1 300); do # 30 s; stopping takes about one
	kill -0 "$server" 2>/dev/null || break
	sleep 0.1
done
if kill -0 "$server" 2>/dev/null; then
	echo "# server still running 30 s after SIGTERM: killing it"
	kill -KILL "$server"
fi
wait "$server"
status=$?
server=
if ((status == 0)); then
	echo "ok - server stops cleanly on SIGTERM"
	passed=$((passed + 1))
else
	fail "server stops cleanly on SIGTERM" "exit status $status"
	sed 's/^/# /' "$tmp/server.log" | tail -n 40
fi
awk -v s="$start" -v e="$(date +%s.%N)" \
	'BEGIN { printf "# browser run took %.1fs\n", e - s }'
result
