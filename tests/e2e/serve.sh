#!/usr/bin/env bash
# SPDX-License-Identifier: AGPL-3.0-or-later
# End-to-end tests of `cabildo serve` over TLS and with a configuration
# file (issue 8, part 6): a self-signed certificate made at test time,
# HTTPS on 127.0.0.1 verified against it, plain HTTP refused on that port,
# Secure cookies over TLS; a configuration file that sets the database,
# address, TLS and a web setting; configuration and TLS errors that name
# the file and line and start nothing.
# Usage: serve.sh BUILD_DIR.  Prints ok/not ok lines, then RESULT P F.
set -u
# shellcheck source=tests/e2e/lib/common.sh
. "$(dirname "$0")/lib/common.sh"
e2e_init serve "${1:-build}"
e2e_wait=1

db="$tmp/db"
"$bin" demo --db "$db" --proposals 10 --participants 3 >/dev/null || setup_fail "demo"
echo 'tls-password-1' >"$tmp/pw"
"$bin" user add --db "$db" --email t@example.org --name Tess \
	--password-file "$tmp/pw" >/dev/null || setup_fail "user add"
# A throw-away certificate for 127.0.0.1 and localhost.
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=localhost \
	-addext 'subjectAltName=IP:127.0.0.1,DNS:localhost' \
	-keyout "$tmp/key.pem" -out "$tmp/cert.pem" 2>/dev/null || setup_fail "openssl"

wait_port() {
	for _ in $(seq 200); do
		[ -s "$tmp/port" ] && break
		kill -0 "$server" 2>/dev/null || break
		sleep 0.05
	done
	port=$(cat "$tmp/port" 2>/dev/null)
	[ -n "$port" ]
}
stop() { kill -TERM "$server"; wait "$server"; local rc=$?; server=""; return $rc; }

"$bin" serve --db "$db" --listen 127.0.0.1:0 --port-file "$tmp/port" \
	--tls-cert "$tmp/cert.pem" --tls-key "$tmp/key.pem" 2>"$tmp/server.log" &
server=$!
wait_port || { cat "$tmp/server.log"; setup_fail "TLS server did not start"; }
base="https://127.0.0.1:$port"
c() { curl -s --max-time 20 --cacert "$tmp/cert.pem" "$@"; }

t_https() {
	[ "$(c -o "$tmp/body" -w '%{http_code}' "$base/ogp-americas-2017/")" = 200 ] &&
		grep -q '<html lang=' "$tmp/body"
}
t_insecure_k() { # what an operator's quick check does
	[ "$(curl -sk -o /dev/null -w '%{http_code}' "$base/")" = 200 ]
}
t_banner() { grep -q "listening on https://127.0.0.1:$port/" "$tmp/server.log"; }
t_plain_refused() {
	[ "$(curl -s --max-time 5 -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/")" = 000 ]
}
t_secure_cookie() {
	local jar="$tmp/t.jar" csrf
	c -c "$jar" -b "$jar" -o /dev/null "$base/account/login"
	csrf=$(awk '$6 == "csrf" { v = $7 } END { print v }' "$jar")
	c -c "$jar" -b "$jar" -D "$tmp/head" -o /dev/null --data-urlencode "csrf=$csrf" \
		-d email=t@example.org -d password=tls-password-1 "$base/account/login"
	grep -i '^Set-Cookie: sid=' "$tmp/head" | grep -q 'HttpOnly; SameSite=Lax; Secure'
}
t_security_headers() {
	c -D "$tmp/head" -o /dev/null "$base/"
	grep -qi '^X-Content-Type-Options: nosniff' "$tmp/head"
}
check "HTTPS verified against the certificate" t_https
check "HTTPS with curl -k" t_insecure_k
check "the banner says https" t_banner
check "plain HTTP on the TLS port gets no answer" t_plain_refused
check "session cookie is Secure over TLS" t_secure_cookie
check "security headers over TLS" t_security_headers
check "stops cleanly on SIGTERM" stop

# The same through a configuration file.
cat >"$tmp/cabildo.conf" <<EOF
# cabildo serve --config: a test file
db         = $db
listen     = 127.0.0.1:0
port_file  = $tmp/port
tls_cert   = $tmp/cert.pem
tls_key    = $tmp/key.pem
threads    = 2
access_log = no
public_url = https://cfp.example.org
rate_scale = 0.5
EOF
rm -f "$tmp/port"
"$bin" serve --config "$tmp/cabildo.conf" 2>"$tmp/server.log" &
server=$!
t_config_serves() {
	wait_port && [ "$(c -o /dev/null -w '%{http_code}' "https://127.0.0.1:$port/")" = 200 ] &&
		grep -q 'with 2 threads' "$tmp/server.log" && ! grep -q 'access ' "$tmp/server.log"
}
check "a configuration file sets db, listen, TLS, threads, access log" t_config_serves
check "stops cleanly" stop

conf_error() { # expected message, then config lines: exit 2, message, nothing served
	local want=$1
	shift
	printf '%s\n' "$@" >"$tmp/bad.conf"
	rm -f "$tmp/port"
	"$bin" serve --config "$tmp/bad.conf" --port-file "$tmp/port" >/dev/null 2>"$tmp/err"
	local rc=$?
	[ "$rc" = 2 ] || { echo "exit $rc"; cat "$tmp/err"; return 1; }
	grep -qF -- "$want" "$tmp/err" || { echo "wanted: $want"; cat "$tmp/err"; return 1; }
	[ ! -e "$tmp/port" ]
}
t_unknown_key() { conf_error "bad.conf:2: unknown key 'lisen'" "db = $db" 'lisen = 127.0.0.1:1'; }
t_bad_int() { conf_error "bad.conf:3: 'threads': expected an integer from 1 to 64, got 'many'" '# x' "db = $db" 'threads = many'; }
t_bad_bool() { conf_error "bad.conf:1: 'access_log': expected true or false, got 'maybe'" 'access_log = maybe'; }
t_no_equals() { conf_error "bad.conf:2: expected 'key = value'" "db = $db" 'listen 127.0.0.1:1'; }
t_repeated() { conf_error "bad.conf:2: 'db' is already set on line 1" "db = $db" "db = $db"; }
t_bad_listen() { conf_error "bad.conf:1: 'listen': expected ADDR:PORT, got 'localhost'" 'listen = localhost' "db = $db"; }
t_bad_url() { conf_error "bad.conf:1: 'public_url': expected https://HOST" 'public_url = ftp://x' "db = $db"; }
t_bad_utf8() { conf_error "bad.conf:1: not UTF-8 text" $'db = \xff'; }
t_missing_file() {
	"$bin" serve --config "$tmp/nope.conf" 2>"$tmp/err"
	[ $? = 2 ] && grep -q 'nope.conf: No such file or directory' "$tmp/err"
}
t_tls_half() {
	"$bin" serve --db "$db" --tls-cert "$tmp/cert.pem" 2>"$tmp/err"
	[ $? = 2 ] && grep -q 'go together' "$tmp/err"
}
t_tls_not_pem() {
	echo 'not a certificate' >"$tmp/junk.pem"
	"$bin" serve --db "$db" --tls-cert "$tmp/junk.pem" --tls-key "$tmp/key.pem" 2>"$tmp/err"
	[ $? = 1 ] && grep -q "certificate '$tmp/junk.pem': not a PEM file" "$tmp/err"
}
t_tls_wrong_key() { # a key that does not match: the TLS library refuses to start
	openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=other \
		-keyout "$tmp/key2.pem" -out "$tmp/cert2.pem" 2>/dev/null
	rm -f "$tmp/port"
	"$bin" serve --db "$db" --listen 127.0.0.1:0 --port-file "$tmp/port" \
		--tls-cert "$tmp/cert.pem" --tls-key "$tmp/key2.pem" 2>"$tmp/err"
	[ $? = 1 ] && grep -q 'cannot start the HTTP server' "$tmp/err" && [ ! -e "$tmp/port" ]
}
check "unknown key: file and line" t_unknown_key
check "integer out of form: file, line, range" t_bad_int
check "boolean out of form" t_bad_bool
check "a line without '='" t_no_equals
check "a key set twice" t_repeated
check "an invalid listen address" t_bad_listen
check "a public URL that is not http(s)" t_bad_url
check "bytes that are not UTF-8" t_bad_utf8
check "a missing configuration file" t_missing_file
check "--tls-cert without --tls-key" t_tls_half
check "a certificate that is not PEM" t_tls_not_pem
check "a key that does not match the certificate" t_tls_wrong_key
echo "RESULT $pass $fail"
[ "$fail" = 0 ]
