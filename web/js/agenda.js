// SPDX-License-Identifier: AGPL-3.0-or-later
// cabildo: starring sessions of the published agenda in this browser
// (localStorage), before and without an account.  The pages work without
// it; it only adds star buttons and the "only starred" filter.
(function () {
	"use strict";
	var KEY = "cabildo.stars";
	function load() {
		try {
			var v = JSON.parse(localStorage.getItem(KEY) || "[]");
			return Array.isArray(v) ? v : [];
		} catch (e) {
			return [];
		}
	}
	function save(list) {
		try {
			localStorage.setItem(KEY, JSON.stringify(list));
		} catch (e) { /* private mode: stars last for the page */ }
	}
	var stars = load();
	var lang = document.documentElement.lang || "en";
	var words = {
		es: ["Marcar", "Marcada"], en: ["Star", "Starred"],
		pt: ["Marcar", "Marcada"]
	}[lang] || ["Star", "Starred"];
	function starred(guid) { return stars.indexOf(guid) >= 0; }
	function paint(button, guid) {
		var on = starred(guid);
		button.setAttribute("aria-pressed", on ? "true" : "false");
		button.textContent = (on ? "★ " : "☆ ") + (on ? words[1] : words[0]);
	}
	function toggle(guid) {
		var i = stars.indexOf(guid);
		if (i >= 0) stars.splice(i, 1); else stars.push(guid);
		save(stars);
	}
	var items = document.querySelectorAll("[data-guid]");
	Array.prototype.forEach.call(items, function (el) {
		var guid = el.getAttribute("data-guid");
		// signed in: the server's star form stands instead
		if (el.querySelector("form.star-form")) return;
		var b = document.createElement("button");
		b.type = "button";
		b.className = "star";
		paint(b, guid);
		b.addEventListener("click", function () {
			toggle(guid);
			Array.prototype.forEach.call(
			    document.querySelectorAll("[data-guid='" + guid + "'] button.star"),
			    function (o) { paint(o, guid); });
			filter();
		});
		el.appendChild(b);
	});
	var only = document.getElementById("f-starred");
	function filter() {
		if (!only) return;
		Array.prototype.forEach.call(items, function (el) {
			var hide = only.checked && !starred(el.getAttribute("data-guid"));
			el.classList.toggle("hidden-unstarred", hide);
		});
	}
	if (only) only.addEventListener("change", filter);
	// Registering carries this browser's stars along (the register
	// form's hidden field); the personal agenda posts any left, once,
	// with the CSRF token of its hidden form, then forgets them here.
	var reg = document.getElementById("register-form");
	var field = document.getElementById("import-stars");
	if (reg && field)
		reg.addEventListener("submit", function () {
			field.value = load().join(" ");
		});
	var imp = document.getElementById("import-form");
	var list = load();
	if (imp && list.length > 0 && window.fetch) {
		var token = imp.querySelector("input[name=csrf]");
		var body = "csrf=" + encodeURIComponent(token ? token.value : "") +
		    "&stars=" + encodeURIComponent(list.join(" "));
		fetch(imp.getAttribute("action"), {
			method: "POST",
			credentials: "same-origin",
			headers: { "Content-Type":
			    "application/x-www-form-urlencoded" },
			body: body
		}).then(function (r) {
			if (!r.ok) return;
			try { localStorage.removeItem(KEY); } catch (e) { }
			location.reload();
		});
	}
	Array.prototype.forEach.call(document.querySelectorAll(".js-only"),
	    function (el) { el.hidden = false; });
})();
