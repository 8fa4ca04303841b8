// Progressive enhancement only: every page works without this file.
document.addEventListener("DOMContentLoaded", function () {
  // A form with errors: focus its error summary (read out by screen readers, a list of links to the fields);
  // without one, the first field with an error, so keyboard and screen-reader users land on it.
  var invalid = document.querySelector("[data-error-summary], [aria-invalid='true'], [data-first-error]");
  if (invalid) { invalid.focus({ preventScroll: false }); }
});

// A link of the error summary moves focus to its field and shows the field's label above it.
document.addEventListener("click", function (event) {
  var link = event.target.closest && event.target.closest("[data-error-summary] a[href^='#']");
  if (!link) { return; }
  var field = document.getElementById(decodeURIComponent(link.getAttribute("href").slice(1)));
  if (!field) { return; }
  event.preventDefault();
  var label = document.querySelector("label[for='" + field.id + "']");
  (label || field).scrollIntoView();
  field.focus({ preventScroll: true });
});

// The language menu applies a choice at once; without JavaScript its "Ganti" button does the same.
document.addEventListener("change", function (event) {
  var field = event.target;
  if (field.matches && field.matches("[data-autosubmit]") && field.form) {
    if (field.form.requestSubmit) { field.form.requestSubmit(); } else { field.form.submit(); }
  }
});
