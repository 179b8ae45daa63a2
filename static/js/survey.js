/*
 * survey.js: progressive enhancement of the survey pages (templates/surveys/). Every page works
 * without it: answers are sent with plain forms and saved by the server at every step.
 *
 * 1. Focus: on each new screen, focus moves to the error summary if there is one, else to the
 *    question heading (or the question named in the address's #fragment).
 * 2. Autosave: a text answer is saved when the child leaves the field (fetch POST to the form's
 *    data-autosave-url, CSRF token from <meta name="csrf-token"> in the X-CSRFToken header);
 *    "Saved" is announced politely. A failed save changes nothing: the Next button still saves.
 *    Leaving the field to send the form saves nothing extra (the form itself saves it).
 * 3. Character counter under long answers ("120 of 2000 characters used").
 * 4. Ranking: "move up" / "move down" buttons next to each answer; the number boxes stay the
 *    truth that is sent, and are renumbered 1, 2, 3 ... in the new order.
 *
 * Plain ES2017, no dependencies; loaded with <script defer> (the CSP forbids inline scripts).
 */
(function () {
  "use strict";

  var SVG = "http://www.w3.org/2000/svg";

  function all(selector, root) {
    return Array.prototype.slice.call((root || document).querySelectorAll(selector));
  }

  /* 1. Focus ------------------------------------------------------------------------------ */
  function focusStart() {
    var active = document.activeElement;
    if (active && active !== document.body && active !== document.documentElement) {
      return; /* the child is already somewhere (typing before this script arrived): stay there */
    }
    var summary = document.querySelector("[data-error-summary]");
    if (summary) {
      summary.focus();
      return;
    }
    var target = null;
    if (window.location.hash.length > 1) {
      var question = document.getElementById(decodeURIComponent(window.location.hash.slice(1)));
      target = question ? question.querySelector("[data-question-heading]") : null;
    }
    target = target || document.querySelector("[data-question-heading]");
    if (target) {
      target.focus();
    }
  }

  /* 2. Autosave --------------------------------------------------------------------------- */
  function csrfToken(form) {
    var meta = document.querySelector('meta[name="csrf-token"]');
    if (meta && meta.content) {
      return meta.content;
    }
    var hidden = form.querySelector('input[name="csrf_token"]');
    return hidden ? hidden.value : "";
  }

  function announce(form, text) {
    var status = form.querySelector("[data-save-status]");
    if (status) {
      status.textContent = "";
      window.setTimeout(function () {
        status.textContent = text;
      }, 50);
    }
  }

  function autosave(form, field) {
    if (field.value === field.getAttribute("data-last-saved")) {
      return;
    }
    var data = new FormData();
    data.append("question", field.getAttribute("data-question"));
    data.append(field.name, field.value);
    var value = field.value;
    window
      .fetch(form.getAttribute("data-autosave-url"), {
        method: "POST",
        body: data,
        credentials: "same-origin",
        headers: { "X-CSRFToken": csrfToken(form), Accept: "application/json" },
      })
      .then(function (response) {
        var json = (response.headers.get("Content-Type") || "").indexOf("application/json") === 0;
        return (json ? response.json() : Promise.resolve({})).then(function (body) {
          if (response.ok && body.ok) {
            field.setAttribute("data-last-saved", value);
            announce(form, body.message || form.querySelector("[data-save-status]").getAttribute("data-saved"));
          } else if (body.message) {
            announce(form, body.message);
          }
        });
      })
      .catch(function () {
        /* Offline or the server is busy: the Next button will save it. */
      });
  }

  function setUpAutosave(form) {
    if (!form.getAttribute("data-autosave-url") || !window.fetch || !window.FormData) {
      return;
    }
    /* Leaving a field by pressing Next or Back sends the form anyway: an autosave racing that
       request would only answer late with an older session cookie. So a blur towards one of the
       form's buttons saves nothing, and other blurs wait a moment in case the form is sent. */
    var pending = null;
    form.addEventListener("submit", function () {
      window.clearTimeout(pending);
      form.setAttribute("data-sending", "true");
    });
    window.addEventListener("pageshow", function () {
      form.removeAttribute("data-sending"); /* back from the browser's page cache */
    });
    all("[data-autosave]", form).forEach(function (field) {
      /* What the server already has: the value the page was sent with, not what may have been typed since. */
      field.setAttribute("data-last-saved", field.defaultValue);
      field.addEventListener("blur", function (event) {
        var next = event.relatedTarget;
        if (next && next.form === form && next.type === "submit") {
          return;
        }
        window.clearTimeout(pending);
        pending = window.setTimeout(function () {
          if (!form.hasAttribute("data-sending")) {
            autosave(form, field);
          }
        }, 300);
      });
    });
  }

  /* 3. Character counter ------------------------------------------------------------------ */
  function setUpCounter(field) {
    var counter = document.getElementById(field.getAttribute("data-counter"));
    if (!counter) {
      return;
    }
    var template = counter.getAttribute("data-template");
    function update() {
      counter.textContent = template.replace("{count}", String(field.value.length));
    }
    field.addEventListener("input", update);
    update();
  }

  /* 4. Ranking ---------------------------------------------------------------------------- */
  function arrow(up) {
    var svg = document.createElementNS(SVG, "svg");
    svg.setAttribute("class", "icon");
    svg.setAttribute("viewBox", "0 0 24 24");
    svg.setAttribute("aria-hidden", "true");
    svg.setAttribute("focusable", "false");
    var path = document.createElementNS(SVG, "path");
    path.setAttribute("d", up ? "M6 15l6-6 6 6" : "M6 9l6 6 6-6");
    path.setAttribute("fill", "none");
    path.setAttribute("stroke", "currentColor");
    path.setAttribute("stroke-width", "2.5");
    path.setAttribute("stroke-linecap", "round");
    path.setAttribute("stroke-linejoin", "round");
    svg.appendChild(path);
    return svg;
  }

  function setUpRanking(list) {
    if (list.querySelector("select:disabled")) {
      return; /* read-only (a closed survey) or the builder's preview */
    }
    var places = parseInt(list.getAttribute("data-places"), 10) || list.children.length;
    var status = list.parentNode.querySelector("[data-ranking-status]");
    var items = function () {
      return Array.prototype.slice.call(list.children);
    };
    var rankOf = function (item) {
      return parseInt(item.querySelector("select").value, 10) || Infinity;
    };
    /* Show the ranked answers first, in their order, then the others as the survey lists them. */
    items()
      .map(function (item, index) {
        return { item: item, index: index, rank: rankOf(item) };
      })
      .sort(function (a, b) {
        return a.rank === b.rank ? a.index - b.index : a.rank < b.rank ? -1 : 1;
      })
      .forEach(function (entry) {
        list.appendChild(entry.item);
      });

    function renumber() {
      items().forEach(function (item, index) {
        item.querySelector("select").value = index < places ? String(index + 1) : "";
      });
    }

    function move(item, offset, button) {
      var siblings = items();
      var index = siblings.indexOf(item);
      var target = index + offset;
      if (target < 0 || target >= siblings.length) {
        return;
      }
      if (offset < 0) {
        list.insertBefore(item, siblings[target]);
      } else {
        list.insertBefore(item, siblings[target].nextSibling);
      }
      renumber();
      button.focus();
      if (status) {
        var label = item.querySelector(".ranking-item__label").textContent.trim();
        var place = item.querySelector("select").value || "—";
        status.textContent = list
          .getAttribute("data-moved-template")
          .replace("{answer}", label)
          .replace("{place}", place);
      }
    }

    items().forEach(function (item) {
      var label = item.querySelector(".ranking-item__label");
      var group = document.createElement("span");
      group.className = "ranking-item__moves";
      [
        [-1, list.getAttribute("data-up-label")],
        [1, list.getAttribute("data-down-label")],
      ].forEach(function (pair) {
        var button = document.createElement("button");
        button.type = "button";
        button.className = "btn btn--secondary ranking-move";
        button.appendChild(arrow(pair[0] < 0));
        var text = document.createElement("span");
        text.className = "visually-hidden";
        text.textContent = pair[1];
        button.appendChild(text);
        if (label && label.id) {
          button.setAttribute("aria-describedby", label.id);
        }
        button.addEventListener("click", function () {
          move(item, pair[0], button);
        });
        group.appendChild(button);
      });
      item.appendChild(group);
    });
  }

  function start() {
    all("form[data-autosave-url]").forEach(setUpAutosave);
    all("textarea[data-counter]").forEach(setUpCounter);
    all("[data-ranking]").forEach(setUpRanking);
    focusStart();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
