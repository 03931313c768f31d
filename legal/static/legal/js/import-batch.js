// Progress of a batch import (legal/admin/batch.html): polls the batch's JSON every 2 s and
// updates the <progress> element and its text (in a polite live region); when the batch
// ends, reloads the page to show the report. Without this script the page refreshes
// itself (<noscript> meta refresh) and has a reload link.
(function () {
  "use strict";
  var section = document.querySelector("[data-batch-progress-url]");
  if (!section || section.getAttribute("data-batch-finished") === "true") {
    return;
  }
  var url = section.getAttribute("data-batch-progress-url");
  var bar = section.querySelector("progress");
  var text = section.querySelector("[data-batch-text]");
  var status = section.querySelector("[data-batch-status]");
  var error = section.querySelector("[data-batch-error]");
  var failures = 0;

  function show(data) {
    bar.max = Math.max(data.total, 1);
    bar.value = data.done;
    bar.textContent = data.percent + "%";
    text.textContent = data.text;
    status.textContent = data.status_label;
    if (data.error) {
      error.textContent = data.error;
      error.hidden = false;
    }
  }

  function poll() {
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        if (!response.ok) {
          throw new Error(response.status);
        }
        return response.json();
      })
      .then(function (data) {
        failures = 0;
        show(data);
        if (data.finished) {
          window.location.reload();
        } else {
          window.setTimeout(poll, 2000);
        }
      })
      .catch(function () {
        failures += 1;
        // The server is restarting or the session ended: slow down, then stop.
        if (failures < 10) {
          window.setTimeout(poll, 2000 * failures);
        }
      });
  }

  window.setTimeout(poll, 2000);
})();
