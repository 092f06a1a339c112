// Settings page: after htmx replaces a section or a row, move keyboard focus to the element the
// server named in `data-focus`, so keyboard and screen-reader users stay where they were.
document.addEventListener("htmx:afterSettle", function () {
  var holder = document.querySelector("[data-focus]");
  if (!holder) {
    return;
  }
  var target = document.getElementById(holder.getAttribute("data-focus"));
  holder.removeAttribute("data-focus");
  if (target) {
    target.focus();
  }
});
