/* Progressive enhancement of the subscription forms; everything works without it. */
(function () {
  "use strict";
  // Screen readers read the error summary first.
  var summary = document.querySelector("[data-sb-focus]");
  if (summary) { summary.focus(); }
})();
