/*
 * discussions.js: progressive enhancement of the children's discussion pages
 * (templates/discussions/). Every page works without it: posts, replies, "I agree" and reports
 * are plain forms, checked again by the server.
 *
 * 1. Character counter under the post box ("120 of 1000 characters used"), saying how many to
 *    remove when the text is too long (the server refuses it anyway, keeping the text).
 * 2. A form is sent once: a second click while the first is on its way is ignored (the server
 *    also turns a repeated post into the same one).
 * 3. The message explaining a refusal gets the focus, so a screen reader reads it first.
 *
 * Plain ES2017, no dependencies; loaded with <script defer> (the CSP forbids inline scripts).
 */
(function () {
  "use strict";

  function all(selector, root) {
    return Array.prototype.slice.call((root || document).querySelectorAll(selector));
  }

  /* 1. Character counter ------------------------------------------------------------------ */
  function setUpCounter(form) {
    var field = form.querySelector("textarea[data-max-length]");
    var counter = form.querySelector("[data-counter]");
    if (!field || !counter) {
      return;
    }
    var limit = parseInt(field.getAttribute("data-max-length"), 10);
    var template = counter.getAttribute("data-template");
    var over = counter.getAttribute("data-over");
    function update() {
      var length = field.value.trim().length;
      if (length > limit) {
        counter.textContent = over.replace("{extra}", String(length - limit));
        counter.classList.add("post-form__counter--over");
      } else {
        counter.textContent = template.replace("{count}", String(length));
        counter.classList.remove("post-form__counter--over");
      }
    }
    counter.hidden = false;
    field.addEventListener("input", update);
    update();
  }

  /* 2. Send once -------------------------------------------------------------------------- */
  function sendOnce(form) {
    form.addEventListener("submit", function (event) {
      if (form.getAttribute("data-sending") === "true") {
        event.preventDefault();
        return;
      }
      form.setAttribute("data-sending", "true");
    });
  }

  /* Coming back with the browser's Back button shows the page as it was: allow sending again. */
  window.addEventListener("pageshow", function () {
    all("form[data-sending]").forEach(function (form) {
      form.removeAttribute("data-sending");
    });
  });

  /* 3. Focus the refusal ------------------------------------------------------------------ */
  function focusProblem() {
    var problem = document.getElementById("post-problem");
    var active = document.activeElement;
    if (problem && (!active || active === document.body)) {
      problem.focus();
    }
  }

  all("form[data-post-form]").forEach(function (form) {
    setUpCounter(form);
    sendOnce(form);
  });
  focusProblem();
})();
