/* Buttons marked data-print open the browser's print dialogue. They start hidden, so a page
   without JavaScript shows only its printing instructions. */
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-print]").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () { window.print(); });
    });
  });
})();
