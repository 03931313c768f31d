/* Progressive enhancement of the form "Gửi tin, bài"; everything works without it. */
(function () {
  "use strict";
  // Screen readers read the error summary first.
  var summary = document.querySelector("[data-ib-focus]");
  if (summary) { summary.focus(); }
})();
