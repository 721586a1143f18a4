// SPDX-License-Identifier: AGPL-3.0-or-later
//
// review.test.mjs BASE_URL CABILDO DB EMAIL PASSWORD: a reviewer in the
// browser (issue 6).  Logs in, fills in the reviewer profile (themes of
// expertise, languages), has the organiser's assignment run (the CLI on
// the same database), opens the queue, scores the first proposal with the
// form's radio groups, saves a draft, submits, and runs axe-core on the
// queue and the review form.  Prints "ok - name" / "not ok - name:
// reason" per test and, last, "# summary PASSED FAILED".
//
// Usually run by tests/browser/run.sh, which starts the demo server and
// creates the reviewer account.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { chromium } from 'playwright-core';

import {
	AXE, LAUNCH, axeClean, check, run, test,
} from './lib.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const [base, cabildo, db, email, password] = [
	(process.argv[2] || '').replace(/\/+$/, ''), process.argv[3],
	process.argv[4], process.argv[5], process.argv[6]];
if (!/^http:\/\/127\.0\.0\.1:\d+$/.test(base) || !cabildo || !db ||
    !email || !password) {
	console.error('usage: node review.test.mjs http://127.0.0.1:PORT ' +
	    'CABILDO DB EMAIL PASSWORD');
	process.exit(2);
}
const EVENT = JSON.parse(readFileSync(
    join(root, 'data', 'events', 'ogp-americas-2017.json'), 'utf8'));
const SLUG = EVENT.slug;
async function go(page, path, status = 200) {
	const r = await page.goto(base + path, { waitUntil: 'load' });
	check(r && r.status() === status, `${path}: status ${r && r.status()}`);
}

async function submitWith(page, selector) {
	await Promise.all([page.waitForNavigation({ waitUntil: 'load' }),
		page.click(selector)]);
}

async function main() {
	const browser = await chromium.launch(LAUNCH);
	const ctx = await browser.newContext({ locale: 'en-US' });
	await ctx.addInitScript({ path: AXE });
	const page = await ctx.newPage();
	const problems = [];
	page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
	const queue = `/${SLUG}/review/?lang=en`;
	let first = '';

	await test('log in', async () => {
		await go(page, '/account/login?lang=en');
		await page.fill('input[name=email]', email);
		await page.fill('input[name=password]', password);
		await submitWith(page, 'form button[type=submit]');
		check(!/\/account\/login/.test(page.url()), `at ${page.url()}`);
	});

	await test('profile: expertise in every theme, three languages',
	    async () => {
		await go(page, queue);
		check(await page.locator('h1').count() === 1, 'not one h1');
		for (const t of EVENT.themes)
			await page.check(`input[name="theme-${t.key}"][value=main]`);
		for (const l of ['es', 'en', 'pt'])
			await page.check(`input[name=lang][value=${l}]`);
		await submitWith(page, 'form[action$="/review/profile"] button');
		check(await page.getByText('Profile saved.').count() === 1,
		    'no confirmation');
	});

	await test('the organiser assigns; the queue lists proposals, axe clean',
	    async () => {
		execFileSync(cabildo, ['review', 'assign', '--db', db, '--event',
			SLUG, '--per-proposal', '3', '--max-load', '35',
			'--no-time'], { encoding: 'utf8' });
		await go(page, queue);
		const links = page.locator(`table.queue a[href^="/${SLUG}/review/"]`);
		check(await links.count() >= 1, 'empty queue');
		first = await links.first().getAttribute('href');
		await axeClean(page);
	});

	await test('score a proposal with the form, save a draft', async () => {
		await go(page, `${first}?lang=en`);
		await axeClean(page);
		for (const c of EVENT.review.criteria) {
			const group = page.getByRole('group', { name: c.name.en });
			check(await group.count() === 1, `no group for ${c.key}`);
			await group.getByLabel('4 — Good').check();
		}
		await page.getByRole('group',
		    { name: 'Confidence in your assessment' })
		    .getByLabel('3 — Acceptable').check();
		await page.getByLabel('Comment to the committee')
		    .fill('Clear and well argued.');
		await submitWith(page, 'button[value=draft]');
		check(await page.getByText('Review saved.').count() === 1,
		    'not saved');
		check(await page.getByText('(Draft)').count() === 1, 'not a draft');
	});

	await test('submit the review', async () => {
		await page.getByRole('group', { name: EVENT.review.criteria[0].name.en })
		    .getByLabel('5 — Excellent').check();
		await submitWith(page, 'button[value=submit]');
		check(await page.getByText('(Submitted)').count() === 1,
		    'not submitted');
		check(await page.locator(
		    `input[name="score-${EVENT.review.criteria[0].key}"][value="5"]`)
		    .isChecked(), 'score not kept');
		await go(page, queue);
		check(await page.locator('tr.rv-done').count() >= 1,
		    'not done in the queue');
	});

	await test('no page errors', async () => {
		check(problems.length === 0, problems.join('; '));
	});
	await browser.close();
}

await run('review browser tests', main);
