#!/usr/bin/python3
# SPDX-License-Identifier: AGPL-3.0-or-later
#
# assign_peer.py: the peer of bench/assign.sh.  Reads an instance written by
# "bench/assign dense --dump FILE" (first line: proposals reviewers k load;
# then one "proposal reviewer affinity" line per allowed pair) and solves
# the same maximum-affinity b-matching with networkx's network_simplex
# (Debian's python3-networkx): source supply k at each proposal, unit arcs
# proposal -> reviewer at cost -affinity, reviewer -> sink with capacity
# load.  Prints "peer_build_ms", "peer_ms" (wall), "peer_cpu_ms" and
# "peer_total" lines.
import sys
import time

import networkx as nx


def main():
    t0 = time.monotonic()
    with open(sys.argv[1]) as f:
        np_, nr, k, load = map(int, f.readline().split())
        sink = np_ + nr
        g = nx.DiGraph()
        for p in range(np_):
            g.add_node(p, demand=-k)
        for r in range(nr):
            g.add_node(np_ + r, demand=0)
        g.add_node(sink, demand=np_ * k)
        g.add_edges_from(
            (int(p), np_ + int(r), {"capacity": 1, "weight": -int(a)})
            for p, r, a in (line.split() for line in f))
    for r in range(nr):
        g.add_edge(np_ + r, sink, capacity=load, weight=0)
    t1 = time.monotonic()
    c1 = time.process_time()
    cost, flow = nx.network_simplex(g)
    t2 = time.monotonic()
    c2 = time.process_time()
    chosen = sum(1 for p in range(np_) for v in flow[p].values() if v)
    if chosen != np_ * k:
        print("peer: %d pairs chosen, expected %d" % (chosen, np_ * k),
              file=sys.stderr)
        sys.exit(1)
    print("peer_build_ms %.1f" % ((t1 - t0) * 1e3))
    print("peer_ms %.1f" % ((t2 - t1) * 1e3))
    print("peer_cpu_ms %.1f" % ((c2 - c1) * 1e3))
    print("peer_total %d" % -cost)


if __name__ == "__main__":
    main()
