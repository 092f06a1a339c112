// Report editor: insert figures at the cursor. (PDF and Word files show their progress on
// their own page, see templates/reports/render.html.)
(function () {
  "use strict";
  var lastField = null;
  document.addEventListener("focusin", function (event) {
    if (event.target.classList && event.target.classList.contains("report-textarea")) {
      lastField = event.target;
    }
  });
  document.addEventListener("click", function (event) {
    var button = event.target.closest(".insert-button");
    if (button) {
      var field = lastField || document.querySelector(".report-textarea");
      if (!field || field.readOnly) { return; }
      var code = button.getAttribute("data-insert");
      var start = field.selectionStart || 0;
      var end = field.selectionEnd || 0;
      field.value = field.value.slice(0, start) + code + field.value.slice(end);
      field.focus();
      field.selectionStart = field.selectionEnd = start + code.length;
      field.dispatchEvent(new Event("change", { bubbles: true }));
    }
  });
})();
