/*
 * read-aloud.js: "read aloud" buttons on survey questions and answers (templates/surveys/_question.html).
 *
 * Each button is rendered `hidden` with data-read-aloud="<id of the element to read>". This script
 * reveals the buttons only when the browser has window.speechSynthesis AND a voice for the page's
 * language (<html lang="vi"> needs a voice whose lang starts with "vi"; "en" one starting with "en").
 * Voices often arrive late, so it also listens for "voiceschanged". Without a voice the buttons stay
 * hidden: nothing is announced that cannot work.
 *
 * While speaking, the button has aria-pressed="true"; pressing it again stops. Speech is cancelled
 * when the page is left (pagehide), so it never runs on into the next screen.
 *
 * Plain ES2017, no dependencies; loaded with <script defer> (the CSP forbids inline scripts).
 */
(function () {
  "use strict";

  var synth = window.speechSynthesis;
  if (!synth || typeof window.SpeechSynthesisUtterance !== "function") {
    return;
  }
  var language = (document.documentElement.lang || "vi").toLowerCase().slice(0, 2);
  var voice = null;
  var speakingButton = null;

  function buttons() {
    return Array.prototype.slice.call(document.querySelectorAll("button[data-read-aloud]"));
  }

  function findVoice() {
    var voices = synth.getVoices() || [];
    var matching = voices.filter(function (v) {
      return (v.lang || "").toLowerCase().replace("_", "-").indexOf(language) === 0;
    });
    /* Prefer a voice on this device over a network one, then the browser's default. */
    matching.sort(function (a, b) {
      return (b.localService ? 2 : 0) + (b.default ? 1 : 0) - ((a.localService ? 2 : 0) + (a.default ? 1 : 0));
    });
    return matching[0] || null;
  }

  function setPressed(button, pressed) {
    if (button) {
      button.setAttribute("aria-pressed", pressed ? "true" : "false");
    }
  }

  function stop() {
    setPressed(speakingButton, false);
    speakingButton = null;
    synth.cancel();
  }

  function textOf(button) {
    var target = document.getElementById(button.getAttribute("data-read-aloud"));
    return target ? target.textContent.replace(/\s+/g, " ").trim() : "";
  }

  function speak(button) {
    var wasSpeaking = speakingButton === button;
    stop();
    if (wasSpeaking) {
      return;
    }
    var text = textOf(button);
    if (!text || !voice) {
      return;
    }
    var utterance = new window.SpeechSynthesisUtterance(text);
    utterance.voice = voice;
    utterance.lang = voice.lang;
    utterance.rate = 0.9; /* a little slower: the youngest readers are six */
    utterance.onend = utterance.onerror = function () {
      if (speakingButton === button) {
        setPressed(button, false);
        speakingButton = null;
      }
    };
    speakingButton = button;
    setPressed(button, true);
    synth.speak(utterance);
  }

  function reveal() {
    voice = findVoice();
    buttons().forEach(function (button) {
      button.hidden = !voice;
    });
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest("button[data-read-aloud]") : null;
    if (button) {
      event.preventDefault();
      speak(button);
    }
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && speakingButton) {
      stop();
    }
  });
  window.addEventListener("pagehide", stop);
  window.addEventListener("beforeunload", stop);
  if (typeof synth.addEventListener === "function") {
    synth.addEventListener("voiceschanged", reveal);
  } else {
    synth.onvoiceschanged = reveal;
  }
  reveal();
})();
