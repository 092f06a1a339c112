// Report editor: the formatting toolbar, the figure picker of each section, and the links from
// a problem to its spot. A figure or sentence is never put inside another code: a cursor inside
// `{{ … }}` moves to just after it first. (PDF and Word files show their progress on their own
// page, see render.js.)
(function () {
  "use strict";
  var CODE = /\{\{[\s\S]*?\}\}/g;
  var touched = new WeakSet();

  // Where `pos` may take new text in `text`: outside every code, else just after the code.
  function outsideCode(text, pos) {
    CODE.lastIndex = 0;
    var m;
    while ((m = CODE.exec(text)) !== null) {
      var start = m.index, end = m.index + m[0].length;
      if (start < pos && pos < end) { return end; }
      if (start >= pos) { break; }
    }
    return pos;
  }
  window.ombudOutsideCode = outsideCode;

  function grow(field) {
    if (window.CSS && CSS.supports && CSS.supports("field-sizing", "content")) { return; }
    field.style.height = "auto";
    field.style.height = field.scrollHeight + 4 + "px";
  }

  function changed(field) {
    grow(field);
    field.dispatchEvent(new Event("change", { bubbles: true }));
  }

  function insert(field, code) {
    var text = field.value;
    var start = touched.has(field) ? field.selectionStart : text.length;
    var end = touched.has(field) ? field.selectionEnd : text.length;
    start = outsideCode(text, start);
    end = Math.max(start, outsideCode(text, end));
    var before = text.slice(0, start), after = text.slice(end);
    // A space on each side where a word would otherwise run into the code.
    if (before && !/\s$/.test(before)) { code = " " + code; }
    if (after && !/^[\s.,;:!?)]/.test(after)) { code = code + " "; }
    field.value = before + code + after;
    field.focus();
    field.selectionStart = field.selectionEnd = start + code.length;
    touched.add(field);
    changed(field);
  }

  var FORMATS = {
    bold: function (s) { return "**" + (s || "fed tekst") + "**"; },
    italic: function (s) { return "*" + (s || "kursiv tekst") + "*"; },
    link: function (s) { return "[" + (s || "tekst") + "](https://)"; },
    heading: function (s) { return "\n# " + (s || "Overskrift") + "\n"; },
    bullets: function (s) { return "\n" + (s || "punkt").split("\n").map(function (l) { return "- " + l; }).join("\n") + "\n"; },
    numbers: function (s) { return "\n" + (s || "punkt").split("\n").map(function (l, i) { return (i + 1) + ". " + l; }).join("\n") + "\n"; }
  };

  function format(field, kind) {
    var text = field.value;
    var start = outsideCode(text, field.selectionStart);
    var end = Math.max(start, outsideCode(text, field.selectionEnd));
    var made = FORMATS[kind](text.slice(start, end));
    field.value = text.slice(0, start) + made + text.slice(end);
    field.focus();
    field.selectionStart = field.selectionEnd = start + made.length;
    touched.add(field);
    changed(field);
  }

  document.addEventListener("focusin", function (event) {
    if (event.target.classList && event.target.classList.contains("report-textarea")) {
      touched.add(event.target);
    }
  });
  document.addEventListener("input", function (event) {
    if (event.target.classList && event.target.classList.contains("report-textarea")) {
      grow(event.target);
    }
  });
  document.addEventListener("click", function (event) {
    var button = event.target.closest(".insert-button");
    if (button) {
      var field = document.getElementById(button.getAttribute("data-target"));
      if (field && !field.readOnly) { insert(field, button.getAttribute("data-insert")); }
      return;
    }
    var tool = event.target.closest(".report-format");
    if (tool) {
      var target = document.getElementById(tool.getAttribute("data-target"));
      if (target && !target.readOnly) { format(target, tool.getAttribute("data-format")); }
      return;
    }
    var opener = event.target.closest(".report-picker-open");
    if (opener) {
      var picker = document.getElementById(opener.getAttribute("aria-controls"));
      var open = opener.getAttribute("aria-expanded") !== "true";
      opener.setAttribute("aria-expanded", open ? "true" : "false");
      picker.hidden = !open;
      return;
    }
    var problem = event.target.closest(".report-problem-link");
    if (problem) {
      var spot = document.getElementById("body-" + problem.getAttribute("data-section"));
      var at = spot ? spot.value.indexOf(problem.getAttribute("data-find")) : -1;
      if (spot && at >= 0) {
        event.preventDefault();
        spot.scrollIntoView({ block: "center" });
        spot.focus();
        spot.setSelectionRange(at, at + problem.getAttribute("data-find").length);
      }
    }
  });
  document.querySelectorAll(".report-textarea").forEach(grow);
})();
