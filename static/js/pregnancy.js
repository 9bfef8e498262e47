// Convenience only: the pregnancy question hides for a man, or for a girl under the age it is asked
// from; the server asks nothing of them either, with or without this script.
(function () {
  "use strict";
  var boxes = document.querySelectorAll("input[name=pregnancy]");
  if (!boxes.length) return;
  var wrapper = document.getElementById("div_id_pregnancy") || boxes[0].closest("fieldset") || boxes[0].parentNode;
  var fromAge = Number(boxes[0].dataset.fromAge || 0);
  var born = document.getElementById("id_date_of_birth");

  function age() {
    if (!born || !/^\d{4}-\d{2}-\d{2}$/.test(born.value)) return null;
    var parts = born.value.split("-").map(Number), today = new Date();
    var years = today.getFullYear() - parts[0];
    if (today.getMonth() + 1 < parts[1] || (today.getMonth() + 1 === parts[1] && today.getDate() < parts[2])) years -= 1;
    return years;
  }

  function update() {
    var sex = document.querySelector("input[name=sex]:checked");
    var years = age();
    wrapper.hidden = (sex !== null && sex.value === "MALE") || (years !== null && years < fromAge);
  }

  var sexes = document.querySelectorAll("input[name=sex]");
  for (var i = 0; i < sexes.length; i++) sexes[i].addEventListener("change", update);
  if (born) born.addEventListener("change", update);
  update();
})();
