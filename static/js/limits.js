/* Length limits shown, never enforced by cutting (issue 15 §4).

   Every long text (textarea[data-maxlength], set by declare/forms/fields.py LongTextField,
   which leaves out `maxlength` so the browser cannot cut a paste) gets a counter
   "已输入 n / 20000". Going over the limit — by typing or by a paste — keeps every character,
   marks the box red and says by how much; a paste over the limit also says how long the
   pasted text was. The server refuses the same length with its own Chinese message (the
   counter counts as the server does: line ends as one, the ends trimmed, characters not
   UTF-16 units). */
(function () {
  "use strict";

  function count(text) {
    return Array.from(text.trim()).length;
  }

  function parts(area) {
    if (area.limitParts) { return area.limitParts; }
    var counter = document.createElement("p");
    counter.className = "limit-counter";
    counter.id = (area.id || area.name) + "-count";
    var warning = document.createElement("p");
    warning.className = "limit-warning";
    warning.setAttribute("role", "alert");
    warning.hidden = true;
    area.insertAdjacentElement("afterend", counter);
    counter.insertAdjacentElement("afterend", warning);
    var described = (area.getAttribute("aria-describedby") || "").split(" ").filter(Boolean);
    described.push(counter.id);
    area.setAttribute("aria-describedby", described.join(" "));
    area.limitParts = { counter: counter, warning: warning, pasted: 0 };
    return area.limitParts;
  }

  function show(area) {
    var p = parts(area);
    var limit = Number(area.dataset.maxlength);
    var n = count(area.value);
    var over = n > limit;
    p.counter.textContent = "已输入 " + n + " / " + limit +
      (over ? "，超出 " + (n - limit) + " 字，请精简后再保存" : "");
    p.counter.classList.toggle("over", over);
    area.classList.toggle("over-limit", over);
    if (over) { area.setAttribute("aria-invalid", "true"); } else { area.removeAttribute("aria-invalid"); }
    if (!over) {
      p.warning.hidden = true;
      p.pasted = 0;
    } else if (p.pasted) {
      p.warning.hidden = false;
      p.warning.textContent = "粘贴的内容共 " + p.pasted + " 字，超过上限 " + limit +
        " 字。粘贴的内容已全部保留在框中（未截断）并标为红色，请精简到 " + limit + " 字以内再保存。";
    }
  }

  function isLong(el) {
    return el && el.matches && el.matches("textarea[data-maxlength]");
  }

  document.addEventListener("paste", function (ev) {
    if (!isLong(ev.target)) { return; }
    var text = ev.clipboardData ? ev.clipboardData.getData("text/plain") : "";
    parts(ev.target).pasted = Array.from(text.replace(/\r\n?/g, "\n")).length;
  });
  document.addEventListener("input", function (ev) {
    if (isLong(ev.target)) { show(ev.target); }
  });
  /* Rows added later (repeating groups) get their counter when first focused. */
  document.addEventListener("focusin", function (ev) {
    if (isLong(ev.target) && !ev.target.limitParts) { show(ev.target); }
  });
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("textarea[data-maxlength]").forEach(function (area) {
      if (!area.closest("template")) { show(area); }
    });
  });
})();
