/*
 * api-tokens.js: the "your new API token" page (templates/api/token_created.html).
 *
 * Shows the "Copy the token" button (hidden without JavaScript: the token stays selectable in its
 * read-only field), copies the token with the Clipboard API, and says so in the status line next
 * to the button. Clicking the field selects the whole token.
 *
 * Plain ES2017, no dependencies; loaded with <script defer> (the CSP forbids inline scripts).
 */
(function () {
  "use strict";

  document.querySelectorAll("[data-copy]").forEach(function (button) {
    var field = document.getElementById(button.getAttribute("data-copy"));
    var status = button.parentNode.querySelector("[role=status]");
    if (!field) {
      return;
    }
    field.addEventListener("focus", function () { field.select(); });
    if (!navigator.clipboard) {
      return;
    }
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(field.value).then(
        function () { if (status) { status.textContent = status.getAttribute("data-copied"); } },
        function () {
          field.focus();
          field.select();
          if (status) { status.textContent = status.getAttribute("data-failed"); }
        }
      );
    });
  });
})();
