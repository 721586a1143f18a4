// SPDX-License-Identifier: AGPL-3.0-or-later
//
// select.test.mjs BASE_URL CABILDO DB ORGANISER PASSWORD: balanced
// selection and decisions (issue 6) in the browser.  Gives the demo
// event's proposals reviews ("CABILDO review assign" and "review
// simulate" on DB), signs in as an organiser, sets quotas on the
// selection page, runs the selection, checks GLPK's status, the quotas
// that bind and the balance summary, confirms, and sends the decision
// mails from the decisions page, then merges a group of similar
// proposals from the theme check page (issue 7).  axe-core runs on every
// page shown.
// Prints "ok - name" / "not ok - name: reason" per test and, last,
// "# summary PASSED FAILED".  Run by tests/browser/run.sh last, since it
// changes the demo event's decisions.
import { execFileSync } from 'node:child_process';

import { chromium } from 'playwright-core';

import {
	AXE, LAUNCH, axeClean, check, run, test,
} from './lib.mjs';

const [base, cabildo, db, email, password] = [
	(process.argv[2] || '').replace(/\/+$/, ''), process.argv[3],
	process.argv[4], process.argv[5], process.argv[6]];
if (!/^http:\/\/127\.0\.0\.1:\d+$/.test(base) || !cabildo || !db ||
    !email || !password) {
	console.error('usage: node select.test.mjs http://127.0.0.1:PORT ' +
	    'CABILDO DB ORGANISER PASSWORD');
	process.exit(2);
}
const SLUG = 'ogp-americas-2017';
async function submitWith(page, selector) {
	await Promise.all([
		page.waitForNavigation({ waitUntil: 'load', timeout: 120000 }),
		page.click(selector)]);
}

async function main() {
	execFileSync(cabildo, ['review', 'assign', '--db', db, '--event', SLUG,
		'--per-proposal', '3', '--max-load', '35']);
	execFileSync(cabildo, ['review', 'simulate', '--db', db, '--event',
		SLUG]);
	const browser = await chromium.launch(LAUNCH);
	const ctx = await browser.newContext();
	await ctx.addInitScript({ path: AXE });
	const page = await ctx.newPage();
	page.setDefaultTimeout(120000);
	const errors = [];
	page.on('pageerror', (e) => errors.push(String(e)));

	await page.goto(`${base}/account/login?lang=en`);
	await page.fill('input[name=email]', email);
	await page.fill('input[name=password]', password);
	await Promise.all([page.waitForNavigation(),
		page.press('input[name=password]', 'Enter')]);

	await test('selection page: quota form, accessible', async () => {
		const r = await page.goto(`${base}/${SLUG}/organise/selection?lang=en`);
		check(r.status() === 200, `status ${r.status()}`);
		check(await page.locator('#f-min_women').count() === 1, 'no women quota');
		check(await page.locator('input[name="theme_min.civic-space"]').count() === 1,
		    'no theme bounds');
		await axeClean(page);
	});
	await test('run the selection: optimal, binding quotas, balance', async () => {
		await page.fill('#f-min_women', '0.45');
		await page.fill('#f-min_mixed', '0.5');
		await page.fill('#f-max_per_org', '2');
		await page.fill('#f-capacity', '40');
		await page.fill('#f-waitlist', '5');
		await submitWith(page, '#sel-run');
		check(await page.getAttribute('#sel-run-state', 'data-status') === 'proposed',
		    'no proposed run');
		check((await page.textContent('#sel-glpk')).startsWith('optimal'),
		    'GLPK not optimal');
		const n = Number(await page.textContent('#sel-accepted'));
		check(n > 0, 'nothing accepted');
		check((await page.textContent('#binding')).includes('Quotas that bind'),
		    'no binding heading');
		const table = await page.textContent('.sel-quota-table');
		check(table.includes('women share at least 45%'), 'women quota not listed');
		const women = await page.textContent('#sel-women');
		const pct = Number(/\((\d+)%\)/.exec(women)[1]);
		check(pct >= 45, `women share ${pct}% below the quota`);
		check(await page.locator('.sel-candidates tr[data-accepted="1"]').count() === n,
		    'accepted rows differ from the count');
		check(await page.inputValue('#f-capacity') === '40', 'settings not kept');
		await axeClean(page);
	});
	await test('confirm the selection into decisions', async () => {
		await submitWith(page, '#sel-confirm');
		check(page.url().includes('/organise/decisions'), `at ${page.url()}`);
		check(await page.locator('tr[data-status="accepted"]').count() > 0, 'none accepted');
		check(await page.locator('tr[data-status="waitlisted"]').count() === 5,
		    'waitlist is not 5');
		await axeClean(page);
	});
	await test('send the notifications, each once', async () => {
		await submitWith(page, '#dec-notify');
		const q = Number(/(\d+)/.exec(await page.textContent('#dec-queued'))[1]);
		check(q > 0, 'no mail queued');
		await submitWith(page, '#dec-notify');
		const q2 = Number(/(\d+)/.exec(await page.textContent('#dec-queued'))[1]);
		check(q2 === 0, `${q2} mails queued again`);
		const out = execFileSync(cabildo, ['outbox', 'list', '--db', db],
		    { encoding: 'utf8', maxBuffer: 256 << 20 });
		check(/subject: .*(Proposal accepted|Propuesta aceptada|Proposta aceita)/.test(out),
		    'no acceptance mail in the outbox');
		await axeClean(page);
	});
	await test('theme check: merge a group of similar proposals', async () => {
		const r = await page.goto(`${base}/${SLUG}/proposals/themes?lang=en`);
		check(r.status() === 200, `status ${r.status()}`);
		await axeClean(page);
		const form = page.locator('form.merge-group').first();
		check(await form.count() === 1, 'no group to merge');
		const target = await form.locator('select[name=target]').inputValue();
		const ids = await form.locator('input[name=merge]:checked')
		    .evaluateAll((v) => v.map((e) => e.value));
		const others = ids.filter((id) => id !== target);
		check(others.length >= 1, `group ${ids} has nothing to merge`);
		await Promise.all([
			page.waitForNavigation({ waitUntil: 'load', timeout: 120000 }),
			form.locator('button[value=merge]').click()]);
		check(page.url().includes(`merged=${target}`), `at ${page.url()}`);
		check((await page.textContent('#tc-merged')).includes(`#${target}`),
		    'no merged status');
		for (const id of others)
			check(await page.locator(`input[name=merge][value="${id}"]`).count() === 0,
			    `#${id} still offered in a group`);
		await axeClean(page);
		await page.goto(`${base}/${SLUG}/organise/decisions?lang=en`);
		for (const id of others)
			check((await page.textContent(`#p${id}`)).includes(`merged into #${target}`),
			    `#${id} not merged into #${target}`);
	});
	await test('no script errors', async () => {
		check(errors.length === 0, errors.join('; '));
	});
	await browser.close();
}

await run('select browser run', main);
