/* Progressive enhancement of the public forms; everything works without this file. */
(function () {
  "use strict";
  // Move focus to the error summary so that screen readers read it first.
  var summary = document.querySelector("[data-cv-focus]");
  if (summary) { summary.focus(); }
  // Q&A form: show the fields of the kind of asker chosen.
  var radios = document.querySelectorAll('input[name="asker_type"]');
  var groups = document.querySelectorAll("[data-asker]");
  function sync() {
    var chosen = document.querySelector('input[name="asker_type"]:checked');
    groups.forEach(function (group) {
      group.hidden = !!chosen && group.getAttribute("data-asker") !== chosen.value;
    });
  }
  if (radios.length && groups.length) {
    radios.forEach(function (radio) { radio.addEventListener("change", sync); });
    sync();
  }
})();
