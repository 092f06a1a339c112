// Shared behaviour for every page. CSP forbids inline scripts, so page behaviour lives here.
document.addEventListener("DOMContentLoaded", function () {
  if (window.DKFDS && typeof window.DKFDS.init === "function") {
    window.DKFDS.init();
  }
  // Move focus to the error summary so keyboard and screen-reader users hear what went wrong.
  var summary = document.getElementById("form-errors");
  if (summary) {
    summary.focus();
  }
});
// After htmx swaps in new content, let DKFDS wire up any components in it.
document.addEventListener("htmx:afterSettle", function (event) {
  if (window.DKFDS && typeof window.DKFDS.init === "function") {
    window.DKFDS.init(event.target);
  }
});
