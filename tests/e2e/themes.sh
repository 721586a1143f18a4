#!/usr/bin/env bash
# SPDX-License-Identifier: AGPL-3.0-or-later
# Theme suggestion end to end (issue 7): the real server on 127.0.0.1, an
# ephemeral port and a temporary demo database; the JSON endpoint the
# proposal form calls while the proposer types, and the script it loads.
# Usage: themes.sh BUILD_DIR.  Prints "ok"/"not ok" lines, then RESULT P F.
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
bin="$root/${1:-build}/cabildo"
tmp=$(mktemp -d)
pass=0 fail=0
server=""
cleanup() {
	[ -n "$server" ] && kill "$server" 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT

check() { # name, then a command that must succeed
	local name=$1
	shift
	if "$@" >"$tmp/why" 2>&1; then
		pass=$((pass + 1)); echo "ok - themes $name"
	else
		fail=$((fail + 1)); echo "not ok - themes $name: $(head -c 400 "$tmp/why")"
	fi
}

"$bin" demo --db "$tmp/db" --proposals 30 --participants 10 >/dev/null ||
	{ echo "not ok - themes setup: demo failed"; echo "RESULT 0 1"; exit 1; }
"$bin" serve --db "$tmp/db" --listen 127.0.0.1:0 --port-file "$tmp/port" \
	2>"$tmp/server.log" &
server=$!
for _ in $(seq 100); do [ -s "$tmp/port" ] && break; sleep 0.1; done
port=$(cat "$tmp/port" 2>/dev/null)
[ -n "$port" ] || { echo "not ok - themes setup: server did not start"; cat "$tmp/server.log"; echo "RESULT 0 1"; exit 1; }
api="http://127.0.0.1:$port/api/v1/events/ogp-americas-2017/suggest-themes"

ask() { # text -> body in $tmp/body, status printed
	curl -s -G -o "$tmp/body" -w '%{http_code}' --max-time 10 \
		--data-urlencode "text=$1" "$api"
}
first() { # the first suggested theme key of $tmp/body
	grep -o '"themes":\[{"key":"[a-z0-9-]*"' "$tmp/body" | sed 's/.*"key":"//; s/"$//'
}

t_spanish() {
	[ "$(ask 'Proponemos proteger a los denunciantes de corrupción y mejorar la rendición de cuentas del gasto público')" = 200 ] &&
		[ "$(first)" = anti-corruption ] || { cat "$tmp/body"; return 1; }
	grep -qF '"lang":"es"' "$tmp/body"
}
t_portuguese() {
	[ "$(ask 'Um portal de dados abertos e aplicativos cívicos para acompanhar o orçamento')" = 200 ] &&
		[ "$(first)" = civic-tech ] || { cat "$tmp/body"; return 1; }
	grep -qF '"lang":"pt"' "$tmp/body"
}
t_english() {
	[ "$(ask 'Open parliament: how our congress publishes votes, and open justice in the courts')" = 200 ] &&
		[ "$(first)" = open-state ] || { cat "$tmp/body"; return 1; }
}
t_json_headers() {
	curl -s -D "$tmp/h" -o /dev/null -G --data-urlencode "text=datos" "$api"
	grep -qi '^Content-Type: application/json' "$tmp/h" &&
		grep -qi '^X-Content-Type-Options: nosniff' "$tmp/h"
}
t_errors() {
	[ "$(curl -s -o /dev/null -w '%{http_code}' "$api")" = 400 ] &&
		[ "$(ask "$(head -c 3100 /dev/zero | tr '\0' a)")" != 200 ] &&
		[ "$(curl -s -o /dev/null -w '%{http_code}' "${api/ogp-americas-2017/nope}?text=x")" = 404 ] &&
		[ "$(curl -s -o /dev/null -w '%{http_code}' -X POST "$api?text=x")" != 200 ]
}
t_script() {
	curl -s -D "$tmp/h" -o "$tmp/js" "http://127.0.0.1:$port/static/theme-suggest.js"
	grep -qi '^Content-Type: text/javascript' "$tmp/h" &&
		grep -qF 'suggest-themes?text=' "$tmp/js"
}

check "Spanish abstract suggests anti-corruption" t_spanish
check "Portuguese abstract suggests civic tech" t_portuguese
check "English abstract suggests open state" t_english
check "JSON with the security headers" t_json_headers
check "missing text 400, long 413/414, unknown event 404, POST refused" t_errors
check "theme-suggest.js is served" t_script
echo "RESULT $pass $fail"
[ "$fail" = 0 ]
