// Transport: items wait in a queue and go to the collector together, by fetch while the page is visible (its answer
// may carry the visitor id) or by sendBeacon when the page is hidden (it survives the page's end).
//
// Body: {v: 1, vid, a, e: [items]}, sent as text/plain so no CORS preflight is needed. `a: 1` marks an anonymous
// body (ads storage not allowed): no visitor id, and the collector stores nothing for it.
import { adsStorageAllowed, readConsent } from './consent.js';
import { now } from './ids.js';
import { storeLandingCookies } from './landing-cookies.js';
import { adoptVisitorId, visitorId } from './visitor-id.js';

// {endpoint}/h, set by the first pq.init (set = started). Nothing is sent before.
export let hitUrl;
// Items to send. At most 20 go in one body.
export const queue = [];
// Items whose send failed (network error or 5xx): they go first with the next body, the last 20 kept. Memory only.
let retry = [];
// While ads storage is not allowed: the full landing page view (click ids, original time) and identify items, kept
// in memory only and sent if consent is granted on this page.
let heldLanding;
export const heldIdentifies = [];
// The consent last queued, as JSON: a `cs` item is sent only when it changes.
let lastConsent = '{}';
let flushTimer;

export const startSending = endpoint => { hitUrl = endpoint.replace(/\/$/, '') + '/h'; };

// Only the first page view without consent is kept: it is the landing, the one carrying the click ids.
export const holdLanding = hit => { heldLanding = heldLanding || hit; };

// Items of one moment of the page (a page view, its events, a consent change) go in one body, half a second later.
export function scheduleFlush() {
  flushTimer || (flushTimer = setTimeout(() => flush(flushTimer = 0), 500));
}

// pq.flush(hiding?): sends what is queued now. `hiding` (pagehide, visibilitychange): by beacon, and everything at
// once, since the page may be gone before a timer fires.
export function flush(hiding) {
  const allowed = adsStorageAllowed();
  const consent = readConsent();
  const consentJson = JSON.stringify(consent);
  if (consentJson != lastConsent) {
    lastConsent = consentJson;
    queue.push(Object.assign({ t: 'cs', ts: now() }, consent));
  }
  if (allowed) {
    // Consent arrived on this page: the held landing goes out now, with its original `pv` (the server counts one
    // view with the anonymous copy) and its original time (the click's capture time).
    if (heldLanding) {
      storeLandingCookies(heldLanding);
      queue.push(heldLanding);
      heldLanding = 0;
    }
    queue.push(...heldIdentifies.splice(0));
  }
  if (!hitUrl) return;
  queue.unshift(...retry);
  if (!queue.length) return;

  retry = [];
  const items = queue.splice(0, 20);
  const retryLater = () => { retry = retry.concat(items).slice(-20); };
  const body = JSON.stringify({ v: 1, vid: allowed && visitorId || null, a: +!allowed, e: items });
  // A refused beacon (too large, quota) falls back to fetch. A 4xx is not retried: the same body would fail again.
  // The server deduplicates on event id and page-view id, so a resent item is harmless.
  if (!(hiding && navigator.sendBeacon && navigator.sendBeacon(hitUrl, body))) {
    fetch(hitUrl, { method: 'POST', keepalive: true, credentials: 'include', body })
      .then(response => response.status > 499 ? retryLater()
        : response.json().then(answer => adoptVisitorId(answer.vid), () => 0), retryLater);
  }
  if (queue.length) hiding ? flush(hiding) : scheduleFlush();
}
