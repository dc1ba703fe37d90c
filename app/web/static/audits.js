/* Audits list: while some audits are still queued or running, reload when one finishes. */
(function () {
  "use strict";
  var waiting = Array.prototype.map.call(
    document.querySelectorAll('#audits tr[data-status="pending"], #audits tr[data-status="running"]'),
    function (tr) { return tr.getAttribute("data-id"); });
  if (!waiting.length) return;
  function poll() {
    Promise.all(waiting.map(function (id) {
      return DA.api("GET", "/v1/audits/" + encodeURIComponent(id)).then(function (r) { return r.ok ? r.json() : null; });
    })).then(function (audits) {
      var finished = audits.some(function (a) { return a && a.status !== "pending" && a.status !== "running"; });
      if (finished && !DA.typing(document.activeElement)) window.location.reload();
      else window.setTimeout(poll, 2500);
    }).catch(function () { window.setTimeout(poll, 5000); });
  }
  window.setTimeout(poll, 2000);
})();
