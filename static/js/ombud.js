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
// An error summary link moves the focus to its field. Scroll the field's label (a group's legend)
// to the top first, so the question and its error message are on screen too, not above it.
document.addEventListener("click", function (event) {
  var link = event.target.closest ? event.target.closest("#form-errors a[href^='#']") : null;
  var field = link ? document.getElementById(link.getAttribute("href").slice(1)) : null;
  if (!field) {
    return;
  }
  var group = field.closest(".form-group");
  var heading = (group && group.querySelector("legend, label")) || field;
  event.preventDefault();
  heading.scrollIntoView();
  field.focus({ preventScroll: true });
});
