// Autosave of the route draft: a quiet save a few seconds after the last change. The server
// keeps what is valid; what is not yet (a half-filled stop) gets its message beside it.
(function () {
  "use strict";
  var form = document.querySelector("form.route-form[data-autosave-url]");
  var status = document.getElementById("autosave-status");
  if (!form || !window.fetch) return;
  var timer = null;
  var blocked = false;

  function say(text) {
    if (status) status.textContent = text;
  }

  function note(container, messages) {
    var list = document.createElement("ul");
    list.className = "errorlist autosave-error";
    messages.forEach(function (message) {
      var item = document.createElement("li");
      item.textContent = message;
      list.appendChild(item);
    });
    container.appendChild(list);
  }

  function show(body) {
    form.querySelectorAll(".autosave-error").forEach(function (old) {
      old.remove();
    });
    (body.fields || []).forEach(function (field) {
      var box = form.querySelector(".field-" + field.name);
      if (box) note(box, field.messages);
    });
    (body.stops || []).forEach(function (stop) {
      var input = form.querySelector("[name='stops-" + stop.index + "-arrival_time']");
      var cell = input && input.closest("tr.stop-row").cells[1];
      if (cell) note(cell, stop.messages);
    });
    (body.keys || []).forEach(function (item) {
      var key = form.querySelector("input[name='stops-" + item.index + "-key']");
      if (key && !key.value) key.value = item.key;
    });
  }

  function save() {
    if (blocked) return;
    var data = new FormData(form);
    fetch(form.dataset.autosaveUrl, { method: "POST", body: data, credentials: "same-origin" })
      .then(function (response) {
        return response.json().then(function (body) {
          return { status: response.status, body: body };
        });
      })
      .then(function (result) {
        if (result.body.saved) {
          form.querySelector("input[name=lock_version]").value = result.body.lock_version;
          show(result.body);
          say(result.body.status);
        } else if (result.status === 409) {
          blocked = true;
          say(result.body.message);
        } else {
          say(result.body.message || status.dataset.failed);
        }
      })
      .catch(function () {
        say(status.dataset.failed);
      });
  }

  form.addEventListener("change", function () {
    clearTimeout(timer);
    timer = setTimeout(save, 4000);
  });
})();

// Reordering stops: drag a row, or use the ▲/▼ buttons (the keyboard's way). Either way the
// visible "order" inputs are renumbered, so the form works the same with scripts off.
(function () {
  "use strict";
  var body = document.querySelector("table.stops tbody");
  if (!body) return;
  var dragged = null;

  function rows() {
    return Array.prototype.filter.call(body.children, function (row) {
      return row.classList.contains("stop-row");
    });
  }

  function filled(row) {
    var site = row.querySelector("select[name$='-enterprise']");
    var place = row.querySelector("input[name$='-place_name']");
    return (site && site.value) || (place && place.value);
  }

  function renumber() {
    // Only stops with a place get a number: an untouched empty row must stay empty.
    var n = 0;
    rows().forEach(function (row) {
      var order = row.querySelector("input[name$='-ORDER']");
      if (order) order.value = filled(row) ? ++n : "";
    });
    var form = body.closest("form");
    if (form) form.dispatchEvent(new Event("change", { bubbles: true }));
  }

  body.addEventListener("click", function (event) {
    var button = event.target.closest("button.move-up, button.move-down");
    if (!button) return;
    var row = button.closest("tr.stop-row");
    var list = rows();
    var index = list.indexOf(row);
    if (button.classList.contains("move-up") && index > 0) {
      body.insertBefore(row, list[index - 1]);
    } else if (button.classList.contains("move-down") && index < list.length - 1) {
      body.insertBefore(list[index + 1], row);
    }
    button.focus();
    renumber();
  });

  body.addEventListener("dragstart", function (event) {
    dragged = event.target.closest("tr.stop-row");
    if (dragged) event.dataTransfer.effectAllowed = "move";
  });
  body.addEventListener("dragover", function (event) {
    var over = event.target.closest("tr.stop-row");
    if (!dragged || !over || over === dragged) return;
    event.preventDefault();
    var list = rows();
    if (list.indexOf(over) < list.indexOf(dragged)) body.insertBefore(dragged, over);
    else body.insertBefore(dragged, over.nextSibling);
  });
  body.addEventListener("drop", function (event) {
    event.preventDefault();
    dragged = null;
    renumber();
  });
})();

// "Add a stop": a new empty row from the formset's template, without reloading the page.
(function () {
  "use strict";
  var button = document.getElementById("add-stop");
  var template = document.getElementById("stop-template");
  var total = document.querySelector("input[name=stops-TOTAL_FORMS]");
  var body = document.querySelector("table.stops tbody");
  if (!button || !template || !total || !body) return;
  button.addEventListener("click", function () {
    var index = parseInt(total.value, 10);
    var html = template.innerHTML.replace(/__prefix__/g, String(index));
    body.insertAdjacentHTML("beforeend", html);
    total.value = String(index + 1);
    var select = body.querySelector("select[name='stops-" + index + "-enterprise']");
    if (select) select.focus();
  });
})();
