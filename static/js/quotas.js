// Recommenders' pages: confirmation before irreversible posts, and adding expert rows.
(function () {
  "use strict";

  document.addEventListener("submit", function (event) {
    var form = event.target.closest("form[data-confirm]");
    if (form && !window.confirm(form.getAttribute("data-confirm"))) {
      event.preventDefault();
    }
  });

  function renumber(tbody) {
    tbody.querySelectorAll("tr.expert-row td.seq").forEach(function (cell, i) {
      cell.textContent = String(i + 1);
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var button = document.getElementById("add-expert");
    var template = document.getElementById("expert-template");
    var total = document.querySelector("input[name='experts-TOTAL_FORMS']");
    var tbody = document.querySelector("#experts tbody");
    if (!button || !template || !total || !tbody) {
      return;
    }
    button.addEventListener("click", function () {
      var index = parseInt(total.value, 10);
      var html = template.innerHTML.replace(/__prefix__/g, String(index));
      tbody.insertAdjacentHTML("beforeend", html);
      total.value = String(index + 1);
      renumber(tbody);
    });
  });
}());
