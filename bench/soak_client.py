# SPDX-License-Identifier: AGPL-3.0-or-later
"""soak_client.py: the load of bench/soak.sh.

PROCS processes of THREADS threads each; every thread is one visitor with
its own account (soakN@example.org, made by soak.sh) and its own keep-alive
connection.  Each logs in and registers for the event (not measured; one
log-in at a time per process), then, all together, for SECONDS, sends
requests: with SOAK_RATE (requests per second, all visitors together) at
that pace, each visitor on its own schedule (open loop: a slow answer
does not slow the load down; a visitor that falls behind sends at once);
without it (or 0), each sends the next as soon as the last is answered
(closed loop).  The mix, by weight:

  agenda page, event page, a session page    anonymous reads (cacheable)
  schedule.json, schedule.ics, sessions.csv  anonymous open-data exports
  star / unstar a session                    POST, signed in, 303 expected
  submit a proposal to the open call         POST, signed in, 303 expected

and besides, at SOAK_LOGINS_PER_MIN (default 12, all visitors together,
0: none), log in again: POST, argon2id, 303 expected.  Log-ins have a
rate of their own, not a weight: each costs a 64 MiB argon2id hash (about
0.35 s of CPU), two at a time, so a weight would tie
their rate to the throughput and a fast mix would queue more hashes
than the machine can do.  A site sees far fewer log-ins than page views.

Every answer other than the expected status, and every connection error,
is an error.  Prints one line per request class (count, p50, p99, max in
ms) and final "total" lines: every request, and every request but the
log-ins ("total-nologin": a log-in costs an argon2id hash by design, so
its own latency is the hash's, not the server's), then "errors N".

Usage: soak_client.py PORT EVENT OPEN_EVENT SECONDS PROCS THREADS
"""
import http.client
import multiprocessing
import os
import random
import re
import sys
import threading
import time
import urllib.parse

port, ev, open_ev = int(sys.argv[1]), sys.argv[2], sys.argv[3]
seconds, procs, threads = float(sys.argv[4]), int(sys.argv[5]), int(sys.argv[6])
PASSWORD = "soak-password-1"

# class: (weight, method, expected status)
MIX = {
    "agenda": (20, "GET", 200),
    "event": (10, "GET", 200),
    "session": (20, "GET", 200),
    "schedule.json": (6, "GET", 200),
    "schedule.ics": (6, "GET", 200),
    "sessions.csv": (6, "GET", 200),
    "star": (25, "POST", 303),
    "proposal": (5, "POST", 303),
    "login": (0, "POST", 303),  # at LOGINS_PER_MIN, not by weight
}
RATE = float(os.environ.get("SOAK_RATE", "0") or 0)
LOGINS_PER_MIN = float(os.environ.get("SOAK_LOGINS_PER_MIN", "12") or 0)
CLASSES = list(MIX)
WEIGHTS = [MIX[c][0] for c in CLASSES]


class Visitor:
    def __init__(self, n):
        self.n = n
        self.email = "soak%d@example.org" % n
        self.cookies = {}
        self.conn = None

    def connect(self):
        if self.conn is not None:
            self.conn.close()
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)

    def req(self, method, path, form=None, signed_in=True):
        body = urllib.parse.urlencode(form, doseq=True) if form else None
        h = {}
        if signed_in and self.cookies:
            h["Cookie"] = "; ".join("%s=%s" % kv for kv in self.cookies.items())
        if body is not None:
            h["Content-Type"] = "application/x-www-form-urlencoded"
        if self.conn is None:
            self.connect()
        try:
            self.conn.request(method, path, body=body, headers=h)
            r = self.conn.getresponse()
        except (http.client.RemoteDisconnected, ConnectionResetError,
                BrokenPipeError):
            # a keep-alive connection closed by the server between two
            # requests (idle timeout): reconnect once, as a browser does
            self.connect()
            self.conn.request(method, path, body=body, headers=h)
            r = self.conn.getresponse()
        data = r.read()
        if signed_in:
            for k, v in r.getheaders():
                if k.lower() == "set-cookie":
                    name, _, rest = v.partition("=")
                    self.cookies[name.strip()] = rest.split(";")[0]
        if (r.getheader("Connection") or "").lower() == "close":
            self.conn.close()
            self.conn = None
        return r.status, data

    def login(self):
        self.req("GET", "/account/login")
        return self.req("POST", "/account/login", {
            "csrf": self.cookies.get("csrf", ""), "email": self.email,
            "password": PASSWORD})[0]


def catalogue():
    """The agenda's session GUIDs and session page paths."""
    v = Visitor(0)
    st, page = v.req("GET", "/%s/agenda?day=all" % ev, signed_in=False)
    assert st == 200, "agenda: %d" % st
    guids = sorted(set(g.decode() for g in
                       re.findall(rb'data-guid="([0-9a-f-]+)"', page)))
    paths = sorted(set(p.decode() for p in
                       re.findall(rb'href="(/%s/sessions/[^"?#]+)"' %
                                  ev.encode(), page)))
    assert guids and paths, "no sessions in the agenda"
    return guids, paths


def why(body):
    """The first error of a refused form (or the page's heading)."""
    m = re.search(rb'<li><a href="#f-([^"]*)">([^<]*)</a>', body or b"")
    if m is None:
        m = re.search(rb'<h1[^>]*>()([^<]*)</h1>', body or b"")
    return (m.group(1) + b" " + m.group(2)).decode(errors="replace"
                                                   ).strip() if m else ""


def setup(v):
    """Logs the visitor in and registers it: None, or what went wrong."""
    try:
        st = v.login()
    except Exception as e:
        st = repr(e)
    if st != 303:
        return "setup log-in of %s: %s" % (v.email, st)
    try:
        st, _ = v.req("POST", "/%s/register" % ev,
                      {"csrf": v.cookies["csrf"]})
    except Exception as e:
        st = repr(e)
    if st != 303:
        return "setup registration of %s: %s" % (v.email, st)
    return None


def visitor_loop(n, guids, paths, start, lat, errs, lock):
    rnd = random.Random(n)
    v = Visitor(n)
    # Setting up is not measured: one log-in at a time per process (a
    # burst of 16 would only queue for the hashing threads), then every
    # visitor of the process starts together.
    with start["setup"]:
        err = setup(v)
    start["barrier"].wait()
    deadline = time.monotonic() + seconds
    if err is not None:
        with lock:
            errs.append(err)
        return
    k = 0
    mine = {c: [] for c in CLASSES}
    bad = []
    visitors = procs * threads
    now = time.monotonic()
    # each visitor's own pace, with a random phase
    every = visitors / RATE if RATE > 0 else 0
    nxt = now + rnd.uniform(0, every)
    login_every = visitors * 60 / LOGINS_PER_MIN if LOGINS_PER_MIN > 0 else 0
    next_login = now + rnd.uniform(0, login_every) if login_every else None
    while time.monotonic() < deadline:
        if every:
            now = time.monotonic()
            if nxt > now:
                time.sleep(nxt - now)
            nxt = max(nxt + every, time.monotonic() - every)
        if next_login is not None and time.monotonic() >= next_login:
            c = "login"
            next_login += login_every
        else:
            c = rnd.choices(CLASSES, WEIGHTS)[0]
        k += 1
        body = b""
        t0 = time.monotonic()
        try:
            if c == "agenda":
                st, body = v.req("GET", "/%s/agenda" % ev, signed_in=False)
            elif c == "event":
                st, body = v.req("GET", "/%s/" % ev, signed_in=False)
            elif c == "session":
                st, body = v.req("GET", rnd.choice(paths), signed_in=False)
            elif c in ("schedule.json", "schedule.ics", "sessions.csv"):
                st, body = v.req("GET", "/%s/%s" % (ev, c), signed_in=False)
            elif c == "star":
                st, body = v.req("POST", "/%s/star" % ev, {
                    "csrf": v.cookies["csrf"], "guid": rnd.choice(guids),
                    "on": rnd.choice(["1", "0"]),
                    "back": "/%s/agenda" % ev})
            elif c == "proposal":
                st, body = v.req("POST", "/%s/cfp/new" % open_ev, {
                    "csrf": v.cookies["csrf"],
                    "title": "Soak proposal %d.%d" % (n, k),
                    "abstract": "Datos abiertos para la rendición de "
                                "cuentas, propuesta %d de %s." % (k, v.email),
                    "description": "Una charla relámpago.",
                    "format": "lightning-talk", "theme": "civic-space",
                    "language": "es", "action": "submit"})
            else:
                v.cookies.pop("sid", None)
                st = v.login()
        except Exception as e:  # counted, and the visitor goes on
            bad.append("%s: %r" % (c, e))
            v.conn = None
            continue
        mine[c].append(time.monotonic() - t0)
        if st != MIX[c][2]:
            bad.append("%s: status %d %s" % (c, st, why(body)))
    with lock:
        for c in CLASSES:
            lat[c].extend(mine[c])
        errs.extend(bad)


def proc_main(p, guids, paths, q):
    lat = {c: [] for c in CLASSES}
    errs, lock = [], threading.Lock()
    start = {"setup": threading.Lock(), "barrier": threading.Barrier(threads)}
    ts = [threading.Thread(target=visitor_loop,
                           args=(1 + p * threads + i, guids, paths, start,
                                 lat, errs, lock))
          for i in range(threads)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    q.put((lat, errs))


def pct(xs, q):
    return xs[min(len(xs) - 1, int(q * len(xs)))] * 1000 if xs else 0.0


def main():
    guids, paths = catalogue()
    q = multiprocessing.Queue()
    ps = [multiprocessing.Process(target=proc_main,
                                  args=(p, guids, paths, q))
          for p in range(procs)]
    for p in ps:
        p.start()
    lat = {c: [] for c in CLASSES}
    errs = []
    for _ in ps:
        l, e = q.get()
        for c in CLASSES:
            lat[c].extend(l[c])
        errs.extend(e)
    for p in ps:
        p.join()
    wall = seconds  # each visitor's measured window (setup aside)
    allx = []
    rest = []

    def line(name, xs):
        print("%-14s %8d %8.1f %8.1f %8.1f %8.1f %9.1f" %
              (name, len(xs), pct(xs, .5), pct(xs, .95), pct(xs, .99),
               xs[-1] * 1000 if xs else 0, len(xs) / wall))

    print("%-14s %8s %8s %8s %8s %8s %9s" %
          ("class", "requests", "p50 ms", "p95 ms", "p99 ms", "max ms",
           "req/s"))
    for c in CLASSES:
        xs = sorted(lat[c])
        allx.extend(xs)
        if c != "login":
            rest.extend(xs)
        line(c, xs)
    allx.sort()
    rest.sort()
    line("total", allx)
    line("total-nologin", rest)
    print("errors %d" % len(errs))
    for e in errs[:5]:
        print("  " + e)


if __name__ == "__main__":
    main()
