// The programme's outline stands beside the lesson on a wide screen; on a phone it folds
// above the content (a <details> the reader opens). Without this script it simply shows.
(function () {
  var narrow = window.matchMedia("(max-width: 48rem)");
  document.querySelectorAll("details[data-fold-narrow]").forEach(function (details) {
    function fit() { details.open = !narrow.matches; }
    narrow.addEventListener("change", fit);
    fit();
  });
})();
