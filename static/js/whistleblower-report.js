// Shows the name and contact fields only when the reporter chooses a confidential report, and
// stops a double click from sending the same report twice.
// Without JavaScript the fields stay visible, and the server ignores them for anonymous reports.
(function () {
  "use strict";
  function update() {
    var box = document.getElementById("wb-identity");
    var anonymous = document.querySelector('input[name="is_anonymous"][value="1"]');
    if (!box || !anonymous) { return; }
    box.hidden = anonymous.checked;
  }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll('input[name="is_anonymous"]').forEach(function (radio) {
      radio.addEventListener("change", update);
    });
    update();
    var form = document.getElementById("wb-report-form");
    if (form) {
      form.addEventListener("submit", function () {
        var button = form.querySelector("button[type=submit]");
        if (button) { button.setAttribute("aria-disabled", "true"); }
        form.addEventListener("submit", function (event) { event.preventDefault(); });
      });
    }
  });
})();
