/* A section page never loses typing (issue 15 §2/§3).
   - Saves in the background after a short pause, and at once when the page is hidden or left
     (fetch keepalive); asks "离开此页？" while something is not yet saved.
   - Keeps a copy in this browser (localStorage, per user, application and section, with the
     base version it was typed on), written on every change, removed once the server confirmed
     that exact content; on load a copy that differs from the page is offered back.
   - When the session has ended the server answers 401 JSON: the page says so, keeps the copy
     and links to a login that returns here, where the copy is offered back and saved. The
     copy's old base version lets the server's optimistic lock refuse to overwrite what
     someone saved meanwhile (the conflict page shows both).
   - A background save is a small write (issue 20 §2): only the items changed since the
     server last confirmed the page (a field; a whole table group with its row count; the
     whole 表4-2 grid), as JSON {base_version, items: {item: [[input name, value], …]}};
     an input belongs to the item its name starts with (declare/patch.py). 保存 posts the
     whole form as before.
   The server decides what is valid; drafts are stored whatever was typed. */
(function () {
  "use strict";

  var DELAY = 600;
  var RETRY = 5000;
  var KEEPALIVE_MAX = 60000;  // browsers refuse keepalive bodies over 64 KB
  var SKIP = { csrfmiddlewaretoken: true, base_version: true };

  /* ------------------------------------------------------------ what the form holds */
  function entries(form) {
    var out = [];
    new FormData(form).forEach(function (value, name) {
      if (!SKIP[name] && typeof value === "string") { out.push([name, value]); }
    });
    return out;
  }

  function byName(list) {
    var map = {};
    list.forEach(function (e) {
      var v = String(e[1]).replace(/\r\n/g, "\n").trim();
      if (v !== "") { (map[e[0]] = map[e[0]] || []).push(v); }
    });
    return map;
  }

  function sameValue(a, b) {
    return a === b || (a !== "" && b !== "" && !isNaN(a) && !isNaN(b) && Number(a) === Number(b));
  }

  /* The same content, allowing for what the server normalises (spaces, CRLF, 80.5 → 80.50). */
  function same(a, b) {
    var x = byName(a), y = byName(b);
    var names = Object.keys(x).concat(Object.keys(y));
    return names.every(function (n) {
      var p = x[n] || [], q = y[n] || [];
      return p.length === q.length && p.every(function (v, i) { return sameValue(v, q[i]); });
    });
  }

  /* ------------------------------------------------------------ the patch of a save */
  function itemOf(name) { return name.split("-")[0]; }

  function byItem(list) {
    var map = {};
    list.forEach(function (e) { (map[itemOf(e[0])] = map[itemOf(e[0])] || []).push(e); });
    return map;
  }

  /* {item: its inputs now} for every item that differs from what the server confirmed. */
  function changedItems(now, confirmed) {
    var x = byItem(now), y = byItem(confirmed), out = {};
    Object.keys(x).concat(Object.keys(y)).forEach(function (k) {
      if (!out[k] && !same(x[k] || [], y[k] || [])) { out[k] = x[k] || []; }
    });
    return out;
  }

  /* ------------------------------------------------------------ the local copy */
  function readLocal(key) {
    try { return JSON.parse(window.localStorage.getItem(key) || "null"); } catch (e) { return null; }
  }

  function writeLocal(s) {
    try {
      window.localStorage.setItem(s.key, JSON.stringify({
        base_version: s.version.value, at: Date.now(), entries: entries(s.form) }));
    } catch (e) { /* storage full or off: the server save still runs */ }
  }

  function dropLocal(s) {
    try { window.localStorage.removeItem(s.key); } catch (e) { /* nothing kept */ }
  }

  /* ------------------------------------------------------------ messages in the page */
  function say(s, text, cls) {
    if (!s.status) { return; }
    s.status.textContent = text;
    s.status.className = "autosave-status" + (cls ? " " + cls : "");
  }

  function showErrors(form, errors) {
    form.querySelectorAll("ul.errorlist").forEach(function (el) { el.remove(); });
    form.querySelectorAll(".has-error").forEach(function (el) { el.classList.remove("has-error"); });
    Object.keys(errors || {}).forEach(function (name) {
      var input = form.querySelector("[name='" + name + "']");
      if (!input) { return; }
      var list = document.createElement("ul");
      list.className = "errorlist js-error";
      errors[name].forEach(function (msg) {
        var li = document.createElement("li");
        li.textContent = msg;
        list.appendChild(li);
      });
      var box = input.closest("td, .field") || input.parentNode;
      box.classList.add("has-error");
      box.appendChild(list);
    });
  }

  function sessionEnded(s, data) {
    s.ended = s.stopped = true;
    var box = s.page.querySelector("[data-session-ended]");
    if (box) {
      box.querySelector("[data-session-message]").textContent =
        (data.reason ? data.reason + " " : "") + data.message;
      box.querySelector("a[data-login]").href = data.login_url;
      box.hidden = false;
      box.scrollIntoView({ block: "nearest" });
    }
    say(s, data.message, "bad");
  }

  /* ------------------------------------------------------------ saving */
  function answered(s, sent, resp, data) {
    if (resp.status === 200 && data.ok) {
      s.version.value = data.version;
      s.confirmed = sent;
      s.dirty = !same(entries(s.form), sent);
      if (s.dirty) { writeLocal(s); } else { dropLocal(s); }
      showErrors(s.form, data.errors);
      var n = Object.keys(data.errors || {}).length;
      say(s, n ? "已自动保存草稿 " + data.saved_at + "，有 " + n + " 处需修改"
               : "已自动保存 " + data.saved_at, n ? "warn" : "ok");
    } else if (resp.status === 401 && data.login) {
      sessionEnded(s, data);
    } else if (data.conflict && s.restored) {
      s.leaving = true;  // show the conflict page: my copy next to what was saved meanwhile
      HTMLFormElement.prototype.submit.call(s.form);
    } else {
      s.stopped = true;
      say(s, (data.message || "自动保存失败") + "（已暂停自动保存，内容已保留在本机，请点击“保存”）", "bad");
    }
  }

  function save(s, keepalive) {
    clearTimeout(s.timer);
    s.timer = null;
    if (s.stopped || s.held || !s.dirty) { return; }
    var sent = entries(s.form);
    var text = JSON.stringify(sent);
    if (s.inflight) {
      if (text !== s.sending) { s.again = true; }
      return;
    }
    var items = changedItems(sent, s.confirmed);
    if (!Object.keys(items).length) { s.dirty = false; dropLocal(s); return; }
    var body = JSON.stringify({ base_version: Number(s.version.value) || 0, items: items });
    var token = s.form.querySelector("input[name='csrfmiddlewaretoken']");
    s.sending = text;
    say(s, "正在自动保存…");
    s.inflight = fetch(window.location.pathname, {
      method: "POST", body: body, credentials: "same-origin",
      keepalive: Boolean(keepalive) && new Blob([body]).size < KEEPALIVE_MAX,
      headers: { "X-Autosave": "1", "Accept": "application/json",
                 "Content-Type": "application/json", "X-CSRFToken": token ? token.value : "" }
    }).then(function (resp) {
      return resp.json().catch(function () { return {}; }).then(function (data) {
        answered(s, sent, resp, data);
      });
    }).catch(function () {
      say(s, "网络异常，未能自动保存（内容已保留在本机），稍后自动重试", "bad");
      s.timer = setTimeout(function () { save(s); }, RETRY);
    }).finally(function () {
      s.inflight = null;
      s.sending = null;
      s.restored = false;
      if (s.again) { s.again = false; schedule(s); }
    });
  }

  function schedule(s) {
    if (s.stopped) { return; }
    clearTimeout(s.timer);
    say(s, "有未保存的修改…");
    s.timer = setTimeout(function () { save(s); }, DELAY);
  }

  function changed(s) {
    s.held = false;
    s.dirty = !same(entries(s.form), s.confirmed);
    writeLocal(s);
    if (s.dirty) { schedule(s); }
  }

  /* ------------------------------------------------------------ restoring a copy */
  function setRows(group, n) {
    var rows = function () { return group.querySelectorAll("tbody[data-rows] > tr[data-row]"); };
    var add = group.querySelector("[data-add-row]");
    while (rows().length < n && add && !add.disabled) { add.click(); }
    while (rows().length > n) { rows()[rows().length - 1].querySelector("[data-remove-row]").click(); }
  }

  function restore(form, list) {
    var values = {};
    list.forEach(function (e) { (values[e[0]] = values[e[0]] || []).push(e[1]); });
    form.querySelectorAll("fieldset.group[data-group]").forEach(function (group) {
      setRows(group, Number((values[group.dataset.group + "-TOTAL"] || ["0"])[0]));
    });
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name || SKIP[el.name] || /-TOTAL$/.test(el.name) ||
          /^(submit|button|file|reset)$/.test(el.type)) { return; }
      var mine = values[el.name] || [];
      if (el.type === "checkbox" || el.type === "radio") {
        el.checked = mine.indexOf(el.value) >= 0;
      } else {
        el.value = mine.length ? mine[0] : "";
      }
    });
    form.querySelectorAll("table[data-budget]").forEach(function (t) {
      t.dispatchEvent(new Event("input"));
    });
  }

  function offer(s, copy) {
    var bar = s.page.querySelector("[data-draft-restore]");
    if (!bar) { return; }
    bar.hidden = false;
    bar.querySelector("[data-restore-yes]").addEventListener("click", function () {
      bar.hidden = true;
      restore(s.form, copy.entries);
      s.version.value = copy.base_version;
      s.restored = true;
      s.dirty = true;
      writeLocal(s);
      save(s);
    });
    bar.querySelector("[data-restore-no]").addEventListener("click", function () {
      bar.hidden = true;
      dropLocal(s);
    });
  }

  /* ------------------------------------------------------------ wiring */
  function setup(form) {
    var s = { form: form, page: form.closest(".section-main") || document,
              key: form.dataset.draftKey, version: form.querySelector("input[name='base_version']"),
              status: form.querySelector("[data-autosave-status]"), timer: null,
              inflight: null, dirty: false, stopped: false, ended: false, leaving: false };
    s.confirmed = entries(form);
    var copy = readLocal(s.key);
    if (form.hasAttribute("data-conflict")) {
      // My text is on the page only, next to what was saved meanwhile: kept here and guarded,
      // but not saved over theirs until I change something or press 保存.
      s.dirty = s.held = true;
    } else if (copy && copy.entries && !same(copy.entries, s.confirmed)) {
      offer(s, copy);
    } else if (copy) {
      dropLocal(s);
    }
    form.addEventListener("input", function () { changed(s); });
    form.addEventListener("change", function () { changed(s); });
    form.addEventListener("submit", function (ev) {
      if (s.ended) {
        ev.preventDefault();
        s.page.querySelector("[data-session-ended]").scrollIntoView({ block: "nearest" });
        return;
      }
      clearTimeout(s.timer);
      s.stopped = s.leaving = true;
      if (s.inflight) {
        ev.preventDefault();
        var submitter = ev.submitter;
        s.inflight.then(function () { form.requestSubmit(submitter); });
      }
    });
    s.page.querySelectorAll("a[data-login]").forEach(function (a) {
      a.addEventListener("click", function () { s.leaving = true; });
    });
    document.addEventListener("visibilitychange", function () {
      if (document.visibilityState === "hidden") { save(s, true); }
    });
    window.addEventListener("pagehide", function () { save(s, true); });
    window.addEventListener("beforeunload", function (ev) {
      if (!s.dirty || s.leaving) { return undefined; }
      save(s, true);
      ev.preventDefault();
      ev.returnValue = "离开此页？";
      return "离开此页？";
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("form[data-autosave]").forEach(setup);
  });
})();
