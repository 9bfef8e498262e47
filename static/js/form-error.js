// Convenience only: where a browser ignores `autofocus` on the error summary, move the focus there,
// so that a screen reader announces the problems first. A link of the summary shows the field's
// group from its label down (the link's target, with or without this script) and puts the cursor
// in the field.
(function () {
  "use strict";
  var error = document.getElementById("form-error");
  if (error && document.activeElement !== error) error.focus();
  var links = document.querySelectorAll("#error-summary a[data-focus]");
  Array.prototype.forEach.call(links, function (link) {
    link.addEventListener("click", function (event) {
      var group = document.getElementById(link.getAttribute("href").slice(1));
      var field = document.getElementById(link.dataset.focus);
      if (!group || !field) return;
      event.preventDefault();
      group.scrollIntoView({ block: "start", behavior: "instant" });
      field.focus({ preventScroll: true });
      if (window.history && history.replaceState) history.replaceState(null, "", link.getAttribute("href"));
    });
  });
})();
