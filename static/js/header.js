/* Phone header: the Menu and Search buttons open their panel in place.
   Without JavaScript they are links (to the menu further down, to the search page). */
(function () {
  "use strict";
  var header = document.querySelector("[data-site-header]");
  if (!header) return;
  var toggles = header.querySelectorAll("[data-toggle]");
  function close(except) {
    toggles.forEach(function (other) {
      if (other !== except) {
        other.setAttribute("aria-expanded", "false");
        document.getElementById(other.dataset.toggle).classList.remove("is-open");
      }
    });
  }
  toggles.forEach(function (toggle) {
    var panel = document.getElementById(toggle.dataset.toggle);
    if (!panel) return;
    toggle.setAttribute("role", "button");
    toggle.setAttribute("aria-expanded", "false");
    toggle.addEventListener("click", function (event) {
      event.preventDefault();
      var open = toggle.getAttribute("aria-expanded") !== "true";
      close(toggle);
      toggle.setAttribute("aria-expanded", String(open));
      panel.classList.toggle("is-open", open);
      if (open) {
        var first = panel.querySelector("input, a, button");
        if (first) first.focus();
      }
    });
    toggle.addEventListener("keydown", function (event) {
      if (event.key === " ") { event.preventDefault(); toggle.click(); }
    });
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") {
      var open = header.querySelector("[data-toggle][aria-expanded='true']");
      if (open) { close(null); open.focus(); }
    }
  });
})();
