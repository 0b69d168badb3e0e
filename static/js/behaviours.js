// The page behaviours that were inline handlers (the Content-Security-Policy allows no inline
// script): declared with data- attributes, handled here for the page and for what htmx swaps in.
//   <select data-submit-on-change>   submits its form when the choice changes
//   <select data-sets-form-action>   its value is its form's action (now and on change)
//   <input data-select-on-click>     selects its text when clicked (a token to copy)
//   <form data-confirm="question">   asks before submitting
//   <button data-print>              prints the page
//   <div data-width="42">            a progress bar 42% wide (no inline style= either)
(function () {
  "use strict";

  function widen(root) {
    root.querySelectorAll("[data-width]").forEach(function (bar) {
      bar.style.width = Math.max(0, Math.min(100, Number(bar.dataset.width) || 0)) + "%";
    });
    root.querySelectorAll("select[data-sets-form-action]").forEach(function (select) {
      if (select.form) select.form.action = select.value;
    });
  }

  document.addEventListener("change", function (event) {
    const target = event.target;
    if (target.matches("select[data-submit-on-change]") && target.form) target.form.submit();
    if (target.matches("select[data-sets-form-action]") && target.form) {
      target.form.action = target.value;
    }
  });
  document.addEventListener("click", function (event) {
    const target = event.target;
    if (target.matches("input[data-select-on-click]")) target.select();
    if (target.closest("[data-print]")) window.print();
  });
  document.addEventListener("submit", function (event) {
    const question = event.target.dataset && event.target.dataset.confirm;
    if (question && !window.confirm(question)) event.preventDefault();
  });
  document.addEventListener("DOMContentLoaded", function () { widen(document); });
  document.addEventListener("htmx:load", function (event) { widen(event.detail.elt); });
})();
