// A page view: the landing's click ids and cookies when ads storage is allowed, an anonymous hit otherwise.
import { readClickIds } from './click-ids.js';
import { adsStorageAllowed } from './consent.js';
import { now, randomId } from './ids.js';
import { storeLandingCookies } from './landing-cookies.js';
import { holdLanding, queue, scheduleFlush } from './transport.js';
import { withoutQuery } from './url.js';

// pq.page(): sent by pq.init, and by single-page apps after a route change.
export function pageView() {
  const hit = { t: 'hit', ts: now(), pv: randomId(), u: location.href, r: document.referrer, ck: readClickIds(location.search, document.referrer) };
  if (adsStorageAllowed()) {
    storeLandingCookies(hit);
    queue.push(hit);
  } else {
    // Nothing identifying: no click ids, cookies or query. The full hit waits in memory for a grant on this page.
    holdLanding(hit);
    queue.push({ t: 'hit', ts: hit.ts, pv: hit.pv, u: withoutQuery(hit.u), r: withoutQuery(hit.r), a: 1 });
  }
  scheduleFlush();
}
