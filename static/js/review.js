// Score sheet: live running total while typing (the server recomputes and is the authority).
(function () {
  "use strict";
  var form = document.getElementById("score-form");
  if (!form) { return; }
  var out = document.getElementById("rv-total");
  function update() {
    var total = 0, complete = true;
    form.querySelectorAll("input.rv-points").forEach(function (input) {
      var v = parseFloat(input.value);
      var max = parseFloat(input.dataset.max);
      var bad = input.value.trim() !== "" && (isNaN(v) || v < 0 || v > max);
      input.classList.toggle("rv-out-of-range", bad);
      input.setAttribute("aria-invalid", bad ? "true" : "false");
      if (isNaN(v)) { complete = false; } else { total += v * parseFloat(input.dataset.weight || "1"); }
    });
    out.textContent = (complete ? "" : "（未完成）") + total.toFixed(2);
  }
  form.addEventListener("input", update);
  update();
})();
