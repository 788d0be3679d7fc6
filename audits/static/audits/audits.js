/* Audits pages, without inline scripts (CSP: scripts from 'self' only).

   <button class="pick" data-agency data-name data-suggested>  fills the schedule form's auditee
   <form data-autosave="URL">  (checklist) saves each changed item as the person types, with the item's
                                version; a 409 answer (someone else saved first) is shown, never overwritten
*/
(function () {
  "use strict";

  function pick(button) {
    button.addEventListener("click", function () {
      document.getElementById("id_schedule-auditee").value = button.dataset.agency;
      document.getElementById("id_schedule-suggested").value = button.dataset.suggested === "1" ? "1" : "0";
      document.getElementById("chosen-agency").textContent = button.dataset.name;
      document.getElementById("schedule").scrollIntoView();
    });
  }

  function debounce(fn, ms) {
    var timer = null;
    return function () {
      var args = arguments;
      clearTimeout(timer);
      timer = setTimeout(function () { fn.apply(null, args); }, ms);
    };
  }

  function saveItem(form, row) {
    var data = new FormData();
    data.append("csrfmiddlewaretoken", form.querySelector("[name=csrfmiddlewaretoken]").value);
    data.append("item", row.dataset.item);
    data.append("version", row.dataset.version);
    ["result", "description", "evidence"].forEach(function (name) {
      var field = row.querySelector("[data-field=" + name + "]:checked, select[data-field=" + name + "], textarea[data-field=" + name + "]");
      data.append(name, field ? field.value : "");
    });
    var state = row.querySelector(".savestate");
    state.textContent = form.dataset.savingText;
    return fetch(form.dataset.autosave, { method: "POST", body: data, credentials: "same-origin" })
      .then(function (response) { return response.json().then(function (body) { return [response, body]; }); })
      .then(function (pair) {
        var response = pair[0], body = pair[1];
        if (response.ok) {
          row.dataset.version = body.version;
          state.textContent = body.message;
          state.className = "savestate success";
          updateProgress(form);
        } else {
          state.textContent = body.message || form.dataset.errorText;
          state.className = "savestate errorlist";
        }
      })
      .catch(function () {
        state.textContent = form.dataset.offlineText;
        state.className = "savestate errorlist";
      });
  }

  function updateProgress(form) {
    var rows = form.querySelectorAll("[data-item]");
    var done = 0;
    rows.forEach(function (row) {
      var field = row.querySelector("select[data-field=result]");
      if (field && field.value) { done += 1; }
    });
    var counter = document.getElementById("answered-count");
    if (counter) { counter.textContent = done; }
    var bar = document.getElementById("answered-bar");
    if (bar) { bar.value = done; }
  }

  function autosave(form) {
    form.querySelectorAll("[data-item]").forEach(function (row) {
      var save = debounce(function () { saveItem(form, row); }, 800);
      row.querySelectorAll("[data-field]").forEach(function (field) {
        field.addEventListener(field.tagName === "SELECT" ? "change" : "input", save);
      });
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var rows = Array.prototype.slice.call(form.querySelectorAll("[data-item]"));
      rows.reduce(function (chain, row) { return chain.then(function () { return saveItem(form, row); }); }, Promise.resolve());
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("button.pick").forEach(pick);
    document.querySelectorAll("form[data-autosave]").forEach(autosave);
  });
})();
