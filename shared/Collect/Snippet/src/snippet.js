// The browser snippet served at /api/{prefix}/s.js: window.pq, its public API. Built by scripts/build-snippet.mjs
// (esbuild) into ../dist/snippet.js, which the collector embeds and serves. docs/collector.md is its manual: API,
// consent, cookies, transport, wire format. Budget: 2 KB gzipped (a unit test checks the built file).
//
// The page may have queued calls before the script loaded (window.pq = [['init', {...}], ...]): they run in order.
// A second copy of the script on the same page leaves the first one in charge.
import { adsStorageAllowed, consentReaders, listenToTcf, recordShopConsent, requireConsentFor } from './consent.js';
import { now, randomId } from './ids.js';
import { pageView } from './page-view.js';
import { firePixels } from './pixels.js';
import { flush, heldIdentifies, hitUrl, queue, scheduleFlush, startSending } from './transport.js';
import { withoutQuery } from './url.js';
import { adoptVisitorId } from './visitor-id.js';

const queued = window.pq;

if (!(queued && queued.init)) {
  const pq = window.pq = {
    // pq.init({endpoint, region?, consentRequired?, shopify?}): once per page; later calls return pq unchanged.
    init(options) {
      if (hitUrl) return pq;
      requireConsentFor(options);
      startSending(options.endpoint);
      listenToTcf(scheduleFlush);
      // Never `unload`: it breaks the back/forward cache, and mobile browsers often skip it.
      for (const type of ['pagehide', 'visibilitychange']) addEventListener(type, () => flush(1));
      // In Shopify's checkout sandbox (shopify.js) there is no page of the shop to count.
      options.shopify ? pq.shopify(options.shopify) : pageView();
      return pq;
    },

    page: pageView,

    // pq.track(name, params?, {eventId?, pixels?, url?, x?}) → the event id. Sent even without ads storage (the
    // server knows an event happened), but then anonymously and with the URL stripped.
    track(name, params = {}, options = {}) {
      const eventId = options.eventId || randomId();
      queue.push({
        t: 'ev', ts: now(), n: name, id: eventId, p: params,
        u: options.url || (adsStorageAllowed() ? location.href : withoutQuery(location.href)), x: options.x,
      });
      if (options.pixels) pq.pixels(name, params, eventId);
      scheduleFlush();
      return eventId;
    },

    pixels: firePixels,

    // pq.identify({email?, phone?, externalId?}): plaintext, first-party over HTTPS; the collector normalises and
    // hashes it and never stores it. The snippet never hashes: one rule, on the server. Held until ads storage is
    // allowed.
    identify(identifiers) {
      heldIdentifies.push(Object.assign({ t: 'id', ts: now() }, identifiers));
      scheduleFlush();
    },

    // pq.consent({...}): the shop's own decision, over every source the snippet reads itself.
    consent(consent) {
      recordShopConsent(consent);
      scheduleFlush();
    },

    granted: adsStorageAllowed,

    vid: adoptVisitorId,

    cs: consentReaders,

    // The browser's copy of a purchase and the order webhook's derive the same id, so the platforms deduplicate:
    // purchase_{order id}, with Shopify's gid://shopify/OrderIdentity/ prefix removed.
    purchaseEventId: orderId => 'purchase_' + String(orderId).replace(/^gid:\/\/.*\//, ''),

    eventId: randomId,

    flush,

    // pq.push(['method', ...args]): the queued form keeps working after load.
    push: ([method, ...args]) => pq[method](...args),
  };

  (queued || []).map(pq.push);

  // <script src=".../s.js" data-endpoint="..." data-region="EEA" data-consent-required>: the tag alone starts it.
  const data = (document.currentScript || {}).dataset;
  if (data && data.endpoint) pq.init(Object.assign({}, data, { consentRequired: 'consentRequired' in data }));
}
