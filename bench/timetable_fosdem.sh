#!/usr/bin/env bash
# SPDX-License-Identifier: AGPL-3.0-or-later
#
# timetable_fosdem.sh: the timetable optimiser's own benchmarks (issue 4):
# FOSDEM scale (build/bench/timetable_fosdem on the FOSDEM 2025 schedule
# with 5,000 synthetic participants x 20 stars) and small instances against
# GLPK's MIP in the same run (build/bench/timetable_mip).  The CoSPLib
# instances are bench/timetable.sh.
#
# Environment: LIMITS (seconds per FOSDEM run, default "1,30"), SEEDS
# (default 3), GLPK_LIMIT (seconds per MIP, default 60), FOSDEM (the frab
# XML, default ../shared/data/fosdem/fosdem-2025.xml).
set -euo pipefail

here=$(cd "$(dirname "$0")/.." && pwd)
LIMITS=${LIMITS:-1,30}
SEEDS=${SEEDS:-3}
GLPK_LIMIT=${GLPK_LIMIT:-60}
FOSDEM=${FOSDEM:-$here/../shared/data/fosdem/fosdem-2025.xml}

make -s -C "$here" build/bench/timetable_fosdem build/bench/timetable_mip
echo "== FOSDEM scale"
"$here/build/bench/timetable_fosdem" -f "$FOSDEM" -t "$LIMITS" -s "$SEEDS"
echo "== small instances vs GLPK MIP"
"$here/build/bench/timetable_mip" -l "$GLPK_LIMIT"
