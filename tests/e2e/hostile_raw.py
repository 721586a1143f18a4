# SPDX-License-Identifier: AGPL-3.0-or-later
# The raw-socket cases of hostile.sh, in one process (starting Python
# costs seconds on a loaded machine).  The server must run with
# CABILDO_HTTP_TIMEOUT=3 and CABILDO_HTTP_PER_ADDRESS=8.
# Usage: hostile_raw.py PORT.  Prints "ok"/"not ok" lines.
import socket
import sys
import time
import urllib.request

port = int(sys.argv[1])
base = "http://127.0.0.1:%d" % port


def report(name, ok, why=""):
    if ok:
        print("ok - hostile %s" % name, flush=True)
    else:
        print("not ok - hostile %s: %s" % (name, why), flush=True)


def status_line(data, wait=5):
    """The status line of the answer to data, or "closed"."""
    s = socket.create_connection(("127.0.0.1", port))
    s.settimeout(wait)
    out = b""
    try:
        s.sendall(data)
        while b"\r\n" not in out:
            b = s.recv(4096)
            if not b:
                break
            out += b
    except OSError:
        pass
    s.close()
    return out.split(b"\r\n")[0].decode("latin-1") or "closed"


def healthz():
    try:
        with urllib.request.urlopen(base + "/healthz", timeout=3) as r:
            return r.status
    except OSError:
        return 0


def expect(name, data, *prefixes):
    """data is answered with a status line starting with one of
    prefixes, at once (well before the 3 s timeout)."""
    t0 = time.time()
    got = status_line(data)
    took = time.time() - t0
    ok = any(got.startswith(p) for p in prefixes) and took < 2.5
    report(name, ok, "got %r after %.1f s" % (got, took))


# 2 GB announced, nothing sent: answered at once, without waiting for it.
expect("2 GB Content-Length: 413 without reading the body",
       b"POST /account/login HTTP/1.1\r\nHost: x\r\nContent-Type: "
       b"application/x-www-form-urlencoded\r\n"
       b"Content-Length: 2147483648\r\n\r\n", "HTTP/1.1 413")
expect("Content-Length past 64 bits: 413",
       b"POST /account/login HTTP/1.1\r\nHost: x\r\n"
       b"Content-Length: 99999999999999999999999\r\n\r\n", "HTTP/1.1 413")
expect("70 KB header: 431",
       b"GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * 70000 + b"\r\n\r\n",
       "HTTP/1.1 431")
expect("2,000 headers: 431",
       b"GET / HTTP/1.1\r\nHost: x\r\n" +
       b"".join(b"X-H%d: %s\r\n" % (i, b"v" * 40) for i in range(2000)) +
       b"\r\n", "HTTP/1.1 431")
expect("5 KB target: 414",
       b"GET /" + b"a" * 5000 + b" HTTP/1.1\r\nHost: x\r\n\r\n",
       "HTTP/1.1 414")
expect("70 KB request line: 414",
       b"GET /" + b"a" * 70000 + b" HTTP/1.1\r\nHost: x\r\n\r\n",
       "HTTP/1.1 414")
expect("HTTP/1.1 without Host: 400", b"GET / HTTP/1.1\r\n\r\n",
       "HTTP/1.1 400")
expect("header line without a colon: 400",
       b"GET / HTTP/1.1\r\nHost: x\r\nNo colon here\r\n\r\n", "HTTP/1.1 400")
expect("malformed Content-Length: 400",
       b"POST /account/login HTTP/1.1\r\nHost: x\r\n"
       b"Content-Length: 12abc\r\n\r\n", "HTTP/1.1 400")
expect("bad percent-encoding: 400",
       b"GET /%zz HTTP/1.1\r\nHost: x\r\n\r\n", "HTTP/1.1 400")
expect("unknown HTTP version: 505",
       b"GET / HTTP/7.0\r\nHost: x\r\n\r\n", "HTTP/1.1 505")
# libmicrohttpd closes the connection on a line that is no request.
expect("a request line that is no request: 400 or closed",
       b"NONSENSE\r\n\r\n", "HTTP/1.1 400", "closed")
report("still serving after malformed requests", healthz() == 200)

# Slowloris: headers one byte every 0.5 s are cut off after the 3 s
# timeout, although bytes keep coming; meanwhile others are served.
s = socket.create_connection(("127.0.0.1", port))
s.settimeout(0.1)
t0 = time.time()
s.sendall(b"GET / HTTP/1.1\r\nHost: x\r\nX-Slow: ")
cut, served = None, 0
while time.time() - t0 < 12:
    try:
        s.sendall(b"a")
        if s.recv(100) == b"":
            cut = time.time() - t0
            break
    except socket.timeout:
        pass
    except OSError:
        cut = time.time() - t0
        break
    served += healthz() == 200
    time.sleep(0.4)
s.close()
report("slowloris cut off after the timeout, others served",
       cut is not None and 2.5 <= cut <= 6 and served >= 3,
       "cut after %s s, %d served meanwhile" % (cut, served))

# Nine connections from one address, eight allowed: one is closed
# unanswered (usually the ninth; with several worker threads accepting, it
# may be another), the other eight are served; once they close, requests
# are served again.
conns = []
for _ in range(9):
    conns.append(socket.create_connection(("127.0.0.1", port)))
    time.sleep(0.05)
time.sleep(0.5)
answers = []
for c in conns:
    c.settimeout(3)
    out = b""
    try:
        c.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
        out = c.recv(100)
    except OSError:
        pass
    answers.append(out.split(b"\r\n")[0].decode("latin-1") or "closed")
for c in conns:
    c.close()
time.sleep(0.3)
after = healthz()
served = sum(a.startswith("HTTP/1.1 200") for a in answers)
report("one address: eight connections served, the ninth refused",
       served == 8 and answers.count("closed") == 1 and after == 200,
       "answers %r, afterwards %d" % (answers, after))
