// Convenience only: live self-estimated scores while typing. The server computes the values that count.
(function () {
  "use strict";
  var preview = document.getElementById("vasi-preview");
  if (!preview) return;
  var units = document.querySelectorAll("[data-vasi-units]");

  function round(value) { return (Math.round(value * 100) / 100).toFixed(2); }

  function update() {
    var total = 0, face = 0, fVasi = 0, tVasi = 0;
    for (var i = 0; i < units.length; i++) {
      var region = units[i].dataset.vasiUnits;
      var select = document.querySelector("[data-vasi-whiteness='" + region + "']");
      var text = units[i].value.trim(), white = select ? select.value : "";
      if (text === "" && white === "") continue;
      var hands = Number(text), whiteness = Number(white);
      if (text === "" || white === "" || !isFinite(hands) || hands < 0) return;
      if (whiteness === 0) continue;
      total += hands;
      tVasi += hands * whiteness / 100;
      if (units[i].dataset.facial) { face += hands; fVasi += hands * whiteness / 100; }
    }
    preview.textContent = preview.dataset.label + " " + preview.dataset.total + " " + round(total) + "% · " +
      preview.dataset.face + " " + round(face) + "% · F-VASI " + round(fVasi) + " · T-VASI " + round(tVasi);
  }

  if (preview.dataset.waiting) preview.textContent = preview.dataset.waiting;
  for (var i = 0; i < units.length; i++) {
    units[i].addEventListener("input", update);
    var select = document.querySelector("[data-vasi-whiteness='" + units[i].dataset.vasiUnits + "']");
    if (select) select.addEventListener("change", update);
  }
})();
