#!/usr/bin/env bash
# SPDX-License-Identifier: AGPL-3.0-or-later
# HTTP end-to-end tests: the real server on 127.0.0.1, an ephemeral port
# and a temporary database, probed with curl.  Usage: http.sh BUILD_DIR
# Prints "ok"/"not ok" lines, then RESULT P F.
set -u
# shellcheck source=tests/e2e/lib/common.sh
. "$(dirname "$0")/lib/common.sh"
e2e_init http "${1:-build}"

"$bin" demo --db "$tmp/db" --proposals 120 --participants 50 >/dev/null ||
	setup_fail "demo failed"
e2e_serve "$tmp/db" || setup_fail "server did not start" "$tmp/server.log"
ev="$base/ogp-americas-2017/"

get() { curl -s --max-time 10 "$@"; }
status() { curl -s -o /dev/null -w '%{http_code}' --max-time 10 "$@"; }
has() { # url-args... -- pattern: the body contains the fixed string
	local pat=${*: -1}
	get "${@:1:$#-1}" | grep -qF -- "$pat" || { echo "missing: $pat"; return 1; }
}
has_all() { # body file, strings...
	local f=$1 s
	shift
	for s in "$@"; do grep -qF -- "$s" "$f" || { echo "missing: $s"; return 1; }; done
}

t_healthz() { get "$base/healthz" | grep -qE '^\{"status":"ok","schema":[0-9]+\}$'; }
t_themes_es() {
	get "$ev?lang=es" >"$tmp/es.html"
	has_all "$tmp/es.html" '<html lang="es">' \
		'Participación ciudadana y protección del espacio cívico' \
		'Anticorrupción y rendición de cuentas' 'Estado abierto' \
		'Tecnología cívica y datos abiertos' \
		'Gobierno abierto subnacional' \
		'Alianza para el Gobierno Abierto y cocreación' \
		'Objetivos de Desarrollo Sostenible'
}
t_themes_en() {
	get "$ev?lang=en" >"$tmp/en.html"
	has_all "$tmp/en.html" '<html lang="en">' \
		'Citizen participation and protection of civic space' \
		'Anti-corruption and accountability' 'Open state' \
		'Civic technology and open data' 'Subnational open government' \
		'Open Government Partnership and co-creation' \
		'Sustainable Development Goals'
}
t_themes_pt() {
	get "$ev?lang=pt" >"$tmp/pt.html"
	has_all "$tmp/pt.html" '<html lang="pt">' 'Estado aberto' \
		'Objetivos de Desenvolvimento Sustentável'
}
t_headers() {
	local url
	for url in "$ev" "$base/nope" "$base/healthz" "$base/static/cabildo.css"; do
		curl -s -D "$tmp/h" -o /dev/null "$url"
		has_all "$tmp/h" "Content-Security-Policy: default-src 'none'" \
			'X-Content-Type-Options: nosniff' 'X-Frame-Options: DENY' \
			'Referrer-Policy: ' || return 1
	done
}
t_lang_cookie() {
	curl -s -D "$tmp/h" -o /dev/null "$ev?lang=pt"
	grep -qi '^Set-Cookie: lang=pt; Path=/' "$tmp/h" || { echo "no cookie"; return 1; }
	has -H 'Cookie: lang=pt' -H 'Accept-Language: es' "$ev" '<html lang="pt">'
}
t_accept_language() { has -H 'Accept-Language: pt-BR,pt;q=0.9,en;q=0.5' "$ev" '<html lang="pt">'; }
t_query_beats_cookie() { has -H 'Cookie: lang=pt' "$ev?lang=en" '<html lang="en">'; }
t_404_lang() {
	[ "$(status -H 'Accept-Language: es' "$base/no-such-event/")" = 404 ] &&
		has -H 'Accept-Language: es' "$base/no-such-event/" 'Página no encontrada'
}
t_404_theme() { [ "$(status "$base/ogp-americas-2017/themes/nope")" = 404 ]; }
t_400_path() { [ "$(status "$base/%ff/")" = 400 ]; }
t_400_query() { [ "$(status "$ev?q=%C3")" = 400 ]; }
t_400_dotdot() { [ "$(status --path-as-is "$base/a/../b")" = 400 ]; }
t_413() {
	head -c $((2 * 1024 * 1024)) /dev/zero >"$tmp/big"
	[ "$(status -X POST --data-binary @"$tmp/big" "$ev")" = 413 ]
}
t_405() {
	curl -s -D "$tmp/h" -o /dev/null -X POST -d 'a=b' "$ev"
	grep -q '^HTTP/1.1 405' "$tmp/h" && grep -qi '^Allow: GET, HEAD' "$tmp/h"
}
t_keepalive() {
	curl -sv -o /dev/null -o /dev/null "$ev" "$base/healthz" 2>"$tmp/v"
	grep -q 'Re-using existing connection' "$tmp/v" && ! grep -qi '^< Connection: close' "$tmp/v"
}
t_static_etag() {
	curl -s -D "$tmp/h" -o /dev/null "$base/static/cabildo.css"
	local etag
	etag=$(grep -i '^ETag:' "$tmp/h" | cut -d' ' -f2 | tr -d '\r')
	[ -n "$etag" ] && grep -qi '^Content-Type: text/css' "$tmp/h" &&
		[ "$(status -H "If-None-Match: $etag" "$base/static/cabildo.css")" = 304 ]
}
t_theme_page() {
	get "$ev""themes/sdg?lang=en" >"$tmp/sdg.html"
	has_all "$tmp/sdg.html" '<h1>Sustainable Development Goals</h1>' \
		'Good practice linking open government and the SDGs' \
		'Citizen participation in implementing the SDGs'
}
t_theme_css() { has "$ev""theme.css" '.t-sdg { --theme: #1565c0; }'; }
t_head() {
	curl -s -I "$ev" >"$tmp/h"
	grep -q '^HTTP/1.1 200' "$tmp/h" && grep -qi '^Content-Type: text/html' "$tmp/h"
}
t_home() { has "$base/?lang=en" 'href="/ogp-americas-2017/"'; }
t_no_email_leak() {
	! cat "$tmp/es.html" "$tmp/en.html" | grep -q '@example.org'
}
t_access_log() { grep -q 'info access /healthz 200' "$tmp/server.log"; }

check healthz t_healthz
check "event page in Spanish shows the seven themes" t_themes_es
check "event page in English shows the seven themes" t_themes_en
check "event page in Portuguese" t_themes_pt
check "security headers on every response" t_headers
check "?lang= sets a cookie that later pages follow" t_lang_cookie
check "Accept-Language picks Portuguese" t_accept_language
check "?lang= beats the cookie" t_query_beats_cookie
check "404 page in the visitor's language" t_404_lang
check "unknown theme is 404" t_404_theme
check "invalid UTF-8 in the path is 400" t_400_path
check "invalid UTF-8 in the query is 400" t_400_query
check "dot-dot segment is 400" t_400_dotdot
check "body over the cap is 413" t_413
check "POST to a page is 405 with Allow" t_405
check "keep-alive: one connection, two requests" t_keepalive
check "static file with ETag and 304" t_static_etag
check "theme page lists its sub-topics" t_theme_page
check "per-event theme colours as CSS" t_theme_css
check "HEAD" t_head
check "home lists the event" t_home
check "no e-mail address in public pages" t_no_email_leak
check "access log line per request" t_access_log

e2e_stop_check "server exits 0 on SIGTERM (no leak under ASan)"
echo "RESULT $pass $fail"
