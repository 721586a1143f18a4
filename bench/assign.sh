#!/usr/bin/env bash
# SPDX-License-Identifier: AGPL-3.0-or-later
#
# assign.sh: the reviewer assignment benchmark (issue 6), with the release
# build of bench/assign.c.
#   realistic  650 proposals x 60 reviewers, k = 3, load 35 (themes,
#              languages, 3% conflicts): ours in both modes, median of RUNS
#              (21), beside GLPK's out-of-kilter min-cost flow on the same
#              instance
#   demo       the real instance: `cabildo review assign` on `cabildo
#              demo` (650 x 60, k = 3, load 35, affinity with text
#              similarity), written by CABILDO_ASSIGN_DUMP=FILE and read
#              by `bench/assign demo FILE`: ours in both modes, median of
#              RUNS, beside GLPK; the objective must also equal the one
#              the command printed
#   dense      5,000 x 2,000 dense random affinities, k = 2, load 6 (10
#              million pairs): ours, median of DENSE_RUNS (3), proved
#              optimal by the LP dual bound computed from its reviewer
#              prices by independent code in bench/assign.c, and beside
#              the same instance solved as a linear programme by HiGHS
#              (Debian's python3-scipy, bench/assign_peer_highs.py; the
#              matrix is totally unimodular, so the LP vertex is the
#              integer optimum); the min-cost flow peers do not finish at
#              this size (out-of-kilter grows about as the square of the
#              pairs, networkx's network simplex is pure Python), so they
#              solve the same generator at PEER_SIZE (networkx, default
#              500 x 200) and GLPK_SIZE (default 250 x 100) in the same run
# Every objective must equal its peer's (and every dual bound its
# objective); the script fails otherwise.  Times are wall clock (median,
# also the minimum) and process CPU time (median): on a loaded machine CPU
# time is the fairer figure.
#
# Environment: BUILD (default build), RUNS, DENSE_RUNS, PEER_SIZE,
# GLPK_SIZE, SEED (default 2017), SKIP_DEMO=1, SKIP_DENSE=1, SKIP_HIGHS=1 (the full-size
# HiGHS peer takes minutes and about 3 GB).
set -euo pipefail

here=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${BUILD:-build}
RUNS=${RUNS:-21}
DENSE_RUNS=${DENSE_RUNS:-3}
PEER_SIZE=${PEER_SIZE:-500 200}
GLPK_SIZE=${GLPK_SIZE:-250 100}
PY=/usr/bin/python3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

make -s -C "$here" BUILD="$BUILD" "$BUILD/bench/assign" "$BUILD/cabildo"
bin=$here/$BUILD/bench/assign
cab=$here/$BUILD/cabildo
[[ $BUILD = /* ]] && bin=$BUILD/bench/assign && cab=$BUILD/cabildo

need() { # need MODULE PACKAGE: the peers come from Debian
	$PY -c "import $1" 2>/dev/null && return
	echo "installing $2 (a peer) from Debian" >&2
	if ! apt-get install -y --no-install-recommends "$2" \
	    >"$tmp/apt.log" 2>&1; then
		apt-get update >/dev/null 2>&1
		apt-get install -y --no-install-recommends "$2" \
		    >"$tmp/apt.log" 2>&1 || { cat "$tmp/apt.log" >&2; exit 1; }
	fi
}
need networkx python3-networkx
[[ ${SKIP_HIGHS:-0} = 1 ]] || need scipy python3-scipy

field() { # field KEY FILE
	awk -v k="$1" '$1 == k { print $2; exit }' "$2"
}

fail=0
same() { # same WHAT A B
	if [[ $2 != "$3" ]]; then
		echo "FAIL: $1: $2 != $3" >&2
		fail=1
	fi
}

ratio() { # ratio A B -> A/B
	awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.0f", a / b; else print "-" }'
}

echo "== realistic: 650 x 60, k=3, load 35 ($RUNS runs)"
"$bin" realistic "$RUNS" >"$tmp/real"
cat "$tmp/real"
same "realistic ours vs glpk" "$(field ours_total "$tmp/real")" \
	"$(field glpk_total "$tmp/real")"
same "realistic dual bound" "$(field ours_dual_bound "$tmp/real")" \
	"$(field ours_total "$tmp/real")"

if [[ ${SKIP_DEMO:-0} != 1 ]]; then
	echo "== demo: cabildo review assign on cabildo demo, with text" \
		"similarity ($RUNS runs)"
	"$cab" demo --db "$tmp/demo.db" >/dev/null
	CABILDO_ASSIGN_DUMP="$tmp/demo.inst" "$cab" review assign \
		--db "$tmp/demo.db" --event ogp-americas-2017 --per-proposal 3 \
		--max-load 35 --no-time >"$tmp/cli"
	rm -f "$tmp/demo.db"
	"$bin" demo "$tmp/demo.inst" "$RUNS" >"$tmp/demo"
	cat "$tmp/demo"
	cli_total=$(sed -n 's/^total affinity: \([0-9-]*\);.*/\1/p' "$tmp/cli")
	echo "cli_total $cli_total"
	same "demo ours vs glpk" "$(field ours_total "$tmp/demo")" \
		"$(field glpk_total "$tmp/demo")"
	same "demo ours vs cabildo review assign" \
		"$(field ours_total "$tmp/demo")" "$cli_total"
	same "demo dual bound" "$(field ours_dual_bound "$tmp/demo")" \
		"$(field ours_total "$tmp/demo")"
	echo "glpk_over_ours_demo_cpu $(ratio "$(field glpk_cpu_ms "$tmp/demo")" \
		"$(field ours_cpu_ms_median "$tmp/demo")")"
fi

if [[ ${SKIP_DENSE:-0} != 1 ]]; then
	echo "== dense: 5000 x 2000, k=2, load 6 ($DENSE_RUNS runs)"
	dump=()
	[[ ${SKIP_HIGHS:-0} = 1 ]] || dump=(--dump "$tmp/full")
	"$bin" dense "$DENSE_RUNS" --no-glpk "${dump[@]}" >"$tmp/dense"
	cat "$tmp/dense"
	same "dense dual bound" "$(field ours_dual_bound "$tmp/dense")" \
		"$(field ours_total "$tmp/dense")"
	if [[ ${SKIP_HIGHS:-0} != 1 ]]; then
		echo "== dense 5000 x 2000 beside HiGHS (scipy linprog, dual simplex)"
		$PY "$here/bench/assign_peer_highs.py" "$tmp/full" >"$tmp/highs"
		rm -f "$tmp/full"
		cat "$tmp/highs"
		same "dense ours vs highs" "$(field ours_total "$tmp/dense")" \
			"$(field peer_total "$tmp/highs")"
		echo "highs_over_ours_cpu $(ratio "$(field peer_cpu_ms "$tmp/highs")" \
			"$(field ours_cpu_ms_median "$tmp/dense")")"
	fi

	read -r pn pr <<<"$PEER_SIZE"
	echo "== dense $pn x $pr beside networkx network_simplex"
	"$bin" dense "$DENSE_RUNS" --size "$pn" "$pr" --no-glpk \
		--dump "$tmp/inst" >"$tmp/peer"
	$PY "$here/bench/assign_peer.py" "$tmp/inst" >>"$tmp/peer"
	cat "$tmp/peer"
	same "dense $pn x $pr ours vs networkx" \
		"$(field ours_total "$tmp/peer")" "$(field peer_total "$tmp/peer")"
	echo "networkx_over_ours_cpu $(ratio "$(field peer_cpu_ms "$tmp/peer")" \
		"$(field ours_cpu_ms_median "$tmp/peer")")"

	read -r gn gr <<<"$GLPK_SIZE"
	echo "== dense $gn x $gr beside GLPK glp_mincost_okalg"
	"$bin" dense "$DENSE_RUNS" --size "$gn" "$gr" >"$tmp/glpk"
	cat "$tmp/glpk"
	same "dense $gn x $gr ours vs glpk" \
		"$(field ours_total "$tmp/glpk")" "$(field glpk_total "$tmp/glpk")"
	echo "glpk_over_ours_cpu $(ratio "$(field glpk_cpu_ms "$tmp/glpk")" \
		"$(field ours_cpu_ms_median "$tmp/glpk")")"
fi
echo "glpk_over_ours_realistic_cpu $(ratio "$(field glpk_cpu_ms "$tmp/real")" \
	"$(field ours_cpu_ms_median "$tmp/real")")"

if [[ $fail != 0 ]]; then
	echo "bench/assign.sh: objectives differ" >&2
	exit 1
fi
echo "bench/assign.sh: all objectives equal"
