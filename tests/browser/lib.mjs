// SPDX-License-Identifier: AGPL-3.0-or-later
//
// lib.mjs: what the browser tests share: how Chromium is launched, the
// ok / not ok bookkeeping, the CSP recorder and the axe-core check.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

export const AXE = join(here, 'node_modules', 'axe-core', 'axe.min.js');
export const LAUNCH = {
	executablePath: '/usr/bin/chromium',
	headless: true,
	args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic',
		'--no-first-run', '--disable-background-networking',
		'--disable-component-update', '--disable-sync'],
};

const counts = { passed: 0, failed: 0 };

export function check(cond, msg) {
	if (!cond)
		throw new Error(msg);
}

// Runs one named test and prints "ok - name" or "not ok - name: why".
export async function test(name, fn) {
	try {
		await fn();
		counts.passed++;
		console.log(`ok - ${name}`);
	} catch (e) {
		counts.failed++;
		const why = String(e && e.message ? e.message : e)
		    .split('\n').slice(0, 6).join(' | ');
		console.log(`not ok - ${name}: ${why}`);
	}
}

// Runs main; a throw outside any test counts as one failure.  Prints
// "# summary PASSED FAILED" last and exits non-zero on any failure.
export async function run(label, main) {
	try {
		await main();
	} catch (e) {
		counts.failed++;
		console.log(`not ok - ${label}: ${e.message}`);
	}
	console.log(`# summary ${counts.passed} ${counts.failed}`);
	process.exit(counts.failed === 0 ? 0 : 1);
}

// An init script: records Content-Security-Policy violations in
// window.__csp.
export function cspRecorder() {
	window.__csp = [];
	document.addEventListener('securitypolicyviolation', (e) => {
		window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`);
	});
}

// axe-core (injected as an init script from AXE) finds no violation.
export async function axeClean(page) {
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
