/* The national monitoring system's (EMC) tracker queue (stats/includes/emc.html).
 *
 * The embed code EMC hands out sets up this queue in an inline <script>; the portal's
 * security policy allows no inline script (core.csp), so the same commands are issued here,
 * from the data attributes of this file's own tag. The tracker itself
 * (gov-tracking.min.js) is the next deferred script and reads the queue when it runs.
 */
(function () {
  "use strict";
  var me = document.currentScript;
  if (!me) { return; }
  var queue = window._govaq = window._govaq || [];
  queue.push(["trackPageView"]);
  queue.push(["enableLinkTracking"]);
  queue.push(["setTrackerUrl", me.getAttribute("data-emc-tracker")]);
  queue.push(["setSiteId", me.getAttribute("data-emc-site-id")]);
})();
