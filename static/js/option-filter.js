// A search box above a long multi-select (select[data-option-filter]): typing hides the options that do not
// contain the text (chosen ones stay visible) and a line says how many are chosen. Without JavaScript the
// select works as it is.
(function () {
  "use strict";

  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/^[\s—-]+/, "");
  }

  function enhance(select) {
    var box = document.createElement("input");
    box.type = "search";
    box.className = "form-control form-control-sm mb-1";
    box.placeholder = select.dataset.filterPlaceholder || "";
    box.setAttribute("aria-label", box.placeholder);
    box.setAttribute("aria-controls", select.id);
    var chosen = document.createElement("p");
    chosen.className = "small text-muted mb-1";
    chosen.setAttribute("aria-live", "polite");
    select.parentNode.insertBefore(box, select);
    select.parentNode.insertBefore(chosen, select.nextSibling);
    var options = Array.prototype.slice.call(select.options);
    var folded = options.map(function (option) { return fold(option.text); });

    function showChosen() {
      var names = options.filter(function (o) { return o.selected; }).map(function (o) { return o.text.replace(/^— /, ""); });
      chosen.textContent = names.length
        ? (select.dataset.chosenLabel || "") + " (" + names.length + "): " + names.join(", ")
        : select.dataset.noneLabel || "";
    }

    box.addEventListener("input", function () {
      var query = fold(box.value.trim());
      options.forEach(function (option, i) {
        option.hidden = query !== "" && !option.selected && folded[i].indexOf(query) === -1;
      });
    });
    box.addEventListener("keydown", function (event) {
      if (event.key === "Enter") { event.preventDefault(); }  // typing must not submit the form
    });
    select.addEventListener("change", showChosen);
    showChosen();
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("select[data-option-filter]").forEach(enhance);
  });
})();
