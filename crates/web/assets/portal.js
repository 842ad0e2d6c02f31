// Progressive enhancement only: every form works without this file.
// A live character counter under text areas that carry data-max; the server enforces the
// limit anyway. Line breaks count twice, as the browser sends them as CR LF and the server
// counts what it receives.
document.querySelectorAll("textarea[data-max]").forEach(function (area) {
  var max = parseInt(area.getAttribute("data-max"), 10);
  var out = document.getElementById(area.getAttribute("data-counter"));
  if (!out || !max) {
    return;
  }
  var format = new Intl.NumberFormat(document.documentElement.lang);
  function update() {
    var text = area.value;
    var n = Array.from(text).length + (text.match(/\n/g) || []).length;
    out.textContent = format.format(n) + " / " + format.format(max);
    out.classList.toggle("over", n > max);
  }
  area.addEventListener("input", update);
  update();
});

// Articles of the help suggested while a new request is typed: the subject and description
// are sent (after a pause in typing) to the portal, which answers with the most relevant
// articles for this customer. Without this script the form above it searches the help.
(function () {
  var box = document.getElementById("kb-suggestions");
  var list = document.getElementById("kb-suggestions-list");
  if (!box || !list) {
    return;
  }
  var token = box.getAttribute("data-token") || "";
  var fields = ["subject", "description"]
    .map(function (id) { return document.getElementById(id); })
    .filter(Boolean);
  var timer = null;
  var last = "";
  function typed() {
    return fields.map(function (f) { return f.value; }).join(" ").trim();
  }
  function show(items) {
    list.textContent = "";
    items.forEach(function (item) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = item.href;
      a.textContent = item.title;
      li.appendChild(a);
      if (item.note) {
        var note = document.createElement("span");
        note.className = "hint";
        note.textContent = " (" + item.note + ")";
        li.appendChild(note);
      }
      list.appendChild(li);
    });
    box.hidden = items.length === 0;
  }
  function ask() {
    var q = typed().slice(0, 1000);
    if (q === last) {
      return;
    }
    last = q;
    if (q.length < 3) {
      show([]);
      return;
    }
    var url = "/portal/help/suggest?token=" + encodeURIComponent(token) + "&q=" + encodeURIComponent(q);
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (r) { return r.ok ? r.json() : { items: [] }; })
      .then(function (d) {
        if (q === last) {
          show(d.items || []);
        }
      })
      .catch(function () {});
  }
  fields.forEach(function (f) {
    f.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(ask, 300);
    });
  });
  ask();
})();
