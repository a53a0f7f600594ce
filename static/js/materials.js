// Drag and drop ordering of uploaded materials; the up/down buttons work without it.
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
  document.querySelectorAll("ol.files[data-reorder-url]").forEach(setup);
  document.querySelectorAll("form.confirm-delete").forEach(function (form) {
    form.addEventListener("submit", function (e) {
      if (!window.confirm("确定删除该文件吗？已提交版本中的文件仍会保留。")) e.preventDefault();
    });
  });
})();
