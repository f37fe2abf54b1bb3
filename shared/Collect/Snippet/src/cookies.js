// Reading and writing first-party cookies, on the highest domain the browser lets the page use.

// The domain the cookies are written to: found once (findCookieDomain), before the first landing's cookies. Until
// then, and when no domain accepts a cookie, they are host-only.
let cookieDomain;

// Meta's subdomainIndex of that domain, part of _fbc and _fbp: its label count minus one (example.com → 1,
// shop.co.uk → 2, localhost → 0). Undefined until findCookieDomain ran.
export let subdomainIndex;

// The raw value of a cookie (never decoded: _fbc carries the fbclid's own encoding), or undefined. Reading
// document.cookie throws in sandboxed frames such as Shopify's custom pixel: there, there are no cookies.
export function readCookie(name) {
  try {
    return (document.cookie.match('(^|; )' + name + '=([^;]*)') || [])[2];
  } catch (e) {}
}

// Writes a cookie for `days` (0 deletes it; 864e2 seconds a day). Secure on https pages; plain http only happens in
// development.
export function writeCookie(name, value, days = 90) {
  try {
    document.cookie = name + '=' + value + ';path=/;max-age=' + days * 864e2 +
      (cookieDomain ? ';domain=' + cookieDomain : '') + (location.protocol == 'https:' ? ';Secure' : '');
  } catch (e) {}
}

// The highest domain that accepts a cookie, as Meta's pixel finds it, so www. and the apex share _fbc and _fbp:
// a test cookie on example.com, then www.example.com, … until one sticks. Public suffixes (co.uk, myshopify.com)
// refuse it, which is how the list of them is known without shipping it.
export function findCookieDomain() {
  const labels = location.hostname.split('.');
  subdomainIndex = labels.length - 1;
  for (let count = 2; count <= labels.length; count++) {
    cookieDomain = labels.slice(-count).join('.');
    writeCookie('_pqt', 1, 1);
    if (readCookie('_pqt')) {
      writeCookie('_pqt', '', 0);
      subdomainIndex = count - 1;
      return;
    }
    cookieDomain = '';
  }
}
