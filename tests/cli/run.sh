#!/usr/bin/env bash
# SPDX-License-Identifier: AGPL-3.0-or-later
# CLI golden tests.  Each case tests/cli/NAME.args holds the arguments of one
# `cabildo` run (one line; $DB, $TMP and $ROOT are expanded).  Optional:
#   NAME.pre     bash lines run before (setup; must succeed; output ignored)
#   NAME.post    bash lines run after; their stdout is appended to cabildo's
#   NAME.out     expected stdout (default: empty)
#   NAME.err     expected stderr (default: empty)
#   NAME.status  expected exit status (default: 0)
# $CABILDO is the binary.  UPDATE=1 rewrites the expected files.  Prints "ok"/"not ok" lines, then RESULT P F.
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-build}
export CABILDO="$root/$build/cabildo" ROOT="$root"
pass=0 fail=0
for args_file in "$root"/tests/cli/*.args; do
	name=$(basename "$args_file" .args)
	base="$root/tests/cli/$name"
	TMP=$(mktemp -d) DB="$TMP/test.db"
	export TMP DB
	ok=1 why=""
	if [ -f "$base.pre" ] && ! (cd "$TMP" && bash -eu "$base.pre" >/dev/null 2>"$TMP/pre.err"); then
		ok=0 why="setup failed: $(head -c 300 "$TMP/pre.err")"
	fi
	if [ $ok = 1 ]; then
		args=$(envsubst '$DB $TMP $ROOT' < "$args_file")
		# shellcheck disable=SC2086
		(cd "$TMP" && eval "\"$CABILDO\" $args") >"$TMP/out" 2>"$TMP/err"
		status=$?
		if [ -f "$base.post" ]; then
			(cd "$TMP" && bash -eu "$base.post") >>"$TMP/out" 2>>"$TMP/err"
		fi
		want_status=$(cat "$base.status" 2>/dev/null || echo 0)
		sed -i "s#$TMP#\$TMP#g; s#$root#\$ROOT#g" "$TMP/out" "$TMP/err"
		if [ -n "${UPDATE:-}" ]; then
			# UPDATE=1 rewrites the expected files: review the diff.
			rm -f "$base.out" "$base.err" "$base.status"
			[ -s "$TMP/out" ] && cp "$TMP/out" "$base.out"
			[ -s "$TMP/err" ] && cp "$TMP/err" "$base.err"
			[ "$status" != 0 ] && echo "$status" >"$base.status"
			want_status=$status
		fi
		if [ "$status" != "$want_status" ]; then
			ok=0 why="exit status $status, expected $want_status; stderr: $(head -c 300 "$TMP/err")"
		elif ! diff -u "${base}.out" "$TMP/out" >"$TMP/diff" 2>&1 &&
		    ! { [ ! -f "$base.out" ] && [ ! -s "$TMP/out" ]; }; then
			ok=0 why="stdout differs: $(head -c 600 "$TMP/diff")"
		elif ! diff -u "${base}.err" "$TMP/err" >"$TMP/diff" 2>&1 &&
		    ! { [ ! -f "$base.err" ] && [ ! -s "$TMP/err" ]; }; then
			ok=0 why="stderr differs: $(head -c 600 "$TMP/diff")"
		fi
	fi
	if [ $ok = 1 ]; then
		pass=$((pass + 1)); echo "ok - cli $name"
	else
		fail=$((fail + 1)); echo "not ok - cli $name: $why"
	fi
	rm -rf "$TMP"
done
echo "RESULT $pass $fail"
