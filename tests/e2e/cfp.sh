#!/usr/bin/env bash
# SPDX-License-Identifier: AGPL-3.0-or-later
# HTTP end-to-end tests of accounts and the call for proposals: the real
# server on 127.0.0.1, an ephemeral port, a temporary database, curl with
# cookie jars.  Sign up, confirm (the token read from the outbox through the
# CLI), log in, submit a panel with co-speakers, a validation error and its
# fix, edit, withdraw; CSRF, deadline, XSS, another speaker's proposal, the
# organisers' list and exports, rate limits.  Usage: cfp.sh BUILD_DIR
# Prints "ok"/"not ok" lines, then RESULT P F.
set -u
# shellcheck source=tests/e2e/lib/common.sh
. "$(dirname "$0")/lib/common.sh"
e2e_init cfp "${1:-build}"

db="$tmp/db"
"$bin" demo --db "$db" --proposals 40 --participants 10 >/dev/null || setup_fail "demo"
# The demo event's call closed in 2017; a copy whose call is open.
e2e_open_call "$db"
echo 'organiser-password-1' >"$tmp/pw"
"$bin" user add --db "$db" --email org@example.org --name Olga \
	--password-file "$tmp/pw" >/dev/null || setup_fail "user add"
"$bin" user role --db "$db" --email org@example.org --event open-call \
	--role organiser >/dev/null || setup_fail "user role"
e2e_serve "$db" || setup_fail "server did not start"
ev="$base/open-call"

signup() { # jar, name, email, password
	c "$1" -o /dev/null "$base/account/signup?lang=es"
	[ "$(code "$1" --data-urlencode "csrf=$(csrf "$1")" \
		--data-urlencode "name=$2" --data-urlencode "email=$3" \
		--data-urlencode "password=$4" "$base/account/signup")" = 200 ]
}
propose() { # jar, url, extra curl args...: posts the proposal form
	local jar=$1 url=$2
	shift 2
	c "$jar" -o /dev/null "$url"
	code "$jar" -o "$tmp/body" -D "$tmp/head" --data-urlencode "csrf=$(csrf "$jar")" "$@" "$url"
}
panel() { # jar, url, co-speakers, title
	propose "$1" "$2" --data-urlencode "title=$4" \
		--data-urlencode "abstract=Cómo abrir datos de compras públicas." \
		--data-urlencode "description=Un panel con tres miradas." \
		-d format=panel -d theme=civic-tech -d secondary=anti-corruption \
		-d language=es -d interpretation=1 \
		--data-urlencode "cospeakers=$3" -d action=submit
}

t_signup_es() {
	signup ana 'Ana Pérez' 'Ana@Example.org' 'contraseña-segura' &&
		body_has 'Revisá tu correo' '<html lang="es">'
}
t_signup_errors() {
	c x -o /dev/null "$base/account/signup"
	[ "$(code x --data-urlencode "csrf=$(csrf x)" -d name= -d email=nope \
		-d password=short "$base/account/signup")" = 422 ] &&
		body_has 'href="#f-name"' 'href="#f-email"' 'href="#f-password"' \
			'id="f-email" name="email" required aria-invalid="true"' \
			'value="nope"'
}
t_login_unconfirmed() {
	c ana -o /dev/null "$base/account/login"
	[ "$(code ana --data-urlencode "csrf=$(csrf ana)" -d email=ana@example.org \
		--data-urlencode 'password=contraseña-segura' "$base/account/login")" = 403 ]
}
t_confirm() {
	local t
	t=$(token ana@example.org)
	[ -n "$t" ] && [ "$(code ana "$base/account/confirm?token=$t")" = 200 ] &&
		[ "$(code ana "$base/account/confirm?token=$t")" = 400 ]
}
t_login_wrong() {
	c ana -o /dev/null "$base/account/login"
	[ "$(code ana --data-urlencode "csrf=$(csrf ana)" -d email=ana@example.org \
		-d password=wrong-password "$base/account/login")" = 401 ] &&
		body_has 'aria-invalid="true"'
}
t_login() {
	login ana ana@example.org 'contraseña-segura' &&
		grep -q 'sid' "$tmp/ana.jar" &&
		[ "$(code ana "$base/account/")" = 200 ] && body_has 'ana@example.org'
}
t_cookie_flags() {
	c ana -o /dev/null "$base/account/login"
	c ana -D "$tmp/h" -o /dev/null --data-urlencode "csrf=$(csrf ana)" \
		-d email=ana@example.org --data-urlencode 'password=contraseña-segura' \
		"$base/account/login"
	grep -i '^Set-Cookie: sid=' "$tmp/h" | grep -q 'HttpOnly; SameSite=Lax'
}
t_panel_too_few() {
	[ "$(panel ana "$ev/cfp/new" 'co1@example.org' 'Datos abiertos en compras')" = 422 ] &&
		body_has 'id="cospeakers-error"' 'href="#f-cospeakers"' \
			'value="Datos abiertos en compras"' 'co1@example.org' \
			'Cómo abrir datos de compras públicas.'
}
t_panel_duplicate() {
	[ "$(panel ana "$ev/cfp/new" $'co1@example.org\nCO1@example.org' 'Dup')" = 422 ] &&
		body_has 'co1@example.org'
}
t_panel_submit() {
	[ "$(panel ana "$ev/cfp/new" $'co1@example.org\nco2@example.org' 'Datos abiertos en compras')" = 303 ] &&
		grep -qi '^Location: /open-call/cfp/[0-9]*?done=submitted' "$tmp/head"
}
pid() { grep -i '^Location:' "$tmp/head" | sed 's#.*/cfp/\([0-9]*\).*#\1#'; }
t_invitations() {
	"$bin" outbox list --db "$db" >"$tmp/outbox"
	grep -q '^to: co1@example.org' "$tmp/outbox" && grep -q '^to: co2@example.org' "$tmp/outbox"
}
t_view() {
	[ "$(code ana "$ev/cfp/$id?lang=es")" = 200 ] &&
		body_has 'Datos abiertos en compras' 'Enviada' 'co2@example.org' \
			'<option value="panel" selected>'
}
t_edit() {
	[ "$(panel ana "$ev/cfp/$id" $'co1@example.org\nco2@example.org' 'Compras abiertas')" = 303 ] &&
		[ "$(code ana "$ev/cfp/$id")" = 200 ] && body_has 'value="Compras abiertas"'
}
t_edit_invalid_keeps_input() {
	[ "$(propose ana "$ev/cfp/$id" -d title= -d format=nope -d theme=civic-tech \
		-d language=es -d action=submit --data-urlencode 'abstract=Lo que escribí')" = 422 ] &&
		body_has 'href="#f-title"' 'href="#f-format"' 'Lo que escribí'
}
t_draft() {
	[ "$(propose ana "$ev/cfp/new" -d title=Borrador -d format=workshop -d action=draft)" = 303 ] &&
		grep -qi 'done=saved' "$tmp/head"
}
t_xss() {
	[ "$(panel ana "$ev/cfp/new" $'co1@example.org\nco2@example.org' '<script>alert(1)</script>')" = 303 ] &&
		xid=$(pid) && [ "$(code ana "$ev/cfp/$xid")" = 200 ] &&
		body_has '&lt;script&gt;alert(1)&lt;/script&gt;' && body_lacks '<script>alert'
}
t_csrf_missing() {
	[ "$(code ana -d title=x -d format=panel -d action=draft "$ev/cfp/new")" = 403 ]
}
t_csrf_wrong() {
	[ "$(code ana -d csrf=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA -d title=x \
		-d format=panel -d action=draft "$ev/cfp/new")" = 403 ]
}
t_deadline() {
	[ "$(panel ana "$base/ogp-americas-2017/cfp/new" $'co1@example.org\nco2@example.org' 'Tarde')" = 403 ] &&
		body_has 'value="Tarde"' 'role="alert"'
}
t_other_cannot_see() {
	signup bob 'Bob' 'bob@example.org' 'bob-password-1' &&
		[ "$(code bob "$base/account/confirm?token=$(token bob@example.org)")" = 200 ] &&
		login bob bob@example.org bob-password-1 &&
		[ "$(code bob "$ev/cfp/$id")" = 404 ] &&
		[ "$(code bob --data-urlencode "csrf=$(csrf bob)" -d action=withdraw "$ev/cfp/$id")" = 404 ] &&
		[ "$(code bob "$ev/proposals/")" = 403 ]
}
t_anon_redirect() {
	[ "$(code anon "$ev/cfp/new")" = 303 ]
}
t_withdraw() {
	c ana -o /dev/null "$ev/cfp/$id"
	[ "$(code ana --data-urlencode "csrf=$(csrf ana)" -d action=withdraw -D "$tmp/head" "$ev/cfp/$id")" = 303 ] &&
		[ "$(code ana "$ev/cfp/$id?lang=en")" = 200 ] && body_has 'Withdrawn'
}
t_organiser_list() {
	login org org@example.org organiser-password-1 &&
		[ "$(code org "$ev/proposals/?lang=en")" = 200 ] &&
		body_has 'Compras abiertas' '<svg' && body_lacks 'Borrador'
}
t_organiser_filter() {
	[ "$(code org "$ev/proposals/?theme=civic-tech&q=compras")" = 200 ] &&
		body_has 'Compras abiertas' &&
		[ "$(code org "$ev/proposals/?theme=sdg")" = 200 ] && body_lacks 'Compras abiertas'
}
# Snowball stems (store_fts.c): "abierto" is no prefix of "abiertas" but
# shares its stem; an unrelated word and FTS5 syntax find nothing, no 500.
t_organiser_stemmed() {
	[ "$(code org "$ev/proposals/?q=abierto")" = 200 ] &&
		body_has 'Compras abiertas' &&
		[ "$(code org "$ev/proposals/?q=cerradas")" = 200 ] &&
		body_lacks 'Compras abiertas' &&
		[ "$(code org "$ev/proposals/?q=%22compras%20OR%20NEAR(*%22%20title:%7B")" = 200 ]
}
rows() { grep -c '^<tr><td>[0-9]' "$tmp/body" || true; }
t_organiser_mix() {
	local all= mixed= state= none=
	[ "$(code org "$ev/proposals/")" = 200 ] && all=$(rows) &&
		[ "$(code org "$ev/proposals/?mix=mixed")" = 200 ] && mixed=$(rows) &&
		body_lacks 'Compras abiertas' &&
		[ "$(code org "$ev/proposals/?mix=state")" = 200 ] && state=$(rows) &&
		body_lacks 'Compras abiertas' &&
		[ "$(code org "$ev/proposals/?mix=non-state")" = 200 ] && none=$(rows) &&
		body_has 'Compras abiertas' 'proposals.csv?mix=non-state' &&
		[ "$((mixed + state + none))" = "$all" ] &&
		[ "$(code org "$ev/proposals/?mix=bogus")" = 200 ] && [ "$(rows)" = "$all" ] ||
		{ echo "all=$all mixed=$mixed state=$state none=$none"; return 1; }
}
t_organiser_history() {
	[ "$(code org "$ev/proposals/$id?lang=es")" = 200 ] &&
		body_has 'Historial de cambios' 'Ana Pérez' 'create' \
			'update <code>{&quot;changed&quot;:[&quot;title&quot;]}</code>' \
			'co1@example.org; co2@example.org'
}
t_cospeaker_accepts() {
	signup co1 'Cora' 'co1@example.org' 'cora-password-1' &&
		[ "$(code co1 "$base/account/confirm?token=$(token co1@example.org)")" = 200 ] &&
		login co1 co1@example.org cora-password-1 &&
		[ "$(code co1 "$ev/cfp/?lang=en")" = 200 ] &&
		body_has 'Invitations as a co-speaker' 'Compras abiertas' 'Ana Pérez' &&
		[ "$(code co1 --data-urlencode "csrf=$(csrf co1)" -d answer=accept "$ev/invitations/$id")" = 303 ] &&
		[ "$(code co1 "$ev/cfp/?lang=en")" = 200 ] && body_has 'You accepted' &&
		[ "$(code co1 "$ev/cfp/$id")" = 404 ] &&
		[ "$(code bob --data-urlencode "csrf=$(csrf bob)" -d answer=accept "$ev/invitations/$id")" = 404 ]
}
t_export_csv() {
	[ "$(code org "$ev/proposals.csv")" = 200 ] && head -1 "$tmp/body" | grep -q '^id,title,' &&
		body_has 'Compras abiertas'
}
t_export_json() {
	[ "$(code org "$ev/proposals.json")" = 200 ] && body_has '"title":"Compras abiertas"'
}
t_logout() {
	c ana -o /dev/null "$base/account/"
	[ "$(code ana --data-urlencode "csrf=$(csrf ana)" "$base/account/logout")" = 303 ] &&
		[ "$(code ana "$base/account/")" = 303 ]
}
t_reset() {
	c ana -o /dev/null "$base/account/reset"
	[ "$(code ana --data-urlencode "csrf=$(csrf ana)" -d email=ana@example.org "$base/account/reset")" = 200 ] &&
		t=$(token ana@example.org) && [ -n "$t" ] &&
		[ "$(code ana "$base/account/reset/new?token=$t")" = 200 ] &&
		[ "$(code ana --data-urlencode "csrf=$(csrf ana)" -d "token=$t" \
			-d password=new-password-99 "$base/account/reset/new")" = 200 ] &&
		login ana ana@example.org new-password-99
}
t_profile() {
	c bob -o /dev/null "$base/account/"
	[ "$(code bob --data-urlencode "csrf=$(csrf bob)" -d name=Bob \
		-d organisation=ONG -d sector=civil-society -d country=UY \
		-d gender=hombre -d languages=es -d languages=pt \
		--data-urlencode $'bio=Hola *mundo* <script>alert(1)</script> [x](javascript:alert(1))' \
		"$base/account/")" = 303 ] &&
		[ "$(code bob "$base/account/")" = 200 ] &&
		body_has '<em>mundo</em>' '<option value="UY" selected>' \
			'value="pt" checked' && body_lacks '<script>alert' 'href="javascript'
}
t_profile_invalid() {
	c bob -o /dev/null "$base/account/"
	[ "$(code bob --data-urlencode "csrf=$(csrf bob)" -d name= -d sector=kings \
		-d organisation=Kept "$base/account/")" = 422 ] &&
		body_has 'href="#f-name"' 'href="#f-sector"' 'value="Kept"'
}
t_data_export() {
	[ "$(code bob "$base/account/data.json")" = 200 ] &&
		body_has '"email":	"bob@example.org"' '"country":	"UY"'
}
t_delete_account() {
	c bob -o /dev/null "$base/account/"
	[ "$(code bob --data-urlencode "csrf=$(csrf bob)" -d password=wrong-password-1 "$base/account/delete")" = 403 ] &&
		[ "$(code bob "$base/account/")" = 200 ] &&
		[ "$(code bob --data-urlencode "csrf=$(csrf bob)" -d password=bob-password-1 "$base/account/delete")" = 200 ] &&
		[ "$(code bob "$base/account/")" = 303 ] &&
		! login bob bob@example.org bob-password-1
}
t_rate_limit() {
	local i s=""
	c eve -o /dev/null "$base/account/login"
	for i in $(seq 11); do
		s=$(code eve --data-urlencode "csrf=$(csrf eve)" -d email=bob@example.org \
			-d password=wrong-password "$base/account/login")
	done
	[ "$s" = 429 ]
}

check "sign up in Spanish" t_signup_es
check "sign-up errors beside their fields, form refilled" t_signup_errors
check "unconfirmed account cannot log in" t_login_unconfirmed
check "confirm with the mailed token, once" t_confirm
check "wrong password is refused" t_login_wrong
check "log in" t_login
check "session cookie is HttpOnly and SameSite=Lax" t_cookie_flags
check "panel with too few speakers: error, input kept" t_panel_too_few
check "duplicate co-speaker is refused" t_panel_duplicate
check "submit a panel with two co-speakers" t_panel_submit
id=$(pid)
check "co-speakers are invited by mail" t_invitations
check "the proposer sees the proposal" t_view
check "edit before the deadline" t_edit
check "invalid edit keeps what was typed" t_edit_invalid_keeps_input
check "a draft saves without full checks" t_draft
check "HTML in a title is rendered inert" t_xss
check "POST without a CSRF token is refused" t_csrf_missing
check "POST with a wrong CSRF token is refused" t_csrf_wrong
check "after the deadline: refused, form refilled" t_deadline
check "another speaker cannot see or withdraw it" t_other_cannot_see
check "signed out: to the login page" t_anon_redirect
check "organiser list with charts, no drafts" t_organiser_list
check "organiser filters by theme and text" t_organiser_filter
check "organiser text search is stemmed" t_organiser_stemmed
check "organiser filters by sector mix" t_organiser_mix
check "organiser sees a proposal with its history" t_organiser_history
check "an invited co-speaker accepts" t_cospeaker_accepts
check "CSV export" t_export_csv
check "JSON export" t_export_json
check "withdraw" t_withdraw
check "log out" t_logout
check "password reset" t_reset
check "profile with Markdown bio, rendered safely" t_profile
check "invalid profile: errors, input kept" t_profile_invalid
check "export one's own data as JSON" t_data_export
check "login attempts are rate limited" t_rate_limit
check "delete one's account" t_delete_account

e2e_stop_check "server exits 0 on SIGTERM (no leak under ASan)"
echo "RESULT $pass $fail"
