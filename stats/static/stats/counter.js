/* The visit counter in the footer (stats/includes/counter.html).
 *
 * The page is the same for every reader and kept by the front cache for hours, so it holds
 * only an empty, hidden placeholder with the figures' address; this file fetches them
 * (themselves cached five minutes) and shows the counter. Without JavaScript, or if the
 * figures cannot be read, nothing is shown: never a counter with blanks or zeros.
 */
(function () {
  "use strict";
  var box = document.querySelector("[data-stats-counter]");
  if (!box || !window.fetch) { return; }

  /* 12345 -> "12.345", as Vietnamese write numbers (whatever the browser's language). */
  function format(value) {
    return String(Math.floor(value)).replace(/\B(?=(\d{3})+(?!\d))/g, ".");
  }

  function fill(data) {
    var cells = box.querySelectorAll("[data-stats-figure]");
    var i, value;
    for (i = 0; i < cells.length; i += 1) {
      value = data && data[cells[i].getAttribute("data-stats-figure")];
      if (typeof value !== "number" || !isFinite(value) || value < 0) { return; }
    }
    for (i = 0; i < cells.length; i += 1) {
      cells[i].textContent = format(data[cells[i].getAttribute("data-stats-figure")]);
    }
    box.hidden = false;
  }

  /* No cookie: the figures are the same for everyone and stay cacheable. */
  fetch(box.getAttribute("data-stats-counter"), {
    credentials: "omit",
    headers: { Accept: "application/json" }
  }).then(function (response) {
    return response.ok ? response.json() : null;
  }).then(fill).catch(function () { /* the counter stays hidden */ });
})();
