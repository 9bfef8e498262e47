// Convenience only: live self-estimated scores while choosing. The server computes the values that
// count; the weights (tenths), each region's hand units and the middle of each area step come from
// the page, which the server wrote, and everything is summed in whole tenths, as exact as the
// server's figures, so the page never shows a number the server would not.
(function () {
  "use strict";
  var preview = document.getElementById("easi-preview");
  if (!preview) return;
  var areas = document.querySelectorAll("[data-easi-area]");
  var midpoints = (preview.dataset.midpoints || "").split("|").map(Number);
  var waiting = preview.dataset.waiting || preview.textContent;

  function shown(tenths) { return Math.floor(tenths / 10) + "." + (tenths % 10); }

  function update() {
    var easi = 0, surface = 0, given = false;
    for (var i = 0; i < areas.length; i++) {
      var region = areas[i].dataset.easiArea;
      var signs = document.querySelectorAll("[data-easi-sign='" + region + "']");
      var area = areas[i].value === "" ? 0 : Number(areas[i].value), sum = 0, chosen = 0;
      for (var j = 0; j < signs.length; j++) {
        if (signs[j].value !== "") { chosen += 1; sum += Number(signs[j].value); }
      }
      if (!area && !chosen) continue;
      if (!area || chosen !== signs.length) { preview.textContent = waiting; return; }  // half a row
      given = true;
      easi += sum * area * Number(areas[i].dataset.weightTenths);
      surface += Number(areas[i].dataset.handUnits) * midpoints[area - 1] / 10;
    }
    if (!given) { preview.textContent = waiting; return; }
    preview.textContent = preview.dataset.label + " " + preview.dataset.surface + " " + shown(surface) +
      "% · EASI " + shown(easi);
  }

  var selects = document.querySelectorAll("[data-easi-area], [data-easi-sign]");
  for (var i = 0; i < selects.length; i++) selects[i].addEventListener("change", update);
  update();  // answers kept across an error or a language switch count from the start
})();
