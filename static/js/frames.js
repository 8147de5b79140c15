// Wide content on a phone. A table with one header row turns into a card per row there, each
// cell labelled with its column (site.css, .table.as-cards); any other table or chart wider than
// its frame scrolls inside it, and that frame takes the keyboard focus, named after its
// caption or heading, so it can be scrolled without a mouse. Without this script tables scroll.
(function () {
  function labelCells(table) {
    if (table.matches(".stops, [data-no-cards]")) return;
    var head = table.tHead;
    if (!head || head.rows.length !== 1) return;
    var names = [];
    for (var i = 0; i < head.rows[0].cells.length; i++) {
      var th = head.rows[0].cells[i];
      if (th.colSpan > 1) return;
      names.push(th.textContent.trim());
    }
    for (var b = 0; b < table.tBodies.length; b++) {
      var rows = table.tBodies[b].rows;
      for (var r = 0; r < rows.length; r++) {
        var cells = rows[r].cells;
        if (cells.length !== names.length) continue;  // a row of its own (one cell across all)
        for (var c = 0; c < cells.length; c++) {
          if (names[c] && !cells[c].hasAttribute("data-label")) cells[c].setAttribute("data-label", names[c]);
        }
      }
    }
    table.classList.add("as-cards");
  }
  function nameOf(frame) {
    var table = frame.matches("table") ? frame : frame.querySelector("table");
    var caption = table && table.querySelector("caption");
    if (caption) return caption.textContent.trim();
    for (var el = frame.previousElementSibling; el; el = el.previousElementSibling) {
      if (/^(H[1-6]|FIGCAPTION)$/.test(el.tagName)) return el.textContent.trim();
    }
    return "";
  }
  function mark(frames) {
    frames.forEach(function (frame) {
      var scrolls = frame.scrollWidth > frame.clientWidth + 1;
      frame.classList.toggle("scrolls", scrolls);
      if (scrolls) {
        frame.tabIndex = 0;
        var name = nameOf(frame);
        if (name && !frame.hasAttribute("aria-label")) {
          frame.setAttribute("role", "region");
          frame.setAttribute("aria-label", name);
        }
      } else if (frame.getAttribute("tabindex") === "0") {
        frame.removeAttribute("tabindex");
      }
    });
  }
  document.querySelectorAll("table.table").forEach(labelCells);
  var frames = document.querySelectorAll(".table-wrap, .table, .chart-frame");
  if (!frames.length) return;
  mark(frames);
  var pending;
  window.addEventListener("resize", function () {  // measured once the resizing settles
    clearTimeout(pending);
    pending = setTimeout(function () { mark(frames); }, 150);
  });
})();
