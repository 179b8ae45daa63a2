/* The survey builder's question form, enhanced: only the settings and options of the chosen type
   are shown, and an "add an option" button adds rows beyond the blank ones the page brings.
   Without JavaScript everything is shown and the blank rows are enough: the server ignores the rest. */
(function () {
  "use strict";

  function showFor(type) {
    document.querySelectorAll("[data-for-types]").forEach(function (element) {
      element.hidden = element.getAttribute("data-for-types").split(" ").indexOf(type) === -1;
    });
    document.querySelectorAll("[data-settings]").forEach(function (group) {
      group.hidden = !group.querySelector("[data-for-types]:not([hidden])");
    });
  }

  function addRow(body) {
    var rows = body.querySelectorAll("tr");
    var last = rows[rows.length - 1];
    var row = last.cloneNode(true);
    var index = rows.length;
    row.querySelectorAll("[id], [for], [name], [aria-describedby]").forEach(function (element) {
      ["id", "for", "name", "aria-describedby"].forEach(function (attribute) {
        var value = element.getAttribute(attribute);
        if (value) {
          element.setAttribute(attribute, value.replace(/options-\d+-/g, "options-" + index + "-"));
        }
      });
    });
    row.querySelectorAll(".field__error").forEach(function (error) { error.remove(); });
    row.querySelectorAll("input").forEach(function (input) {
      input.value = "";
      input.removeAttribute("aria-invalid");
      input.removeAttribute("aria-describedby");
    });
    row.querySelectorAll("label").forEach(function (label) {
      label.textContent = label.textContent.replace(/\d+/, String(index + 1));
    });
    var number = row.querySelector("th");
    if (number) { number.textContent = String(index + 1); }
    body.appendChild(row);
    row.querySelector("input").focus();
  }

  document.addEventListener("DOMContentLoaded", function () {
    var type = document.getElementById("type");
    if (type) {
      showFor(type.value);
      type.addEventListener("change", function () { showFor(type.value); });
    }
    var button = document.querySelector("[data-add-option]");
    var body = document.querySelector("[data-option-rows]");
    if (button && body) {
      button.hidden = false;
      button.addEventListener("click", function () {
        if (body.querySelectorAll("tr").length < Number(button.getAttribute("data-max"))) { addRow(body); }
      });
    }
  });
})();
