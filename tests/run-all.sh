#!/usr/bin/env bash
# SPDX-License-Identifier: AGPL-3.0-or-later
# Every test of `make check`: unit, CLI, HTTP end to end, browser, fuzz
# smoke runs, lint and format.  Usage: run-all.sh BUILD_DIR
# Its last line is "N passed, N failed"; it exits non-zero on any failure.
set -u
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-build-asan}
cd "$root"
total_pass=0 total_fail=0
log=$(mktemp)
trap 'rm -f "$log"' EXIT
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

add() { total_pass=$((total_pass + $1)); total_fail=$((total_fail + $2)); }

suite() { # name, command...: the command prints RESULT P F last
	local name=$1 p f
	shift
	echo "== $name"
	"$@" 2>&1 | tee "$log"
	read -r _ p f < <(grep '^RESULT ' "$log" | tail -1)
	if [ -z "${p:-}" ]; then
		echo "not ok - $name did not report a result"
		p=0 f=1
	fi
	add "$p" "$f"
}

unit() {
	local p f c
	echo "== unit (Criterion)"
	"$build/unit-tests" -j2 2>&1 | tee "$log" | grep -vE '^\[----\]' | tail -40
	read -r p f c < <(sed -n 's/.*Passing: \([0-9]*\) | Failing: \([0-9]*\) | Crashing: \([0-9]*\).*/\1 \2 \3/p' "$log" | tail -1)
	if [ -z "${p:-}" ]; then
		echo "not ok - unit tests did not finish"
		p=0 f=1 c=0
	fi
	add "$p" $((f + c))
}

unit
suite cli tests/cli/run.sh "$build"
for t in tests/e2e/*.sh; do
	suite "e2e $(basename "$t" .sh)" "$t" "$build"
done
# SIGKILL at random moments under 8 writers (CRASH_ROUNDS, default 50).
suite crash tests/crash/run.sh "$build"
if [ -x tests/browser/run.sh ]; then
	suite browser tests/browser/run.sh "$build"
fi
fuzzers=$(ls build-fuzz/fuzz_* 2>/dev/null)
if [ -n "$fuzzers" ]; then
	# shellcheck disable=SC2086
	suite fuzz tests/fuzz-run.sh "${FUZZ_SECONDS:-5}" $fuzzers
fi
suite lint tests/lint.sh
echo "== format"
if clang-format --dry-run -Werror $(git ls-files '*.c' '*.h') >"$log" 2>&1; then
	echo "ok - clang-format"; add 1 0
else
	echo "not ok - clang-format"; head -20 "$log"; add 0 1
fi
echo "$total_pass passed, $total_fail failed"
[ "$total_fail" = 0 ]
