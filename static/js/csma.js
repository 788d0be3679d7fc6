/* csma: the little behaviour pages need, without inline scripts (the Content-Security-Policy allows
   only scripts from 'self'). Everything is wired through data- attributes:

   <select data-autosubmit>                submits its form when the choice changes
   <form data-confirm="Are you sure?">     asks before submitting
   <a data-history-back href="/">          goes back one page (the href is the fallback)
   <progress data-progress-url="…"         polls the JSON progress endpoint every second and
             data-progress-text="id"       writes "done / total" into #id,
             data-progress-status="id"     the status label into #id, and reloads the page
             data-progress-final="a b">    once the status is one of the final ones
   <button data-nav-toggle>                 opens and closes the navigation on a phone
   <input data-agency-search="/registry/agencies/search.json" list="x-options">
                                           fills <datalist id="x-options"> with the agencies whose
                                           name or OID matches what is typed (common/pickers.py)
*/
(function () {
  "use strict";
  document.documentElement.classList.add("js");  /* the phone navigation collapses only when this runs */

  function autosubmit(select) {
    select.addEventListener("change", function () {
      if (select.form) { select.form.submit(); }
    });
  }

  function confirmSubmit(form) {
    form.addEventListener("submit", function (event) {
      if (!window.confirm(form.dataset.confirm)) { event.preventDefault(); }
    });
  }

  function historyBack(link) {
    link.addEventListener("click", function (event) {
      if (window.history.length > 1) {
        event.preventDefault();
        window.history.back();
      }
    });
  }

  function progress(bar) {
    var text = document.getElementById(bar.dataset.progressText || "");
    var status = document.getElementById(bar.dataset.progressStatus || "");
    var finals = (bar.dataset.progressFinal || "").split(/\s+/).filter(Boolean);

    function again() { window.setTimeout(poll, 1000); }

    function poll() {
      fetch(bar.dataset.progressUrl, {credentials: "same-origin", headers: {"Accept": "application/json"}})
        .then(function (response) {
          if (!response.ok) { throw new Error(response.status); }
          return response.json();
        })
        .then(function (data) {
          if (data.total) { bar.max = data.total; bar.value = data.done; }
          if (text) { text.textContent = data.done + " / " + data.total; }
          if (status) { status.textContent = data.status_display; }
          if (finals.indexOf(data.status) !== -1) { window.location.reload(); } else { again(); }
        })
        .catch(again);
    }

    again();
  }

  function agencySearch(input) {
    var list = document.getElementById(input.getAttribute("list"));
    var timer = null;
    var last = "";
    if (!list || !input.dataset.agencySearch) { return; }

    function fill(results) {
      while (list.firstChild) { list.removeChild(list.firstChild); }
      results.forEach(function (row) {
        var option = document.createElement("option");
        option.value = row.label;
        list.appendChild(option);
      });
    }

    function search() {
      var text = input.value.trim();
      if (text === last || text.length < 1) { return; }
      last = text;
      var url = input.dataset.agencySearch + "?q=" + encodeURIComponent(text);
      fetch(url, {credentials: "same-origin", headers: {"Accept": "application/json"}})
        .then(function (response) { return response.ok ? response.json() : {results: []}; })
        .then(function (data) { if (input.value.trim() === text) { fill(data.results); } })
        .catch(function () {});
    }

    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(search, 200);
    });
  }

  function navToggle(button) {
    var bar = button.closest(".topbar");
    button.addEventListener("click", function () {
      var open = bar.classList.toggle("open");
      button.setAttribute("aria-expanded", open ? "true" : "false");
    });
  }

  function each(selector, setUp) {
    Array.prototype.forEach.call(document.querySelectorAll(selector), setUp);
  }

  function start() {
    each("select[data-autosubmit]", autosubmit);
    each("form[data-confirm]", confirmSubmit);
    each("a[data-history-back]", historyBack);
    each("progress[data-progress-url]", progress);
    each("input[data-agency-search]", agencySearch);
    each("button[data-nav-toggle]", navToggle);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
