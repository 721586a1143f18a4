#!/usr/bin/python3
# SPDX-License-Identifier: AGPL-3.0-or-later
#
# assign_peer_highs.py: the full-size peer of bench/assign.sh.  Reads an
# instance written by "bench/assign dense --dump FILE" (first line:
# proposals reviewers k load; then one "proposal reviewer affinity" line per
# allowed pair) and solves the same maximum-affinity b-matching as a linear
# programme with HiGHS through Debian's python3-scipy (scipy.optimize.linprog,
# method "highs"):
#
#   maximise   sum a[p,r] x[p,r]
#   subject to sum_r x[p,r]  = k     for every proposal p
#              sum_p x[p,r] <= load  for every reviewer r
#              0 <= x[p,r] <= 1
#
# The constraint matrix is that of a bipartite graph, hence totally
# unimodular: the LP optimum is attained at an integral vertex, which the
# simplex returns.  The script checks that every x is 0 or 1 and prints
# "peer_read_ms", "peer_ms" (wall), "peer_cpu_ms", "peer_status" and
# "peer_total" (the integer sum of the chosen pairs' affinities).
import sys
import time

import numpy as np
from scipy.optimize import linprog
from scipy.sparse import csc_matrix


def main():
    # "highs-ds" (dual simplex, the default) or "highs-ipm" (interior
    # point, then crossover to a vertex)
    method = sys.argv[2] if len(sys.argv) > 2 else "highs-ds"
    t0 = time.monotonic()
    with open(sys.argv[1]) as f:
        np_, nr, k, load = map(int, f.readline().split())
        data = np.fromstring(f.read(), dtype=np.int64, sep=" ")
    data = data.reshape(-1, 3)
    p, r, a = data[:, 0], data[:, 1], data[:, 2]
    m = len(a)
    rows = np.empty(2 * m, dtype=np.int32)
    rows[0::2] = p
    rows[1::2] = np_ + r
    cols = np.repeat(np.arange(m, dtype=np.int32), 2)
    ones = np.ones(2 * m)
    A = csc_matrix((ones, (rows, cols)), shape=(np_ + nr, m))
    A_eq = A[:np_, :]
    A_ub = A[np_:, :]
    b_eq = np.full(np_, k, dtype=float)
    b_ub = np.full(nr, load, dtype=float)
    t1 = time.monotonic()
    c1 = time.process_time()
    res = linprog(-a.astype(float), A_ub=A_ub, b_ub=b_ub, A_eq=A_eq,
                  b_eq=b_eq, bounds=(0, 1), method=method)
    t2 = time.monotonic()
    c2 = time.process_time()
    if res.status != 0:
        print("peer: HiGHS status %d: %s" % (res.status, res.message),
              file=sys.stderr)
        sys.exit(1)
    x = res.x
    chosen = x > 0.5
    if np.any(np.abs(x - chosen) > 1e-6):
        print("peer: the LP vertex is not integral", file=sys.stderr)
        sys.exit(1)
    if int(chosen.sum()) != np_ * k:
        print("peer: %d pairs chosen, expected %d"
              % (int(chosen.sum()), np_ * k), file=sys.stderr)
        sys.exit(1)
    print("peer_read_ms %.1f" % ((t1 - t0) * 1e3))
    print("peer_ms %.1f" % ((t2 - t1) * 1e3))
    print("peer_cpu_ms %.1f" % ((c2 - c1) * 1e3))
    print("peer_method %s" % method)
    print("peer_status %s" % res.message.replace(" ", "_"))
    print("peer_total %d" % int(a[chosen].sum()))


if __name__ == "__main__":
    main()
