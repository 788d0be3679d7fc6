/* csma: the little behaviour pages need, without inline scripts (the Content-Security-Policy allows
   only scripts from 'self'). Everything is wired through data- attributes:

   <select data-autosubmit>                submits its form when the choice changes
   <form data-confirm="Are you sure?">     asks before submitting
   <a data-history-back href="/">          goes back one page (the href is the fallback)
   <progress data-progress-url="…"         polls the JSON progress endpoint every second and
             data-progress-text="id"       writes "done / total" into #id,
             data-progress-status="id"     the status label into #id, and reloads the page
             data-progress-final="a b">    once the status is one of the final ones
*/
(function () {
  "use strict";

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

  function each(selector, setUp) {
    Array.prototype.forEach.call(document.querySelectorAll(selector), setUp);
  }

  function start() {
    each("select[data-autosubmit]", autosubmit);
    each("form[data-confirm]", confirmSubmit);
    each("a[data-history-back]", historyBack);
    each("progress[data-progress-url]", progress);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
