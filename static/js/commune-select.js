/* The commune select follows the province: choosing a province loads its communes.
   Without JavaScript, the "Show the communes" button does the same with a round trip.
   The search by a former commune's name (before 1 July 2025) asks the JSON endpoint
   and lists what it finds; "Choose this commune" sets the province and commune
   selects. Without JavaScript both are round trips that save nothing. */
(function () {
  "use strict";

  function getJSON(url) {
    return fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) {
        return response.json().catch(function () { return {}; }).then(function (data) {
          if (!response.ok && !data.error) throw new Error(response.status);
          return data;
        });
      });
  }

  function communeSelect(province) {
    var commune = document.getElementById(province.dataset.communeSelect);
    if (!commune) return;
    var status = province.form.querySelector("[data-commune-status]");
    var url = commune.dataset.communesUrl;
    var placeholder = commune.options[0] ? commune.options[0].text : "";

    function load(chosen) {
      commune.disabled = true;
      return getJSON(url + "?province=" + encodeURIComponent(province.value))
        .then(function (data) {
          if (!data.communes) throw new Error("no communes");
          commune.length = 0;
          var first = data.communes.length ? province.dataset.chooseCommune : province.dataset.chooseProvinceFirst;
          commune.add(new Option(first || placeholder, ""));
          data.communes.forEach(function (unit) { commune.add(new Option(unit.name, unit.id)); });
          if (chosen) commune.value = String(chosen);
          else if (status) status.textContent = province.dataset.loadedText.replace("%s", data.communes.length);
        })
        .catch(function (error) {
          if (status) status.textContent = province.dataset.errorText;
          var button = province.form.querySelector("[name=refresh_communes]");
          if (button) button.classList.remove("js-hidden");
          throw error;
        })
        .finally(function () { commune.disabled = false; });
    }

    province.addEventListener("change", function () { load().catch(function () {}); });
    return { province: province, commune: commune, load: load };
  }

  function formerSearch(input, selects) {
    var form = input.form;
    var button = form.querySelector("[name=find_former_commune]");
    var status = form.querySelector("[data-former-status]");
    var list = form.querySelector("[data-former-results]");
    if (!button || !status || !list) return;

    function chooseButton(unit) {
      var choose = document.createElement("button");
      choose.type = "button";
      choose.className = "button--secondary";
      choose.textContent = input.dataset.chooseText;
      choose.setAttribute("aria-label", input.dataset.chooseText + ": " + unit.label);
      choose.addEventListener("click", function () {
        if (!selects) return;
        selects.province.value = String(unit.province);
        selects.load(unit.id).then(function () {
          status.textContent = input.dataset.chosenText.replace("%s", unit.label);
          selects.commune.focus();
        }).catch(function () {});
      });
      return choose;
    }

    function paragraph(text) {
      var p = document.createElement("p");
      p.textContent = text;
      return p;
    }

    function show(results) {
      list.textContent = "";
      results.forEach(function (result) {
        var item = document.createElement("li");
        item.appendChild(paragraph(result.label));
        if (result.divided) {
          var parts = document.createElement("ul");
          result.successors.forEach(function (unit) {
            var part = document.createElement("li");
            part.appendChild(paragraph(unit.label));
            part.appendChild(chooseButton(unit));
            parts.appendChild(part);
          });
          item.appendChild(parts);
        } else {
          item.appendChild(chooseButton(result.successors[0]));
        }
        list.appendChild(item);
      });
    }

    function search() {
      var params = new URLSearchParams({ q: input.value });
      if (selects && selects.province.value) params.set("province", selects.province.value);
      button.disabled = true;
      getJSON(input.dataset.formerUrl + "?" + params.toString())
        .then(function (data) {
          show(data.results || []);
          status.textContent = data.error || data.message || "";
        })
        .catch(function () { status.textContent = input.dataset.errorText; })
        .finally(function () { button.disabled = false; });
    }

    button.addEventListener("click", function (event) {
      event.preventDefault();
      search();
    });
    input.addEventListener("keydown", function (event) {
      if (event.key === "Enter") {
        event.preventDefault();
        search();
      }
    });
  }

  document.querySelectorAll("select[data-commune-select]").forEach(function (province) {
    var selects = communeSelect(province);
    var input = province.form.querySelector("input[data-former-url]");
    if (input) formerSearch(input, selects);
  });
})();
