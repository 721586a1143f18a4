#!/usr/bin/env bash
# SPDX-License-Identifier: AGPL-3.0-or-later
# Theme suggestion end to end (issue 7): the real server on 127.0.0.1, an
# ephemeral port and a temporary demo database; the JSON endpoint the
# proposal form calls while the proposer types, and the script it loads.
# Usage: themes.sh BUILD_DIR.  Prints "ok"/"not ok" lines, then RESULT P F.
set -u
# shellcheck source=tests/e2e/lib/common.sh
. "$(dirname "$0")/lib/common.sh"
e2e_init themes "${1:-build}"

"$bin" demo --db "$tmp/db" --proposals 60 --participants 10 >/dev/null ||
	setup_fail "demo failed"
echo 'organiser-password-1' >"$tmp/pw"
{ "$bin" user add --db "$tmp/db" --email org@example.org --name Olga \
	--password-file "$tmp/pw" &&
	"$bin" user role --db "$tmp/db" --email org@example.org \
	--event ogp-americas-2017 --role organiser &&
	"$bin" user add --db "$tmp/db" --email pat@example.org --name Pat \
	--password-file "$tmp/pw"; } >/dev/null ||
	setup_fail "accounts"
e2e_serve "$tmp/db" || setup_fail "server did not start" "$tmp/server.log"
api="http://127.0.0.1:$port/api/v1/events/ogp-americas-2017/suggest-themes"

ask() { # text -> body in $tmp/body, status printed
	curl -s -G -o "$tmp/body" -w '%{http_code}' --max-time 10 \
		--data-urlencode "text=$1" "$api"
}
first() { # the first suggested theme key of $tmp/body
	grep -o '"themes":\[{"key":"[a-z0-9-]*"' "$tmp/body" | sed 's/.*"key":"//; s/"$//'
}

t_spanish() {
	[ "$(ask 'Proponemos proteger a los denunciantes de corrupción y mejorar la rendición de cuentas del gasto público')" = 200 ] &&
		[ "$(first)" = anti-corruption ] || { cat "$tmp/body"; return 1; }
	grep -qF '"lang":"es"' "$tmp/body"
}
t_portuguese() {
	[ "$(ask 'Um portal de dados abertos e aplicativos cívicos para acompanhar o orçamento')" = 200 ] &&
		[ "$(first)" = civic-tech ] || { cat "$tmp/body"; return 1; }
	grep -qF '"lang":"pt"' "$tmp/body"
}
t_english() {
	[ "$(ask 'Open parliament: how our congress publishes votes, and open justice in the courts')" = 200 ] &&
		[ "$(first)" = open-state ] || { cat "$tmp/body"; return 1; }
}
t_json_headers() {
	curl -s -D "$tmp/h" -o /dev/null -G --data-urlencode "text=datos" "$api"
	grep -qi '^Content-Type: application/json' "$tmp/h" &&
		grep -qi '^X-Content-Type-Options: nosniff' "$tmp/h"
}
t_errors() {
	[ "$(curl -s -o /dev/null -w '%{http_code}' "$api")" = 400 ] &&
		[ "$(ask "$(head -c 3100 /dev/zero | tr '\0' a)")" != 200 ] &&
		[ "$(curl -s -o /dev/null -w '%{http_code}' "${api/ogp-americas-2017/nope}?text=x")" = 404 ] &&
		[ "$(curl -s -o /dev/null -w '%{http_code}' -X POST "$api?text=x")" != 200 ]
}
t_script() {
	curl -s -D "$tmp/h" -o "$tmp/js" "http://127.0.0.1:$port/static/theme-suggest.js"
	grep -qi '^Content-Type: text/javascript' "$tmp/h" &&
		grep -qF 'suggest-themes?text=' "$tmp/js"
}

# The organisers' side: doubtful themes marked, confirmed, similar groups.
ev="http://127.0.0.1:$port/ogp-americas-2017"
mismatches() { grep -c '<tr><td>[0-9]*</td>' "$tmp/body" || true; } # 0 is a count
t_list_marks() {
	local marks n
	login org org@example.org organiser-password-1 && [ "$(code org "$ev/proposals/?lang=en")" = 200 ] &&
		marks=$(grep -o 'class="mismatch"' "$tmp/body" | wc -l) &&
		n=$(sed -n 's/.*proposals\/themes">\([0-9]*\) may belong.*/\1/p' "$tmp/body") &&
		[ "$marks" -ge 1 ] && [ "$marks" = "$n" ] || { echo "marks=$marks n=$n"; return 1; }
}
t_check_page() {
	[ "$(code org "$ev/proposals/themes?lang=en")" = 200 ] &&
		grep -qF '<h1>Theme check</h1>' "$tmp/body" && [ "$(mismatches)" -ge 1 ] &&
		grep -qF 'groups of similar proposals' "$tmp/body"
}
t_confirm() {
	local before id theme after
	[ "$(code org "$ev/proposals/themes?lang=en")" = 200 ] || return 1
	before=$(mismatches)
	id=$(grep -o 'name="id" value="[0-9]*"' "$tmp/body" | head -1 | grep -o '[0-9]*')
	theme=$(grep -o 'name="theme" value="[a-z-]*"' "$tmp/body" | head -1 | sed 's/.*value="//; s/"//')
	[ "$(code org --data-urlencode "csrf=$(csrf org)" -d "id=$id" -d "theme=$theme" \
		"$ev/proposals/themes")" = 303 ] &&
		[ "$(code org "$ev/proposals/themes?lang=en")" = 200 ] &&
		after=$(mismatches) && [ "$after" = $((before - 1)) ] &&
		! grep -q "<tr><td>$id</td>" "$tmp/body" &&
		[ "$(code org "$ev/proposals.json")" = 200 ] &&
		python3 -c 'import json, sys
d = {p["id"]: p["theme"] for p in json.load(open(sys.argv[1]))["proposals"]}
sys.exit(d.get(int(sys.argv[2])) != sys.argv[3])' "$tmp/body" "$id" "$theme" || { echo "id=$id theme=$theme before=$before after=${after:-}"; return 1; }
}
t_threshold() {
	local low high
	[ "$(code org "$ev/proposals/themes?sim=0.3&lang=en")" = 200 ] &&
		low=$(grep -o '<strong>[0-9]*</strong> groups' "$tmp/body" | grep -o '[0-9]*') &&
		grep -qF 'value="0.30"' "$tmp/body" &&
		[ "$(code org "$ev/proposals/themes?sim=0.9&lang=en")" = 200 ] &&
		high=$(grep -o '<strong>[0-9]*</strong> groups' "$tmp/body" | grep -o '[0-9]*') &&
		[ "$low" -ge "$high" ] || { echo "low=$low high=$high"; return 1; }
}
t_check_errors() {
	[ "$(code org "$ev/proposals/themes?sim=2")" = 400 ] &&
		[ "$(code org --data-urlencode "csrf=$(csrf org)" -d id=1 -d theme=nope "$ev/proposals/themes")" = 400 ] &&
		[ "$(code org --data-urlencode "csrf=$(csrf org)" -d id=999999 -d theme=sdg "$ev/proposals/themes")" = 404 ] &&
		[ "$(code org -d id=1 -d theme=sdg "$ev/proposals/themes")" = 403 ]
}
t_check_forbidden() {
	login pat pat@example.org organiser-password-1 && [ "$(code pat "$ev/proposals/themes")" = 403 ] &&
		[ "$(code anon "$ev/proposals/themes")" = 303 ]
}
# A group of similar proposals merged into one joint session from its form.
group_form() { # first merge form of $tmp/body: "TARGET ID ID..."
	python3 -c 'import re, sys
html = open(sys.argv[1]).read()
m = re.search(r"<form[^>]*class=\"merge-group\".*?</form>", html, re.S)
if not m:
    sys.exit(1)
f = m.group(0)
t = re.search(r"<option value=\"(\d+)\" selected", f).group(1)
print(t, *re.findall(r"name=\"merge\" value=\"(\d+)\" checked", f))' "$tmp/body"
}
t_merge_group() {
	local form target ids args=() id others=0
	[ "$(code org "$ev/proposals/themes?sim=0.3&lang=en")" = 200 ] &&
		form=$(group_form) || { echo "no group form at 0.3"; return 1; }
	read -r target ids <<<"$form"
	for id in $ids; do args+=(-d "merge=$id"); done
	[ "$(code org -D "$tmp/h" --data-urlencode "csrf=$(csrf org)" -d action=merge \
		-d sim=0.30 -d "target=$target" "${args[@]}" "$ev/proposals/themes")" = 303 ] &&
		grep -qi "^Location: /ogp-americas-2017/proposals/themes?sim=0.30&merged=$target#similar" "$tmp/h" ||
		{ echo "form=$form"; cat "$tmp/h"; return 1; }
	[ "$(code org "$ev/proposals/themes?sim=0.30&merged=$target&lang=en")" = 200 ] &&
		grep -qF "merged into <a href=\"/ogp-americas-2017/organise/decisions#p$target\">#$target</a>" "$tmp/body" ||
		{ echo "no merged status"; return 1; }
	for id in $ids; do
		[ "$id" = "$target" ] && continue
		others=$((others + 1))
		# gone from the groups, merged on the decisions page
		! grep -qF "name=\"merge\" value=\"$id\"" "$tmp/body" ||
			{ echo "$id still offered"; return 1; }
	done
	[ "$others" -ge 1 ] && [ "$(code org "$ev/organise/decisions?lang=en")" = 200 ] || return 1
	for id in $ids; do
		[ "$id" = "$target" ] && continue
		grep "^<tr id=\"p$id\"" "$tmp/body" | grep -qF "merged into #$target" ||
			{ echo "$id not merged into $target"; return 1; }
	done
	# the same merge again: already merged, refused and nothing changes
	[ "$(code org --data-urlencode "csrf=$(csrf org)" -d action=merge -d sim=0.30 \
		-d "target=$target" "${args[@]}" "$ev/proposals/themes")" = 422 ]
}
t_merge_errors() {
	[ "$(code org -d action=merge -d sim=0.30 -d target=1 -d merge=2 "$ev/proposals/themes")" = 403 ] &&
		[ "$(code org --data-urlencode "csrf=$(csrf org)" -d action=merge -d sim=0.30 \
			-d target=999999 -d merge=1 "$ev/proposals/themes")" = 404 ] &&
		[ "$(code org --data-urlencode "csrf=$(csrf org)" -d action=merge -d sim=7 \
			-d target=1 -d merge=2 "$ev/proposals/themes")" = 400 ] &&
		[ "$(code org --data-urlencode "csrf=$(csrf org)" -d action=merge -d sim=0.30 \
			-d target=1 -d merge=x "$ev/proposals/themes")" = 400 ] &&
		[ "$(code org --data-urlencode "csrf=$(csrf org)" -d action=merge -d sim=0.30 \
			-d target=1 "$ev/proposals/themes")" = 422 ] &&
		[ "$(code pat --data-urlencode "csrf=$(csrf pat)" -d action=merge -d sim=0.30 \
			-d target=1 -d merge=2 "$ev/proposals/themes")" = 403 ]
}
check "Spanish abstract suggests anti-corruption" t_spanish
check "Portuguese abstract suggests civic tech" t_portuguese
check "English abstract suggests open state" t_english
check "JSON with the security headers" t_json_headers
check "missing text 400, long 413/414, unknown event 404, POST refused" t_errors
check "theme-suggest.js is served" t_script
check "organiser list marks doubtful themes" t_list_marks
check "theme check page lists them and similar groups" t_check_page
check "using a suggestion confirms the theme" t_confirm
check "the similarity threshold moves the groups" t_threshold
check "theme check refuses bad input and missing CSRF" t_check_errors
check "theme check is for organisers only" t_check_forbidden
check "a similar group merges into one joint session" t_merge_group
check "group merge refuses bad input, missing CSRF, non-organisers" t_merge_errors
echo "RESULT $pass $fail"
[ "$fail" = 0 ]
