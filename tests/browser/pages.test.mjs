// SPDX-License-Identifier: AGPL-3.0-or-later
//
// pages.test.mjs BASE_URL: browser tests of cabildo's public pages.
// playwright-core drives Debian's /usr/bin/chromium (never a downloaded
// browser); axe-core checks accessibility.  Prints one "ok - name" or
// "not ok - name: reason" per test and, last, "# summary PASSED FAILED".
// Exit status: 0 when every test passed, 1 otherwise.
//
// Usually run by tests/browser/run.sh, which starts the demo server.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const base = (process.argv[2] || '').replace(/\/+$/, '');
if (!/^http:\/\/127\.0\.0\.1:\d+$/.test(base)) {
	console.error('usage: node pages.test.mjs http://127.0.0.1:PORT');
	process.exit(2);
}

const AXE = join(here, 'node_modules', 'axe-core', 'axe.min.js');
const EVENT = JSON.parse(
    readFileSync(join(root, 'data', 'events', 'ogp-americas-2017.json'), 'utf8'));
const SLUG = EVENT.slug;
const LANGS = ['es', 'en', 'pt'];
const THEME = EVENT.themes.find((t) => t.key === 'sdg');
const PAGES = [
	{ path: '/', status: 200 },
	{ path: `/${SLUG}/`, status: 200, themes: true },
	{ path: `/${SLUG}/themes/sdg`, status: 200, h1: THEME.name },
	{ path: '/no-such-page', status: 404 },
	{ path: '/no-such-event/', status: 404 },
];
const LAUNCH = {
	executablePath: '/usr/bin/chromium',
	headless: true,
	args: [
		'--headless', '--no-sandbox', '--disable-gpu', '--disable-quic',
		'--no-first-run', '--disable-background-networking',
		'--disable-component-update', '--disable-sync',
	],
};

let passed = 0;
let failed = 0;

const timing = process.env.TEST_TIMING === '1';

// A group's test function: results go to lines, printed when the group
// ends, so that groups running at the same time print in order.
function tester(lines) {
	return async function test(name, fn) {
		const t = Date.now();
		try {
			await fn();
			passed++;
			lines.push(`ok - ${name}` +
			    (timing ? ` # ${Date.now() - t}ms` : ''));
		} catch (e) {
			failed++;
			const why = String(e && e.message ? e.message : e)
			    .split('\n').slice(0, 8).join(' | ');
			lines.push(`not ok - ${name}: ${why}`);
		}
	};
}

function check(cond, msg) {
	if (!cond)
		throw new Error(msg);
}

function url(path, lang) {
	return base + path + (lang ? `?lang=${lang}` : '');
}

// Records console errors, page errors and CSP violations of one page.
function watch(page) {
	const problems = [];
	page.on('console', (m) => {
		if (m.type() !== 'error')
			return;
		// Chromium reports the document's own 404 status as a console
		// error; that is what a 404 page is for.
		const loc = m.location();
		if (/status of 404/.test(m.text()) &&
		    loc && loc.url && page.url() === loc.url && page.__expect404)
			return;
		problems.push(`console error: ${m.text()} (${loc && loc.url})`);
	});
	page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
	page.on('requestfailed', (r) =>
		problems.push(`request failed: ${r.url()} ${r.failure()?.errorText}`));
	return problems;
}

// Runs in every page before its own scripts: counts CSP violations.
function cspRecorder() {
	window.__csp = [];
	document.addEventListener('securitypolicyviolation', (e) => {
		window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`);
	});
}

async function load(page, path, lang, status) {
	page.__expect404 = status === 404;
	const r = await page.goto(url(path, lang), { waitUntil: 'load' });
	check(r, 'no response');
	check(r.status() === status, `status ${r.status()}, expected ${status}`);
	return r;
}

async function renders(page, p, lang) {
	await load(page, p.path, lang, p.status);
	const hl = await page.getAttribute('html', 'lang');
	check(hl === lang, `<html lang="${hl}">`);
	const h1 = page.locator('h1');
	const n = await h1.count();
	check(n === 1, `${n} h1 elements`);
	const text = (await h1.innerText()).trim();
	check(text !== '', 'empty h1');
	if (p.h1)
		check(text === p.h1[lang], `h1 "${text}", expected "${p.h1[lang]}"`);
	if (p.themes) {
		const shown = (await page.locator('ol.themes h3').allInnerTexts())
		    .map((s) => s.trim());
		for (const t of EVENT.themes)
			check(shown.includes(t.name[lang]),
			    `theme "${t.name[lang]}" missing; shown: ${shown.join('; ')}`);
		check(shown.length === EVENT.themes.length,
		    `${shown.length} themes shown`);
	}
}

// axe-core with its default rules (wcag2a, wcag2aa, wcag21aa and best
// practices) on the page as loaded.
async function axeClean(page) {
	const v = await page.evaluate(async () => {
		if (typeof window.axe === 'undefined')
			return ['axe-core was not injected'];
		const r = await window.axe.run(document, {
			resultTypes: ['violations'],
		});
		return r.violations.map((x) => `${x.id} (${x.impact}): ` +
		    x.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', '));
	});
	check(v.length === 0, v.join('; '));
}

async function main() {
	const t0 = Date.now();
	const browser = await chromium.launch(LAUNCH);
	// Pages as served, CSP enforced: rendering, axe, console and CSP.
	// axe-core comes in as an init script, which the page's CSP
	// (script-src 'self') does not apply to, so the very page whose
	// console and CSP reports are checked is also the one axe reads.
	const ctx = await browser.newContext({ locale: 'en-US' });
	await ctx.addInitScript(cspRecorder);
	await ctx.addInitScript({ path: AXE });

	// Groups of tests run at the same time, each in its own tab.
	const groups = [];
	const group = (fn) => {
		const lines = [];
		const done = fn(tester(lines)).catch((e) => {
			failed++;
			lines.push(`not ok - ${String(e.message).split('\n')[0]}`);
		});
		groups.push({ lines, done });
	};

	group(async (test) => test('healthz answers ok', async () => {
		const r = await ctx.request.get(base + '/healthz');
		check(r.status() === 200, `status ${r.status()}`);
		const j = await r.json();
		check(j.status === 'ok', `body ${JSON.stringify(j)}`);
	}));

	// One group per language.
	for (const lang of LANGS) {
		group(async (test) => {
			const page = await ctx.newPage();
			const problems = watch(page);
			for (const p of PAGES) {
				problems.length = 0;
				await test(`${p.path} in ${lang} renders`, () =>
					renders(page, p, lang));
				await test(`axe: ${p.path} in ${lang} has no violations`,
				    () => axeClean(page));
				await test(`${p.path} in ${lang}: no console errors or ` +
				    'CSP violations', async () => {
					const csp = await page.evaluate(() => window.__csp);
					check(Array.isArray(csp), 'CSP recorder did not run');
					for (const v of csp)
						problems.push(`CSP violation: ${v}`);
					check(problems.length === 0, problems.join('; '));
				});
			}
			await page.close();
		});
	}

	group(async (test) => test('language switcher changes language, ' +
	    'cookie keeps it', async () => {
		// Accept-Language says Portuguese; the choices must win.
		const c = await browser.newContext({ locale: 'pt-BR' });
		const page = await c.newPage();
		const problems = watch(page);
		await load(page, `/${SLUG}/`, 'es', 200);
		check(await page.getAttribute('html', 'lang') === 'es',
		    'not Spanish at first');
		await Promise.all([
			page.waitForNavigation(),
			page.click('nav.langs a[hreflang="en"]'),
		]);
		check(await page.getAttribute('html', 'lang') === 'en',
		    'switcher did not give English');
		check(new URL(page.url()).pathname === `/${SLUG}/`,
		    `switcher left the page: ${page.url()}`);
		const cur = await page.locator('nav.langs [aria-current]')
		    .getAttribute('lang');
		check(cur === 'en', `current language marked ${cur}`);
		for (const path of [`/${SLUG}/themes/sdg`, '/']) {
			await load(page, path, null, 200);
			const hl = await page.getAttribute('html', 'lang');
			check(hl === 'en', `${path} without ?lang in ${hl}`);
		}
		// And back to Spanish through the switcher on another page.
		await Promise.all([
			page.waitForNavigation(),
			page.click('nav.langs a[hreflang="es"]'),
		]);
		await load(page, `/${SLUG}/`, null, 200);
		const hl = await page.getAttribute('html', 'lang');
		check(hl === 'es', `event page after switching back: ${hl}`);
		check(problems.length === 0, problems.join('; '));
		await c.close();
	}));

	group(async (test) => {
		const c = await browser.newContext({
			viewport: { width: 375, height: 667 },
			isMobile: true, hasTouch: true, deviceScaleFactor: 2,
		});
		const page = await c.newPage();
		for (const lang of LANGS) {
			for (const p of PAGES.slice(0, 3)) {
				await test(`phone 375x667: ${p.path} in ${lang} has no ` +
				    'horizontal scroll', async () => {
					await load(page, p.path, lang, p.status);
					const m = await page.evaluate(() => ({
						sw: document.scrollingElement.scrollWidth,
						iw: window.innerWidth,
					}));
					check(m.sw <= m.iw,
					    `scrollWidth ${m.sw} > innerWidth ${m.iw}`);
				});
			}
		}
		await c.close();
	});

	group(async (test) => {
		// Its own context: focus and keys stay out of the other tabs' way.
		const kc = await browser.newContext({ locale: 'en-US' });
		const kbd = await kc.newPage();
		for (const p of PAGES) {
			await test(`keyboard: ${p.path} first Tab is the skip link, ` +
			    'Enter goes to main', async () => {
				const page = kbd;
				await load(page, p.path, 'en', p.status);
				await page.keyboard.press('Tab');
				const f = await page.evaluate(() => {
					const a = document.activeElement;
					const r = a.getBoundingClientRect();
					return {
						skip: a.matches('a.skip[href="#main"]'),
						what: a.outerHTML.slice(0, 80),
						visible: r.left >= 0 && r.top >= 0 &&
						    r.width > 0 && r.height > 0 &&
						    r.right <= window.innerWidth,
					};
				});
				check(f.skip, `first Tab focused ${f.what}`);
				check(f.visible, 'skip link focused but not visible');
				await page.keyboard.press('Enter');
				await page.waitForFunction(() => location.hash === '#main');
				// The page scrolled to main, unless too short to.
				const sc = await page.evaluate(() => {
					const m = document.getElementById('main');
					const se = document.scrollingElement;
					return {
						top: m.getBoundingClientRect().top,
						room: se.scrollHeight - window.innerHeight -
						    (m.getBoundingClientRect().top + se.scrollTop),
					};
				});
				if (sc.room >= 0)
					check(Math.abs(sc.top) < 2,
					    `main not scrolled into view (top ${sc.top})`);
				// Chromium leaves activeElement on <body> but moves the
				// focus starting point to main: the next Tab lands in (or
				// after) main, not back in the header.
				await page.keyboard.press('Tab');
				const next = await page.evaluate(() => {
					const a = document.activeElement;
					const m = document.getElementById('main');
					return {
						ok: m.contains(a) ||
						    (m.compareDocumentPosition(a) &
							Node.DOCUMENT_POSITION_FOLLOWING) !== 0,
						what: a.outerHTML.slice(0, 80),
					};
				});
				check(next.ok, `Tab after skip focused ${next.what}`);
			});
		}
		await kc.close();
	});

	for (const g of groups) {
		await g.done;
		for (const line of g.lines)
			console.log(line);
	}
	await ctx.close();
	await browser.close();
	console.log(`# browser tests took ${((Date.now() - t0) / 1000).toFixed(1)}s`);
}

try {
	await main();
} catch (e) {
	failed++;
	console.log(`not ok - browser run: ${String(e.message).split('\n')[0]}`);
}
console.log(`# summary ${passed} ${failed}`);
process.exit(failed === 0 ? 0 : 1);
