// The vacancy form: hide the overseas-only fields (SPR, country, currency) while "Dalam negeri" is chosen.
// Progressive enhancement only: without this file every field shows and the server decides what counts.
document.addEventListener("DOMContentLoaded", function () {
  var group = document.querySelector("[data-vacancy-kind]");
  if (!group) { return; }
  var form = group.closest("form");
  function apply() {
    var chosen = group.querySelector("input[type=radio]:checked");
    var domestic = chosen && chosen.value === "domestic";
    form.querySelectorAll("[data-overseas-only]").forEach(function (element) {
      element.hidden = domestic;
    });
  }
  group.addEventListener("change", apply);
  apply();
});
