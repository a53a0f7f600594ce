/* Applicant forms: repeating rows, live 表4-2 totals, occupation search (autosave and the
   local copy of a draft: autosave.js, which hears a row added or removed as a "change").
   Progressive enhancement only: every page works with plain POST, and the server recomputes
   and re-validates everything. */
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  /* ------------------------------------------------------------ repeating rows */
  function renumber(group) {
    var key = group.dataset.group;
    var rows = group.querySelectorAll("tbody[data-rows] > tr[data-row]");
    var pattern = new RegExp("^(id_)?" + key + "-(\\d+|__i__)-");
    rows.forEach(function (row, i) {
      var num = row.querySelector("[data-num]");
      if (num) { num.textContent = (i + 1) + "."; }
      row.querySelectorAll("[name]").forEach(function (el) {
        el.name = el.name.replace(pattern, key + "-" + i + "-");
        if (el.id) { el.id = el.id.replace(pattern, "id_" + key + "-" + i + "-"); }
      });
    });
    var total = group.querySelector("input[name='" + key + "-TOTAL']");
    if (total) { total.value = rows.length; }
    var add = group.querySelector("[data-add-row]");
    if (add) { add.disabled = rows.length >= Number(group.dataset.max); }
  }

  function changed(group) {
    group.dispatchEvent(new Event("change", { bubbles: true }));
  }

  function setupGroup(group) {
    group.querySelectorAll("tr.spare").forEach(function (row) { row.remove(); });
    var body = group.querySelector("tbody[data-rows]");
    var tpl = group.querySelector("template[data-row-template]");
    group.addEventListener("click", function (ev) {
      var btn = ev.target.closest("button");
      if (!btn) { return; }
      if (btn.hasAttribute("data-add-row")) {
        if (body.children.length >= Number(group.dataset.max)) { return; }
        body.appendChild(tpl.content.cloneNode(true));
        renumber(group);
        var first = body.lastElementChild.querySelector("input, textarea, select");
        if (first) { first.focus(); }
        changed(group);
      } else if (btn.hasAttribute("data-remove-row")) {
        btn.closest("tr").remove();
        renumber(group);
        changed(group);
      }
    });
    renumber(group);
  }

  /* ------------------------------------------------------------ 表4-2 budget */
  /* An amount cell read by the one number grammar (static/js/numbers.js, the same as the
     server's declare/numbers.py): refused cells are marked with the server's message and
     count 0, as the server counts them. */
  function amountCell(input, rule) {
    var verdict = window.NumberGrammar.parse(input.value, rule);
    var cell = input.closest("td");
    var note = cell.querySelector(".js-amount-error");
    /* The server's message was for the value posted; the live verdict now speaks for it. */
    cell.querySelectorAll("ul.errorlist").forEach(function (ul) { ul.hidden = true; });
    input.classList.toggle("bad-amount", !verdict.ok);
    if (verdict.ok) {
      if (note) { note.remove(); }
      input.removeAttribute("aria-invalid");
      return window.NumberGrammar.cents(verdict.value);
    }
    if (!note) {
      note = document.createElement("span");
      note.className = "errorlist js-amount-error";
      note.id = input.id + "-live-error";
      cell.appendChild(note);
    }
    note.textContent = verdict.message;
    input.setAttribute("aria-invalid", "true");
    return 0;
  }

  /* Each part's share of whole in percent, 2 decimals, by largest remainder, in integers
     (as declare.budget.shares): the parts of whole add to exactly 100.00. */
  function shares(parts, whole) {
    if (!whole) { return parts.map(function () { return "0.00"; }); }
    var floors = parts.map(function (p) { return Math.floor(p * 10000 / whole); });
    var sum = parts.reduce(function (a, p) { return a + p; }, 0);
    var missing = Math.round(sum * 10000 / whole) - floors.reduce(function (a, f) { return a + f; }, 0);
    var order = parts.map(function (p, i) { return i; }).sort(function (i, j) {
      return ((parts[j] * 10000) % whole) - ((parts[i] * 10000) % whole) || i - j;
    });
    order.slice(0, Math.max(0, Math.min(parts.length, missing))).forEach(function (i) { floors[i] += 1; });
    return floors.map(function (f) { return (f / 100).toFixed(2); });
  }

  function money(c) { return (c / 100).toFixed(2); }

  function recompute(table) {
    var key = table.dataset.budget;
    var rule = JSON.parse(table.dataset.numberRule);
    var amounts = {}, rowTotals = {}, colTotals = {}, grand = 0;
    table.querySelectorAll("input[name^='" + key + "-']").forEach(function (input) {
      var parts = input.name.split("-");
      var content = parts[1], source = parts[2];
      var c = amountCell(input, rule);
      amounts[content] = amounts[content] || {};
      amounts[content][source] = c;
      rowTotals[content] = (rowTotals[content] || 0) + c;
      colTotals[source] = (colTotals[source] || 0) + c;
      grand += c;
    });
    function put(sel, text) { var el = table.querySelector(sel); if (el) { el.textContent = text; } }
    function putShares(prefix, keys, cells, whole) {
      var out = shares(keys.map(function (k) { return cells[k]; }), whole);
      keys.forEach(function (k, i) { put(prefix(k), out[i]); });
    }
    var contents = Object.keys(amounts), sources = Object.keys(colTotals);
    contents.forEach(function (content) {
      putShares(function (s) { return "[data-ratio='" + content + "-" + s + "']"; },
                Object.keys(amounts[content]), amounts[content], rowTotals[content]);
      put("[data-row-total='" + content + "']", money(rowTotals[content]));
    });
    putShares(function (c) { return "[data-total-ratio='" + c + "']"; }, contents, rowTotals, grand);
    sources.forEach(function (source) { put("[data-col-total='" + source + "']", money(colTotals[source])); });
    putShares(function (s) { return "[data-ratio='total-" + s + "']"; }, sources, colTotals, grand);
    put("[data-row-total='total']", money(grand));
    put("[data-total-ratio='total']", grand ? "100.00" : "0.00");
  }

  /* ------------------------------------------------------------ occupation search */
  function setupOccupation(input, url, list) {
    var timer = null;
    input.setAttribute("list", list.id);
    var hint = document.createElement("span");
    hint.className = "help occupation-name";
    input.insertAdjacentElement("afterend", hint);
    var names = {};
    function lookup() {
      var q = input.value.trim();
      if (!q) { hint.textContent = ""; return; }
      fetch(url + "?q=" + encodeURIComponent(q), { headers: { "Accept": "application/json" },
                                                    credentials: "same-origin" })
        .then(function (r) { return r.json(); })
        .then(function (data) {
          list.innerHTML = "";
          data.results.forEach(function (o) {
            names[o.code] = o.name;
            var opt = document.createElement("option");
            opt.value = o.code;
            opt.label = o.code + " " + o.name;
            opt.textContent = o.code + " " + o.name;
            list.appendChild(opt);
          });
          hint.textContent = names[q] ? names[q] : "";
        });
    }
    input.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(lookup, 250); });
    if (input.value) { lookup(); }
  }

  // 申报基本信息: only the categories the chosen kind has (其他类 only for a studio), and the
  // tier only for a base. The server refuses anything else; this only keeps it off the page.
  function setupBasics(form) {
    function follow() {
      var kind = form.querySelector("input[name='kind']:checked");
      var value = kind ? kind.value : "";
      form.querySelectorAll("input[name='category'][data-kinds]").forEach(function (input) {
        var offered = !value || input.dataset.kinds.split(" ").indexOf(value) >= 0;
        var box = input.closest("label") ? input.closest("label").parentElement : input;
        box.hidden = !offered;
        input.disabled = !offered;
        if (!offered) { input.checked = false; }
      });
      var tier = form.querySelector("input[name='tier']");
      if (tier) { tier.closest(".field").hidden = value === "studio"; }
    }
    form.querySelectorAll("input[name='kind']").forEach(function (input) {
      input.addEventListener("change", follow);
    });
    follow();
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("form").forEach(function (form) {
      if (form.querySelector("input[name='category'][data-kinds]")) { setupBasics(form); }
    });
    document.querySelectorAll("fieldset.group[data-group]").forEach(setupGroup);
    document.querySelectorAll("table[data-budget]").forEach(function (table) {
      table.addEventListener("input", function () { recompute(table); });
      recompute(table);
    });
    document.querySelectorAll("form[data-occupation-url]").forEach(function (form) {
      var list = form.querySelector("datalist");
      form.querySelectorAll("input[data-occupation-search]").forEach(function (input) {
        if (list && !input.disabled) { setupOccupation(input, form.dataset.occupationUrl, list); }
      });
    });
  });
})();
