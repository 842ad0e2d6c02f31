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
