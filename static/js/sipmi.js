// Progressive enhancement only: every page works without this file.
document.addEventListener("DOMContentLoaded", function () {
  // Move focus to the first field with an error so keyboard and screen-reader users land on it.
  var invalid = document.querySelector("[aria-invalid='true'], [data-first-error]");
  if (invalid) { invalid.focus({ preventScroll: false }); }
});

// The language menu applies a choice at once; without JavaScript its "Ganti" button does the same.
document.addEventListener("change", function (event) {
  var field = event.target;
  if (field.matches && field.matches("[data-autosubmit]") && field.form) {
    if (field.form.requestSubmit) { field.form.requestSubmit(); } else { field.form.submit(); }
  }
});
