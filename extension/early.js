// Applies the reader's display settings before first paint (a classic, blocking script in <head>).
// The settings live in extension storage; this reads the copy settings.js mirrors into
// localStorage, which is synchronous. No inline script: the page's CSP forbids it.
(function () {
  var d = document.documentElement.dataset;
  d.theme = 'system'; d.font = 'serif'; d.size = '5'; d.width = 'medium'; d.leading = 'normal';
  try {
    var s = JSON.parse(localStorage.getItem('tidings-settings') || '{}');
    for (var k in s) if (Object.prototype.hasOwnProperty.call(d, k) && /^[a-z0-9-]{1,16}$/.test(String(s[k]))) d[k] = String(s[k]);
  } catch (e) { /* defaults */ }
})();
