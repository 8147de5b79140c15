// The section menu folds behind a button on a phone; without this script it simply shows.
(function () {
  var button = document.querySelector(".menu-toggle");
  var nav = document.getElementById("site-nav");
  if (!button || !nav) return;
  var narrow = window.matchMedia("(max-width: 48rem)");
  function fit() {
    button.hidden = !narrow.matches;
    if (!narrow.matches) { nav.classList.remove("folded"); button.setAttribute("aria-expanded", "false"); }
    else if (button.getAttribute("aria-expanded") !== "true") { nav.classList.add("folded"); }
  }
  button.addEventListener("click", function () {
    var open = button.getAttribute("aria-expanded") !== "true";
    button.setAttribute("aria-expanded", String(open));
    nav.classList.toggle("folded", !open);
  });
  narrow.addEventListener("change", fit);
  fit();
})();
