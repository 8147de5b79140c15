// The mentor's review draft saves itself while they type: whatever is filled in, never
// published. The server answers with the message to show (in the mentor's language, the time
// in the assignment's zone) and, for input it cannot keep, the errors by field.
(function () {
  var form = document.querySelector("form.review-form[data-autosave-url]");
  var status = document.getElementById("review-autosave-status");
  if (!form || !window.fetch) return;
  var timer = null;
  var blocked = false;

  function say(text) {
    if (status) status.textContent = text;
  }

  function showErrors(errors) {
    form.querySelectorAll(".autosave-error").forEach(function (node) {
      node.remove();
    });
    Object.keys(errors || {}).forEach(function (name) {
      var field = form.querySelector("[name='" + name + "']");
      if (!field) return;
      var note = document.createElement("div");
      note.className = "error autosave-error";
      note.textContent = errors[name].map(function (e) { return e.message; }).join(" ");
      field.insertAdjacentElement("afterend", note);
    });
  }

  function save() {
    if (blocked) return;
    var data = new FormData(form);
    data.delete("publish");
    fetch(form.dataset.autosaveUrl, { method: "POST", body: data, credentials: "same-origin" })
      .then(function (response) {
        return response.json().then(function (body) {
          return { status: response.status, body: body };
        });
      })
      .then(function (result) {
        showErrors(result.body.errors);
        if (result.status === 409) blocked = true;
        if (result.body.message) say(result.body.message);
        else if (result.body.errors) say(form.dataset.autosaveInvalid || "");
      })
      .catch(function () {
        say(form.dataset.autosaveFailed || "");
      });
  }

  function later() {
    clearTimeout(timer);
    timer = setTimeout(save, 2000);
  }
  form.addEventListener("input", later);
  form.addEventListener("change", later);
})();
