// Statistics page: choosing a year clears a custom period, since dates win over the year.
document.addEventListener("DOMContentLoaded", function () {
  var year = document.getElementById("id_year");
  if (!year) {
    return;
  }
  year.addEventListener("change", function () {
    ["id_from", "id_to"].forEach(function (id) {
      var input = document.getElementById(id);
      if (input) {
        input.value = "";
      }
    });
  }, true);
});

// The charts are drawn here, in the browser, from the Vega-Lite specification the server puts
// beside each table (the same one the annual report draws), so the page never waits for a
// chart. Vega runs with its expression interpreter, not generated code, so the page's strict
// Content-Security-Policy stands. Without JavaScript the figures stay hidden and the tables,
// always in the page, carry the numbers.
(function () {
  "use strict";
  var danish = {decimal: ",", thousands: ".", grouping: [3], currency: ["", "\u00a0kr."]};

  function draw(figure) {
    var canvas = figure.querySelector(".stats-chart-canvas");
    if (!canvas || figure.getAttribute("data-drawn")) {
      return;
    }
    figure.setAttribute("data-drawn", "1");
    var spec = JSON.parse(figure.getAttribute("data-chart-spec"));
    // No ARIA inside the image: the figure is one image named by its caption, and the table
    // beneath holds the numbers and the links.
    spec.config = Object.assign({}, spec.config, {aria: false});
    var runtime = window.vega.parse(window.vegaLite.compile(spec).spec, null, {ast: true});
    var view = new window.vega.View(runtime, {
      expr: window.vega.expressionInterpreter,
      renderer: "svg",
      container: canvas,
      hover: true,
    });
    view.runAsync().then(function () {
      // Bar links are a mouse shortcut; keyboard users have the same links in the table.
      canvas.querySelectorAll("a").forEach(function (a) { a.setAttribute("tabindex", "-1"); });
      // The drawing is one image named by the caption (the canvas's role and label): its
      // inner marks are no separate graphics to a screen reader.
      canvas.querySelectorAll("svg, svg [role]").forEach(function (node) {
        node.removeAttribute("role");
        node.removeAttribute("aria-roledescription");
        node.removeAttribute("aria-label");
      });
      canvas.querySelectorAll("svg").forEach(function (svg) { svg.setAttribute("aria-hidden", "true"); });
      figure.hidden = false;
    }).catch(function () {
      figure.hidden = true;
    });
  }

  function drawAll(root) {
    if (!window.vega || !window.vegaLite || !window.vega.expressionInterpreter) {
      return;
    }
    window.vega.formatLocale(danish);
    (root || document).querySelectorAll("figure[data-chart-spec]").forEach(draw);
  }

  document.addEventListener("DOMContentLoaded", function () { drawAll(document); });
  // The period form swaps the figures in place (htmx): draw the new ones. (htmx:load is sent
  // from the new content; events of an outerHTML swap's old target never reach the document.)
  document.addEventListener("htmx:load", function () { drawAll(document); });
})();
