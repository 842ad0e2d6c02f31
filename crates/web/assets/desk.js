// The workspace's live parts; every page works without this file.
// 1. SLA countdowns: each cell with data-due counts its business minutes down while business
//    time runs (data-ticking), turns amber at data-warn and red after data-due.
// 2. The queue polls its JSON address and swaps in the rows when they change, so new
//    requests appear without a reload (and the countdowns resync).
// 3. Prepared answers: "insert" puts the chosen answer's filled text into the reply where the
//    cursor was, instead of posting the form (which is what happens without script).
// 4. Keyboard: j/k move through the queue's requests (Enter opens one) or the ticket's
//    messages, r and n start a reply or an internal note, a goes to the assignee, ? opens the
//    list of shortcuts (a modal dialog; Esc closes it). Nothing fires while typing in a field
//    or with Ctrl, Alt or Meta held, so the browser's and the screen reader's keys still work.
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

  function typing(el) {
    return !!el && (el.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName));
  }

  // The things j and k step through: the queue's rows, else the ticket's messages.
  function items() {
    var rows = document.querySelectorAll("#queue-rows tr[data-number]");
    if (rows.length) {
      return Array.prototype.slice.call(rows);
    }
    return Array.prototype.slice.call(document.querySelectorAll(".thread li.article"));
  }

  var chosen = null;

  function choose(step) {
    var list = items();
    if (!list.length) {
      return false;
    }
    var at = -1;
    list.forEach(function (el, i) {
      if (el === chosen || el.contains(document.activeElement)) {
        at = i;
      }
    });
    var next = at < 0 ? (step > 0 ? 0 : list.length - 1) : Math.max(0, Math.min(list.length - 1, at + step));
    list.forEach(function (el) { el.classList.remove("chosen"); });
    chosen = list[next];
    chosen.classList.add("chosen");
    // A row is reached through its link, so Enter opens it; a message is focusable itself.
    var target = chosen.tagName === "TR" ? chosen.querySelector("a") : chosen;
    if (target) {
      target.focus();
      target.scrollIntoView({ block: "nearest" });
    }
    return true;
  }

  function write(kind) {
    var radio = document.getElementById(kind === "note" ? "kind-note" : "kind-reply");
    var body = document.getElementById("body");
    if (!body) {
      return false;
    }
    if (radio) {
      radio.checked = true;
    }
    body.focus();
    return true;
  }

  function focusOn(id) {
    var el = document.getElementById(id);
    if (!el) {
      return false;
    }
    el.focus();
    return true;
  }

  function keyboard() {
    var dialog = document.getElementById("keys-help");
    var opener = document.getElementById("keys-open");
    var closer = document.getElementById("keys-close");
    var canOpen = dialog && typeof dialog.showModal === "function";
    var returnTo = null;
    function help() {
      if (!canOpen) {
        return false;
      }
      if (!dialog.open) {
        returnTo = document.activeElement;
        dialog.showModal();
        if (closer) {
          closer.focus();
        }
      }
      return true;
    }
    if (canOpen && opener) {
      opener.hidden = false;
      opener.addEventListener("click", help);
    }
    if (canOpen && closer) {
      closer.addEventListener("click", function () { dialog.close(); });
    }
    if (canOpen) {
      // Back to where the agent was before the list opened.
      dialog.addEventListener("close", function () {
        var back = returnTo && document.body.contains(returnTo) && returnTo !== document.body ? returnTo : opener;
        if (back && !back.hidden) {
          back.focus();
        }
      });
    }
    // Single-key shortcuts can be turned off (WCAG 2.1.4); the choice stays in this browser.
    var toggle = document.getElementById("keys-on");
    var on = true;
    try {
      on = window.localStorage.getItem("podpora-desk-keys") !== "off";
    } catch (err) { /* storage refused: shortcuts stay on */ }
    if (toggle) {
      toggle.checked = on;
      toggle.addEventListener("change", function () {
        on = toggle.checked;
        try {
          window.localStorage.setItem("podpora-desk-keys", on ? "on" : "off");
        } catch (err) { /* kept for this page only */ }
      });
    }
    var keys = {
      j: function () { return choose(1); },
      k: function () { return choose(-1); },
      r: function () { return write("reply"); },
      n: function () { return write("note"); },
      a: function () { return focusOn("assignee"); },
      "?": help
    };
    document.addEventListener("keydown", function (e) {
      if (!on || e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || typing(e.target)) {
        return;
      }
      if (dialog && dialog.open) {
        return;
      }
      var act = keys[e.key];
      if (act && act()) {
        e.preventDefault();
      }
    });
    // New rows from the poll: keep the chosen request marked.
    document.addEventListener("queue-updated", function () {
      if (!chosen || !chosen.dataset.number) {
        return;
      }
      var same = document.querySelector("#queue-rows tr[data-number='" + chosen.dataset.number + "']");
      chosen = same;
      if (same) {
        same.classList.add("chosen");
      }
    });
  }

  insertAnswers();
  keyboard();
  tick();
  setInterval(tick, 15000);
  if (table) {
    setInterval(poll, 10000);
  }
})();

// The ticket page's knowledge-base results: "insert a link" and "insert the text" put the words
// into the reply at the cursor, keeping what is typed there (without script, the links open the
// page with the reply started).
(function () {
  "use strict";
  var body = document.getElementById("body");
  if (!body) {
    return;
  }
  var links = document.querySelectorAll("#kb-inline a.kb-insert[data-insert]");
  Array.prototype.forEach.call(links, function (a) {
    a.addEventListener("click", function (e) {
      e.preventDefault();
      var text = a.getAttribute("data-insert");
      var start = body.selectionStart || 0;
      var end = body.selectionEnd || 0;
      var before = body.value.slice(0, start);
      var gap = before && !/\n$/.test(before) ? "\n\n" : "";
      body.value = before + gap + text + body.value.slice(end);
      var at = (before + gap + text).length;
      body.focus();
      body.setSelectionRange(at, at);
      var reply = document.getElementById("kind-reply");
      if (reply) {
        reply.checked = true;
      }
    });
  });
})();
