// SPDX-License-Identifier: AGPL-3.0-or-later
//
// cfp.test.mjs BASE_URL CABILDO DB SLUG ORGANISER PASSWORD: the call for
// proposals in the browser, as a new proposer would use it (issues 3 and
// 7).  Signs up through the form, confirms the address with the link from
// the outbox (read with "CABILDO outbox list --db DB"), logs in, submits
// an empty proposal and checks the error summary, fixes it while the
// theme suggestions appear as the title and abstract are typed, chooses a
// suggested theme, adds two co-speakers to a panel, submits, edits and
// withdraws; then the organiser filters the list and downloads the CSV.
// axe-core runs on every page shown.  Prints "ok - name" /
// "not ok - name: reason" per test and, last, "# summary PASSED FAILED".
//
// Run by tests/browser/run.sh, which loads SLUG as a copy of the demo
// event with an open call and gives ORGANISER the organiser role on it.
import { execFileSync } from 'node:child_process';

import { chromium } from 'playwright-core';

import {
	AXE, LAUNCH, axeClean, check, cspRecorder, run, test,
} from './lib.mjs';

const [base, cabildo, db, slug, orgEmail, orgPassword] = [
	(process.argv[2] || '').replace(/\/+$/, ''), process.argv[3],
	process.argv[4], process.argv[5], process.argv[6], process.argv[7]];
if (!/^http:\/\/127\.0\.0\.1:\d+$/.test(base) || !cabildo || !db ||
    !slug || !orgEmail || !orgPassword) {
	console.error('usage: node cfp.test.mjs http://127.0.0.1:PORT ' +
	    'CABILDO DB SLUG ORGANISER PASSWORD');
	process.exit(2);
}
const EMAIL = 'proposer.browser@example.org';
const PASSWORD = 'proposer-password-77';
const TITLE = 'Protección de denunciantes de corrupción en los municipios';
const ABSTRACT = 'Proponemos proteger a los denunciantes de corrupción y ' +
    'mejorar la rendición de cuentas del gasto público municipal, con ' +
    'experiencias de gobiernos y organizaciones de la sociedad civil.';
// Typed first, to see a Portuguese text suggest its theme too.
const ABSTRACT_PT = 'Um portal de dados abertos e aplicativos cívicos ' +
    'para acompanhar o orçamento público do município.';

async function go(page, path, status = 200) {
	const r = await page.goto(base + path, { waitUntil: 'load' });
	check(r && r.status() === status, `${path}: status ${r && r.status()}`);
}

async function submitWith(page, selector) {
	await Promise.all([page.waitForNavigation({ waitUntil: 'load' }),
		page.click(selector)]);
}

// The last confirmation link mailed to addr, read from the outbox.
function mailedLink(addr) {
	const out = execFileSync(cabildo, ['outbox', 'list', '--db', db],
	    { encoding: 'utf8' });
	let to = '';
	let link = '';
	for (const line of out.split('\n')) {
		const m = /^to: (\S+)/.exec(line);
		if (m)
			to = m[1];
		const u = /(\S*\/account\/confirm\?token=\S+)/.exec(line);
		if (u && to === addr)
			link = u[1];
	}
	return link;
}

async function login(page, email, password) {
	await go(page, '/account/login?lang=es');
	await page.fill('input[name=email]', email);
	await page.fill('input[name=password]', password);
	await submitWith(page, 'form button[type=submit]');
	check(!/\/account\/login/.test(page.url()), `still at ${page.url()}`);
}

async function main() {
	const browser = await chromium.launch(LAUNCH);
	const ctx = await browser.newContext({ locale: 'es-AR' });
	await ctx.addInitScript(cspRecorder);
	await ctx.addInitScript({ path: AXE });
	const page = await ctx.newPage();
	const problems = [];
	page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
	page.on('console', (m) => {
		if (m.type() === 'error' && !/status of 422/.test(m.text()))
			problems.push(`console error: ${m.text()}`);
	});
	let editUrl = '';

	await test('sign up through the form', async () => {
		await go(page, '/account/signup?lang=es');
		await axeClean(page);
		await page.fill('input[name=name]', 'Paula Proponente');
		await page.fill('input[name=email]', EMAIL);
		await page.fill('input[name=password]', PASSWORD);
		await submitWith(page, 'form button[type=submit]');
		check(await page.locator('h1').count() === 1, 'one h1');
		await axeClean(page);
	});
	await test('confirm the address with the mailed link', async () => {
		const link = mailedLink(EMAIL);
		check(link !== '', 'no confirmation link in the outbox');
		const u = new URL(link, base);
		await go(page, u.pathname + u.search);
		await axeClean(page);
	});
	await test('log in', async () => login(page, EMAIL, PASSWORD));
	await test('empty proposal: error summary names each field',
	    async () => {
		await go(page, `/${slug}/cfp/new?lang=es`);
		await axeClean(page);
		await submitWith(page,
		    'button[name=action][value=submit]');
		const summary = page.locator('.error-summary');
		check(await summary.count() === 1, 'no error summary');
		for (const f of ['title', 'abstract', 'format', 'theme'])
			check(await summary.locator(`a[href="#f-${f}"]`).count() === 1,
			    `summary lacks #f-${f}`);
		check(await page.getAttribute('#f-title', 'aria-invalid') ===
		    'true', 'title not marked invalid');
		await axeClean(page);
	});
	// Waits for a suggestion of theme key and checks it comes first.
	async function firstSuggestion(key) {
		const box = page.locator('[data-theme-suggest]');
		const b = box.locator(`button[data-theme="${key}"]`).first();
		await b.waitFor({ state: 'visible', timeout: 10000 });
		const got = await box.locator('button').first()
		    .getAttribute('data-theme');
		check(got === key, `first suggestion ${got}, not ${key}`);
		return box;
	}
	await test('typing Portuguese suggests civic technology', async () => {
		await page.fill('#f-title', '');
		await page.fill('#f-abstract', ABSTRACT_PT);
		await firstSuggestion('civic-tech');
	});
	await test('typing Spanish suggests anti-corruption; choosing sets it',
	    async () => {
		await page.fill('#f-title', TITLE);
		await page.fill('#f-abstract', ABSTRACT);
		const box = await firstSuggestion('anti-corruption');
		check(await box.getAttribute('aria-live') === 'polite',
		    'suggestions are not announced');
		const n = await box.locator('button').count();
		check(n >= 1 && n <= 3, `${n} suggestions`);
		await box.locator('button').first().click();
		const chosen = await page.$eval('#f-theme', (s) => s.value);
		check(chosen === 'anti-corruption', `theme select ${chosen}`);
		await axeClean(page);
	});
	await test('panel with two co-speakers is submitted', async () => {
		await page.fill('#f-description',
		    'Un panel con gobierno y sociedad civil.');
		await page.selectOption('#f-format', 'panel');
		await page.selectOption('#f-language', 'es');
		await page.fill('#f-cospeakers',
		    'co.uno@example.org\nco.dos@example.org');
		// The organiser's own questions (cfp.questions of the event).
		await page.fill('#f-q-ogp-commitment', 'Plan AR-III, compromiso 7');
		await page.getByRole('group', { name: /co-cread/ })
		    .getByLabel('Sí').check();
		await page.getByRole('group', { name: 'Público esperado' })
		    .getByLabel('Sociedad civil').check();
		await submitWith(page, 'button[name=action][value=submit]');
		check(/\/cfp\/\d+\?done=submitted/.test(page.url()),
		    `at ${page.url()}`);
		editUrl = new URL(page.url()).pathname;
		check(await page.locator('[role=status], .notice').count() >= 1,
		    'no confirmation message');
		check(await page.inputValue('#f-title') === TITLE, 'title lost');
		check(await page.inputValue('#f-q-ogp-commitment') ===
		    'Plan AR-III, compromiso 7', 'answer lost');
		check(await page.isChecked(
		    'input[name=q-co-created][value=yes]'), 'yes/no lost');
		check(await page.isChecked(
		    'input[name=q-audience][value=civil-society]'), 'choice lost');
		await axeClean(page);
	});
	await test('co-speakers were invited by mail', async () => {
		const out = execFileSync(cabildo, ['outbox', 'list', '--db', db],
		    { encoding: 'utf8' });
		check(/^to: co\.uno@example\.org/m.test(out), 'no mail to co.uno');
		check(/^to: co\.dos@example\.org/m.test(out), 'no mail to co.dos');
	});
	await test('edit the title', async () => {
		await go(page, `${editUrl}?lang=es`);
		await page.fill('#f-title', `${TITLE} (versión 2)`);
		await submitWith(page, 'button[name=action][value=submit]');
		await go(page, `${editUrl}?lang=es`);
		check(await page.inputValue('#f-title') === `${TITLE} (versión 2)`,
		    'edit not kept');
	});
	await test('proposal listed in my proposals', async () => {
		await go(page, `/${slug}/cfp/?lang=es`);
		check(await page.getByText(`${TITLE} (versión 2)`).count() >= 1,
		    'not listed');
		await axeClean(page);
	});
	await test('organiser filters the list and exports CSV', async () => {
		const octx = await browser.newContext({ locale: 'en-US' });
		await octx.addInitScript({ path: AXE });
		const op = await octx.newPage();
		await login(op, orgEmail, orgPassword);
		await go(op, `/${slug}/proposals/?lang=en`);
		await axeClean(op);
		await op.fill('input[name=q]', 'denunciantes');
		await Promise.all([op.waitForNavigation({ waitUntil: 'load' }),
			op.press('input[name=q]', 'Enter')]);
		check(/q=denunciantes/.test(op.url()), `at ${op.url()}`);
		check(await op.getByText(`${TITLE} (versión 2)`).count() >= 1,
		    'filtered list lacks the proposal');
		await axeClean(op);
		const r = await octx.request.get(`${base}/${slug}/proposals.csv`);
		check(r.status() === 200, `csv status ${r.status()}`);
		const csv = await r.text();
		check(/^id,title,/.test(csv), 'csv header');
		check(csv.includes(`${TITLE} (versión 2)`), 'csv lacks proposal');
		await octx.close();
	});
	await test('withdraw', async () => {
		await go(page, `${editUrl}?lang=en`);
		await submitWith(page, 'button[name=action][value=withdraw]');
		check(/done=withdrawn/.test(page.url()), `at ${page.url()}`);
		await go(page, `/${slug}/cfp/?lang=en`);
		check(await page.getByText('Withdrawn').count() >= 1,
		    'not shown as withdrawn');
		await axeClean(page);
	});
	await test('no console errors or CSP violations', async () => {
		const csp = await page.evaluate(() => window.__csp);
		check(Array.isArray(csp), 'CSP recorder did not run');
		for (const v of csp)
			problems.push(`CSP violation: ${v}`);
		check(problems.length === 0, problems.join('; '));
	});
	await browser.close();
}

await run('cfp browser run', main);
