// SPDX-License-Identifier: AGPL-3.0-or-later
//
// participant.test.mjs BASE_URL EMAIL PASSWORD: a participant in the
// browser (issue 5).  Stars a session in this browser while signed out
// (localStorage), logs in, registers (themes, needs), which imports that
// star, stars two more with the no-JavaScript form buttons, opens the
// personal agenda, creates and downloads its private calendar, and runs
// axe-core on the agenda, session, registration and personal agenda
// pages.  Prints "ok - name" / "not ok - name: reason" per test and,
// last, "# summary PASSED FAILED".
//
// Usually run by tests/browser/run.sh, which starts the demo server and
// creates the account.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { chromium } from 'playwright-core';

import {
	AXE, LAUNCH, axeClean, check, cspRecorder, run, test,
} from './lib.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const [base, email, password] = [
	(process.argv[2] || '').replace(/\/+$/, ''), process.argv[3],
	process.argv[4]];
if (!/^http:\/\/127\.0\.0\.1:\d+$/.test(base) || !email || !password) {
	console.error('usage: node participant.test.mjs http://127.0.0.1:PORT ' +
	    'EMAIL PASSWORD');
	process.exit(2);
}
const SLUG = JSON.parse(readFileSync(
    join(root, 'data', 'events', 'ogp-americas-2017.json'), 'utf8')).slug;
async function go(page, path) {
	const r = await page.goto(base + path, { waitUntil: 'load' });
	check(r && r.status() === 200, `${path}: status ${r && r.status()}`);
}

// Submits the star form of the session guid on this page and waits for
// the page it goes back to.
async function starWithForm(page, guid) {
	const b = page.locator(`[data-guid="${guid}"] form.star-form button`);
	check(await b.count() === 1, `no star button for ${guid}`);
	await Promise.all([page.waitForNavigation({ waitUntil: 'load' }),
		b.click()]);
}

async function main() {
	const browser = await chromium.launch(LAUNCH);
	const ctx = await browser.newContext({ locale: 'en-US' });
	await ctx.addInitScript(cspRecorder);
	await ctx.addInitScript({ path: AXE });
	const page = await ctx.newPage();
	const problems = [];
	page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
	page.on('console', (m) => {
		if (m.type() === 'error')
			problems.push(`console error: ${m.text()}`);
	});
	const agenda = `/${SLUG}/agenda?day=all&lang=en`;
	let guids = [];
	let feed = '';

	await test('signed out: agenda has browser star buttons, axe clean',
	    async () => {
		await go(page, agenda);
		guids = await page.locator('li.session[data-guid]').evaluateAll(
		    (els) => els.map((e) => e.getAttribute('data-guid')));
		check(guids.length >= 3, `${guids.length} sessions`);
		check(await page.locator('form.star-form').count() === 0,
		    'star forms for a visitor signed out');
		await axeClean(page);
	});
	await test('signed out: star one session in this browser', async () => {
		const b = page.locator(
		    `li.session[data-guid="${guids[0]}"] button.star`).first();
		await b.click();
		check(await b.getAttribute('aria-pressed') === 'true',
		    'not pressed after click');
		const kept = await page.evaluate(
		    () => localStorage.getItem('cabildo.stars'));
		check(kept && kept.includes(guids[0]), `localStorage ${kept}`);
	});
	await test('log in', async () => {
		await go(page, '/account/login?lang=en');
		await page.fill('input[name=email]', email);
		await page.fill('input[name=password]', password);
		await Promise.all([page.waitForNavigation(),
			page.press('input[name=password]', 'Enter')]);
		check(!/\/account\/login/.test(page.url()), `at ${page.url()}`);
	});
	await test('register: themes, needs; browser stars imported',
	    async () => {
		await go(page, `/${SLUG}/register?lang=en`);
		await axeClean(page);
		await page.locator('input[name=theme]').first().check();
		await page.check('input[name=need][value=captions]');
		await page.fill('textarea[name=needs_other]', 'Front row seat');
		await Promise.all([page.waitForNavigation({ waitUntil: 'load' }),
			page.click('#register-form button[type=submit]')]);
		check(new URL(page.url()).pathname === `/${SLUG}/me/`,
		    `at ${page.url()}`);
		// agenda.js posts what is left in localStorage, then reloads
		await page.waitForFunction(
		    () => localStorage.getItem('cabildo.stars') === null,
		    null, { timeout: 10000 });
		await page.waitForLoadState('load');
		const mine = page.locator(`#my-sessions [data-guid="${guids[0]}"]`);
		await mine.waitFor({ timeout: 10000 });
	});
	await test('star two sessions with the form buttons', async () => {
		await go(page, agenda);
		check(await page.locator('form.star-form').count() >= 3,
		    'no star forms when signed in');
		await starWithForm(page, guids[1]);
		await go(page, `/${SLUG}/sessions/${guids[2]}?lang=en`);
		await starWithForm(page, guids[2]);
		const pressed = await page.locator(
		    `[data-guid="${guids[2]}"] form.star-form button`)
		    .getAttribute('aria-pressed');
		check(pressed === 'true', `aria-pressed ${pressed}`);
	});
	await test('axe: agenda and session pages signed in', async () => {
		await go(page, agenda);
		check(await page.locator('button.star[aria-pressed=true]')
		    .count() === 3, 'not 3 starred in the agenda');
		await axeClean(page);
		await go(page, `/${SLUG}/sessions/${guids[1]}?lang=en`);
		await axeClean(page);
	});
	await test('personal agenda lists the three sessions', async () => {
		await go(page, `/${SLUG}/me/?lang=en`);
		const shown = await page.locator('#my-sessions li.session')
		    .evaluateAll((els) => els.map((e) =>
			e.getAttribute('data-guid')));
		check(shown.length === 3, `${shown.length} sessions shown`);
		for (const g of guids.slice(0, 3))
			check(shown.includes(g), `${g} missing`);
		await axeClean(page);
	});
	await test('create and download the private calendar', async () => {
		await Promise.all([page.waitForNavigation({ waitUntil: 'load' }),
			page.click('button[name=action][value=create]')]);
		feed = await page.getAttribute('#feed-link', 'href');
		check(/^\/[^/]+\/me\/[0-9a-f]{32}\.ics$/.test(feed || ''),
		    `feed link ${feed}`);
		await axeClean(page);
		const r = await ctx.request.get(base + feed);
		check(r.status() === 200, `status ${r.status()}`);
		check(/text\/calendar/.test(r.headers()['content-type']),
		    `type ${r.headers()['content-type']}`);
		const ics = await r.text();
		const n = (ics.match(/BEGIN:VEVENT/g) || []).length;
		check(n === 3, `${n} VEVENTs`);
	});
	await test('revoked calendar is 404', async () => {
		await Promise.all([page.waitForNavigation({ waitUntil: 'load' }),
			page.click('button[name=action][value=revoke]')]);
		const r = await ctx.request.get(base + feed);
		check(r.status() === 404, `status ${r.status()}`);
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

await run('participant browser run', main);
