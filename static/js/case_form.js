// The case form: citizen combobox, fields that depend on the case type, Ctrl+Enter to save.
// Progressive enhancement only: without JavaScript every field is shown and the server's rules
// still apply. Hidden fields are also disabled, so they are not submitted.
(function () {
  "use strict";

  function setShown(element, shown) {
    if (!element) {
      return;
    }
    element.hidden = !shown;
    element.querySelectorAll("input, select, textarea").forEach(function (field) {
      field.disabled = !shown;
    });
  }

  function checkedValue(form, name) {
    var checked = form.querySelector('input[name="' + name + '"]:checked');
    return checked ? checked.value : "";
  }

  function initDependentFields(form) {
    var handling = form.querySelector("#id_handling");

    function update() {
      var kind = checkedValue(form, "kind");
      var concerns = checkedValue(form, "concerns_municipality");
      setShown(document.getElementById("centre-group"), concerns !== "no");
      setShown(document.getElementById("external-body-group"), concerns === "no");
      setShown(document.getElementById("themes-group"), kind !== "inquiry");
      setShown(document.getElementById("outcome-group"), kind !== "inquiry");
      if (handling) {
        Array.prototype.forEach.call(handling.options, function (option) {
          var fits = !option.dataset.kind || !kind || option.dataset.kind === kind;
          option.hidden = !fits;
          option.disabled = !fits;
        });
        var chosen = handling.options[handling.selectedIndex];
        if (chosen && chosen.disabled) {
          handling.value = "";
          chosen = handling.options[handling.selectedIndex];
        }
        var rejects = Boolean(chosen && chosen.dataset.rejection === "true");
        setShown(document.getElementById("rejection-ground-group"), rejects);
      }
    }

    form.addEventListener("change", function (event) {
      var name = event.target.name;
      if (name === "kind" || name === "concerns_municipality" || name === "handling") {
        update();
      }
    });
    update();
  }

  function initCombobox(form) {
    var input = form.querySelector('input[role="combobox"]');
    var listbox = document.getElementById("citizen-options");
    var hidden = form.querySelector('input[name="citizen"]');
    var chosenText = document.getElementById("citizen-chosen");
    if (!input || !listbox || !hidden) {
      return;
    }
    var active = -1;

    function options() {
      return Array.prototype.slice.call(listbox.querySelectorAll('[role="option"][data-value]'));
    }

    function open(shown) {
      listbox.hidden = !shown;
      input.setAttribute("aria-expanded", shown ? "true" : "false");
      if (!shown) {
        active = -1;
        input.removeAttribute("aria-activedescendant");
      }
    }

    function highlight(index) {
      var all = options();
      if (!all.length) {
        return;
      }
      active = (index + all.length) % all.length;
      all.forEach(function (option, i) {
        option.setAttribute("aria-selected", i === active ? "true" : "false");
        option.classList.toggle("ombud-option-active", i === active);
      });
      input.setAttribute("aria-activedescendant", all[active].id);
      all[active].scrollIntoView({ block: "nearest" });
    }

    function choose(option) {
      hidden.value = option.dataset.value;
      input.value = option.dataset.label;
      if (chosenText) {
        chosenText.textContent = (input.dataset.chosenPrefix || "") + " " + option.dataset.label;
      }
      open(false);
    }

    input.addEventListener("input", function () {
      // A changed search text no longer names the chosen citizen.
      hidden.value = "";
      if (chosenText) {
        chosenText.textContent = "";
      }
      if (!input.value.trim()) {
        listbox.innerHTML = "";
        open(false);
      }
    });

    listbox.addEventListener("htmx:afterSwap", function () {
      var typing = document.activeElement === input && input.value.trim() !== "";
      open(typing && listbox.children.length > 0);
      active = -1;
    });

    input.addEventListener("keydown", function (event) {
      var isOpen = !listbox.hidden;
      if (event.key === "ArrowDown" && options().length) {
        event.preventDefault();
        open(true);
        highlight(active + 1);
      } else if (event.key === "ArrowUp" && options().length) {
        event.preventDefault();
        open(true);
        highlight(active - 1);
      } else if (event.key === "Enter" && isOpen && !event.ctrlKey && !event.metaKey) {
        var all = options();
        if (all.length) {
          event.preventDefault();
          choose(all[active >= 0 ? active : 0]);
        }
      } else if (event.key === "Escape" && isOpen) {
        event.preventDefault();
        open(false);
      }
    });

    listbox.addEventListener("mousedown", function (event) {
      // mousedown, not click: it runs before the input loses focus.
      var option = event.target.closest('[role="option"][data-value]');
      if (option) {
        event.preventDefault();
        choose(option);
      }
    });

    input.addEventListener("blur", function () {
      open(false);
    });
  }

  function initSaveShortcut(form) {
    form.addEventListener("keydown", function (event) {
      if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
        event.preventDefault();
        form.requestSubmit();
      }
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var form = document.getElementById("case-form");
    if (!form) {
      return;
    }
    initDependentFields(form);
    initCombobox(form);
    initSaveShortcut(form);
  });
})();
