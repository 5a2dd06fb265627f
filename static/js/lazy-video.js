/* Lazy videos: nothing is loaded from YouTube or Vimeo until the visitor presses
   the button. Without JavaScript the button stays a plain link to the video. */
(function () {
  "use strict";

  function play(figure, button) {
    var iframe = document.createElement("iframe");
    iframe.src = figure.getAttribute("data-video-embed");
    iframe.title = figure.getAttribute("data-video-title") || "";
    iframe.allow = "autoplay; encrypted-media; fullscreen; picture-in-picture";
    iframe.setAttribute("allowfullscreen", "");
    iframe.className = "video__frame";
    button.replaceWith(iframe);
    iframe.focus();
  }

  function enhance(figure) {
    if (figure.getAttribute("data-video-ready")) {
      return;
    }
    figure.setAttribute("data-video-ready", "1");
    var link = figure.querySelector(".video__start");
    if (!link) {
      return;
    }
    var button = document.createElement("button");
    button.type = "button";
    button.className = link.className;
    while (link.firstChild) {
      button.appendChild(link.firstChild);
    }
    link.replaceWith(button);
    button.addEventListener("click", function () {
      play(figure, button);
    });
  }

  function init() {
    document.querySelectorAll("[data-video-embed]").forEach(enhance);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
