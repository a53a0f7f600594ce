/* 退出 on a shared computer: the copies autosave.js keeps in this browser of what this user
   typed (localStorage "draft:u<user>:…", which may hold a 手机 or 身份证号) go with the session.
   Whatever the server had not stored yet was saved by autosave before the page was left. */
(function () {
  "use strict";
  document.addEventListener("submit", function (ev) {
    var prefix = ev.target.dataset && ev.target.dataset.clearDrafts;
    if (!prefix) { return; }
    try {
      var keys = [];
      for (var i = 0; i < window.localStorage.length; i++) {
        var k = window.localStorage.key(i);
        if (k && k.indexOf(prefix) === 0) { keys.push(k); }
      }
      keys.forEach(function (k) { window.localStorage.removeItem(k); });
    } catch (e) { /* storage unavailable: nothing kept */ }
  }, true);
})();
