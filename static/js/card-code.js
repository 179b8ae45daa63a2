/*
 * card-code.js: the child's card sign-in page (templates/accounts/card.html).
 *
 * 1. A card's QR code opens /accounts/card#code=K7Q-PM3-XD9. The fragment never reaches the
 *    server; this script copies it into the #code input, removes it from the address bar and
 *    history (history.replaceState), and moves focus to the "Let's go!" button (#card-submit).
 * 2. While the child types, the code is shown in capitals with a dash after every 3 characters.
 *    Typing is never blocked and the caret stays after the character just typed.
 *
 * Plain ES2017, no dependencies; loaded with <script defer> (the CSP forbids inline scripts).
 */
(function () {
  "use strict";

  var GROUP = 3;
  var SEPARATORS = /[\s\-\u2010-\u2015\u2212]/g; /* spaces, hyphens, dashes, minus */

  /* Count the characters that are not separators in value[0..end). */
  function significantBefore(value, end) {
    return value.slice(0, end).replace(SEPARATORS, "").length;
  }

  /* "k7qpm3 xd9" -> "K7Q-PM3-XD9" */
  function format(raw) {
    var clean = raw.replace(SEPARATORS, "").toUpperCase();
    var groups = [];
    for (var i = 0; i < clean.length; i += GROUP) {
      groups.push(clean.slice(i, i + GROUP));
    }
    return groups.join("-");
  }

  /* Position in a formatted value just after its n-th significant character. */
  function positionAfter(formatted, n) {
    if (n <= 0) {
      return 0;
    }
    var seen = 0;
    for (var i = 0; i < formatted.length; i += 1) {
      if (formatted[i] !== "-") {
        seen += 1;
        if (seen === n) {
          return i + 1;
        }
      }
    }
    return formatted.length;
  }

  function reformat(input) {
    var value = input.value;
    var formatted = format(value);
    if (formatted === value) {
      return;
    }
    var active = document.activeElement === input;
    var caret = active && input.selectionStart !== null ? input.selectionStart : value.length;
    var keep = significantBefore(value, caret);
    input.value = formatted;
    if (active) {
      /* Keep the caret after the same letter it followed (dashes do not count). */
      var pos = positionAfter(formatted, keep);
      try {
        input.setSelectionRange(pos, pos);
      } catch (err) {
        /* Some input types do not support selection; the value is still right. */
      }
    }
  }

  function codeFromHash() {
    var match = /^#code=([^&]*)/.exec(window.location.hash || "");
    if (!match) {
      return null;
    }
    try {
      return decodeURIComponent(match[1].replace(/\+/g, " "));
    } catch (err) {
      return match[1];
    }
  }

  function forgetHash() {
    if (window.history && typeof window.history.replaceState === "function") {
      var url = window.location.pathname + window.location.search;
      window.history.replaceState(window.history.state, document.title, url);
    }
  }

  function init() {
    var input = document.getElementById("code");
    var code = codeFromHash();

    if (code !== null) {
      /* Remove the code from the address bar and history even if the input is missing. */
      forgetHash();
      if (input) {
        input.value = format(code.trim());
        var submit = document.getElementById("card-submit");
        if (submit) {
          submit.focus();
        }
      }
    }

    if (!input) {
      return;
    }
    var composing = false;
    input.addEventListener("compositionstart", function () {
      composing = true;
    });
    input.addEventListener("compositionend", function () {
      composing = false;
      reformat(input);
    });
    input.addEventListener("input", function (event) {
      if (!composing && !event.isComposing) {
        reformat(input);
      }
    });
    /* If the browser autofilled or the page was restored, tidy the value once. */
    if (input.value) {
      reformat(input);
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
