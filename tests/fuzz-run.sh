#!/usr/bin/env bash
# SPDX-License-Identifier: AGPL-3.0-or-later
# Runs each libFuzzer target for SECONDS over its corpus (fuzz/corpus/NAME,
# copied so that the tree is not changed).  Usage: fuzz-run.sh SECONDS BIN...
# Prints "ok"/"not ok" lines with exec counts, then RESULT P F.
# FUZZ_KEEP=DIR keeps each target's log and any crash, leak, timeout or
# out-of-memory input in DIR/NAME/ (for long runs; CI leaves it unset).
set -u
secs=$1
shift
root=$(cd "$(dirname "$0")/.." && pwd)
pass=0 fail=0
for bin in "$@"; do
	# absolute: the fuzzer runs from its work directory (make passes
	# build-fuzz/fuzz_x, which would not be found from there)
	bin=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")
	name=$(basename "$bin")
	target=${name#fuzz_}
	work=$(mktemp -d)
	# the log lives outside the corpus directory, or libFuzzer would read
	# it back as an input when it reloads the corpus
	log=$(mktemp)
	[ -d "$root/fuzz/corpus/$target" ] && cp -r "$root/fuzz/corpus/$target/." "$work/"
	dict=""
	[ -f "$root/fuzz/$target.dict" ] && dict="-dict=$root/fuzz/$target.dict"
	(cd "$work" && "$bin" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 \
		-print_final_stats=1 $dict "$work" >"$log" 2>&1)
	rc=$?
	if [ -n "${FUZZ_KEEP:-}" ]; then
		mkdir -p "$FUZZ_KEEP/$target"
		cp "$log" "$FUZZ_KEEP/$target/log"
		cp "$work"/crash-* "$work"/leak-* "$work"/timeout-* \
			"$work"/oom-* "$FUZZ_KEEP/$target/" 2>/dev/null
	fi
	execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$')
	if [ $rc = 0 ]; then
		pass=$((pass + 1)); echo "ok - fuzz $target ${secs}s, ${execs:-?} execs"
	else
		fail=$((fail + 1)); echo "not ok - fuzz $target: exit $rc"
		grep -A20 'ERROR' "$log" | head -30
		ls "$work"/crash-* "$work"/leak-* "$work"/timeout-* "$work"/oom-* 2>/dev/null
	fi
	rm -rf "$work" "$log"
done
echo "RESULT $pass $fail"
