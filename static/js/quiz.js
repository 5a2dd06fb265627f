/* Quiz page: saves each answer as it is given, says which answers are not saved
   yet (aria-live) and retries by itself with backoff; counts down the time limit
   and announces 5 and 1 minutes left. The server decides everything: this only
   sends what the learner chose. Without JavaScript the form still works. */
(function () {
  "use strict";
  var form = document.getElementById("quiz-form");
  if (!form || !window.fetch) { return; }
  var texts = document.getElementById("quiz-messages").dataset;
  var status = document.getElementById("quiz-status");
  var saveUrl = form.dataset.saveUrl;
  var csrf = form.querySelector("input[name=csrfmiddlewaretoken]").value;
  var pending = {};      // question token -> answer waiting to be sent
  var inFlight = {};     // question token -> true while a request is out
  var delay = 1000;      // backoff for retries, doubled up to 30 s
  var retryTimer = null;
  var closed = false;

  function fieldsetFor(token) {
    return form.querySelector('fieldset[data-question="' + token + '"]');
  }

  function answerOf(fieldset) {
    var selects = fieldset.querySelectorAll("select");
    if (selects.length) {
      return Array.prototype.map.call(selects, function (s) { return s.value; });
    }
    return Array.prototype.map.call(fieldset.querySelectorAll("input:checked"), function (i) {
      return i.value;
    });
  }

  function setState(token, text) {
    var el = form.querySelector('[data-state-for="' + token + '"]');
    if (el) { el.textContent = text; }
  }

  function unsaved() {
    return Object.keys(pending).concat(Object.keys(inFlight).filter(function (t) {
      return !(t in pending);
    }));
  }

  function announce() {
    var tokens = unsaved();
    if (!tokens.length) {
      status.textContent = texts.allSaved;
      return;
    }
    var numbers = tokens.map(function (t) { return fieldsetFor(t).dataset.number; });
    numbers.sort(function (a, b) { return a - b; });
    var text = texts.pending.replace("%s", numbers.join(", "));
    if (navigator.onLine === false) { text = texts.offline + " " + text; }
    status.textContent = text;
  }

  function scheduleRetry() {
    if (retryTimer || closed) { return; }
    retryTimer = window.setTimeout(function () {
      retryTimer = null;
      flush();
    }, delay);
    delay = Math.min(delay * 2, 30000);
  }

  function send(token) {
    var answer = pending[token];
    delete pending[token];
    inFlight[token] = true;
    setState(token, texts.saving);
    fetch(saveUrl, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrf },
      body: JSON.stringify({ question: token, answer: answer })
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (data) {
        return { response: response, data: data };
      });
    }).then(function (result) {
      delete inFlight[token];
      var response = result.response, data = result.data;
      if (response.ok) {
        delay = 1000;
        if (!(token in pending)) { setState(token, texts.saved); }
        if (data.seconds_left !== null && data.seconds_left !== undefined) { timer.update(data.seconds_left); }
      } else if (data.closed) {
        closed = true;
        status.textContent = data.error || texts.closed;
        if (data.result_url) { window.location.assign(data.result_url); }
        return;
      } else if (response.status === 429 || response.status >= 500) {
        if (!(token in pending)) { pending[token] = answer; }
        setState(token, texts.notSaved);
        scheduleRetry();
      } else {
        // Refused (400): say why; retrying the same answer would not help.
        setState(token, data.error || texts.notSaved);
      }
      announce();
      if (Object.keys(pending).length && !retryTimer) { flush(); }
    }).catch(function () {
      delete inFlight[token];
      if (!(token in pending)) { pending[token] = answer; }
      setState(token, texts.notSaved);
      announce();
      scheduleRetry();
    });
  }

  function flush() {
    Object.keys(pending).forEach(function (token) {
      if (!inFlight[token]) { send(token); }
    });
  }

  form.addEventListener("change", function (event) {
    var fieldset = event.target.closest("fieldset[data-question]");
    if (!fieldset || closed) { return; }
    var token = fieldset.dataset.question;
    pending[token] = answerOf(fieldset);
    setState(token, texts.notSaved);
    if (!inFlight[token]) { send(token); }
  });

  window.addEventListener("online", function () {
    delay = 1000;
    if (retryTimer) { window.clearTimeout(retryTimer); retryTimer = null; }
    flush();
  });
  window.addEventListener("offline", announce);

  form.addEventListener("submit", function () { closed = true; });

  // --- time limit ---------------------------------------------------------------
  var timer = (function () {
    var box = document.getElementById("quiz-timer");
    if (!box) { return { update: function () {} }; }
    var clock = document.getElementById("quiz-timer-clock");
    var live = document.getElementById("quiz-timer-announce");
    var end = Date.now() + Number(box.dataset.secondsLeft) * 1000;
    var said = {};
    function tick() {
      var left = Math.max(0, Math.round((end - Date.now()) / 1000));
      var minutes = Math.floor(left / 60), seconds = left % 60;
      clock.textContent = minutes + ":" + (seconds < 10 ? "0" : "") + seconds;
      if (left <= 300 && left > 60 && !said.five) {
        said.five = true;
        live.textContent = texts.minutesLeft.replace("%s", String(Math.ceil(left / 60)));
      } else if (left <= 60 && left > 0 && !said.one) {
        said.one = said.five = true;
        live.textContent = texts.oneMinuteLeft;
      } else if (left === 0 && !said.up && !closed) {
        said.up = true;
        live.textContent = texts.timeUp;
        closed = true;
        form.submit();
        return;
      }
      window.setTimeout(tick, 1000);
    }
    tick();
    return {
      update: function (secondsLeft) {
        var newEnd = Date.now() + secondsLeft * 1000;
        // Only follow the server when it moved the deadline (extra time granted).
        if (Math.abs(newEnd - end) > 5000) {
          end = newEnd;
          if (secondsLeft > 300) { said = {}; }
        }
      }
    };
  })();
})();
