// Convenience only: the guardian's name and agreement hide once the date of birth says the patient
// is an adult (a parent answering for a child always sees them); the server asks them of a minor
// with or without this script, and ignores them for an adult.
(function () {
  "use strict";
  var block = document.getElementById("guardian-block");
  var born = document.getElementById("id_date_of_birth");
  if (!block || !born || !block.dataset.adultAge) return;
  var adult = Number(block.dataset.adultAge);

  function update() {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(born.value)) {
      block.hidden = false;
      return;
    }
    var parts = born.value.split("-").map(Number), today = new Date();
    var years = today.getFullYear() - parts[0];
    if (today.getMonth() + 1 < parts[1] || (today.getMonth() + 1 === parts[1] && today.getDate() < parts[2])) years -= 1;
    // An error on the guardian's fields is never hidden.
    block.hidden = years >= adult && !block.querySelector(".is-invalid");
  }

  born.addEventListener("input", update);
  born.addEventListener("change", update);
  update();
})();
