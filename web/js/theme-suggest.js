// SPDX-License-Identifier: AGPL-3.0-or-later
// theme-suggest.js: suggests themes while a proposer types (issue 7).
//
// Wiring (the proposal form): a container
//   <div data-theme-suggest data-event="SLUG" data-label="Suggested:"
//        aria-live="polite"></div>
// and <script src="/static/theme-suggest.js" defer></script>.  Optional
// attributes: data-source (comma-separated field ids, default
// "f-title,f-abstract"), data-target (the theme <select> id, default
// "f-theme"), data-min (characters before asking, default 40).
//
// After the proposer pauses typing (600 ms) it asks
// GET /api/v1/events/SLUG/suggest-themes?text=... (the text capped at
// 3000 bytes, as the server is) and shows the top themes as buttons;
// choosing one sets the theme <select>.  Only textContent is written: no
// HTML from the network reaches the page.  Without JavaScript the form
// works as before.
(function () {
	"use strict";

	var DELAY_MS = 600;
	var MAX_BYTES = 3000;

	function capBytes(s) {
		var enc = new TextEncoder();
		if (enc.encode(s).length <= MAX_BYTES)
			return s;
		// Cut on a code point boundary below the cap.
		var out = "";
		var n = 0;
		for (var ch of s) {
			var k = enc.encode(ch).length;
			if (n + k > MAX_BYTES)
				break;
			out += ch;
			n += k;
		}
		return out;
	}

	function setup(box) {
		var slug = box.getAttribute("data-event");
		if (!slug || !/^[a-z0-9-]+$/.test(slug))
			return;
		var ids = (box.getAttribute("data-source") || "f-title,f-abstract")
			.split(",");
		var sources = ids.map(function (id) {
			return document.getElementById(id.trim());
		}).filter(Boolean);
		var target = document.getElementById(
			box.getAttribute("data-target") || "f-theme");
		var min = parseInt(box.getAttribute("data-min") || "40", 10);
		var label = box.getAttribute("data-label") || "";
		var timer = null;
		var last = "";
		var inflight = null;

		function render(data) {
			box.textContent = "";
			if (!data || !data.themes || data.themes.length === 0)
				return;
			if (label) {
				var p = document.createElement("span");
				p.className = "theme-suggest-label";
				p.textContent = label + " ";
				box.appendChild(p);
			}
			data.themes.forEach(function (t) {
				var b = document.createElement("button");
				b.type = "button";
				b.className = "theme-suggest t-" + t.key;
				b.setAttribute("data-theme", t.key);
				b.textContent = t.name;
				b.title = Math.round(t.score * 100) + "%";
				b.addEventListener("click", function () {
					if (target) {
						target.value = t.key;
						target.dispatchEvent(new Event("change",
							{ bubbles: true }));
						target.focus();
					}
				});
				box.appendChild(b);
			});
			box.setAttribute("data-confident",
				data.confident ? "true" : "false");
		}

		function ask() {
			// Line breaks and tabs become spaces: the server refuses
			// control characters in a query string.
			var text = capBytes(sources.map(function (el) {
				return el.value;
			}).join(" ").replace(/\s+/g, " ").trim());
			if (text.length < min || text === last)
				return;
			last = text;
			if (inflight)
				inflight.abort();
			inflight = new AbortController();
			fetch("/api/v1/events/" + slug + "/suggest-themes?text=" +
				encodeURIComponent(text), {
				signal: inflight.signal,
				credentials: "same-origin",
				headers: { "Accept": "application/json" }
			}).then(function (r) {
				return r.ok ? r.json() : null;
			}).then(render).catch(function () { /* offline: no hint */ });
		}

		sources.forEach(function (el) {
			el.addEventListener("input", function () {
				clearTimeout(timer);
				timer = setTimeout(ask, DELAY_MS);
			});
		});
		ask();
	}

	function init() {
		document.querySelectorAll("[data-theme-suggest]").forEach(setup);
	}

	if (document.readyState === "loading")
		document.addEventListener("DOMContentLoaded", init);
	else
		init();
})();
