#!/usr/bin/env bash
# SPDX-License-Identifier: AGPL-3.0-or-later
# make lint: the project's own rules (STYLE.md 6 and 8), cppcheck, and the
# man page.  Prints "ok"/"not ok" lines, then RESULT P F.
set -u
cd "$(dirname "$0")/.."
pass=0 fail=0
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
report() {
	if [ "$2" = 0 ]; then
		pass=$((pass + 1)); echo "ok - lint $1"
	else
		fail=$((fail + 1)); echo "not ok - lint $1"; head -20 "$tmp"
	fi
}

# Banned string functions (curl checksrc): snprintf and friends are fine.
grep -rnE '\b(sprintf|vsprintf|strcpy|strcat|strncpy|strncat|gets|atoi|atol|strtok)[[:space:]]*\(' \
	src tools tests/unit fuzz bench --include='*.c' --include='*.h' |
	grep -vE '\b(v?snprintf)\(' >"$tmp"
report "no banned functions" $([ -s "$tmp" ] && echo 1 || echo 0)

# SQL only in src/store/.
grep -rlE '"[[:space:]]*(SELECT|INSERT INTO|UPDATE [a-z_]+ SET|DELETE FROM|CREATE TABLE|PRAGMA)' \
	src --include='*.c' | grep -v '^src/store/' >"$tmp"
report "SQL only in src/store" $([ -s "$tmp" ] && echo 1 || echo 0)

# Only src/store includes sqlite3.h; only src/web/server.c microhttpd.h.
{ grep -rl '#include <sqlite3.h>' src | grep -v '^src/store/'
  grep -rl '#include <microhttpd.h>' src | grep -v '^src/web/server.c'; } >"$tmp"
report "library headers stay in their layer" $([ -s "$tmp" ] && echo 1 || echo 0)

# Layers never call upward (DESIGN.md): util and core include no project
# layer above them; solve and text include no store, web, formats or cli.
{ grep -lE '#include "(core|text|solve|formats|store|web|cli)/' src/util/*.[ch]
  grep -lE '#include "(text|solve|formats|store|web|cli)/' src/core/*.[ch]
  grep -lE '#include "(formats|store|web|cli)/' src/solve/*.[ch] src/text/*.[ch] 2>/dev/null
  grep -lE '#include "(web|cli)/' src/store/*.[ch] src/formats/*.[ch]
  grep -lE '#include "cli/' src/web/*.[ch]; } >"$tmp" 2>/dev/null
report "layers only call downward" $([ -s "$tmp" ] && echo 1 || echo 0)

# Every source file opens with an SPDX line.
for f in $(git ls-files 'src/*.c' 'src/*.h' 'tests/unit/*.c' 'fuzz/*.c' 'bench/*.c' 'tools/*.c'); do
	head -1 "$f" | grep -q 'SPDX-License-Identifier' || echo "$f"
done >"$tmp"
report "SPDX line in every source file" $([ -s "$tmp" ] && echo 1 || echo 0)

cppcheck -q --std=c11 --enable=warning,portability --inline-suppr \
	--error-exitcode=1 -Isrc -D_POSIX_C_SOURCE=200809L \
	--suppress=missingIncludeSystem src >"$tmp" 2>&1
report "cppcheck" $?

mandoc -Tlint -W warning man/cabildo.1 >"$tmp" 2>&1
report "man page (mandoc -Tlint)" $?

echo "RESULT $pass $fail"
[ "$fail" = 0 ]
