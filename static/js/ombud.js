// Shared behaviour for every page. CSP forbids inline scripts, so page behaviour lives here.
document.addEventListener("DOMContentLoaded", function () {
  if (window.DKFDS && typeof window.DKFDS.init === "function") {
    window.DKFDS.init();
  }
  markScrollingTables(document);
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
  markScrollingTables(event.target);
});
window.addEventListener("resize", function () {
  markScrollingTables(document);
});
// A table too wide for the screen scrolls in its .table--responsive-scroll box (the report
// preview's .report-table-box). Only then is the box a tab stop (so the keyboard can scroll it)
// and a region named by the table's caption; on a wide screen it adds no stop.
function markScrollingTables(root) {
  root.querySelectorAll(".table--responsive-scroll, .report-table-box").forEach(function (box) {
    if (box.scrollWidth > box.clientWidth) {
      var caption = box.querySelector("caption");
      box.setAttribute("tabindex", "0");
      if (caption) {
        box.setAttribute("role", "region");
        box.setAttribute("aria-label", caption.textContent.trim());
      }
    } else {
      box.removeAttribute("tabindex");
      box.removeAttribute("role");
      box.removeAttribute("aria-label");
    }
  });
}
// The skip link moves the focus without adding #main-content to the address: a form posted from
// that address would come back with the focus on <main> instead of on its error summary.
document.addEventListener("click", function (event) {
  var skip = event.target.closest ? event.target.closest("a.skipnav") : null;
  var main = document.getElementById("main-content");
  if (skip && main) {
    event.preventDefault();
    main.scrollIntoView();
    main.focus({ preventScroll: true });
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
