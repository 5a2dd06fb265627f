/* Quiz page that survives a weak connection.

   - Every answer is written to localStorage (key "quiz:<attempt id>") the moment it
     is given, then sent to the server; answers not acknowledged yet are restored
     into the form after a reload or on the next visit, and sent again with backoff.
   - Submitting while offline is held on the page (and in localStorage) and sent by
     itself when the connection returns or on the next visit; the server grades an
     attempt once, whatever arrives twice.
   - A sticky bar at the bottom says the connection state and which answers are not
     sent yet (aria-live); unanswered questions are listed in a dialog before
     submitting (without JavaScript the server asks on a page of its own).
   The server clock rules: answers arriving after the deadline + grace are refused
   there, and the page says so before. Without JavaScript the form still works. */
(function () {
  "use strict";
  var form = document.getElementById("quiz-form");
  if (!form || !window.fetch) { return; }
  var texts = document.getElementById("quiz-messages").dataset;
  var bar = document.getElementById("quiz-bar");
  var status = document.getElementById("quiz-status");
  var connection = document.getElementById("quiz-connection");
  var dialog = document.getElementById("quiz-confirm");
  var saveUrl = form.dataset.saveUrl;
  var csrf = form.querySelector("input[name=csrfmiddlewaretoken]").value;
  var key = "quiz:" + form.dataset.attempt;
  var inFlight = {};     // question token -> true while a request is out
  var delay = 1000;      // backoff for retries, doubled up to 30 s
  var retryTimer = null;
  var submitting = false;
  var closed = false;

  // --- the copy kept in the browser ------------------------------------------------
  function load() {
    var empty = { answers: {}, unsynced: {}, submit: false };
    try {
      var data = JSON.parse(window.localStorage.getItem(key) || "null");
      if (data && typeof data.answers === "object" && typeof data.unsynced === "object") {
        return data;
      }
    } catch (error) { /* storage refused or damaged: start empty */ }
    return empty;
  }
  var store = load();

  function persist() {
    try { window.localStorage.setItem(key, JSON.stringify(store)); } catch (error) { /* full */ }
  }

  function forget() {
    try { window.localStorage.removeItem(key); } catch (error) { /* nothing kept */ }
  }

  // --- the form --------------------------------------------------------------------
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

  function apply(fieldset, answer) {
    var selects = fieldset.querySelectorAll("select");
    if (selects.length) {
      Array.prototype.forEach.call(selects, function (s, i) { s.value = answer[i] || ""; });
      return;
    }
    Array.prototype.forEach.call(fieldset.querySelectorAll("input"), function (input) {
      input.checked = answer.indexOf(input.value) !== -1;
    });
  }

  function setState(token, text) {
    var el = form.querySelector('[data-state-for="' + token + '"]');
    if (el) { el.textContent = text; }
  }

  function unsynced() {
    return Object.keys(store.unsynced).filter(function (t) { return fieldsetFor(t); });
  }

  function unanswered() {
    return Array.prototype.filter.call(form.querySelectorAll("fieldset[data-question]"), function (f) {
      return !answerOf(f).some(function (value) { return value; });
    });
  }

  // --- the bottom bar --------------------------------------------------------------
  function render() {
    var online = navigator.onLine !== false;
    bar.dataset.state = online ? "online" : "offline";
    connection.textContent = online ? texts.online : texts.offlineShort;
    var parts = [];
    var tokens = unsynced();
    if (submitting) {
      parts.push(online ? texts.submitting : texts.submitHeld);
    } else if (!tokens.length) {
      parts.push(texts.allSaved);
    } else {
      var numbers = tokens.map(function (t) { return Number(fieldsetFor(t).dataset.number); });
      numbers.sort(function (a, b) { return a - b; });
      parts.push(texts.unsentCount.replace("%s", String(tokens.length)));
      parts.push(texts.pending.replace("%s", numbers.join(", ")));
      if (!online) { parts.unshift(texts.offline); }
    }
    if (!online && form.dataset.acceptUntil) {
      parts.push(texts.lateRule.replace("%s", form.dataset.acceptUntilText));
    }
    status.textContent = parts.join(" ");
  }

  // --- saving ----------------------------------------------------------------------
  function scheduleRetry() {
    if (retryTimer || closed) { return; }
    retryTimer = window.setTimeout(function () {
      retryTimer = null;
      flush();
      if (store.submit) { trySubmit(); }
    }, delay);
    delay = Math.min(delay * 2, 30000);
  }

  function leave(url) {
    closed = true;
    forget();
    window.location.assign(url);
  }

  function send(token) {
    var sent = JSON.stringify(store.answers[token] || []);
    inFlight[token] = true;
    setState(token, texts.saving);
    fetch(saveUrl, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrf },
      body: JSON.stringify({ question: token, answer: JSON.parse(sent) })
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (data) {
        return { response: response, data: data };
      });
    }).then(function (result) {
      delete inFlight[token];
      var response = result.response, data = result.data;
      var changed = JSON.stringify(store.answers[token] || []) !== sent;
      if (response.ok) {
        delay = 1000;
        if (!changed) {
          delete store.unsynced[token];
          persist();
          setState(token, texts.saved);
        }
        if (data.seconds_left !== null && data.seconds_left !== undefined) { timer.update(data.seconds_left); }
      } else if (data.closed) {
        status.textContent = data.error || texts.closed;
        if (data.result_url) { leave(data.result_url); }
        closed = true;
        return;
      } else if (response.status === 429 || response.status >= 500) {
        setState(token, texts.notSaved);
        scheduleRetry();
      } else {
        // Refused (400): say why; retrying the same answer would not help.
        delete store.unsynced[token];
        persist();
        setState(token, data.error || texts.notSaved);
      }
      render();
      if (changed) { send(token); }
      if (store.submit) { trySubmit(); }
    }).catch(function () {
      delete inFlight[token];
      setState(token, texts.notSaved);
      render();
      scheduleRetry();
    });
  }

  function flush() {
    unsynced().forEach(function (token) {
      if (!inFlight[token]) { send(token); }
    });
  }

  form.addEventListener("change", function (event) {
    var fieldset = event.target.closest("fieldset[data-question]");
    if (!fieldset || closed) { return; }
    var token = fieldset.dataset.question;
    store.answers[token] = answerOf(fieldset);
    store.unsynced[token] = true;
    persist();
    setState(token, texts.notSaved);
    render();
    if (!inFlight[token]) { send(token); }
  });

  // --- submitting ------------------------------------------------------------------
  function trySubmit() {
    if (closed || !store.submit || navigator.onLine === false) { render(); return; }
    if (submitting === "sending") { return; }
    submitting = "sending";
    render();
    var body = new FormData(form);
    body.set("confirm", "1");
    fetch(form.action, { method: "POST", credentials: "same-origin", body: body })
      .then(function (response) {
        submitting = true;
        if (response.ok && response.redirected) {
          leave(response.url);
        } else if (response.status === 429 || response.status >= 500) {
          status.textContent = texts.submitFailed;
          scheduleRetry();
        } else {
          // The server refused the submission: let it explain on its own page.
          closed = true;
          forget();
          var confirm = document.createElement("input");
          confirm.type = "hidden"; confirm.name = "confirm"; confirm.value = "1";
          form.appendChild(confirm);
          HTMLFormElement.prototype.submit.call(form);
        }
      })
      .catch(function () {
        submitting = true;
        render();
        scheduleRetry();
      });
  }

  function submitNow() {
    store.submit = true;
    persist();
    submitting = true;
    render();
    trySubmit();
  }

  function openConfirm(missing) {
    var list = document.getElementById("quiz-confirm-list");
    list.textContent = "";
    missing.forEach(function (fieldset) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = "#" + fieldset.id;
      link.textContent = texts.question.replace("%s", fieldset.dataset.number);
      link.addEventListener("click", function () { dialog.close(); });
      item.appendChild(link);
      var legend = fieldset.querySelector("legend").cloneNode(true);
      var number = legend.querySelector(".question__number");
      if (number) { number.remove(); }
      item.appendChild(document.createTextNode(": " + legend.textContent.trim()));
      list.appendChild(item);
    });
    document.getElementById("quiz-confirm-count").textContent =
      texts.missing.replace("%s", String(missing.length));
    dialog.showModal();
  }

  if (dialog && dialog.showModal) {
    document.getElementById("quiz-confirm-back").addEventListener("click", function () {
      dialog.close();
      var first = unanswered()[0];
      var input = first && first.querySelector("input, select");
      if (input) { input.focus(); }
    });
    document.getElementById("quiz-confirm-submit").addEventListener("click", function () {
      dialog.close();
      submitNow();
    });
  }

  form.addEventListener("submit", function (event) {
    if (!dialog || !dialog.showModal) { return; }  // the server asks instead
    event.preventDefault();
    if (closed || submitting) { return; }
    var missing = unanswered();
    if (missing.length) { openConfirm(missing); return; }
    submitNow();
  });

  window.addEventListener("online", function () {
    delay = 1000;
    if (retryTimer) { window.clearTimeout(retryTimer); retryTimer = null; }
    render();
    flush();
    trySubmit();
  });
  window.addEventListener("offline", render);

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
        submitNow();
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

  // --- start: restore what the server has not acknowledged, resume a held submit ----
  unsynced().forEach(function (token) {
    apply(fieldsetFor(token), store.answers[token] || []);
    setState(token, texts.notSaved);
  });
  bar.hidden = false;
  if (store.submit) { submitting = true; }
  render();
  flush();
  if (store.submit) { trySubmit(); }
})();
