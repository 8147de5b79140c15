// A table wider than its frame scrolls inside it (site.css); such a frame takes the keyboard
// focus, so it can be scrolled without a mouse, and is named after its table's heading.
(function () {
  var frames = document.querySelectorAll(".table-wrap, .table");
  if (!frames.length) return;
  function nameOf(frame) {
    var table = frame.matches("table") ? frame : frame.querySelector("table");
    var caption = table && table.querySelector("caption");
    if (caption) return caption.textContent.trim();
    for (var el = frame.previousElementSibling; el; el = el.previousElementSibling) {
      if (/^H[1-6]$/.test(el.tagName)) return el.textContent.trim();
    }
    return "";
  }
  function mark() {
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
  mark();
  window.addEventListener("resize", mark);
})();
