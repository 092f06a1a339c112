// Shows the name and contact fields only when the reporter chooses a confidential report.
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
  });
})();
