// Autosave of the route draft: a quiet save a few seconds after the last change.
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
          say("Черновик сохранён автоматически в " + new Date(result.body.at).toLocaleTimeString());
        } else if (result.status === 409) {
          blocked = true;
          say(result.body.message);
        }
      })
      .catch(function () {
        say("Автосохранение не удалось — сохраните черновик кнопкой.");
      });
  }

  form.addEventListener("change", function () {
    clearTimeout(timer);
    timer = setTimeout(save, 4000);
  });
})();
