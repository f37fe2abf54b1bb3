// The visitor id: minted in the browser on the first page with ads storage allowed, mirrored in the script-readable
// _pvid cookie (the collector's own HttpOnly cookie is the durable copy), and replaced by the collector's id when it
// answers with one.
import { adsStorageAllowed } from './consent.js';
import { readCookie, writeCookie } from './cookies.js';
import { randomId } from './ids.js';

// The id (in the _pvid cookie for 400 days, the most browsers allow), whatever the consent: readers decide whether
// it may be sent.
export let visitorId;

// Called only with ads storage allowed: keeps the id known so far (this page, else the mirror cookie) or mints one,
// and refreshes the cookie's life.
export function ensureVisitorId() {
  visitorId = visitorId || readCookie('_pvid') || randomId();
  writeCookie('_pvid', visitorId, 400);
}

// pq.vid(id?): adopts `id` when given (the collector's answer, or the storefront's id in Shopify's checkout
// sandbox), writing the cookie only with ads storage allowed; returns the id only with ads storage allowed.
export function adoptVisitorId(id) {
  if (id) {
    visitorId = id;
    if (adsStorageAllowed()) writeCookie('_pvid', id, 400);
  }
  return adsStorageAllowed() && visitorId || null;
}
