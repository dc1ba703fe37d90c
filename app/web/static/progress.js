/* A queued or running audit: poll GET /v1/audits/{id} until it is finished, then show it. */
(function () {
  "use strict";
  var job = document.getElementById("job");
  if (!job) return;
  var id = job.getAttribute("data-audit");
  var statusText = document.getElementById("job-status");
  var elapsed = document.getElementById("job-elapsed");
  var created = Date.parse(job.getAttribute("data-created") || "") || Date.now();
  var labels = { pending: "Waiting for a worker…", running: "Auditing…" };
  function tick() {
    elapsed.textContent = Math.max(0, Math.round((Date.now() - created) / 1000)) + " s";
  }
  function poll() {
    DA.api("GET", "/v1/audits/" + encodeURIComponent(id)).then(function (r) {
      if (!r.ok) throw new Error("HTTP " + r.status);
      return r.json();
    }).then(function (audit) {
      if (audit.status === "pending" || audit.status === "running") {
        statusText.textContent = labels[audit.status] + (audit.attempts > 1 ? " (attempt " + audit.attempts + ")" : "");
        window.setTimeout(poll, 1000);
      } else {
        window.location.reload();
      }
    }).catch(function (err) {
      statusText.textContent = "Could not check the audit (" + err.message + "); retrying…";
      window.setTimeout(poll, 3000);
    });
  }
  tick();
  window.setInterval(tick, 1000);
  window.setTimeout(poll, 700);
})();
