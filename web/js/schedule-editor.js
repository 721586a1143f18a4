/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * schedule-editor.js: the schedule editor's grid (page_schedule_editor.c).
 * Sessions move by drag and drop, or by keyboard (arrow keys on a focused
 * session move it one room or one slot; U undoes).  After every move the
 * clashes are recomputed from the data attributes: two sessions in one
 * cell, a speaker in two cells of one slot, a room without the needed
 * features, more audience than seats.  Each clash is listed with its
 * reason and marked on the sessions.  The save and re-optimise forms
 * post the plan as it stands (their hidden "plan" field is refreshed on
 * submit); pinned sessions are the ticked "pin" boxes.
 */
(function () {
	"use strict";
	var root = document.getElementById("tt-editor");
	if (!root) {
		return;
	}
	var undo = [];
	var msg = {
		room: root.dataset.msgRoom,
		speaker: root.dataset.msgSpeaker,
		needs: root.dataset.msgNeeds,
		capacity: root.dataset.msgCapacity,
		none: root.dataset.msgNone
	};

	function cells() {
		return Array.prototype.slice.call(root.querySelectorAll(".tt-cell"));
	}
	function cellAt(room, unit) {
		return root.querySelector(".tt-cell[data-room=\"" + room +
			"\"][data-unit=\"" + unit + "\"]");
	}
	function title(item) {
		return item.firstChild ? item.firstChild.textContent.trim() : "";
	}

	function check() {
		var list = document.getElementById("tt-clashes");
		var found = [];
		var items = root.querySelectorAll(".tt-item");
		var byUnit = {};
		items.forEach(function (it) {
			it.classList.remove("tt-clash");
			it.removeAttribute("title");
		});
		function flag(it, why) {
			it.classList.add("tt-clash");
			it.title = (it.title ? it.title + "; " : "") + why;
		}
		cells().forEach(function (c) {
			var room = +c.dataset.room, unit = +c.dataset.unit;
			if (room < 0) {
				return;
			}
			var its = Array.prototype.slice.call(c.querySelectorAll(".tt-item"));
			var longs = its.filter(function (it) { return it.dataset.shared !== "1"; });
			if (longs.length > 1 || (longs.length === 1 && its.length > 1)) {
				its.forEach(function (it) { flag(it, msg.room); });
				found.push(msg.room + ": " + its.map(title).join(" / "));
			}
			its.forEach(function (it) {
				var needs = +it.dataset.needs, feat = +c.dataset.features;
				if ((needs & ~feat) !== 0) {
					flag(it, msg.needs);
					found.push(msg.needs + ": " + title(it));
				}
				if (+it.dataset.audience > +c.dataset.capacity) {
					flag(it, msg.capacity);
					found.push(msg.capacity + " (" + it.dataset.audience +
						" > " + c.dataset.capacity + "): " + title(it));
				}
				(byUnit[unit] = byUnit[unit] || []).push({ it: it, room: room });
			});
		});
		Object.keys(byUnit).forEach(function (u) {
			var seen = {};
			byUnit[u].forEach(function (e) {
				(e.it.dataset.speakers || "").split(" ").forEach(function (s) {
					if (s === "") {
						return;
					}
					var other = seen[s];
					if (other && other.room !== e.room) {
						flag(e.it, msg.speaker);
						flag(other.it, msg.speaker);
						found.push(msg.speaker + ": " + title(other.it) +
							" / " + title(e.it));
					} else if (!other) {
						seen[s] = e;
					}
				});
			});
		});
		list.textContent = "";
		(found.length ? found : [msg.none]).forEach(function (t) {
			var li = document.createElement("li");
			li.textContent = t;
			list.appendChild(li);
		});
	}

	function place(item, cell, record) {
		if (!cell || item.parentNode === cell) {
			return;
		}
		if (record) {
			undo.push({ item: item, from: item.parentNode });
		}
		cell.appendChild(item);
		check();
	}

	root.addEventListener("dragstart", function (e) {
		if (e.target.classList && e.target.classList.contains("tt-item")) {
			e.dataTransfer.setData("text/plain", e.target.id);
			e.dataTransfer.effectAllowed = "move";
		}
	});
	cells().forEach(function (c) {
		c.addEventListener("dragover", function (e) { e.preventDefault(); });
		c.addEventListener("drop", function (e) {
			e.preventDefault();
			var it = document.getElementById(e.dataTransfer.getData("text/plain"));
			if (it) {
				place(it, c, true);
				it.focus();
			}
		});
	});
	root.addEventListener("keydown", function (e) {
		var it = e.target;
		if (!it.classList || !it.classList.contains("tt-item")) {
			return;
		}
		if (e.key === "u" || e.key === "U") {
			doUndo();
			e.preventDefault();
			return;
		}
		var c = it.parentNode, room = +c.dataset.room, unit = +c.dataset.unit;
		var d = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1],
			ArrowDown: [0, 1] }[e.key];
		if (!d) {
			return;
		}
		e.preventDefault();
		if (room < 0) {
			room = 0;
			unit = 0;
			d = [0, 0];
		}
		place(it, cellAt(room + d[0], unit + d[1]), true);
		it.focus();
	});
	function doUndo() {
		var u = undo.pop();
		if (u) {
			place(u.item, u.from, false);
			u.item.focus();
		}
	}
	document.getElementById("tt-undo").addEventListener("click", doUndo);
	function plan() {
		var list = [];
		root.querySelectorAll(".tt-item").forEach(function (it) {
			var c = it.parentNode;
			var order = Array.prototype.indexOf.call(
				c.querySelectorAll(".tt-item"), it);
			list.push({ session: +it.dataset.session, room: +c.dataset.room,
				slot: +c.dataset.unit, order: order });
		});
		return { sessions: list };
	}
	document.getElementById("tt-plan").addEventListener("click", function () {
		var out = document.getElementById("tt-plan-out");
		out.value = JSON.stringify(plan(), null, 1);
		out.hidden = false;
		out.select();
	});
	document.querySelectorAll(".tt-plan-form").forEach(function (f) {
		f.addEventListener("submit", function () {
			f.querySelector(".tt-plan-field").value = JSON.stringify(plan());
		});
	});
	check();
}());
