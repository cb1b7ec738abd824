// Comment times as "3 hours ago", kept true on a page served from the cache: the server's
// text was right when the page was made; this recounts it from each <time datetime>.
(function () {
  "use strict";
  var UNITS = [
    ["year", 365 * 24 * 3600],
    ["month", 30 * 24 * 3600],
    ["week", 7 * 24 * 3600],
    ["day", 24 * 3600],
    ["hour", 3600],
    ["minute", 60],
  ];

  function ago(seconds) {
    for (var i = 0; i < UNITS.length; i++) {
      var count = Math.floor(seconds / UNITS[i][1]);
      if (count >= 1) {
        return count + "\u00a0" + UNITS[i][0] + (count === 1 ? "" : "s") + " ago";
      }
    }
    return "0\u00a0minutes ago";
  }

  function refresh() {
    var now = Date.now();
    document.querySelectorAll("time[data-relative]").forEach(function (time) {
      var at = Date.parse(time.getAttribute("datetime"));
      if (!isNaN(at)) {
        time.textContent = ago(Math.max(0, (now - at) / 1000));
      }
    });
  }

  refresh();
  setInterval(refresh, 60 * 1000);
})();
