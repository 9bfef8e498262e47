// Convenience only: a live SALT estimate while typing. The server computes the value that counts.
(function () {
  "use strict";
  var preview = document.getElementById("salt-preview");
  if (!preview) return;
  var weights = { loss_top: 0.40, loss_back: 0.24, loss_left: 0.18, loss_right: 0.18 };
  var bands = (preview.dataset.bands || "").split("|");
  var inputs = document.querySelectorAll("[data-salt-view]");

  function band(salt) {
    if (salt <= 0) return bands[0];
    if (salt < 21) return bands[1];
    if (salt < 50) return bands[2];
    if (salt < 95) return bands[3];
    return bands[4];
  }

  function update() {
    var total = 0;
    for (var i = 0; i < inputs.length; i++) {
      var value = inputs[i].value.trim();
      var number = Number(value);
      if (value === "" || !isFinite(number) || number < 0 || number > 100) return;
      total += weights[inputs[i].name] * number;
    }
    var salt = Math.round(total * 10) / 10;
    preview.textContent = preview.dataset.label + " " + salt.toFixed(1) + " (" + band(salt) + ")";
  }

  // Without this script the box says the server works the score out on sending; with it, live.
  if (preview.dataset.waiting) preview.textContent = preview.dataset.waiting;
  for (var i = 0; i < inputs.length; i++) inputs[i].addEventListener("input", update);
})();
