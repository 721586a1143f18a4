#!/usr/bin/env bash
# SPDX-License-Identifier: AGPL-3.0-or-later
#
# http.sh: the event page of the demo, served by cabildo, against nginx
# serving the very same bytes as a static file, in the same run.
#
# Starts "build/cabildo serve" (a release build: run "make" first) on the
# demo database with 2 worker threads and no access log, saves the bytes
# of /ogp-americas-2017/?lang=es, starts nginx (2 workers, access log off)
# on them, then runs "wrk -t2 -c64 -d10s --latency" against each, ROUNDS
# times alternating, and prints requests/s, p50 and p99 latency (medians
# over the rounds) and the ratio cabildo/nginx.  Not a test: the goal
# (cabildo at least 50% of nginx) is reported, never enforced.
#
# Environment: CABILDO (binary, default build/cabildo), DURATION (per run,
# default 10s), ROUNDS (default 3), CONNECTIONS (default 64), THREADS
# (cabildo workers, default 2).  Installs wrk and nginx with apt-get when
# missing (as root).
set -euo pipefail

here=$(cd "$(dirname "$0")/.." && pwd)
CABILDO=${CABILDO:-$here/build/cabildo}
DURATION=${DURATION:-10s}
ROUNDS=${ROUNDS:-3}
CONNECTIONS=${CONNECTIONS:-64}
THREADS=${THREADS:-2}
PAGE=/ogp-americas-2017/?lang=es

if [[ ! -x $CABILDO ]]; then
	echo "bench/http.sh: $CABILDO is missing: build it first with 'make'" >&2
	exit 1
fi

missing=()
for pkg in wrk nginx curl; do
	dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null |
		grep -q 'install ok installed' || missing+=("$pkg")
done
if ((${#missing[@]} > 0)); then
	if ((EUID != 0)); then
		echo "bench/http.sh: needs ${missing[*]}: run as root, or" \
			"apt-get install ${missing[*]}" >&2
		exit 1
	fi
	echo "installing ${missing[*]} with apt-get" >&2
	apt-get install -y --no-install-recommends "${missing[@]}" >&2 || {
		apt-get update >&2
		apt-get install -y --no-install-recommends "${missing[@]}" >&2
	}
fi
NGINX=$(command -v nginx || echo /usr/sbin/nginx)

tmp=$(mktemp -d "${TMPDIR:-/tmp}/cabildo-bench.XXXXXX")
cabildo_pid=
nginx_pid=
cleanup() {
	local pid
	for pid in $cabildo_pid $nginx_pid; do
		if kill -0 "$pid" 2>/dev/null; then
			kill -TERM "$pid" 2>/dev/null || true
			wait "$pid" 2>/dev/null || true
		fi
	done
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() { # a loopback port nothing listens on
	local p
	while :; do
		p=$((20000 + RANDOM % 40000))
		(exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || break
	done
	echo "$p"
}

wait_http() { # wait_http URL PID
	local i
	for i in $(seq 1 100); do
		curl -sf -o /dev/null "$1" && return 0
		kill -0 "$2" 2>/dev/null || return 1
		sleep 0.1
	done
	return 1
}

# --- cabildo -----------------------------------------------------------
"$CABILDO" demo --db "$tmp/demo.db" >/dev/null
"$CABILDO" serve --db "$tmp/demo.db" --listen 127.0.0.1:0 \
	--threads "$THREADS" --no-access-log --port-file "$tmp/port" \
	2>"$tmp/cabildo.log" &
cabildo_pid=$!
for _ in $(seq 1 100); do
	[[ -s $tmp/port ]] && break
	sleep 0.05
done
cport=$(cat "$tmp/port")
curl_url="http://127.0.0.1:$cport$PAGE"
wait_http "$curl_url" "$cabildo_pid" || {
	echo "bench/http.sh: cabildo did not start:" >&2
	cat "$tmp/cabildo.log" >&2
	exit 1
}

# --- nginx, serving the same bytes -------------------------------------
mkdir -p "$tmp/www" "$tmp/nginx"
curl -sf -o "$tmp/www/event.html" "$curl_url"
nport=$(free_port)
{
	((EUID == 0)) && echo "user root;"
	cat <<EOF
worker_processes 2;
daemon off;
pid $tmp/nginx/nginx.pid;
error_log $tmp/nginx/error.log warn;
events { worker_connections 4096; }
http {
	access_log off;
	sendfile on;
	tcp_nopush on;
	keepalive_requests 1000000;
	client_body_temp_path $tmp/nginx/body;
	proxy_temp_path $tmp/nginx/proxy;
	fastcgi_temp_path $tmp/nginx/fastcgi;
	uwsgi_temp_path $tmp/nginx/uwsgi;
	scgi_temp_path $tmp/nginx/scgi;
	server {
		listen 127.0.0.1:$nport;
		root $tmp/www;
		default_type "text/html; charset=utf-8";
	}
}
EOF
} >"$tmp/nginx/nginx.conf"
"$NGINX" -p "$tmp/nginx" -e "$tmp/nginx/error.log" \
	-c "$tmp/nginx/nginx.conf" &
nginx_pid=$!
nginx_url="http://127.0.0.1:$nport/event.html"
wait_http "$nginx_url" "$nginx_pid" || {
	echo "bench/http.sh: nginx did not start:" >&2
	cat "$tmp/nginx/error.log" >&2
	exit 1
}
curl -sf "$nginx_url" | cmp -s - "$tmp/www/event.html" || {
	echo "bench/http.sh: nginx does not serve the saved bytes" >&2
	exit 1
}
bytes=$(wc -c <"$tmp/www/event.html")

# --- measure -----------------------------------------------------------
# to_ms VALUE-WITH-UNIT: wrk prints 812.00us, 1.25ms, 1.02s.
to_ms() {
	awk -v v="$1" 'BEGIN {
		n = v + 0
		if (v ~ /us$/) n /= 1000
		else if (v ~ /ms$/) n += 0
		else if (v ~ /m$/) n *= 60000
		else if (v ~ /s$/) n *= 1000
		printf "%.3f", n
	}'
}

run_wrk() { # run_wrk NAME URL ROUND -> appends "rps p50 p99" to $tmp/NAME
	local out rps p50 p99 errs
	out=$(wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency "$2")
	rps=$(awk '/^Requests\/sec:/ { print $2 }' <<<"$out")
	p50=$(to_ms "$(awk '$1 == "50%" { print $2 }' <<<"$out")")
	p99=$(to_ms "$(awk '$1 == "99%" { print $2 }' <<<"$out")")
	errs=$(awk '/Non-2xx|Socket errors/' <<<"$out")
	echo "$rps $p50 $p99" >>"$tmp/res.$1"
	printf 'round %d %-8s %10.0f req/s  p50 %7.3f ms  p99 %7.3f ms %s\n' \
		"$3" "$1" "$rps" "$p50" "$p99" "${errs:+ ($errs)}"
}

median() { # median COLUMN FILE
	cut -d' ' -f"$1" "$2" | sort -g | awk '{ v[NR] = $1 }
		END { if (NR % 2) print v[(NR + 1) / 2];
		      else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

echo "event page: $bytes bytes; wrk -t2 -c$CONNECTIONS -d$DURATION" \
	"--latency; $ROUNDS rounds alternating"
echo "machine: $(nproc) cores, $(awk -F': ' '/^model name/ { print $2; exit }' \
	/proc/cpuinfo)"
curl -sf -o /dev/null "$curl_url"
for r in $(seq 1 "$ROUNDS"); do
	run_wrk cabildo "$curl_url" "$r"
	run_wrk nginx "$nginx_url" "$r"
done

echo
printf '%-8s %12s %10s %10s\n' server 'req/s' 'p50 ms' 'p99 ms'
for s in cabildo nginx; do
	printf '%-8s %12.0f %10.3f %10.3f\n' "$s" "$(median 1 "$tmp/res.$s")" \
		"$(median 2 "$tmp/res.$s")" "$(median 3 "$tmp/res.$s")"
done
awk -v c="$(median 1 "$tmp/res.cabildo")" -v n="$(median 1 "$tmp/res.nginx")" \
	'BEGIN { r = c / n; ok = (r >= 0.5) ? "met" : "NOT met"
		printf "ratio cabildo/nginx: %.2f (goal, at least 0.50: %s)\n", r, ok }'
