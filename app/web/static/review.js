/* Audit review: select flags, filter rows, record verdicts through the API, keyboard, chart.
 * All article text reaches the DOM through textContent (or is already escaped by the server). */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("audit-data").textContent);
  var RANK = { ok: 0, minor: 1, major: 2, critical: 3 };
  var NAMES = { confirmed: "confirmed", dismissed: "dismissed", needs_edit: "needs edit" };
  var SYMBOLS = { confirmed: "✓", dismissed: "✕", needs_edit: "✎" };
  var $ = function (id) { return document.getElementById(id); };
  var table = $("review");
  var fFlagged = $("f-flagged"), fSev = $("f-sev"), fCat = $("f-cat"), fCount = $("f-count");
  var fFurniture = $("f-furniture");
  var note = $("v-note"), reviewer = $("v-reviewer"), vstatus = $("v-status");
  var help = $("help");
  var current = null;
  var KEY = "driftaudit.reviewer";

  reviewer.value = (data.renamable && window.localStorage && localStorage.getItem(KEY)) || data.user || "";
  reviewer.readOnly = !data.renamable;
  if (data.renamable) {
    reviewer.addEventListener("change", function () {
      try { localStorage.setItem(KEY, reviewer.value.trim()); } catch (e) { /* private mode */ }
    });
  }

  function groupOf(id) { return document.getElementById(data.rowOf[id]); }

  function flagPasses(f) {
    if (!f) return false;
    if (fSev.value && RANK[f.severity] < RANK[fSev.value]) return false;
    if (fCat.value && f.category !== fCat.value) return false;
    return true;
  }
  function filtering() { return fFlagged.checked || !!fSev.value || !!fCat.value; }

  function applyFilters() {
    var shown = 0, total = 0;
    table.querySelectorAll("tbody.grp").forEach(function (tb) {
      total += 1;
      var ids = (tb.getAttribute("data-flags") || "").split(" ").filter(Boolean);
      var visible = !filtering() || ids.some(function (id) { return flagPasses(data.flags[id]); });
      if (tb.classList.contains("kind-boilerplate") && !fFurniture.checked) visible = false;
      tb.hidden = !visible;
      if (visible) shown += 1;
    });
    document.querySelectorAll("#chart a.barlink").forEach(function (a) {
      var tb = document.getElementById(a.getAttribute("data-row"));
      a.classList.toggle("faded", !!(tb && tb.hidden));
    });
    fCount.textContent = shown === total ? total + " rows" : shown + " of " + total + " rows";
  }

  function navigable() {
    return data.order.filter(function (id) {
      var g = groupOf(id);
      return flagPasses(data.flags[id]) && g && !g.hidden;
    });
  }

  function fmt(value, digits) {
    return value === null || value === undefined ? "–" : Number(value).toFixed(digits);
  }

  function sentenceText(side, indices) {
    return (indices || []).map(function (i) {
      var node = document.getElementById((side === "original" ? "o" : "c") + i);
      return node ? node.textContent : "";
    }).join(" ");
  }

  function renderVerdict(id) {
    var review = data.review[id] || { current: null, history: [] };
    var box = $("p-current");
    box.textContent = "";
    if (review.current) {
      var v = review.current;
      var line = DA.el("div", "verdict v-" + v.verdict);
      line.appendChild(DA.el("b", null, SYMBOLS[v.verdict] + " " + NAMES[v.verdict]));
      line.appendChild(document.createTextNode(" by "));
      line.appendChild(DA.el("span", "reviewer", v.reviewer));
      line.appendChild(document.createTextNode(", "));
      line.appendChild(DA.el("time", null, DA.when(v.created_at)));
      box.appendChild(line);
      if (v.note) box.appendChild(DA.el("div", "note", v.note));
    } else {
      box.appendChild(DA.el("span", "dim", "not reviewed yet"));
    }
    // A dismissed flag can become a suppression rule for the outlet's next audits.
    $("p-suppress").hidden = !(review.current && review.current.verdict === "dismissed");
    $("s-status").textContent = "";
    document.querySelectorAll("#verdict-form .vb").forEach(function (b) {
      b.classList.toggle("on", !!review.current && b.getAttribute("data-verdict") === review.current.verdict);
    });
    var list = $("p-history");
    list.textContent = "";
    review.history.slice().reverse().forEach(function (h) {
      var li = DA.el("li");
      li.appendChild(DA.el("b", null, NAMES[h.verdict]));
      li.appendChild(document.createTextNode(" · " + h.reviewer + " · " + DA.when(h.created_at)));
      if (h.note) li.appendChild(DA.el("div", "note", h.note));
      list.appendChild(li);
    });
    if (!review.history.length) list.appendChild(DA.el("li", "dim", "none"));
  }

  function updateChip(id) {
    var review = data.review[id];
    document.querySelectorAll('button.flag[data-flag="' + id + '"]').forEach(function (chip) {
      chip.classList.remove("v-confirmed", "v-dismissed", "v-needs_edit");
      var mark = chip.querySelector(".vmark");
      if (review && review.current) {
        chip.classList.add("v-" + review.current.verdict);
        mark.textContent = " " + SYMBOLS[review.current.verdict];
      } else {
        mark.textContent = "";
      }
    });
    var done = data.order.filter(function (f) { return data.review[f] && data.review[f].current; }).length;
    $("reviewed-count").textContent = String(done);
    $("review-bar").value = done;
  }

  function renderPanel(id) {
    var f = data.flags[id];
    $("panel-empty").hidden = true;
    $("panel-flag").hidden = false;
    var sev = $("p-sev");
    sev.className = "chip chip-" + f.severity;
    sev.textContent = f.severity;
    $("p-cat").textContent = f.category;
    $("p-id").textContent = "flag " + id + " · " + f.side + " sentence" + ((f.sentences || []).length > 1 ? "s " : " ") +
      (f.sentences || []).join(", ");
    var order = navigable();
    var pos = order.indexOf(id);
    $("p-pos").textContent = (pos >= 0 ? pos + 1 : "–") + " of " + order.length;
    $("p-message").textContent = String(f.message || "").split(". Original:")[0];
    $("p-suppressed").hidden = !f.suppressed_by;
    $("p-suppressed").textContent = f.suppressed_by ? "Suppressed by rule " + f.suppressed_by +
      ": kept here, left out of the counts." : "";
    var original = f.original_text || (f.side === "original" ? sentenceText("original", f.sentences) : "");
    var quote = $("p-original");
    quote.textContent = original || "(no source in the original)";
    quote.classList.toggle("dim", !original);
    var spans = $("p-spans");
    spans.textContent = "";
    (f.spans || []).forEach(function (sp) {
      spans.appendChild(DA.el("mark", "sev-" + f.severity, sp.text));
      spans.appendChild(document.createTextNode(" "));
    });
    if (!(f.spans || []).length) spans.appendChild(DA.el("span", "dim", "the whole sentence"));
    var scores = $("p-scores");
    scores.textContent = "";
    var link = f.link !== null && f.link !== undefined ? data.links[String(f.link)] : null;
    var rows = link ? [["link", link.type], ["similarity", fmt(link.similarity, 2)], ["chrF", fmt(link.chrf, 1)],
      ["BLEU", fmt(link.bleu, 1)], ["TER", fmt(link.ter, 1)], ["length ratio", fmt(link.length_ratio, 2)],
      ["flag score", fmt(f.score, 2)]] : [["link", "none: no aligned counterpart"], ["flag score", fmt(f.score, 2)]];
    rows.forEach(function (r) {
      scores.appendChild(DA.el("dt", null, r[0]));
      scores.appendChild(DA.el("dd", null, r[1]));
    });
    var checks = $("p-checks");
    checks.textContent = "";
    var ids = link && link.flags && link.flags.length ? link.flags : [id];
    ids.forEach(function (fid) {
      var other = data.flags[fid];
      if (!other) return;
      var li = DA.el("li", fid === id ? "this" : "");
      li.appendChild(DA.el("span", "chip chip-" + other.severity, other.severity));
      li.appendChild(document.createTextNode(" " + other.category + " "));
      li.appendChild(DA.el("span", "dim", fid));
      li.addEventListener("click", function () { select(fid, true); });
      checks.appendChild(li);
    });
    var review = data.review[id];
    note.value = review && review.current ? review.current.note || "" : "";
    vstatus.textContent = "";
    vstatus.className = "vstatus";
    renderVerdict(id);
  }

  function select(id, scroll) {
    if (!data.flags[id]) return;
    document.querySelectorAll("tbody.grp.selected").forEach(function (tb) { tb.classList.remove("selected"); });
    document.querySelectorAll("mark.active, button.flag.active, .s.active").forEach(function (m) { m.classList.remove("active"); });
    current = id;
    var g = groupOf(id);
    if (g) {
      if (g.hidden) { fFlagged.checked = false; fSev.value = ""; fCat.value = ""; applyFilters(); }
      g.classList.add("selected");
      g.querySelectorAll("mark, .s").forEach(function (m) {
        if ((m.getAttribute("data-flags") || "").split(" ").indexOf(id) >= 0) m.classList.add("active");
      });
      g.querySelectorAll('button.flag[data-flag="' + id + '"]').forEach(function (b) { b.classList.add("active"); });
      if (scroll) g.scrollIntoView({ block: "center", behavior: "auto" });
    }
    document.querySelectorAll("#chart rect.selected").forEach(function (r) { r.classList.remove("selected"); });
    var bar = document.querySelector('#chart a[data-row="' + data.rowOf[id] + '"] rect');
    if (bar) bar.classList.add("selected");
    renderPanel(id);
    if (window.history && history.replaceState) history.replaceState(null, "", "#" + id);
  }

  function step(delta) {
    var order = navigable();
    if (!order.length) return;
    var pos = order.indexOf(current);
    var next = pos < 0 ? (delta > 0 ? 0 : order.length - 1) : Math.min(order.length - 1, Math.max(0, pos + delta));
    select(order[next], true);
  }

  function verdict(kind) {
    if (!current) {
      vstatus.textContent = "Select a flag first (j).";
      return;
    }
    var id = current;
    var who = reviewer.value.trim() || data.user || "local";
    vstatus.className = "vstatus";
    vstatus.textContent = "Saving…";
    DA.api("PATCH", "/v1/audits/" + encodeURIComponent(data.audit) + "/flags/" + encodeURIComponent(id),
      { verdict: kind, note: note.value, reviewer: who }).then(function (r) {
      return r.json().catch(function () { return {}; }).then(function (body) { return { ok: r.ok, status: r.status, body: body }; });
    }).then(function (res) {
      if (!res.ok) {
        vstatus.className = "vstatus err";
        vstatus.textContent = "Not saved: " + (res.body.detail || ("HTTP " + res.status)) + (res.body.hint ? " (" + res.body.hint + ")" : "");
        return;
      }
      data.review[id] = { current: res.body.current, history: res.body.history };
      updateChip(id);
      if (current === id) {
        renderVerdict(id);
        vstatus.className = "vstatus ok";
        vstatus.textContent = "Saved: " + NAMES[kind] + ".";
      }
    }).catch(function (err) {
      vstatus.className = "vstatus err";
      vstatus.textContent = "Not saved: " + err.message;
    });
  }

  $("suppress-btn").addEventListener("click", function () {
    if (!current) return;
    var status = $("s-status");
    status.className = "vstatus";
    status.textContent = "Saving…";
    var days = $("suppress-days").value;
    DA.api("POST", "/v1/rules", { audit_id: data.audit, flag_id: current, all_outlets: $("suppress-all").checked,
                                  expires_in_days: days ? parseInt(days, 10) : null })
      .then(function (r) {
        return r.json().catch(function () { return {}; }).then(function (body) { return { ok: r.ok, status: r.status, body: body }; });
      }).then(function (res) {
        if (!res.ok) {
          status.className = "vstatus err";
          status.textContent = "Not saved: " + (res.body.detail || ("HTTP " + res.status)) + (res.body.hint ? " (" + res.body.hint + ")" : "");
          return;
        }
        status.className = "vstatus ok";
        status.textContent = "Rule r" + res.body.id + " saved: " + (res.body.outlet ? "audits of " + res.body.outlet : "every audit") +
          " will show this flag as suppressed.";
      }).catch(function (err) {
        status.className = "vstatus err";
        status.textContent = "Not saved: " + err.message;
      });
  });

  // Clicks: chips, marks and rows select; chart bars jump to their row.
  table.addEventListener("click", function (ev) {
    var chip = ev.target.closest("button.flag");
    if (chip) { select(chip.getAttribute("data-flag"), false); return; }
    var mark = ev.target.closest("mark[data-flags], .s[data-flags]");
    var ids = mark ? (mark.getAttribute("data-flags") || "").split(" ").filter(Boolean) : [];
    if (!ids.length) {
      var tb = ev.target.closest("tbody.grp");
      ids = tb ? (tb.getAttribute("data-flags") || "").split(" ").filter(Boolean) : [];
    }
    if (ids.length) {
      var pos = ids.indexOf(current);
      select(pos >= 0 && ids.length > 1 ? ids[(pos + 1) % ids.length] : ids[0], false);
    }
  });
  document.getElementById("chart").addEventListener("click", function (ev) {
    var a = ev.target.closest("a.barlink");
    if (!a) return;
    ev.preventDefault();
    var tb = document.getElementById(a.getAttribute("data-row"));
    if (!tb) return;
    var ids = (tb.getAttribute("data-flags") || "").split(" ").filter(Boolean);
    if (ids.length) { select(ids[0], true); return; }
    if (tb.hidden) {
      fFlagged.checked = false; fSev.value = ""; fCat.value = "";
      if (tb.classList.contains("kind-boilerplate")) fFurniture.checked = true;
      applyFilters();
    }
    tb.scrollIntoView({ block: "center" });
    tb.classList.add("flash");
    window.setTimeout(function () { tb.classList.remove("flash"); }, 900);
  });
  document.querySelectorAll("#verdict-form .vb").forEach(function (b) {
    b.addEventListener("click", function () { verdict(b.getAttribute("data-verdict")); });
  });
  $("verdict-form").addEventListener("submit", function (ev) { ev.preventDefault(); });
  [fFlagged, fSev, fCat, fFurniture].forEach(function (c) {
    c.addEventListener("change", function () {
      applyFilters();
      if (current && groupOf(current) && groupOf(current).hidden) {
        var order = navigable();
        if (order.length) select(order[0], true);
      }
    });
  });
  $("help-btn").addEventListener("click", function () { help.showModal(); });

  document.addEventListener("keydown", function (ev) {
    if (ev.ctrlKey || ev.metaKey || ev.altKey) return;
    if (DA.typing(ev.target)) {
      if (ev.key === "Escape") ev.target.blur();
      return;
    }
    if (help.open && ev.key !== "?") return;
    var handled = true;
    switch (ev.key) {
      case "j": step(1); break;
      case "k": step(-1); break;
      case "c": verdict("confirmed"); break;
      case "d": verdict("dismissed"); break;
      case "e": verdict("needs_edit"); break;
      case "n": if (current) note.focus(); break;
      case "f": fFlagged.checked = !fFlagged.checked; applyFilters(); break;
      case "?": if (help.open) help.close(); else help.showModal(); break;
      default: handled = false;
    }
    if (handled) ev.preventDefault();
  });

  applyFilters();
  var start = window.location.hash.slice(1);
  if (start && data.flags[start]) select(start, true);
  else if (start && document.getElementById(start)) document.getElementById(start).scrollIntoView({ block: "center" });
})();
(function () {
  "use strict";
  // The table's header and the side panel stick below the summary, whatever its height.
  var summary = document.getElementById("summary");
  function measure() {
    document.documentElement.style.setProperty("--summary-h", summary.getBoundingClientRect().height + "px");
  }
  measure();
  window.addEventListener("resize", measure);
})();
