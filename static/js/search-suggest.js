/* Suggested documents under every search box that has data-suggest-url (the
   header's, the home page's, the search page's): an ARIA 1.2 combobox with a
   listbox. Up and Down choose, Enter opens the chosen document, Escape closes
   the list. Without JavaScript the box is a plain search form. */
(function () {
  "use strict";
  if (!window.fetch) return;
  var DELAY = 200;

  function setUp(input, index) {
    var listId = (input.id || "search-box-" + index) + "-suggestions";
    var list = document.createElement("ul");
    list.id = listId;
    list.className = "suggest-list";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", input.dataset.suggestLabel || "");
    list.hidden = true;
    var status = document.createElement("p");
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    input.parentNode.classList.add("has-suggestions");
    input.insertAdjacentElement("afterend", list);
    list.insertAdjacentElement("afterend", status);

    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-controls", listId);
    input.setAttribute("aria-expanded", "false");

    var timer = null;
    var asked = 0;
    var active = -1;

    function options() { return list.querySelectorAll("[role=option]"); }

    function choose(position) {
      var all = options();
      all.forEach(function (option, i) {
        option.setAttribute("aria-selected", String(i === position));
      });
      active = position;
      if (position < 0) {
        input.removeAttribute("aria-activedescendant");
      } else {
        input.setAttribute("aria-activedescendant", all[position].id);
        all[position].scrollIntoView({ block: "nearest" });
      }
    }

    function close() {
      choose(-1);
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
    }

    function open() {
      if (!options().length) return;
      // right under the box, whatever else shares its row
      list.style.top = input.offsetTop + input.offsetHeight + "px";
      list.style.left = input.offsetLeft + "px";
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
    }

    function show(suggestions) {
      while (list.firstChild) list.removeChild(list.firstChild);
      suggestions.forEach(function (s, i) {
        var option = document.createElement("li");
        option.id = listId + "-" + i;
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        option.dataset.url = s.url;
        if (s.number) {
          var number = document.createElement("span");
          number.className = "suggest-list__number";
          number.textContent = s.number;
          option.appendChild(number);
          option.appendChild(document.createTextNode(" "));
        }
        option.appendChild(document.createTextNode(s.title));
        list.appendChild(option);
      });
      choose(-1);
      status.textContent = suggestions.length
        ? (input.dataset.suggestStatus || "{n}").replace("{n}", suggestions.length)
        : "";
      if (suggestions.length && document.activeElement === input) open(); else close();
    }

    function ask() {
      var q = input.value.trim();
      var ticket = ++asked;
      if (q.length < 2) { show([]); return; }
      fetch(input.dataset.suggestUrl + "?q=" + encodeURIComponent(q), {
        headers: { Accept: "application/json" }
      })
        .then(function (response) { return response.ok ? response.json() : { suggestions: [] }; })
        .then(function (data) { if (ticket === asked) show(data.suggestions || []); })
        .catch(function () { /* offline or slow: the plain form still works */ });
    }

    function go(option) {
      close();
      window.location.assign(option.dataset.url);
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(ask, DELAY);
    });
    input.addEventListener("keydown", function (event) {
      var count = options().length;
      var isOpen = !list.hidden;
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        if (!count) return;
        event.preventDefault();
        var down = event.key === "ArrowDown";
        if (!isOpen) { open(); choose(down ? 0 : count - 1); return; }
        choose(down ? (active + 1) % count : (active - 1 + count) % count);
      } else if (event.key === "Enter") {
        if (isOpen && active >= 0) { event.preventDefault(); go(options()[active]); }
      } else if (event.key === "Escape") {
        if (isOpen) { event.preventDefault(); event.stopPropagation(); close(); }
      }
    });
    input.addEventListener("blur", close);
    // mousedown would move the focus away (and close the list) before the click
    list.addEventListener("mousedown", function (event) { event.preventDefault(); });
    list.addEventListener("click", function (event) {
      var option = event.target.closest("[role=option]");
      if (option) go(option);
    });
  }

  document.querySelectorAll("input[data-suggest-url]").forEach(setUp);
})();
