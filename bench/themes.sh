#!/usr/bin/env bash
# SPDX-License-Identifier: AGPL-3.0-or-later
#
# themes.sh: the theme classifier's benchmark (issue 7).  Runs
# "cabildo themes evaluate" and, on the very same split (cabildo writes it
# with --split-out), the peer: TF-IDF (word 1-2 grams, sublinear tf) +
# LinearSVC from Debian's python3-sklearn under /usr/bin/python3
# (bench/themes_peer.py).  Three tasks:
#   fosdem    English talks by track: train 2019, 2020, 2023, 2024, test
#             2025, tracks present in both
#   vota      Spanish VotaInteligente proposals by theme: 5-fold stratified
#             cross-validation over labels with at least 5 proposals
#   zeroshot  VotaInteligente proposals whose label data/themes/
#             votainteligente-ogp.tsv maps to one of the seven OGP themes,
#             ranked with no training (cabildo only: the peer cannot);
#             every proposal of the CSV is the unlabelled pool for the
#             latent profiles, and a second row gives BM25 alone
#             (--no-pool)
# Prints a Markdown table; REPEAT runs (default 3) and keeps the fastest
# times of each side.
#
# Environment: CABILDO (binary, default BUILD/cabildo), BUILD (build
# directory, default build), DATA (default
# ../shared/data relative to the repository), REPEAT, THREADS (default 2).
set -euo pipefail

here=$(cd "$(dirname "$0")/.." && pwd)
CABILDO=${CABILDO:-$here/${BUILD:-build}/cabildo}
DATA=${DATA:-$here/../shared/data}
REPEAT=${REPEAT:-3}
THREADS=${THREADS:-2}
PY=/usr/bin/python3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

if ! $PY -c 'import sklearn' 2>/dev/null; then
	echo "installing python3-sklearn (the peer) from Debian" >&2
	if ! apt-get install -y --no-install-recommends python3-sklearn \
	    >"$tmp/apt.log" 2>&1; then
		apt-get update >/dev/null 2>&1
		apt-get install -y --no-install-recommends python3-sklearn \
		    >"$tmp/apt.log" 2>&1 || { cat "$tmp/apt.log" >&2; exit 1; }
	fi
fi

get() { # get KEY LINE
	sed -n "s/.*\\b$1=\\([0-9.]*\\).*/\\1/p" <<<"$2"
}

best() { # best "LINE1" "LINE2"...: accuracy of the first, fastest times
	local first=$1 tr=999999999 pr=999999999 l a b
	for l in "$@"; do
		a=$(get train_ms "$l")
		b=$(get predict_ms "$l")
		[ "$a" -lt "$tr" ] && tr=$a
		[ "$b" -lt "$pr" ] && pr=$b
	done
	echo "$(get top1 "$first") $(get top3 "$first") $(get macro_f1 "$first") $tr $pr"
}

row() { # row TASK ARGS...
	local task=$1 ours=() peer=() i
	shift
	for ((i = 0; i < REPEAT; i++)); do
		ours+=("$("$CABILDO" themes evaluate --threads "$THREADS" \
		    --split-out "$tmp/split.tsv" "$@")")
		peer+=("$($PY "$here/bench/themes_peer.py" "$tmp/split.tsv")")
	done
	read -r o1 o3 of ot op <<<"$(best "${ours[@]}")"
	read -r p1 p3 pf pt pp <<<"$(best "${peer[@]}")"
	printf '| %s | cabildo | %s | %s | %s | %s | %s | %s |\n' "$task" \
	    "$o1" "$o3" "$of" "$ot" "$op" "$((ot + op))"
	printf '| %s | sklearn TF-IDF+LinearSVC | %s | %s | %s | %s | %s | %s |\n' \
	    "$task" "$p1" "$p3" "$pf" "$pt" "$pp" "$((pt + pp))"
	printf '| %s | speed-up (peer/cabildo, train+predict) | | | | | | %sx |\n' \
	    "$task" "$(awk -v a=$((pt + pp)) -v b=$((ot + op)) \
	    'BEGIN { printf "%.1f", (b > 0) ? a / b : 0 }')"
}

fd=$DATA/fosdem
vi=$DATA/votainteligente-cl/proposals.csv
echo "| task | system | top1 | top3 | macro_f1 | train_ms | predict_ms | total_ms |"
echo "|---|---|---|---|---|---|---|---|"
row fosdem --format fosdem --train "$fd/fosdem-2019.xml" \
    "$fd/fosdem-2020.xml" "$fd/fosdem-2023.xml" "$fd/fosdem-2024.xml" \
    --test "$fd/fosdem-2025.xml"
row vota --format votainteligente --cv 5 "$vi"
z=$("$CABILDO" themes evaluate --format votainteligente \
    --zero-shot "$here/data/themes/votainteligente-ogp.tsv" \
    --event "$here/data/events/ogp-americas-2017.json" --test "$vi")
printf '| zeroshot (7 OGP themes) | cabildo | %s | %s | %s | 0 | %s | %s |\n' \
    "$(get top1 "$z")" "$(get top3 "$z")" "$(get macro_f1 "$z")" \
    "$(get predict_ms "$z")" "$(get predict_ms "$z")"
z=$("$CABILDO" themes evaluate --format votainteligente --no-pool \
    --zero-shot "$here/data/themes/votainteligente-ogp.tsv" \
    --event "$here/data/events/ogp-americas-2017.json" --test "$vi")
printf '| zeroshot, BM25 alone (--no-pool) | cabildo | %s | %s | %s | 0 | %s | %s |\n' \
    "$(get top1 "$z")" "$(get top3 "$z")" "$(get macro_f1 "$z")" \
    "$(get predict_ms "$z")" "$(get predict_ms "$z")"
echo
echo "cpus: $(nproc), load: $(cut -d' ' -f1-3 /proc/loadavg)," \
    "cabildo threads: $THREADS, best of $REPEAT runs"
