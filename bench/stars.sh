#!/usr/bin/env bash
# SPDX-License-Identifier: AGPL-3.0-or-later
#
# stars.sh: the morning of the event, as issue 5 asks: PARTICIPANTS
# (1,500) participants each star STARS (20) sessions of the demo over
# HTTP, CLIENTS (32) at a time.  Not timed: the accounts (made with
# `cabildo user add`, PARALLEL at a time), their log-ins (argon2id) and
# registrations for the event (each participant connects from its own
# loopback address, 127.0.X.Y, so the per-address log-in limit does not
# refuse them).  Timed: the star POSTs
# (POST /{event}/star with the CSRF token, answered 303), printed as
# stars/s and the p50/p99 latency of one POST.
# Not a test: numbers are reported, never enforced.
#
# Environment: CABILDO (default build/cabildo), PARTICIPANTS (1500),
# STARS (20), CLIENTS (32), PARALLEL (8), SCHEDULE_SECONDS (10).
set -euo pipefail

here=$(cd "$(dirname "$0")/.." && pwd)
CABILDO=${CABILDO:-$here/build/cabildo}
PARTICIPANTS=${PARTICIPANTS:-1500}
STARS=${STARS:-20}
CLIENTS=${CLIENTS:-32}
PARALLEL=${PARALLEL:-8}
EV=ogp-americas-2017
tmp=$(mktemp -d)
server=""
cleanup() {
	[ -n "$server" ] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT

[[ -x $CABILDO ]] || { echo "bench/stars.sh: $CABILDO is missing: run 'make'" >&2; exit 1; }
db="$tmp/db"
"$CABILDO" demo --db "$db" >/dev/null
# the demo's sessions have no room and time until the optimiser places them
"$CABILDO" schedule --db "$db" --event "$EV" --time-limit "${SCHEDULE_SECONDS:-10}" \
	--quiet >/dev/null 2>&1
echo 'participant-password-1' >"$tmp/pw"
t0=$(date +%s.%N)
seq "$PARTICIPANTS" | xargs -P "$PARALLEL" -I{} "$CABILDO" user add --db "$db" \
	--email "star{}@example.org" --name "Participant {}" \
	--password-file "$tmp/pw" >/dev/null
echo "accounts: $PARTICIPANTS made with cabildo user add in" \
	"$(echo "$(date +%s.%N) - $t0" | bc) s"
before=$(sqlite3 "$db" "SELECT count(*) FROM interest WHERE session_id IS NOT NULL")
"$CABILDO" serve --db "$db" --listen 127.0.0.1:0 --port-file "$tmp/port" \
	2>"$tmp/server.log" &
server=$!
for _ in $(seq 100); do [ -s "$tmp/port" ] && break; sleep 0.1; done
port=$(cat "$tmp/port")

python3 - "$port" "$EV" "$PARTICIPANTS" "$STARS" "$CLIENTS" <<'PY'
import http.client, re, sys, threading, time, urllib.parse

port, ev = int(sys.argv[1]), sys.argv[2]
participants, stars, clients = map(int, sys.argv[3:6])

class Browser:
    """One participant: a keep-alive connection and its cookies."""
    def __init__(self, i=0):
        # each participant from its own loopback address, as on a venue's
        # network: the log-in limit per address is not what is measured
        self.src = (f"127.0.{1 + i // 250}.{2 + i % 250}", 0) if i else None
        self.connect()
        self.cookies = {}
    def connect(self):
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60,
                                               source_address=self.src)
    def req(self, method, path, form=None):
        body = urllib.parse.urlencode(form, doseq=True) if form else None
        h = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        if body is not None:
            h["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            self.conn.request(method, path, body=body, headers=h)
            r = self.conn.getresponse()
        except (http.client.RemoteDisconnected, ConnectionError):
            # the server closes keep-alive connections idle for 30 s (the
            # set-up phase is long): reconnect once, as a browser does
            self.conn.close()
            self.connect()
            self.conn.request(method, path, body=body, headers=h)
            r = self.conn.getresponse()
        data = r.read()
        for k, v in r.getheaders():
            if k.lower() == "set-cookie":
                name, _, rest = v.partition("=")
                self.cookies[name.strip()] = rest.split(";")[0]
        if r.getheader("Connection", "").lower() == "close":
            self.conn.close()
        return r.status, data

# The sessions of the agenda, in order.
b = Browser()
st, page = b.req("GET", f"/{ev}/agenda?day=all")
guids = list(dict.fromkeys(re.findall(rb'data-guid="([0-9a-f-]+)"', page)))
guids = [g.decode() for g in guids]
assert len(guids) >= stars, f"only {len(guids)} sessions"

def setup(i):
    b = Browser(i)
    b.req("GET", "/account/login")
    st, _ = b.req("POST", "/account/login", {"csrf": b.cookies.get("csrf", ""),
        "email": f"star{i}@example.org", "password": "participant-password-1"})
    assert st == 303, f"login {i}: {st}"
    b.req("GET", f"/{ev}/register")
    st, _ = b.req("POST", f"/{ev}/register", {"csrf": b.cookies["csrf"]})
    assert st == 303, f"register {i}: {st}"
    return b

def run(fn, items):
    """fn over items with `clients` threads; results in order."""
    out, errs, lock = [None] * len(items), [], threading.Lock()
    nxt = [0]
    def worker():
        while True:
            with lock:
                k = nxt[0]; nxt[0] += 1
            if k >= len(items):
                return
            try:
                out[k] = fn(items[k])
            except Exception as e:  # report, keep going
                with lock:
                    errs.append(repr(e))
    ts = [threading.Thread(target=worker) for _ in range(clients)]
    for t in ts: t.start()
    for t in ts: t.join()
    return out, errs

t0 = time.monotonic()
browsers, errs = run(setup, list(range(1, participants + 1)))
print(f"log-in and registration: {participants} participants in "
      f"{time.monotonic() - t0:.1f} s ({len(errs)} errors{': ' + errs[0] if errs else ''})")

def star_all(k):
    b = browsers[k]
    if b is None:
        return []
    lat = []
    for j in range(stars):
        g = guids[(k * 7 + j * 3) % len(guids)] if len(guids) > stars else guids[j]
        s = time.monotonic()
        st, _ = b.req("POST", f"/{ev}/star", {"csrf": b.cookies["csrf"],
            "guid": g, "on": "1", "back": f"/{ev}/agenda"})
        lat.append((time.monotonic() - s, st))
    return lat

t0 = time.monotonic()
res, errs = run(star_all, list(range(participants)))
wall = time.monotonic() - t0
lat = sorted(x for r in res if r for x, _ in r)
ok = sum(1 for r in res if r for _, st in r if st == 303)
p = lambda q: lat[min(len(lat) - 1, int(q * len(lat)))] * 1000
print(f"stars: {ok} of {len(lat)} POSTs answered 303 by {clients} clients in "
      f"{wall:.2f} s: {ok / wall:.0f} stars/s; latency p50 {p(0.5):.1f} ms, "
      f"p99 {p(0.99):.1f} ms, max {lat[-1] * 1000:.1f} ms ({len(errs)} errors"
      f"{': ' + errs[0] if errs else ''})")
PY
after=$(sqlite3 "$db" "SELECT count(*) FROM interest WHERE session_id IS NOT NULL")
echo "interest rows: $before before, $after after (+$((after - before)))"
