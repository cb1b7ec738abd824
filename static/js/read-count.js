// Counts one read of this article for "Most read": one small post, no cookie set and
// nothing kept in the browser. The page carries the address to post to.
(function () {
  "use strict";
  var script = document.currentScript;
  var url = script && script.dataset.countUrl;
  if (!url) {
    return;
  }
  if (navigator.sendBeacon) {
    navigator.sendBeacon(url);
  } else if (window.fetch) {
    fetch(url, { method: "POST", credentials: "same-origin", keepalive: true });
  }
})();
