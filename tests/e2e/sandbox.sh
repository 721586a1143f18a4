#!/usr/bin/env bash
# SPDX-License-Identifier: AGPL-3.0-or-later
# HTTP end-to-end tests of `cabildo serve --sandbox`: the server confined
# with Landlock (--sandbox=require) still serves pages, assets, exports,
# HTTPS, sign-up and a submission (writes to the database and the outbox),
# and exits cleanly (LeakSanitizer under ASan); the option and the config
# key are validated; `auto` goes on unconfined with one warning when the
# sandbox cannot be had, `require` refuses.  That the confined process
# cannot touch other files is tested in tests/unit/test_sandbox.c.
# Skipped, saying so, only when the kernel has no Landlock (checked here
# independently of cabildo).  Usage: sandbox.sh BUILD_DIR
# Prints "ok"/"not ok" lines, then RESULT P F.
set -u
# shellcheck source=tests/e2e/lib/common.sh
. "$(dirname "$0")/lib/common.sh"
e2e_init sandbox "${1:-build}"

# The kernel's Landlock ABI, asked directly (landlock_create_ruleset with
# LANDLOCK_CREATE_RULESET_VERSION; 444 on x86_64 and arm64).
abi=$(python3 -c 'import ctypes, platform
if platform.machine() not in ("x86_64", "aarch64"): print(-1); raise SystemExit
libc = ctypes.CDLL(None, use_errno=True)
print(libc.syscall(444, None, 0, 1))' 2>/dev/null)
case "${abi:-}" in
'' | -* | 0)
	if [ "${abi:-}" = -1 ]; then
		echo "ok - skip: landlock unknown on $(uname -m)"
	else
		echo "ok - skip: landlock unavailable"
	fi
	echo "RESULT 1 0"
	exit 0
	;;
esac

data="$tmp/data" # the database alone in its directory; the rest outside
mkdir -p "$data" || setup_fail "mkdir"
db="$data/db"
"$bin" demo --db "$db" --proposals 20 --participants 5 >/dev/null || setup_fail "demo"
e2e_open_call "$db"
echo 'organiser-password-1' >"$tmp/pw"
"$bin" user add --db "$db" --email org@example.org --name Olga \
	--password-file "$tmp/pw" >/dev/null || setup_fail "user add"
"$bin" user role --db "$db" --email org@example.org --event open-call \
	--role organiser >/dev/null || setup_fail "user role"
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=localhost \
	-keyout "$tmp/key.pem" -out "$tmp/cert.pem" 2>/dev/null || setup_fail "openssl"

start() { # log file, then serve's arguments; sets $server and $port
	local log=$1
	shift
	rm -f "$tmp/port"
	CABILDO_RATE_SCALE=0 "$bin" serve --listen 127.0.0.1:0 \
		--port-file "$tmp/port" "$@" 2>"$log" &
	server=$!
	for _ in $(seq 150); do [ -s "$tmp/port" ] && break; sleep 0.1; done
	port=$(cat "$tmp/port" 2>/dev/null)
	[ -n "$port" ]
}
stop() { # the exit status of the server, after SIGTERM
	local rc
	kill -TERM "$server"
	wait "$server"
	rc=$?
	server=""
	return "$rc"
}

start "$tmp/server.log" --db "$db" --sandbox=require ||
	{ cat "$tmp/server.log"; setup_fail "confined server did not start"; }
base="http://127.0.0.1:$port"
ev="$base/open-call"

t_logged() {
	grep -q "sandbox: landlock ABI $abi: read-write '$data'" "$tmp/server.log"
}
t_no_new_privs() { grep -q '^NoNewPrivs:[[:space:]]*1' "/proc/$server/status"; }
t_pages() {
	[ "$(code anon "$base/")" = 200 ] &&
		[ "$(code anon "$base/ogp-americas-2017/")" = 200 ] &&
		[ "$(code anon "$base/ogp-americas-2017/agenda")" = 200 ] &&
		[ "$(code anon "$base/healthz")" = 200 ]
}
t_static() {
	local css
	c anon -o "$tmp/body" "$base/"
	css=$(grep -o 'href="/static/[^"]*\.css"' "$tmp/body" | head -1 | cut -d'"' -f2)
	[ -n "$css" ] && [ "$(code anon "$base$css")" = 200 ]
}
t_signup() {
	c ana -o /dev/null "$base/account/signup"
	[ "$(code ana --data-urlencode "csrf=$(csrf ana)" -d name=Ana \
		-d email=ana@example.org -d password=ana-password-1 \
		"$base/account/signup")" = 200 ] &&
		[ "$(code ana "$base/account/confirm?token=$(token ana@example.org)")" = 200 ] &&
		c ana -o /dev/null "$base/account/login" &&
		[ "$(code ana --data-urlencode "csrf=$(csrf ana)" -d email=ana@example.org \
			-d password=ana-password-1 "$base/account/login")" = 303 ]
}
t_submit() {
	local id
	c ana -o /dev/null "$ev/cfp/new"
	[ "$(code ana -D "$tmp/head" --data-urlencode "csrf=$(csrf ana)" \
		--data-urlencode "title=Compras abiertas confinadas" \
		--data-urlencode "abstract=Datos de compras públicas." \
		--data-urlencode "description=Una charla." -d format=workshop \
		-d theme=civic-tech -d language=es -d action=submit \
		"$ev/cfp/new")" = 303 ] &&
		id=$(grep -i '^Location:' "$tmp/head" | sed 's#.*/cfp/\([0-9]*\).*#\1#') &&
		[ -n "$id" ] && [ "$(code ana "$ev/cfp/$id")" = 200 ] &&
		body_has 'Compras abiertas confinadas'
}
t_export() {
	c org -o /dev/null "$base/account/login"
	[ "$(code org --data-urlencode "csrf=$(csrf org)" -d email=org@example.org \
		-d password=organiser-password-1 "$base/account/login")" = 303 ] &&
		[ "$(code org "$ev/proposals.csv")" = 200 ] &&
		body_has 'Compras abiertas confinadas'
}
t_no_errors() { ! grep -Ei 'unable to open|readonly|disk I/O|permission denied|EACCES' "$tmp/server.log"; }

check "require: confined, says so with the kernel's ABI" t_logged
check "no_new_privs is set" t_no_new_privs
check "pages and the agenda are served" t_pages
check "static assets are served" t_static
check "sign up, confirm (outbox write), log in" t_signup
check "a proposal is submitted and shown" t_submit
check "the organiser's CSV export" t_export
check "no file-access error in the log" t_no_errors
check "exits 0 on SIGTERM (LeakSanitizer ran confined)" stop
if [ "$fail" != 0 ]; then tail -20 "$tmp/server.log"; fi

# HTTPS from the PEM files, confined.
t_tls() {
	start "$tmp/tls.log" --db "$db" --sandbox=require \
		--tls-cert "$tmp/cert.pem" --tls-key "$tmp/key.pem" &&
		[ "$(curl -sk --max-time 20 -o /dev/null -w '%{http_code}' \
			"https://127.0.0.1:$port/ogp-americas-2017/")" = 200 ] &&
		grep -q 'sandbox: landlock ABI' "$tmp/tls.log" && stop
}
check "HTTPS confined" t_tls

# The config key, and sandbox=off.
t_config_off() {
	printf 'db = %s\nsandbox = off\n' "$db" >"$tmp/off.conf"
	start "$tmp/off.log" --config "$tmp/off.conf" &&
		[ "$(code anon "http://127.0.0.1:$port/")" = 200 ] &&
		grep -q '^NoNewPrivs:[[:space:]]*0' "/proc/$server/status" &&
		! grep -q 'sandbox' "$tmp/off.log" && stop
}
check "config 'sandbox = off': not confined, no message" t_config_off
t_flag_wins() {
	start "$tmp/win.log" --config "$tmp/off.conf" --sandbox=require &&
		grep -q 'sandbox: landlock ABI' "$tmp/win.log" && stop
}
check "--sandbox wins over the config file" t_flag_wins

# Bad values: usage errors that name the value and where it was.
t_bad_flag() {
	"$bin" serve --db "$db" --sandbox=maybe 2>"$tmp/err"
	[ $? = 2 ] && grep -q "expected auto, require or off, got 'maybe'" "$tmp/err"
}
t_bad_key() {
	printf 'db = %s\nsandbox = on\n' "$db" >"$tmp/bad.conf"
	"$bin" serve --config "$tmp/bad.conf" 2>"$tmp/err"
	[ $? = 2 ] && grep -q "bad.conf:2: 'sandbox': expected auto, require or off, got 'on'" "$tmp/err"
}
check "--sandbox=maybe is a usage error" t_bad_flag
check "'sandbox = on' in the config is an error with FILE:LINE" t_bad_key

# When confinement cannot be set up (here: SQLite's temporary directory
# does not exist), require refuses and auto warns once and serves.
t_require_refuses() {
	SQLITE_TMPDIR="$tmp/nonexistent" "$bin" serve --db "$db" \
		--listen 127.0.0.1:0 --sandbox=require 2>"$tmp/err"
	[ $? = 1 ] && grep -q "sandbox required: '$tmp/nonexistent'" "$tmp/err"
}
t_auto_goes_on() {
	SQLITE_TMPDIR="$tmp/nonexistent" start "$tmp/auto.log" --db "$db" &&
		[ "$(grep -c 'sandbox: not confined' "$tmp/auto.log")" = 1 ] &&
		[ "$(code anon "http://127.0.0.1:$port/")" = 200 ] && stop
}
check "require refuses to run unconfined" t_require_refuses
check "auto warns once and serves unconfined" t_auto_goes_on

echo "RESULT $pass $fail"
