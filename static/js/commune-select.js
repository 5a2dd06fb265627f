/* The commune select follows the province: choosing a province loads its communes.
   Without JavaScript, the "Show the communes" button does the same with a round trip. */
(function () {
  "use strict";
  document.querySelectorAll("select[data-commune-select]").forEach(function (province) {
    var commune = document.getElementById(province.dataset.communeSelect);
    if (!commune) return;
    var status = province.form.querySelector("[data-commune-status]");
    var url = commune.dataset.communesUrl;
    var placeholder = commune.options[0] ? commune.options[0].text : "";
    province.addEventListener("change", function () {
      commune.disabled = true;
      fetch(url + "?province=" + encodeURIComponent(province.value), {
        headers: { Accept: "application/json" },
        credentials: "same-origin",
      })
        .then(function (response) {
          if (!response.ok) throw new Error(response.status);
          return response.json();
        })
        .then(function (data) {
          commune.length = 0;
          var first = data.communes.length ? province.dataset.chooseCommune : province.dataset.chooseProvinceFirst;
          commune.add(new Option(first || placeholder, ""));
          data.communes.forEach(function (unit) { commune.add(new Option(unit.name, unit.id)); });
          if (status) status.textContent = province.dataset.loadedText.replace("%s", data.communes.length);
        })
        .catch(function () {
          if (status) status.textContent = province.dataset.errorText;
          var button = province.form.querySelector("[name=refresh_communes]");
          if (button) button.classList.remove("js-hidden");
        })
        .finally(function () { commune.disabled = false; });
    });
  });
})();
