// As-you-type suggestions of document numbers and titles, filled into the
// search box's <datalist>. Without JavaScript the form works the same.
(function () {
  "use strict";
  var input = document.querySelector("input[data-suggest-url]");
  if (!input || !window.fetch) return;
  var list = document.getElementById(input.getAttribute("list"));
  var timer = null;
  var last = "";
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () {
      var q = input.value.trim();
      if (q.length < 2 || q === last) return;
      last = q;
      fetch(input.dataset.suggestUrl + "?q=" + encodeURIComponent(q), { headers: { Accept: "application/json" } })
        .then(function (response) { return response.ok ? response.json() : { suggestions: [] }; })
        .then(function (data) {
          while (list.firstChild) list.removeChild(list.firstChild);
          data.suggestions.forEach(function (s) {
            var option = document.createElement("option");
            option.value = s.number || s.title;
            option.label = s.number ? s.number + " – " + s.title : s.title;
            list.appendChild(option);
          });
        })
        .catch(function () { /* offline or slow: the plain form still works */ });
    }, 200);
  });
})();
