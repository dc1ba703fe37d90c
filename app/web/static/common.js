/* driftaudit dashboard: shared helpers. Data is only ever written with textContent. */
(function () {
  "use strict";
  function csrf() {
    var meta = document.querySelector('meta[name="csrf-token"]');
    return meta ? meta.getAttribute("content") : "";
  }
  function api(method, url, body) {
    var headers = { "Accept": "application/json", "X-CSRF-Token": csrf() };
    var init = { method: method, headers: headers, credentials: "same-origin" };
    if (body !== undefined) {
      headers["Content-Type"] = "application/json";
      init.body = JSON.stringify(body);
    }
    return fetch(url, init);
  }
  function when(iso) {
    if (!iso) return "";
    var d = new Date(iso);
    if (isNaN(d.getTime())) return String(iso);
    return d.toLocaleString(undefined, { year: "numeric", month: "short", day: "numeric", hour: "2-digit", minute: "2-digit" });
  }
  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }
  function typing(target) {
    if (!target || !target.tagName) return false;
    var tag = target.tagName.toLowerCase();
    return tag === "input" || tag === "textarea" || tag === "select" || target.isContentEditable;
  }
  // Radio groups choose which pane of a form is shown (all are shown without JavaScript).
  function modePanes(root) {
    var radios = (root || document).querySelectorAll('.modes input[type="radio"]');
    function sync(name) {
      var chosen = document.querySelector('input[type="radio"][name="' + name + '"]:checked');
      document.querySelectorAll('.pane[data-group="' + name + '"]').forEach(function (pane) {
        pane.hidden = !chosen || pane.getAttribute("data-mode") !== chosen.value;
      });
    }
    var names = {};
    radios.forEach(function (r) {
      names[r.name] = true;
      r.addEventListener("change", function () { sync(r.name); });
    });
    Object.keys(names).forEach(sync);
  }
  window.DA = { csrf: csrf, api: api, when: when, el: el, typing: typing, modePanes: modePanes };
  document.querySelectorAll("time[datetime]").forEach(function (t) {
    t.title = t.textContent;
  });
})();
