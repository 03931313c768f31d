/* Progressive enhancement for the public site: everything works without this file. */
(function () {
  "use strict";
  var root = document.documentElement;
  root.classList.remove("no-js");
  root.classList.add("js");

  // Text size (TT 32/2017: readable for people with low vision). Stored per browser.
  var SIZES = ["text-sm", "", "text-lg", "text-xl"];
  var KEY = "portal-text-size";
  function apply(index) {
    SIZES.forEach(function (cls) { if (cls) root.classList.remove(cls); });
    if (SIZES[index]) root.classList.add(SIZES[index]);
    document.querySelectorAll("[data-text-size]").forEach(function (button) {
      var pressed = (button.dataset.textSize === "reset" && index === 1);
      button.setAttribute("aria-pressed", pressed ? "true" : "false");
    });
  }
  var current = 1;
  try { var saved = parseInt(localStorage.getItem(KEY), 10); if (saved >= 0 && saved < SIZES.length) current = saved; } catch (e) {}
  apply(current);
  document.querySelectorAll(".text-size").forEach(function (group) { group.hidden = false; });
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-text-size]");
    if (!button) return;
    var action = button.dataset.textSize;
    if (action === "larger") current = Math.min(SIZES.length - 1, current + 1);
    else if (action === "smaller") current = Math.max(0, current - 1);
    else current = 1;
    apply(current);
    try { localStorage.setItem(KEY, String(current)); } catch (e) {}
  });

  // Collapsible main menu on small screens.
  var toggle = document.querySelector(".main-nav__toggle");
  var menu = document.getElementById("main-menu");
  if (toggle && menu) {
    toggle.hidden = false;
    menu.classList.add("is-collapsed");
    toggle.addEventListener("click", function () {
      var open = toggle.getAttribute("aria-expanded") === "true";
      toggle.setAttribute("aria-expanded", open ? "false" : "true");
      menu.classList.toggle("is-collapsed", open);
    });
  }
})();

/* Search suggestions: fills the search box's <datalist> from the address in its data-suggest-url. */
(function () {
  "use strict";
  document.querySelectorAll("input[data-suggest-url]").forEach(function (input) {
    var list = document.getElementById(input.getAttribute("list"));
    if (!list) return;
    var timer = null;
    input.addEventListener("input", function () {
      clearTimeout(timer);
      var q = input.value.trim();
      if (q.length < 2) return;
      timer = setTimeout(function () {
        fetch(input.dataset.suggestUrl + "?q=" + encodeURIComponent(q), { headers: { Accept: "application/json" } })
          .then(function (r) { return r.ok ? r.json() : { suggestions: [] }; })
          .then(function (data) {
            list.textContent = "";
            data.suggestions.forEach(function (s) {
              var option = document.createElement("option");
              option.value = s.title;
              list.appendChild(option);
            });
          })
          .catch(function () {});
      }, 200);
    });
  });
})();
