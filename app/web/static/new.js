/* New audit and new original forms: show the chosen input, then progress while the audit runs. */
(function () {
  "use strict";
  DA.modePanes(document);
  var form = document.getElementById("new-audit");
  if (!form) return;
  var box = document.getElementById("progress");
  var text = document.getElementById("progress-text");
  var elapsed = document.getElementById("elapsed");
  var button = document.getElementById("start");
  form.addEventListener("submit", function () {
    var started = Date.now();
    var mode = form.querySelector('input[name="original_mode"]:checked');
    text.textContent = mode && mode.value === "find" ? "Looking for the original in the corpus, then auditing…" : "Aligning and scoring the sentences…";
    box.hidden = false;
    button.disabled = true;
    button.textContent = "Auditing…";
    window.setInterval(function () {
      elapsed.textContent = Math.round((Date.now() - started) / 1000) + " s";
    }, 500);
  });
})();
