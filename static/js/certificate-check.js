/* Checks a certificate's signed payload (CB1.<key id>.<body>.<signature>, see
   learning/signing.py) on this device with WebCrypto Ed25519, against the portal's
   published public keys, and looks its code up in the signed revocation list. The keys
   and the list are kept (service worker cache and localStorage), so the check works
   offline once the page has been opened; the page says how old the list is. */
(function () {
  "use strict";
  var root = document.getElementById("signature-check");
  if (!root) { return; }
  var t = root.dataset;
  var result = document.getElementById("signature-check-result");
  var listLine = document.getElementById("signature-check-list");
  var form = document.getElementById("signature-check-form");
  var PAYLOAD = /CB1\.[A-Za-z0-9_-]{1,32}\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+/;

  if ("serviceWorker" in navigator) {
    navigator.serviceWorker.register(t.workerUrl, { scope: "/" }).catch(function () {});
  }

  function b64decode(text) {
    var base = text.replace(/-/g, "+").replace(/_/g, "/");
    while (base.length % 4) { base += "="; }
    var binary = atob(base), bytes = new Uint8Array(binary.length);
    for (var i = 0; i < binary.length; i++) { bytes[i] = binary.charCodeAt(i); }
    return bytes;
  }

  function b64encode(bytes) {
    var binary = "";
    bytes.forEach(function (b) { binary += String.fromCharCode(b); });
    return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }

  // The newest copy: the network when it answers, else what this device kept.
  function fetchKept(url, name) {
    return fetch(url, { credentials: "omit" }).then(function (response) {
      if (!response.ok) { throw new Error(String(response.status)); }
      return response.json();
    }).then(function (data) {
      try { localStorage.setItem(name, JSON.stringify(data)); } catch (e) { /* full */ }
      return data;
    }).catch(function () {
      try { return JSON.parse(localStorage.getItem(name) || "null"); } catch (e) { return null; }
    });
  }

  function importKey(jwk) {
    return crypto.subtle.importKey(
      "jwk", { kty: "OKP", crv: "Ed25519", x: jwk.x }, { name: "Ed25519" }, false, ["verify"]
    );
  }

  function checkSigned(keys, keyId, signedText, signature) {
    var jwk = (keys && keys.keys || []).filter(function (k) { return k.kid === keyId; })[0];
    if (!jwk) { return Promise.resolve(null); }
    return importKey(jwk).then(function (key) {
      return crypto.subtle.verify({ name: "Ed25519" }, key, b64decode(signature),
        new TextEncoder().encode(signedText));
    });
  }

  var ready = Promise.all([
    fetchKept(t.keysUrl, "certificate-keys"),
    fetchKept(t.revocationsUrl, "certificate-revocations")
  ]).then(function (loaded) {
    var keys = loaded[0], list = loaded[1];
    if (!keys || !list) { return { keys: keys, list: null }; }
    return checkSigned(keys, list.key_id, "CB1." + list.key_id + "." + list.body, list.signature)
      .then(function (ok) {
        if (!ok) { return { keys: keys, list: null }; }
        return { keys: keys, list: JSON.parse(new TextDecoder().decode(b64decode(list.body))) };
      }).catch(function () { return { keys: keys, list: null }; });
  });

  function describeList(list) {
    if (!list) { listLine.textContent = t.noList; return; }
    var issued = new Date(list.issued_at);
    var lang = document.documentElement.lang || "vi";
    var minutes = Math.round((issued.getTime() - Date.now()) / 60000);
    var rtf = new Intl.RelativeTimeFormat(lang, { numeric: "auto" });
    var age = Math.abs(minutes) < 60 ? rtf.format(minutes, "minute")
      : Math.abs(minutes) < 2880 ? rtf.format(Math.round(minutes / 60), "hour")
      : rtf.format(Math.round(minutes / 1440), "day");
    listLine.textContent = t.listAge.replace("%s", issued.toLocaleString(lang) + ", " + age);
  }

  function show(kind, message, facts) {
    root.hidden = false;
    root.className = "signature-check signature-check--" + kind;
    result.textContent = "";
    var p = document.createElement("p");
    p.className = "signature-check__verdict";
    var strong = document.createElement("strong");
    strong.textContent = message;
    p.appendChild(strong);
    result.appendChild(p);
    if (!facts) { return; }
    var dl = document.createElement("dl");
    dl.className = "certificate-facts";
    facts.forEach(function (pair) {
      var dt = document.createElement("dt"), dd = document.createElement("dd");
      dt.textContent = pair[0]; dd.textContent = pair[1];
      dl.appendChild(dt); dl.appendChild(dd);
    });
    result.appendChild(dl);
  }

  function formatCode(code) { return code.match(/.{1,4}/g).join("-"); }

  function check(text) {
    var match = PAYLOAD.exec(text || "");
    if (!match) { show("invalid", t.unreadable); return; }
    if (!window.crypto || !crypto.subtle) { show("invalid", t.unsupported); return; }
    result.textContent = t.checking;
    var parts = match[0].split(".");
    ready.then(function (state) {
      if (!state.keys) { show("invalid", t.noKeys); return; }
      describeList(state.list);
      return checkSigned(state.keys, parts[1], parts.slice(0, 3).join("."), parts[3])
        .then(function (ok) {
          if (ok === null) { show("invalid", t.unknownKey); return; }
          if (!ok) { show("invalid", t.altered); return; }
          var body;
          try { body = JSON.parse(new TextDecoder().decode(b64decode(parts[2]))); }
          catch (e) { show("invalid", t.unreadable); return; }
          var facts = [
            [t.labelName, body.n], [t.labelCourse, body.k], [t.labelIssued, body.i],
            [t.labelExpires, body.e || t.noExpiry], [t.labelCode, formatCode(body.c)]
          ];
          return crypto.subtle.digest("SHA-256", new TextEncoder().encode(body.c)).then(function (hash) {
            var digest = b64encode(new Uint8Array(hash).slice(0, 16));
            var lines = [t.valid.replace("%s", parts[1])];
            var kind = "valid";
            if (state.list && state.list.revoked.indexOf(digest) !== -1) {
              lines.push(t.revoked); kind = "invalid";
            } else if (state.list) {
              lines.push(t.notRevoked);
            }
            if (body.e && body.e < new Date().toISOString().slice(0, 10)) {
              lines.push(t.expired.replace("%s", body.e)); kind = "invalid";
            }
            show(kind, lines.join(" "), facts);
          });
        });
    }).catch(function () { show("invalid", t.unsupported); });
  }

  if (form) {
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      check(document.getElementById("signature-payload").value);
    });
  }
  var fromAddress = decodeURIComponent(window.location.hash.slice(1));
  if (fromAddress) {
    if (form) { document.getElementById("signature-payload").value = fromAddress; }
    check(fromAddress);
  } else {
    ready.then(function (state) { describeList(state.list); });
  }
})();
