// Drag and drop ordering of uploaded materials, and several files uploaded at once with a
// progress bar each; without this script the up/down buttons and the plain multiple-file form
// do the same (the server checks every file either way).
(function () {
  "use strict";
  function csrf() {
    var input = document.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }
  function setup(list) {
    var dragged = null;
    var status = list.parentNode.querySelector(".reorder-status");
    list.addEventListener("dragstart", function (e) {
      dragged = e.target.closest("li.file");
      if (!dragged) return;
      dragged.classList.add("dragging");
      e.dataTransfer.effectAllowed = "move";
      e.dataTransfer.setData("text/plain", dragged.dataset.id);
    });
    list.addEventListener("dragend", function () {
      if (dragged) dragged.classList.remove("dragging");
      list.querySelectorAll(".drop-target").forEach(function (n) { n.classList.remove("drop-target"); });
      dragged = null;
    });
    list.addEventListener("dragover", function (e) {
      var over = e.target.closest("li.file");
      if (!dragged || !over || over === dragged) return;
      e.preventDefault();
      list.querySelectorAll(".drop-target").forEach(function (n) { n.classList.remove("drop-target"); });
      over.classList.add("drop-target");
    });
    list.addEventListener("drop", function (e) {
      var over = e.target.closest("li.file");
      if (!dragged || !over || over === dragged) return;
      e.preventDefault();
      var rect = over.getBoundingClientRect();
      var after = e.clientY > rect.top + rect.height / 2;
      list.insertBefore(dragged, after ? over.nextSibling : over);
      save(list, status);
    });
  }
  function save(list, status) {
    var ids = Array.prototype.map.call(list.querySelectorAll("li.file"), function (li) {
      return Number(li.dataset.id);
    });
    fetch(list.dataset.reorderUrl, {
      method: "POST", credentials: "same-origin",
      headers: {"Content-Type": "application/json", "X-CSRFToken": csrf()},
      body: JSON.stringify({item: list.dataset.item, ids: ids})
    }).then(function (r) { return r.json(); }).then(function (data) {
      status.textContent = data.message;
      status.classList.toggle("error", !data.ok);
      if (data.ok) { window.setTimeout(function () { window.location.reload(); }, 600); }
    }).catch(function () {
      status.textContent = "网络错误，顺序未保存，请刷新页面后重试。";
      status.classList.add("error");
    });
  }
  function uploadRow(list, file) {
    var li = document.createElement("li");
    var name = document.createElement("span");
    var bar = document.createElement("progress");
    var state = document.createElement("span");
    name.className = "name";
    name.textContent = file.name;
    name.title = file.name;
    bar.max = 100;
    bar.value = 0;
    bar.setAttribute("aria-label", "上传进度：" + file.name);
    state.className = "state";
    state.textContent = "等待上传";
    li.append(name, bar, state);
    list.appendChild(li);
    return {bar: bar, state: state};
  }
  function finish(row, ok, message) {
    row.bar.value = ok ? 100 : row.bar.value;
    row.state.textContent = ok ? "已上传" : message;
    row.state.className = "state " + (ok ? "ok" : "error");
  }
  function sendOne(form, file, row) {
    return new Promise(function (resolve) {
      var data = new FormData();
      data.append("csrfmiddlewaretoken", csrf());
      data.append("item", form.querySelector("input[name=item]").value);
      data.append("file", file);
      var xhr = new XMLHttpRequest();
      xhr.open("POST", form.action.split("#")[0]);
      xhr.setRequestHeader("Accept", "application/json");
      xhr.upload.addEventListener("progress", function (e) {
        if (e.lengthComputable) row.bar.value = Math.round(99 * e.loaded / e.total);
      });
      xhr.addEventListener("load", function () {
        var answer = null;
        try { answer = JSON.parse(xhr.responseText).files[0]; } catch (err) { answer = null; }
        if (answer) finish(row, answer.ok, answer.message);
        else finish(row, false, "登录已失效或服务器无响应，文件未上传，请刷新页面后重试。");
        resolve(Boolean(answer && answer.ok));
      });
      xhr.addEventListener("error", function () {
        finish(row, false, "网络错误，文件未上传，请重试。");
        resolve(false);
      });
      row.state.textContent = "上传中…";
      xhr.send(data);
    });
  }
  function refreshItem(section) {
    // The item's file list and badge as the server now has them (ordering buttons included).
    return fetch(window.location.pathname, {credentials: "same-origin"})
      .then(function (r) { return r.text(); })
      .then(function (html) {
        var fresh = new DOMParser().parseFromString(html, "text/html").getElementById(section.id);
        if (!fresh) return;
        section.querySelector("h2").innerHTML = fresh.querySelector("h2").innerHTML;
        section.querySelector("ol.files").innerHTML = fresh.querySelector("ol.files").innerHTML;
        section.classList.toggle("missing", fresh.classList.contains("missing"));
      });
  }
  function setupUpload(form) {
    var input = form.querySelector("input[type=file]");
    var list = form.querySelector(".upload-progress");
    var button = form.querySelector("button[type=submit]");
    if (!input || !list || !window.FormData) return;
    form.addEventListener("submit", function (e) {
      if (!input.files.length) return;
      e.preventDefault();
      var files = Array.prototype.slice.call(input.files);
      list.textContent = "";
      var rows = files.map(function (f) { return uploadRow(list, f); });
      list.hidden = false;
      button.disabled = true;
      var accepted = 0;
      // One file after the other: each request holds the application's lock only briefly,
      // and a duplicate within the selection is caught against the one stored before it.
      files.reduce(function (chain, file, i) {
        return chain.then(function () {
          return sendOne(form, file, rows[i]).then(function (ok) { if (ok) accepted += 1; });
        });
      }, Promise.resolve()).then(function () {
        input.value = "";
        button.disabled = false;
        if (accepted) return refreshItem(form.closest("section"));
      });
    });
  }
  document.querySelectorAll("form.upload").forEach(setupUpload);
  document.querySelectorAll("ol.files[data-reorder-url]").forEach(setup);
  document.addEventListener("submit", function (e) {  // also the forms of a refreshed list
    if (!e.target.matches("form.confirm-delete")) return;
    if (!window.confirm("确定删除该文件吗？已提交版本中的文件仍会保留。")) e.preventDefault();
  });
})();
