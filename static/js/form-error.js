// Convenience only: where a browser ignores `autofocus` on the error summary, move the focus there,
// so that a screen reader announces the problems first.
(function () {
  "use strict";
  var error = document.getElementById("form-error");
  if (error && document.activeElement !== error) error.focus();
})();
