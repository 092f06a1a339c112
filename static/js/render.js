// The PDF or Word page: when the file becomes ready while the page waits, its download starts by
// itself (once); the button stays for a second copy. A page opened on a finished file does not.
(function () {
  "use strict";
  var started = false;
  document.body.addEventListener("htmx:afterSettle", function () {
    var link = document.getElementById("render-download");
    if (link && !started) {
      started = true;
      window.location.assign(link.href);
    }
  });
})();
