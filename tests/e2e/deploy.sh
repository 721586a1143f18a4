#!/usr/bin/env bash
# SPDX-License-Identifier: AGPL-3.0-or-later
# End-to-end test of the deployment files (issue 8, part 6): cabildo,
# configured by deploy/cabildo.conf, behind nginx running deploy/nginx.conf
# itself — only the ports (unprivileged, loopback), the certificate (a
# throw-away one made here) and the paths are changed.  Pages over HTTPS
# through nginx, HTTP redirected, HSTS, cabildo's own headers passed
# through, Secure cookies, a client unable to pick its address for rate
# limits with X-Forwarded-For or X-Real-IP, big bodies stopped by nginx;
# then `systemd-analyze verify` on deploy/cabildo.service when available.
# Usage: deploy.sh BUILD_DIR.  Prints ok/not ok lines, then RESULT P F.
set -u
# shellcheck source=tests/e2e/lib/common.sh
. "$(dirname "$0")/lib/common.sh"
e2e_init deploy "${1:-build}"
e2e_wait=1
nginx_pid=""
e2e_cleanup_hook() {
	[ -n "$nginx_pid" ] && kill -QUIT "$nginx_pid" 2>/dev/null
	sleep 0.2
}
skip() { pass=$((pass + 1)); echo "ok - deploy $1 # SKIP $2"; }

free_port() { # a port nobody listens on, from the kernel
	python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# ---- cabildo, with deploy/cabildo.conf ----
db="$tmp/cabildo.db"
"$bin" demo --db "$db" --proposals 10 --participants 3 >/dev/null || setup_fail "demo"
echo 'deploy-password-1' >"$tmp/pw"
"$bin" user add --db "$db" --email d@example.org --name Dora \
	--password-file "$tmp/pw" >/dev/null || setup_fail "user add"
sed -e "s#^db = .*#db = $db#" -e "s#^listen = .*#listen = 127.0.0.1:0#" \
	"$root/deploy/cabildo.conf" >"$tmp/cabildo.conf"
# The port file for the test; limits a tenth as high so that the rate
# limit test needs a few log-ins (64 MiB of argon2id each), not thirty.
printf 'port_file = %s\nrate_scale = 0.1\n' "$tmp/port" >>"$tmp/cabildo.conf"
grep -q '^trust_proxy = 127.0.0.1' "$tmp/cabildo.conf" || setup_fail "cabildo.conf changed"
"$bin" serve --config "$tmp/cabildo.conf" 2>"$tmp/server.log" &
server=$!
for _ in $(seq 200); do [ -s "$tmp/port" ] && break; sleep 0.05; done
app_port=$(cat "$tmp/port" 2>/dev/null)
[ -n "$app_port" ] || { cat "$tmp/server.log"; setup_fail "cabildo did not start"; }

# ---- nginx, with deploy/nginx.conf ----
command -v nginx >/dev/null || setup_fail "nginx is not installed (scripts/install-deps)"
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=cfp.example.org \
	-addext 'subjectAltName=DNS:cfp.example.org' \
	-keyout "$tmp/privkey.pem" -out "$tmp/fullchain.pem" 2>/dev/null || setup_fail "openssl"
http_port=$(free_port) https_port=$(free_port)
[ "$http_port" != "$https_port" ] || https_port=$(free_port)
sed -e "s#server 127.0.0.1:8080;#server 127.0.0.1:$app_port;#" \
	-e "s#listen 80;#listen 127.0.0.1:$http_port;#" \
	-e "s#listen 443 ssl http2;#listen 127.0.0.1:$https_port ssl http2;#" \
	-e '/listen \[::\]/d' \
	-e "s#/etc/letsencrypt/live/cfp.example.org/#$tmp/#" \
	-e "s#/var/www/letsencrypt#$tmp/www#" \
	"$root/deploy/nginx.conf" >"$tmp/site.conf"
grep -q "server 127.0.0.1:$app_port;" "$tmp/site.conf" &&
	grep -q "listen 127.0.0.1:$https_port ssl" "$tmp/site.conf" &&
	! grep -q 'letsencrypt/live' "$tmp/site.conf" || setup_fail "nginx.conf changed: the test's edits no longer apply"
mkdir -p "$tmp/www" "$tmp/logs"
cat >"$tmp/nginx.conf" <<EOF
$([ "$(id -u)" = 0 ] && echo 'user root;')
worker_processes 1;
pid $tmp/nginx.pid;
error_log $tmp/logs/error.log;
events { worker_connections 256; }
http {
	access_log $tmp/logs/access.log;
	client_body_temp_path $tmp/ngx-body;
	proxy_temp_path $tmp/ngx-proxy;
	fastcgi_temp_path $tmp/ngx-fastcgi;
	uwsgi_temp_path $tmp/ngx-uwsgi;
	scgi_temp_path $tmp/ngx-scgi;
	include $tmp/site.conf;
}
EOF
nginx -t -p "$tmp" -c "$tmp/nginx.conf" >"$tmp/nginx-t.log" 2>&1 ||
	{ cat "$tmp/nginx-t.log"; setup_fail "nginx -t refuses deploy/nginx.conf"; }
nginx -p "$tmp" -c "$tmp/nginx.conf" 2>"$tmp/nginx.err" || { cat "$tmp/nginx.err"; setup_fail "nginx did not start"; }
for _ in $(seq 100); do [ -s "$tmp/nginx.pid" ] && break; sleep 0.05; done
nginx_pid=$(cat "$tmp/nginx.pid" 2>/dev/null)
[ -n "$nginx_pid" ] || setup_fail "nginx wrote no pid"

host=cfp.example.org
https="https://$host:$https_port"
# curl reaches "cfp.example.org" on loopback and checks the certificate.
c() {
	curl -s --max-time 20 --cacert "$tmp/fullchain.pem" \
		--resolve "$host:$https_port:127.0.0.1" --resolve "$host:$http_port:127.0.0.1" "$@"
}

t_page() {
	[ "$(c -o "$tmp/body" -D "$tmp/head" -w '%{http_code}' "$https/ogp-americas-2017/")" = 200 ] &&
		grep -q '<html lang=' "$tmp/body" &&
		grep -qi '^content-security-policy:' "$tmp/head" &&
		grep -qi '^x-content-type-options: nosniff' "$tmp/head"
}
t_hsts() { c -D "$tmp/head" -o /dev/null "$https/" && grep -qi '^strict-transport-security: max-age=' "$tmp/head"; }
t_http2() { [ "$(c -o /dev/null -w '%{http_version}' --http2 "$https/")" = 2 ]; }
t_redirect() {
	[ "$(c -o /dev/null -D "$tmp/head" -w '%{http_code}' "http://$host:$http_port/x?y=1")" = 301 ] &&
		grep -qi "^location: https://$host/x?y=1" "$tmp/head"
}
t_static() { # the stylesheet the home page links, and the health check
	local css
	c -o "$tmp/body" "$https/"
	css=$(grep -o 'href="/static/[^"]*\.css"' "$tmp/body" | head -1 | cut -d'"' -f2)
	[ -n "$css" ] &&
		[ "$(c -o /dev/null -D "$tmp/head" -w '%{http_code}' "$https$css")" = 200 ] &&
		grep -qi '^content-type: text/css' "$tmp/head" &&
		[ "$(c -o /dev/null -w '%{http_code}' "$https/healthz")" = 200 ]
}
login() { # jar, extra curl args: the status of a log-in POST
	local jar="$tmp/$1.jar" csrf
	shift
	c -c "$jar" -b "$jar" -o /dev/null "$https/account/login"
	csrf=$(awk '$6 == "csrf" { v = $7 } END { print v }' "$jar")
	c -c "$jar" -b "$jar" -D "$tmp/head" -o /dev/null -w '%{http_code}' \
		--data-urlencode "csrf=$csrf" "$@" "$https/account/login"
}
t_secure_cookies() {
	[ "$(login d -d email=d@example.org -d password=deploy-password-1)" = 303 ] &&
		grep -i '^set-cookie: sid=' "$tmp/head" | grep -q 'Secure'
}
# Failed log-ins, each for another account and with another forged
# address: the per-address limit (30, scaled to 3) must still apply.
t_spoofing() {
	local i s=""
	for i in $(seq 12); do
		s=$(login eve -H "X-Forwarded-For: 10.9.$i.1" -H "X-Real-IP: 10.8.$i.1" \
			-d "email=nobody$i@example.org" -d password=wrong-password)
		[ "$s" = 429 ] && break
	done
	echo "last status $s after $i attempts"
	[ "$s" = 429 ]
}
# The control: from the trusted proxy's address itself (cabildo's own
# port), X-Real-IP is believed, so the same attempts are not limited.
t_proxy_header_used() {
	local i s="" jar="$tmp/direct.jar" csrf
	curl -s -c "$jar" -b "$jar" -o /dev/null "http://127.0.0.1:$app_port/account/login"
	csrf=$(awk '$6 == "csrf" { v = $7 } END { print v }' "$jar")
	for i in $(seq 6); do
		s=$(curl -s -c "$jar" -b "$jar" -o /dev/null -w '%{http_code}' \
			-H "X-Real-IP: 10.7.$i.1" --data-urlencode "csrf=$csrf" \
			-d "email=other$i@example.org" -d password=wrong-password \
			"http://127.0.0.1:$app_port/account/login")
		[ "$s" = 401 ] || { echo "attempt $i: $s"; return 1; }
	done
}
t_body_cap() {
	head -c 2000000 /dev/zero | tr '\0' a >"$tmp/big"
	[ "$(c -o /dev/null -w '%{http_code}' --data-binary @"$tmp/big" "$https/account/login")" = 413 ]
}
t_access_log() { grep -q 'access /ogp-americas-2017/ 200' "$tmp/server.log"; }

check "a page over HTTPS through nginx, with cabildo's headers" t_page
check "HSTS from nginx" t_hsts
check "HTTP/2" t_http2
check "HTTP is redirected to HTTPS" t_redirect
check "a stylesheet and /healthz through nginx" t_static
check "cookies are Secure behind the TLS proxy" t_secure_cookies
check "X-Forwarded-For and X-Real-IP from a client do not dodge rate limits" t_spoofing
check "X-Real-IP from the trusted proxy names the client" t_proxy_header_used
check "bodies over 1 MiB are stopped by nginx (413)" t_body_cap
check "cabildo logs each request" t_access_log

kill -QUIT "$nginx_pid"
nginx_pid=""
kill -TERM "$server"
wait "$server"
rc=$?
server=""
check "cabildo stops cleanly on SIGTERM" test "$rc" = 0

# ---- the systemd unit ----
if command -v systemd-analyze >/dev/null; then
	# verify wants ExecStart to exist: point it at this build.
	mkdir -p "$tmp/unit"
	sed "s#/usr/local/bin/cabildo#$bin#" "$root/deploy/cabildo.service" >"$tmp/unit/cabildo.service"
	check "systemd-analyze verify deploy/cabildo.service" \
		systemd-analyze verify --man=no "$tmp/unit/cabildo.service"
	t_exposure() { # systemd's own rating of the sandbox: "OK" or better
		systemd-analyze security --offline=yes "$tmp/unit/cabildo.service" >"$tmp/sec" 2>&1
		tail -1 "$tmp/sec"
		grep -qE 'Overall exposure level for cabildo.service: [0-9.]+ (OK|SAFE)' "$tmp/sec"
	}
	if systemd-analyze security --help 2>/dev/null | grep -q -- '--offline'; then
		check "systemd-analyze security rates the sandbox OK" t_exposure
	else
		skip "systemd-analyze security" "no --offline in this systemd"
	fi
	t_sandbox_options() {
		local o
		for o in 'User=cabildo' 'NoNewPrivileges=yes' 'ProtectSystem=strict' \
			'ProtectHome=yes' 'PrivateTmp=yes' 'ReadWritePaths=/var/lib/cabildo' \
			'SystemCallFilter=@system-service' 'RestrictAddressFamilies=AF_INET AF_INET6 AF_UNIX'; do
			grep -qx "$o" "$root/deploy/cabildo.service" || { echo "missing $o"; return 1; }
		done
	}
	check "the unit keeps its sandbox options" t_sandbox_options
else
	skip "systemd-analyze verify" "systemd-analyze not installed"
fi
echo "RESULT $pass $fail"
[ "$fail" = 0 ]
