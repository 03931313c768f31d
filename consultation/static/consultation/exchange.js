/* Online exchange (R-FORUM-1): while the exchange is live, fetch the page's small JSON list
   every 5 seconds (the front cache serves it to every reader for 5 s) and add the new
   questions and answers to the list, which is aria-live="polite" so screen readers announce
   them. No inline script (strict CSP); without JavaScript the page shows what was answered
   when it was rendered, with a hint to reload. */
(function () {
  "use strict";
  var INTERVAL = 5000;
  var list = document.getElementById("cv-exchange-list");
  if (!list || !list.dataset.exchangeJson || !window.fetch) {
    return;
  }
  var url = list.dataset.exchangeJson;
  var leader = list.dataset.leader || "";
  var hint = document.querySelector("[data-exchange-hint]");
  if (hint) {
    hint.hidden = true;
  }

  function paragraph(className, who, text) {
    var p = document.createElement("p");
    if (className) {
      p.className = className;
    }
    var strong = document.createElement("strong");
    strong.textContent = who;
    p.appendChild(strong);
    p.appendChild(document.createTextNode(": " + text));
    return p;
  }

  function render(item) {
    var li = document.getElementById(item.anchor);
    if (!li) {
      li = document.createElement("li");
      li.className = "cv-exchange-item";
      li.id = item.anchor;
      li.dataset.id = String(item.id);
      li.dataset.answered = "0";
      li.appendChild(paragraph("cv-exchange-q", item.asker, item.question));
      list.appendChild(li);
    }
    if (item.answer && li.dataset.answered !== "1") {
      var answer = document.createElement("div");
      answer.className = "cv-exchange-a";
      answer.appendChild(paragraph("", leader, item.answer));
      li.appendChild(answer);
      li.dataset.answered = "1";
    }
  }

  function update(data) {
    var items = data.questions || [];
    if (items.length) {
      var empty = list.querySelector("[data-empty]");
      if (empty) {
        empty.remove();
      }
    }
    items.forEach(render);
    if (data.status === "dang-dien-ra") {
      window.setTimeout(poll, INTERVAL);
    }
  }

  function poll() {
    window
      .fetch(url, { credentials: "omit", headers: { Accept: "application/json" } })
      .then(function (response) {
        if (!response.ok) {
          throw new Error(String(response.status));
        }
        return response.json();
      })
      .then(update)
      .catch(function () {
        window.setTimeout(poll, INTERVAL * 2);
      });
  }

  window.setTimeout(poll, INTERVAL);
})();
