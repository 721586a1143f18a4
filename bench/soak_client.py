# SPDX-License-Identifier: AGPL-3.0-or-later
"""soak_client.py: the load of bench/soak.sh.

PROCS processes of THREADS threads each; every thread is one visitor with
its own account (soakN@example.org, made by soak.sh) and its own keep-alive
connection, sending the next request as soon as the last is answered, for
SECONDS.  The mix, by weight:

  agenda page, event page, a session page    anonymous reads (cacheable)
  schedule.json, schedule.ics, sessions.csv  anonymous open-data exports
  star / unstar a session                    POST, signed in, 303 expected
  submit a proposal to the open call         POST, signed in, 303 expected
  log in again                               POST, argon2id, 303 expected

SOAK_LOGIN_WEIGHT (default 2) changes the weight of log-ins (0: none).
Every answer other than the expected status, and every connection error,
is an error.  Prints one line per request class (count, p50, p99, max in
ms) and a final "total" line, then "errors N".

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
    "login": (int(os.environ.get("SOAK_LOGIN_WEIGHT", "2")), "POST", 303),
}
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


def visitor_loop(n, guids, paths, deadline, lat, errs, lock):
    rnd = random.Random(n)
    v = Visitor(n)
    if v.login() != 303:
        with lock:
            errs.append("setup log-in of %s failed" % v.email)
        return
    st, _ = v.req("POST", "/%s/register" % ev, {"csrf": v.cookies["csrf"]})
    if st != 303:
        with lock:
            errs.append("setup registration of %s: %d" % (v.email, st))
        return
    k = 0
    mine = {c: [] for c in CLASSES}
    bad = []
    while time.monotonic() < deadline:
        c = rnd.choices(CLASSES, WEIGHTS)[0]
        k += 1
        t0 = time.monotonic()
        try:
            if c == "agenda":
                st, _ = v.req("GET", "/%s/agenda" % ev, signed_in=False)
            elif c == "event":
                st, _ = v.req("GET", "/%s/" % ev, signed_in=False)
            elif c == "session":
                st, _ = v.req("GET", rnd.choice(paths), signed_in=False)
            elif c in ("schedule.json", "schedule.ics", "sessions.csv"):
                st, _ = v.req("GET", "/%s/%s" % (ev, c), signed_in=False)
            elif c == "star":
                st, _ = v.req("POST", "/%s/star" % ev, {
                    "csrf": v.cookies["csrf"], "guid": rnd.choice(guids),
                    "on": rnd.choice(["1", "0"]),
                    "back": "/%s/agenda" % ev})
            elif c == "proposal":
                st, _ = v.req("POST", "/%s/cfp/new" % open_ev, {
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
            bad.append("%s: status %d" % (c, st))
    with lock:
        for c in CLASSES:
            lat[c].extend(mine[c])
        errs.extend(bad)


def proc_main(p, guids, paths, deadline, q):
    lat = {c: [] for c in CLASSES}
    errs, lock = [], threading.Lock()
    ts = [threading.Thread(target=visitor_loop,
                           args=(1 + p * threads + i, guids, paths, deadline,
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
    start = time.monotonic()
    deadline = start + seconds
    q = multiprocessing.Queue()
    ps = [multiprocessing.Process(target=proc_main,
                                  args=(p, guids, paths, deadline, q))
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
    wall = time.monotonic() - start
    allx = []
    print("%-14s %8s %8s %8s %8s %9s" %
          ("class", "requests", "p50 ms", "p99 ms", "max ms", "req/s"))
    for c in CLASSES:
        xs = sorted(lat[c])
        allx.extend(xs)
        print("%-14s %8d %8.1f %8.1f %8.1f %9.1f" %
              (c, len(xs), pct(xs, .5), pct(xs, .99), xs[-1] * 1000 if xs
               else 0, len(xs) / wall))
    allx.sort()
    print("%-14s %8d %8.1f %8.1f %8.1f %9.1f" %
          ("total", len(allx), pct(allx, .5), pct(allx, .99),
           allx[-1] * 1000 if allx else 0, len(allx) / wall))
    print("errors %d" % len(errs))
    for e in errs[:5]:
        print("  " + e)


if __name__ == "__main__":
    main()
