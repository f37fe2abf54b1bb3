// The cookies of a page view with ads storage allowed: the visitor id, Meta's _fbc and _fbp by Meta's own rules, and
// the platform cookies forwarded to the collector.
import { findCookieDomain, readCookie, subdomainIndex, writeCookie } from './cookies.js';
import { ensureVisitorId } from './visitor-id.js';

// Every cookie the collector accepts (BrowserIdentifiers.Cookies; a unit test keeps the two lists equal). Read, never
// written, except _fbc and _fbp.
const PLATFORM_COOKIES = '_fbc _fbp _ttp _gcl_aw _gcl_gb _gcl_ag _ga _scid _epik _rdt_uuid _uetmsclkid li_fat_id _twclid'.split(' ');

// Writes the visitor id, _fbc and _fbp for the page view `hit` (its click ids and its time), then attaches the
// platform cookies to it. For a landing held back until consent, `hit` keeps its original time, so _fbc says when
// the click arrived.
export function storeLandingCookies(hit) {
  if (subdomainIndex == null) findCookieDomain();
  const fbclid = hit.ck.fbclid;
  let fbc = readCookie('_fbc');
  ensureVisitorId();
  // fb.{subdomainIndex}.{creation ms}.{fbclid}: a new fbclid gets this landing's time; the same fbclid keeps the
  // cookie (and its creation time), which Meta checks against the click. Refreshed for 90 days either way.
  if (fbclid && (fbc || '').split('.')[3] != fbclid) fbc = `fb.${subdomainIndex}.${hit.ts}.${fbclid}`;
  if (fbc) writeCookie('_fbc', fbc);
  // fb.{subdomainIndex}.{creation ms}.{10 random digits}, created once, then refreshed.
  writeCookie('_fbp', readCookie('_fbp') || `fb.${subdomainIndex}.${hit.ts}.${(1 + Math.random() + '').slice(2, 12)}`);
  hit.c = readPlatformCookies();
}

function readPlatformCookies() {
  const cookies = {};
  for (const name of PLATFORM_COOKIES) {
    if (readCookie(name)) cookies[name] = readCookie(name);
  }
  return cookies;
}
