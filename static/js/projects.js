// Projects forms: show the stage/deadline field only where it applies (the server checks anyway).
(function () {
  "use strict";
  function toggle(form, fieldName, show) {
    var box = form.querySelector('.field[data-field="' + fieldName + '"]');
    if (box) { box.classList.toggle("hidden", !show); }
  }
  function wire(form) {
    var kind = form.querySelector('select[name="kind"]');
    if (kind && form.querySelector('.field[data-field="stage"]')) {
      var syncStage = function () { toggle(form, "stage", kind.value === "staged"); };
      kind.addEventListener("change", syncStage);
      syncStage();
    }
    var passed = form.querySelectorAll('input[name="passed"]');
    if (passed.length && form.querySelector('.field[data-field="rectification_due"]')) {
      var syncDue = function () {
        var no = form.querySelector('input[name="passed"][value="no"]');
        toggle(form, "rectification_due", !!(no && no.checked));
      };
      passed.forEach(function (el) { el.addEventListener("change", syncDue); });
      syncDue();
    }
  }
  document.querySelectorAll("form.project-form").forEach(wire);
})();
