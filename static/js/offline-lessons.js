/* Lessons without a connection (Kolibri-style, for enrolled learners):
   - on a course page, "download for offline" says the size first, then keeps the
     course and lesson pages (as this learner sees them), their images at phone size and
     styles in the "learner-offline" cache that the service worker answers from when
     the network fails;
   - "mark as done" pressed offline is kept on this device and sent when the
     connection returns (or on the next page opened online).
   Signing out empties all of it (Clear-Site-Data). Without JavaScript nothing changes. */
(function () {
  "use strict";
  var QUEUE = "lesson-done-queue";
  var CACHE = "learner-offline";
  var messages = document.getElementById("offline-messages");
  if (!messages) { return; }
  var t = messages.dataset;

  if ("serviceWorker" in navigator) {
    navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch(function () {});
  }

  function megabytes(bytes) {
    var lang = document.documentElement.lang || "vi";
    if (bytes < 1024 * 1024) {
      return new Intl.NumberFormat(lang, { maximumFractionDigits: 0 }).format(Math.max(1, bytes / 1024)) + " KB";
    }
    return new Intl.NumberFormat(lang, { maximumFractionDigits: 1 }).format(bytes / 1048576) + " MB";
  }

  // --- "mark as done" made offline ---------------------------------------------------
  function queue() {
    try { return JSON.parse(localStorage.getItem(QUEUE) || "[]"); } catch (e) { return []; }
  }
  function saveQueue(items) {
    try { localStorage.setItem(QUEUE, JSON.stringify(items)); } catch (e) { /* full */ }
  }

  var sending = false;
  function sendQueue() {
    var items = queue();
    if (!items.length || sending || navigator.onLine === false) { return; }
    sending = true;
    var item = items[0];
    var body = new FormData();
    body.set("csrfmiddlewaretoken", item.csrf);
    fetch(item.action, { method: "POST", credentials: "same-origin", body: body })
      .then(function (response) {
        sending = false;
        if (response.ok || response.status === 404 || response.status === 403) {
          // Sent (or no longer possible: the course or enrolment is gone).
          saveQueue(queue().filter(function (other) { return other.action !== item.action; }));
          document.querySelectorAll("form[data-offline-done]").forEach(function (form) {
            if (form.action === item.action) { form.querySelector(".lesson__offline-note").textContent = t.doneSynced; }
          });
          sendQueue();
        }
      })
      .catch(function () { sending = false; });
  }

  document.querySelectorAll("form[data-offline-done]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      if (navigator.onLine !== false) { return; }  // online: the ordinary post
      event.preventDefault();
      var items = queue().filter(function (other) { return other.action !== form.action; });
      items.push({ action: form.action, csrf: form.querySelector("[name=csrfmiddlewaretoken]").value });
      saveQueue(items);
      form.querySelector(".lesson__offline-note").textContent = t.doneQueued;
      form.querySelector("button").disabled = true;
    });
  });
  window.addEventListener("online", sendQueue);
  sendQueue();

  // --- download a course -------------------------------------------------------------
  var box = document.getElementById("offline-download");
  if (!box || !window.caches) { return; }
  var button = document.getElementById("offline-download-button");
  var size = document.getElementById("offline-download-size");
  var status = document.getElementById("offline-download-status");
  var bundle = null;

  fetch(box.dataset.listUrl, { credentials: "same-origin" })
    .then(function (response) { if (!response.ok) { throw new Error(); } return response.json(); })
    .then(function (data) {
      bundle = data;
      size.textContent = t.size.replace("%s", megabytes(data.bytes)).replace("%n", String(data.pages.length - 1));
      box.hidden = false;
    })
    .catch(function () { /* offline or not enrolled: nothing to offer */ });

  button.addEventListener("click", function () {
    if (!bundle) { return; }
    button.disabled = true;
    status.textContent = t.downloading;
    caches.open(CACHE).then(function (cache) {
      var done = 0;
      return Promise.all(bundle.files.map(function (file) {
        return fetch(file.url, { credentials: "same-origin" }).then(function (response) {
          if (!response.ok) { throw new Error(file.url); }
          done += 1;
          return cache.put(file.url, response);
        });
      })).then(function () { return done; });
    }).then(function () {
      status.textContent = t.downloaded.replace("%s", megabytes(bundle.bytes));
      button.disabled = false;
    }).catch(function () {
      status.textContent = t.downloadFailed;
      button.disabled = false;
    });
  });
})();
