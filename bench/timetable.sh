#!/usr/bin/env bash
# SPDX-License-Identifier: AGPL-3.0-or-later
#
# timetable.sh: runs "cabildo solve cosplib" on every shared CoSPLib
# instance and prints our objective beside the reference Exact Model (and
# Extended Model) solutions from ../shared/data/cosplib/solutions.  The
# references are shown twice: the value printed in their violations sheet
# ("published", an older convention) and re-evaluated by our checker-exact
# evaluator on today's instance files ("checker"); compare like with like.
#
# Environment: TIME_LIMIT (seconds per instance, default 60), SEED
# (default 1), BUILD (build directory, default build), CABILDO (binary,
# default $BUILD/cabildo), DATA (default ../shared/data/cosplib relative
# to the repository), INSTANCES (space-separated names, default all).
# Prints the load average before and after the runs.
set -euo pipefail

here=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${BUILD:-build}
CABILDO=${CABILDO:-$here/$BUILD/cabildo}
DATA=${DATA:-$here/../shared/data/cosplib}
TIME_LIMIT=${TIME_LIMIT:-60}
SEED=${SEED:-1}

field() { # field NAME < output
	awk -v k="$1" '$1 == k { print $2; exit }'
}

ref() { # ref MODEL INSTANCE -> "published checker" or "- -"
	local base="$DATA/solutions/${1}Model_${2}Solution"
	if [[ ! -f ${base}__sol.csv ]]; then
		echo "- -"
		return
	fi
	local pub chk
	pub=$(grep -o 'Objective Value = [0-9]*' "${base}__violations.csv" |
		grep -o '[0-9]*$')
	chk=$("$CABILDO" solve cosplib --instance "$DATA/$2" \
		--evaluate "${base}__sol.csv" | field objective)
	echo "$pub $chk"
}

if [[ -z ${INSTANCES:-} ]]; then
	INSTANCES=$(for f in "$DATA"/*__parameters.csv; do
		basename "$f" __parameters.csv
	done)
fi
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-16s %12s %12s %12s %12s %12s %12s %8s\n' instance ours \
	ours_publ exact_publ exact_chk ext_publ ext_chk best_at
for inst in $INSTANCES; do
	out=$("$CABILDO" solve cosplib --instance "$DATA/$inst" \
		--time-limit "$TIME_LIMIT" --seed "$SEED" || true)
	read -r ep ec <<<"$(ref Exact "$inst")"
	read -r xp xc <<<"$(ref Extended "$inst")"
	printf '%-16s %12s %12s %12s %12s %12s %12s %8s\n' "$inst" \
		"$(field objective <<<"$out")" \
		"$(field objective_published <<<"$out")" \
		"$ep" "$ec" "$xp" "$xc" "$(field best_at <<<"$out")"
done
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
