// In the studio: a link from each stop row and each field of the form to the mentor's
// threads about it (listed in #feedback), so the team sees them where it edits.
(function () {
  "use strict";

  var FORM_FIELD = { cost_items: "costs" };

  function link(thread, labels) {
    var a = document.createElement("a");
    var open = thread.dataset.status === "open";
    a.href = "#" + thread.id;
    a.className = "badge thread-link" + (open ? " warn" : " ok");
    a.textContent = open ? labels.open : labels.resolved;
    return a;
  }

  function place() {
    var feedback = document.getElementById("feedback");
    var form = document.querySelector("form.route-form");
    if (!feedback || !form) return;
    var labels = { open: feedback.dataset.openLabel, resolved: feedback.dataset.resolvedLabel };
    feedback.querySelectorAll("article.thread").forEach(function (thread) {
      var target = null;
      if (thread.dataset.stopKey) {
        form.querySelectorAll("input[name$='-key']").forEach(function (input) {
          if (input.value.replace(/-/g, "") === thread.dataset.stopKey) {
            target = input.closest("tr").querySelector("td:nth-child(2)");
          }
        });
      } else if (thread.dataset.field) {
        var name = FORM_FIELD[thread.dataset.field] || thread.dataset.field;
        target = form.querySelector(".field-" + name);
      }
      if (target) {
        target.appendChild(document.createTextNode(" "));
        target.appendChild(link(thread, labels));
      }
    });
  }

  document.addEventListener("DOMContentLoaded", place);
})();
