/* csma incidents: live countdowns for open legal clocks, without inline scripts (CSP allows 'self' only).

   <time class="countdown" datetime="2026-01-05T03:00:00+00:00"
         data-left="left" data-late="overdue by" data-hours="h" data-minutes="min">…</time>

   data-days="d" too. The text becomes "1 d 4 h left", "2 h 05 min left" or "overdue by 12 min" and is refreshed every second; the element
   gets the class "late" once the deadline has passed. The server's met/missed verdict stays authoritative.
*/
(function () {
  "use strict";

  function format(element, millis) {
    var late = millis < 0;
    var minutes = late ? Math.ceil(-millis / 60000) : Math.floor(millis / 60000);
    var hours = Math.floor(minutes / 60);
    var rest = minutes % 60;
    var days = Math.floor(hours / 24);
    var text;
    if (days) {  /* as people say it: "1 天 4 小時", not "28 小時 00 分" */
      text = days + " " + (element.dataset.days || "d") + (hours % 24 ? " " + (hours % 24) + " " + element.dataset.hours : "");
    } else {
      text = (hours ? hours + " " + element.dataset.hours + " " : "") +
        (hours && rest < 10 ? "0" : "") + rest + " " + element.dataset.minutes;
    }
    return late ? element.dataset.late + " " + text : text + " " + element.dataset.left;
  }

  function tick(elements) {
    var now = Date.now();
    elements.forEach(function (element) {
      var millis = Date.parse(element.getAttribute("datetime")) - now;
      element.textContent = format(element, millis);
      element.classList.toggle("late", millis < 0);
    });
  }

  function start() {
    var elements = Array.prototype.slice.call(document.querySelectorAll("time.countdown[datetime]"));
    if (!elements.length) { return; }
    tick(elements);
    window.setInterval(function () { tick(elements); }, 1000);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
