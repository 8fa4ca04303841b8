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

// An error banner is about the request that loaded the page: once an htmx action has succeeded since (an officer
// deciding document after document), it is stale and goes.
document.addEventListener("htmx:afterRequest", function (event) {
  if (!event.detail.successful) { return; }
  document.querySelectorAll("main > [data-flash='error']").forEach(function (banner) { banner.remove(); });
});

// The language menu applies a choice at once; without JavaScript its "Ganti" button does the same.
document.addEventListener("change", function (event) {
  var field = event.target;
  if (field.matches && field.matches("[data-autosubmit]") && field.form) {
    if (field.form.requestSubmit) { field.form.requestSubmit(); } else { field.form.submit(); }
  }
});

// Serious actions ask first. A button with data-confirm opens a dialog naming the consequence; "yes" sends the
// form with confirmed=1. Without JavaScript the server answers the same question as a page (apps.core.confirm).
document.addEventListener("submit", function (event) {
  var form = event.target;
  var button = event.submitter;
  if (!button || !button.hasAttribute("data-confirm") || form.querySelector("input[name='confirmed']")) { return; }
  if (typeof HTMLDialogElement !== "function") { return; }  // the server's confirmation page asks instead
  event.preventDefault();
  askFirst(form, button);
});

function askFirst(form, button) {
  var dialog = document.createElement("dialog");
  dialog.className = "confirm-dialog";
  dialog.setAttribute("aria-labelledby", "confirm-dialog-heading");
  dialog.setAttribute("aria-describedby", "confirm-dialog-consequence");
  dialog.setAttribute("data-testid", "confirm-dialog");
  var heading = document.createElement("h2");
  heading.className = "h5";
  heading.id = "confirm-dialog-heading";
  heading.textContent = button.getAttribute("data-confirm-heading") || button.textContent.trim();
  var consequence = document.createElement("p");
  consequence.id = "confirm-dialog-consequence";
  consequence.textContent = button.getAttribute("data-confirm");
  var actions = document.createElement("div");
  actions.className = "d-grid gap-2 d-sm-flex justify-content-sm-end";
  var cancel = document.createElement("button");
  cancel.type = "button";
  cancel.className = "btn btn-outline-secondary";
  cancel.textContent = document.documentElement.lang === "en" ? "Cancel" : "Batal";
  var yes = document.createElement("button");
  yes.type = "button";
  yes.className = button.hasAttribute("data-confirm-danger") ? "btn btn-danger" : "btn btn-primary";
  yes.setAttribute("data-testid", "confirm-dialog-yes");
  yes.textContent = button.getAttribute("data-confirm-label") || button.textContent.trim();
  actions.append(cancel, yes);
  dialog.append(heading, consequence, actions);
  document.body.appendChild(dialog);

  dialog.addEventListener("close", function () {
    dialog.remove();
    if (!dialog.confirmed) { button.focus(); }
  });
  cancel.addEventListener("click", function () { dialog.close(); });
  yes.addEventListener("click", function () {
    dialog.confirmed = true;
    var confirmed = document.createElement("input");
    confirmed.type = "hidden";
    confirmed.name = "confirmed";
    confirmed.value = "1";
    form.appendChild(confirmed);
    dialog.close();
    if (form.requestSubmit) { form.requestSubmit(button); return; }
    if (button.name) {
      var value = document.createElement("input");
      value.type = "hidden";
      value.name = button.name;
      value.value = button.value;
      form.appendChild(value);
    }
    form.submit();
  });
  dialog.showModal();
  cancel.focus();
}
