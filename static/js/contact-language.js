// Convenience only: once the patient picks the language for calls, a language switch keeps it
// (the server also keeps any answer that differs from the page's language, with or without this).
(function () {
  "use strict";
  var select = document.getElementById("id_language");
  var chosen = document.getElementById("id_language_chosen");
  if (!select || !chosen) return;
  select.addEventListener("change", function () {
    chosen.value = "True";
  });
})();
