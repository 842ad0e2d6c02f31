// The workspace's live parts; every page works without this file.
// 1. SLA countdowns: each cell with data-due counts its business minutes down while business
//    time runs (data-ticking), turns amber at data-warn and red after data-due.
// 2. The queue polls its JSON address and swaps in the rows when they change, so new
//    requests appear without a reload (and the countdowns resync).
// 3. Prepared answers: "insert" puts the chosen answer's filled text into the reply where the
//    cursor was, instead of posting the form (which is what happens without script).
(function () {
  "use strict";
  var table = document.getElementById("queue");
  var loaded = Date.now();

  function words(mins) {
    var p = table ? table.dataset : document.body.dataset;
    var a = Math.abs(mins), h = Math.floor(a / 60), m = a % 60;
    var span = h === 0 ? p.m.replace("%M", m)
      : m === 0 ? p.h.replace("%H", h)
      : p.hm.replace("%H", h).replace("%M", m);
    return (mins >= 0 ? p.left : p.over).replace("%T", span);
  }

  function tick() {
    var now = Date.now();
    var passed = Math.floor((now - loaded) / 60000);
    document.querySelectorAll("[data-due]").forEach(function (cell) {
      var due = Number(cell.dataset.due);
      var warn = cell.dataset.warn ? Number(cell.dataset.warn) : null;
      var left = Number(cell.dataset.leftMin) - (cell.dataset.ticking ? passed : 0);
      if (now > due && left >= 0) {
        left = -1;
      }
      var state = now > due ? "breached" : (warn !== null && now >= warn ? "warning" : "ok");
      cell.classList.remove("ok", "warning", "breached");
      cell.classList.add(state);
      if (table && table.dataset.left) {
        cell.textContent = words(left);
      }
    });
  }

  function poll() {
    if (!table || !table.dataset.live || document.hidden) {
      return;
    }
    fetch(table.dataset.live, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (live) {
        if (!live) {
          return;
        }
        var body = document.getElementById("queue-rows");
        var fresh = document.createElement("tbody");
        fresh.innerHTML = live.rows;
        if (body && fresh.textContent.replace(/\s+/g, " ") !== body.dataset.last) {
          body.innerHTML = live.rows;
          loaded = Date.now();
          tick();
          document.dispatchEvent(new CustomEvent("queue-updated"));
        }
        if (body) {
          body.dataset.last = fresh.textContent.replace(/\s+/g, " ");
        }
        var count = document.getElementById("count");
        if (count && count.textContent !== live.count) {
          count.textContent = live.count;
        }
      })
      .catch(function () { /* the next poll tries again */ });
  }

  function insertAnswers() {
    var use = document.getElementById("use-answer");
    var pick = document.getElementById("answer");
    var body = document.getElementById("body");
    if (!use || !pick || !body) {
      return;
    }
    // Until the agent has been in the text, its cursor means nothing: add at the end.
    var touched = false;
    body.addEventListener("focus", function () { touched = true; });
    use.addEventListener("click", function (e) {
      var opt = pick.options[pick.selectedIndex];
      if (!opt || opt.dataset.text === undefined) {
        return;
      }
      e.preventDefault();
      var text = opt.dataset.text, v = body.value;
      var start = touched ? body.selectionStart : v.length;
      var end = touched ? body.selectionEnd : v.length;
      var before = v.slice(0, start), after = v.slice(end);
      var gap = before.trim() === "" ? "" : (/\n\n$/.test(before) ? "" : (/\n$/.test(before) ? "\n" : "\n\n"));
      if (before.trim() === "") {
        before = "";
      }
      body.value = before + gap + text + after;
      var caret = (before + gap + text).length;
      body.focus();
      body.setSelectionRange(caret, caret);
    });
  }

  insertAnswers();
  tick();
  setInterval(tick, 15000);
  if (table) {
    setInterval(poll, 10000);
  }
})();
