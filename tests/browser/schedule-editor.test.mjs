// SPDX-License-Identifier: AGPL-3.0-or-later
//
// schedule-editor.test.mjs BASE_URL EMAIL PASSWORD: the schedule editor
// (issue 4) in a real browser.  Signs in as an organiser of the demo
// event (scheduled with `cabildo schedule`), moves a session onto another
// one by keyboard and by drag and drop, expects the room clash to be
// listed with its reason and marked, undoes, expects it gone; saves a
// move and finds it in the new version and back in the editor.
// playwright-core drives Debian's /usr/bin/chromium.  Prints "ok - name"
// or "not ok - name: reason" per test and "# summary PASSED FAILED".
import { chromium } from 'playwright-core';

const [base, email, password] = process.argv.slice(2);
if (!/^http:\/\/127\.0\.0\.1:\d+$/.test(base || '') || !email || !password) {
	console.error('usage: node schedule-editor.test.mjs http://127.0.0.1:PORT EMAIL PASSWORD');
	process.exit(2);
}
const SLUG = 'ogp-americas-2017';
const ROOM_CLASH = 'two sessions in one room and slot';
let passed = 0, failed = 0;

async function test(name, fn) {
	try {
		await fn();
		passed++;
		console.log(`ok - ${name}`);
	} catch (e) {
		failed++;
		console.log(`not ok - ${name}: ${String(e.message || e).split('\n')[0]}`);
	}
}
function assert(c, why) {
	if (!c) {
		throw new Error(why);
	}
}

const browser = await chromium.launch({
	executablePath: '/usr/bin/chromium',
	headless: true,
	args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic',
		'--no-first-run', '--disable-background-networking',
		'--disable-component-update', '--disable-sync'],
});
const page = await browser.newPage();
const errors = [];
page.on('pageerror', (e) => errors.push(String(e)));
try {
	await page.goto(`${base}/account/login?lang=en`);
	await page.fill('input[name=email]', email);
	await page.fill('input[name=password]', password);
	await Promise.all([page.waitForNavigation(), page.press('input[name=password]', 'Enter')]);
	await page.goto(`${base}/${SLUG}/schedule/editor?lang=en`);
	const clashes = () => page.textContent('#tt-clashes');

	await test('editor shows the stored timetable', async () => {
		assert(await page.locator('.tt-grid .tt-item').count() > 0, 'no sessions in the grid');
		assert(!(await clashes()).includes(ROOM_CLASH), 'room clash before any move');
	});
	await test('keyboard move onto a session shows the clash, U undoes it', async () => {
		// A long session whose right-hand neighbour cell holds a session.
		const id = await page.evaluate(() => {
			for (const it of document.querySelectorAll('.tt-grid .tt-item[data-shared="0"]')) {
				const c = it.parentNode;
				const n = document.querySelector(`.tt-cell[data-room="${+c.dataset.room + 1}"][data-unit="${c.dataset.unit}"]`);
				if (n && n.querySelector('.tt-item')) {
					return it.id;
				}
			}
			return null;
		});
		assert(id, 'no session with a busy neighbour');
		await page.focus(`#${id}`);
		await page.keyboard.press('ArrowRight');
		assert((await clashes()).includes(ROOM_CLASH), 'no room clash listed');
		assert(await page.locator(`#${id}.tt-clash`).count() === 1, 'moved session not marked');
		await page.keyboard.press('u');
		assert(!(await clashes()).includes(ROOM_CLASH), 'clash still listed after undo');
	});
	await test('drag and drop onto a session shows the clash, Undo removes it', async () => {
		const [a, b] = await page.evaluate(() => {
			const its = [...document.querySelectorAll('.tt-grid .tt-item[data-shared="0"]')];
			return [its[0].id, its[1].parentNode.dataset.room + ':' + its[1].parentNode.dataset.unit];
		});
		const [room, unit] = b.split(':');
		await page.dragAndDrop(`#${a}`, `.tt-cell[data-room="${room}"][data-unit="${unit}"]`);
		assert((await clashes()).includes(ROOM_CLASH), 'no room clash listed');
		await page.click('#tt-undo');
		assert(!(await clashes()).includes(ROOM_CLASH), 'clash still listed after undo');
	});
	await test('the plan lists every session', async () => {
		await page.click('#tt-plan');
		const plan = JSON.parse(await page.inputValue('#tt-plan-out'));
		assert(plan.sessions.length === await page.locator('.tt-item').count(), 'plan size');
	});
	await test('save round trip: a moved session is a new version, shown in the editor', async () => {
		// A long session whose cell below (same room, next slot) is empty.
		const found = await page.evaluate(() => {
			for (const it of document.querySelectorAll('.tt-grid .tt-item[data-shared="0"]')) {
				const c = it.parentNode;
				const n = document.querySelector(`.tt-cell[data-room="${c.dataset.room}"][data-unit="${+c.dataset.unit + 1}"]`);
				if (n && !n.querySelector('.tt-item')) {
					return [it.id, it.dataset.session, n.dataset.room, n.dataset.unit];
				}
			}
			return null;
		});
		assert(found, 'no session with an empty cell below');
		const [id, sid, room, unit] = found;
		await page.focus(`#${id}`);
		await page.keyboard.press('ArrowDown');
		await Promise.all([page.waitForNavigation(), page.click('#tt-save button[type=submit]')]);
		assert(/\/schedule\/versions\/\d+$/.test(page.url()), `not on a version page: ${page.url()}`);
		assert(await page.locator('#tt-cost').count() === 1, 'no costs shown');
		assert(await page.locator(`.tt-places tr[data-session="${sid}"][data-room="${room}"][data-unit="${unit}"]`).count() === 1,
			`the saved version lacks the move: ${sid} to ${room}/${unit}: ` +
			await page.locator(`.tt-places tr[data-session="${sid}"]`).evaluate((e) => e.outerHTML));
		await page.goto(`${base}/${SLUG}/schedule/editor?lang=en`);
		assert(await page.locator(`.tt-cell[data-room="${room}"][data-unit="${unit}"] .tt-item[data-session="${sid}"]`).count() === 1,
			'the editor does not show the saved move');
	});
	await test('no script errors', async () => {
		assert(errors.length === 0, errors.join('; '));
	});
} finally {
	await browser.close();
}
console.log(`# summary ${passed} ${failed}`);
process.exit(failed ? 1 : 0);
