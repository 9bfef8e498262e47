// Convenience only: a live SALT estimate while typing. The server computes the value that counts;
// the weights (each view's share of the scalp, in hundredths) and where each band starts come from
// the page, which the server wrote, and the sum is worked out in whole hundredths, so that the
// browser shows the figure the server would, never a floating-point neighbour of it.
(function () {
  "use strict";
  var preview = document.getElementById("salt-preview");
  if (!preview) return;
  var bands = (preview.dataset.bands || "").split("|");
  var starts = (preview.dataset.bandStarts || "").split("|").map(Number);
  var inputs = document.querySelectorAll("[data-salt-view]");

  function band(tenths) {
    // bands: none, limited, then one per start (moderate, severe, very severe).
    if (tenths <= 0) return bands[0];
    var index = 1;
    for (var i = 0; i < starts.length; i++) if (tenths >= starts[i] * 10) index = i + 2;
    return bands[index];
  }

  function update() {
    var hundredths = 0;
    for (var i = 0; i < inputs.length; i++) {
      var value = inputs[i].value.trim();
      if (!/^\d+$/.test(value) || Number(value) > 100) return;  // only what the form accepts
      hundredths += Number(inputs[i].dataset.weightHundredths) * Number(value);
    }
    var tenths = Math.floor((hundredths + 5) / 10);  // rounded half up, as the server
    var shown = Math.floor(tenths / 10) + "." + (tenths % 10);
    preview.textContent = preview.dataset.label + " " + shown + " (" + band(tenths) + ")";
  }

  // Without this script the box says the server works the score out on sending; with it, live.
  if (preview.dataset.waiting) preview.textContent = preview.dataset.waiting;
  for (var i = 0; i < inputs.length; i++) inputs[i].addEventListener("input", update);
})();
