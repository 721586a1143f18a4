#!/usr/bin/env bash
# SPDX-License-Identifier: AGPL-3.0-or-later
#
# select.sh: balanced selection at OGP scale (issue 6): 650 demo proposals
# with synthetic, severity-normalised review scores, every quota on at
# OGP-like values (see bench/select.c), solved exactly by GLPK.  Prints
# GLPK's status and relative gap, the solve time per seed and the medians;
# the goal is optimal under 1 s.  For the first seed also the gain of
# relaxing each quota alone and the conflict diagnosis of an infeasible
# variant.
#
# Environment: SEEDS (default 5), TIME_LIMIT (seconds, default 10), BUILD
# (release build directory, default build).
set -euo pipefail

here=$(cd "$(dirname "$0")/.." && pwd)
SEEDS=${SEEDS:-5}
TIME_LIMIT=${TIME_LIMIT:-10}
BUILD=${BUILD:-build}

make -s -C "$here" BUILD="$BUILD" "$BUILD/bench/select"
cd "$here"
"$BUILD/bench/select" -s "$SEEDS" -t "$TIME_LIMIT" -g -x
