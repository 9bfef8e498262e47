// Convenience only: live self-estimated scores while typing. The server computes the values that
// count, with the same rules: hand units (tenths) x whiteness (%), summed in whole hundredths, so
// that no rounding of the browser's floating point shows a figure the server would not.
(function () {
  "use strict";
  var preview = document.getElementById("vasi-preview");
  if (!preview) return;
  var units = document.querySelectorAll("[data-vasi-units]");
  var waiting = preview.dataset.waiting || preview.textContent;

  function shown(hundredths) {
    var cents = String(hundredths % 100);
    return Math.floor(hundredths / 100) + "." + (cents.length < 2 ? "0" + cents : cents);
  }

  function rounded(thousandths) { return Math.floor((thousandths + 5) / 10); }  // half up, as the server

  function tenths(text) {
    // "1.5" -> 15; null when it is not a number the form accepts (one decimal at most).
    if (!/^\d+(\.\d)?$/.test(text)) return null;
    return Math.round(Number(text) * 10);
  }

  function update() {
    // Integers only: surfaces in hundredths of a percent, VASI in thousandths (tenths x percent).
    var total = 0, face = 0, fVasi = 0, tVasi = 0, given = false;
    for (var i = 0; i < units.length; i++) {
      var region = units[i].dataset.vasiUnits;
      var select = document.querySelector("[data-vasi-whiteness='" + region + "']");
      var text = units[i].value.trim(), white = select ? select.value : "";
      var hands = text === "" ? 0 : tenths(text), whiteness = white === "" ? 0 : Number(white);
      if (hands === null || hands > Number(units[i].dataset.max) * 10 || (hands > 0) !== (whiteness > 0)) {
        preview.textContent = waiting;  // an answer the form would refuse: no figure
        return;
      }
      if (!hands) continue;
      given = true;
      total += hands * 10;
      tVasi += hands * whiteness;
      if (units[i].dataset.facial) { face += hands * 10; fVasi += hands * whiteness; }
    }
    if (!given) { preview.textContent = waiting; return; }
    preview.textContent = preview.dataset.label + " " + preview.dataset.total + " " + shown(total) + "% · " +
      preview.dataset.face + " " + shown(face) + "% · F-VASI " + shown(rounded(fVasi)) + " · T-VASI " +
      shown(rounded(tVasi));
  }

  if (preview.dataset.waiting) preview.textContent = preview.dataset.waiting;
  for (var i = 0; i < units.length; i++) {
    units[i].addEventListener("change", update);
    var select = document.querySelector("[data-vasi-whiteness='" + units[i].dataset.vasiUnits + "']");
    if (select) select.addEventListener("change", update);
  }
})();
