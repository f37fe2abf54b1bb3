// Smoke test of the browser snippet in a fake window/document/navigator (no browser needed):
//   node tests/Pipeline.UnitTests/Collect/snippet-smoke.mjs
// The real browser tests drive headless Chromium; this one checks cookie building and the wire body quickly.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import vm from 'node:vm';

const here = new URL('.', import.meta.url);
const snippet = readFileSync(new URL('../../../shared/Collect/Snippet/dist/snippet.js', here), 'utf8');
const shopify = readFileSync(new URL('../../../shared/Collect/Snippet/dist/shopify.js', here), 'utf8');
const publicSuffixes = new Set(['com', 'example', 'test', 'co.uk', 'uk']);

function browser(url, { referrer = '', cookies = {}, gpc = false, dataset, setup } = {}) {
  const u = new URL(url);
  const jar = new Map(); // name|domain -> value
  for (const [k, v] of Object.entries(cookies)) jar.set(`${k}|${u.hostname}`, v);
  const visible = () => [...jar].filter(([key]) => {
    const domain = key.split('|')[1];
    return u.hostname === domain || u.hostname.endsWith('.' + domain);
  });
  const timers = [], beacons = [], fetches = [], listeners = {}, writes = [];
  const document = {
    referrer,
    currentScript: dataset ? { dataset } : null,
    get cookie() { return visible().map(([key, v]) => `${key.split('|')[0]}=${v}`).join('; '); },
    set cookie(s) {
      writes.push(s);
      const [pair, ...attrs] = s.split(';');
      const i = pair.indexOf('='), name = pair.slice(0, i), value = pair.slice(i + 1);
      const a = Object.fromEntries(attrs.map(x => x.split('=')).map(([k, v]) => [k.toLowerCase(), v]));
      const domain = a.domain ?? u.hostname;
      if (a.domain && (publicSuffixes.has(domain) || !(u.hostname === domain || u.hostname.endsWith('.' + domain)))) return;
      if (+a['max-age'] <= 0) jar.delete(`${name}|${domain}`); else jar.set(`${name}|${domain}`, value);
    },
    addEventListener(type, f) { (listeners[type] ??= []).push(f); },
  };
  const ctx = {
    location: { href: u.href, search: u.search, hostname: u.hostname, protocol: u.protocol },
    document,
    navigator: { globalPrivacyControl: gpc, sendBeacon: (url, body) => (beacons.push({ url, body: JSON.parse(body) }), true) },
    fetch: (url, init) => {
      fetches.push({ url, init, body: JSON.parse(init.body) });
      return Promise.resolve({ status: 200, json: () => Promise.resolve({ vid: 'server-vid' }) });
    },
    setTimeout: f => timers.push(f),
    addEventListener: (type, f) => (listeners[type] ??= []).push(f),
    URLSearchParams, Date, Math, JSON, Object, String, Promise, console,
  };
  ctx.window = ctx;
  vm.createContext(ctx);
  setup?.(ctx);
  vm.runInContext(snippet, ctx);
  vm.runInContext(shopify, ctx);
  const runTimers = () => { while (timers.length) timers.shift()(); };
  const fire = type => (listeners[type] ?? []).forEach(f => f());
  const cookie = name => [...jar].find(([key]) => key.startsWith(name + '|'));
  return { ctx, pq: ctx.pq, runTimers, fire, beacons, fetches, jar, cookie, writes };
}

const items = (sent, t) => sent.flatMap(s => s.body.e).filter(e => e.t === t);
let passed = 0;
const test = async (name, f) => { await f(); passed++; console.log('ok -', name); };

await test('landing with fbclid builds _fbc on the highest domain and sends the raw click ids', async () => {
  const b = browser('https://www.shop.co.uk/p?fbclid=AbC%2Fx_1&gclid=Gg-1&utm_source=ig', { referrer: 'https://l.facebook.com/' });
  b.pq.init({ endpoint: 'https://www.shop.co.uk/api/s/' });
  b.runTimers();
  const [f] = b.fetches;
  assert.equal(f.url, 'https://www.shop.co.uk/api/s/h');
  assert.equal(f.init.keepalive, true);
  assert.equal(f.init.credentials, 'include');
  assert.equal(f.body.v, 1);
  const [hit] = items(b.fetches, 'hit');
  assert.deepEqual(hit.ck, { fbclid: 'AbC%2Fx_1', gclid: 'Gg-1' });
  assert.equal(hit.u, 'https://www.shop.co.uk/p?fbclid=AbC%2Fx_1&gclid=Gg-1&utm_source=ig');
  const [key, fbc] = b.cookie('_fbc');
  assert.equal(key, '_fbc|shop.co.uk');
  assert.equal(fbc, `fb.2.${hit.ts}.AbC%2Fx_1`);
  assert.equal(hit.c._fbc, fbc);
  assert.match(hit.c._fbp, /^fb\.2\.\d+\.\d{10}$/);
  assert.equal(f.body.vid, b.cookie('_pvid')[1]);
  assert.ok(!b.cookie('_pqt'), 'test cookie removed');
  await new Promise(r => setImmediate(r));
  assert.equal(b.pq.vid(), 'server-vid', 'a vid in the answer replaces the mirror');
  assert.equal(b.cookie('_pvid')[1], 'server-vid');
});

await test('same fbclid keeps the creation time, a new fbclid gets a new one', async () => {
  const same = browser('https://shop.example.com/?fbclid=ABC', { cookies: { _fbc: 'fb.1.1000.ABC' } });
  same.pq.init({ endpoint: '/api/s' });
  assert.equal(same.cookie('_fbc')[1], 'fb.1.1000.ABC');
  assert.ok(same.writes.some(w => w.startsWith('_fbc=fb.1.1000.ABC;') && w.includes('max-age=7776000')), 'refreshed for 90 days');
  const other = browser('https://shop.example.com/?fbclid=XYZ', { cookies: { _fbc: 'fb.1.1000.ABC' } });
  other.pq.init({ endpoint: '/api/s' });
  assert.match(other.jar.get('_fbc|example.com'), /^fb\.1\.\d{13}\.XYZ$/);
});

await test('fbclid from the referrer is used; one over 500 characters is ignored', async () => {
  const b = browser('https://shop.example.com/', { referrer: 'https://shop.example.com/a?x=1&fbclid=REF' });
  b.pq.init({ endpoint: '/api/s' });
  assert.match(b.cookie('_fbc')[1], /\.REF$/);
  const long = browser('https://shop.example.com/?fbclid=' + 'a'.repeat(501));
  long.pq.init({ endpoint: '/api/s' });
  long.runTimers();
  assert.equal(long.cookie('_fbc'), undefined);
  assert.deepEqual(items(long.fetches, 'hit')[0].ck, {});
});

await test('consent required: nothing stored or identifying sent until ads storage is granted', async () => {
  const b = browser('https://shop.example.com/p?fbclid=F1&gclid=G1#top', { referrer: 'https://ads.example.net/x?gclid=G1' });
  b.pq.init({ endpoint: '/api/s', region: 'EEA' });
  b.pq.identify({ email: 'a@b.example' });
  b.runTimers();
  assert.equal(b.jar.size, 0, 'no cookies');
  const [first] = b.fetches;
  assert.equal(first.body.vid, null);
  assert.equal(first.body.a, 1);
  assert.deepEqual(first.body.e, [{ t: 'hit', ts: first.body.e[0].ts, pv: first.body.e[0].pv, u: 'https://shop.example.com/p', r: 'https://ads.example.net/x', a: 1 }]);
  b.pq.consent({ ad_storage: 'granted', ad_user_data: 'granted' });
  b.runTimers();
  const second = b.fetches[1].body;
  assert.equal(second.a, 0);
  assert.ok(second.vid);
  const [cs, hit, id] = second.e;
  assert.equal(cs.t, 'cs');
  assert.equal(cs.ad_storage, 'granted');
  assert.equal(hit.pv, first.body.e[0].pv, 'the held landing hit carries the same page view id');
  assert.deepEqual(hit.ck, { fbclid: 'F1', gclid: 'G1' });
  assert.equal(id.email, 'a@b.example');
  assert.match(b.cookie('_fbc')[1], new RegExp(`^fb\\.1\\.${hit.ts}\\.F1$`));
});

await test('Google Consent Mode denial in the dataLayer gates even without consentRequired', async () => {
  const b = browser('https://shop.example.com/?gclid=G', {
    setup: ctx => { ctx.dataLayer = [['consent', 'default', { ad_storage: 'denied', wait_for_update: 500 }]]; },
  });
  b.pq.init({ endpoint: '/api/s' });
  b.runTimers();
  assert.equal(b.jar.size, 0);
  assert.equal(items(b.fetches, 'cs')[0].ad_storage, 'denied');
  b.ctx.dataLayer.push(['consent', 'update', { ad_storage: 'granted' }]);
  b.pq.flush();
  assert.ok(b.cookie('_fbp'));
  assert.deepEqual(items(b.fetches, 'hit').at(-1).ck, { gclid: 'G' });
});

await test('TCF purposes 1 and 7 grant ad storage; GPC marks a sale-of-data opt-out', async () => {
  const b = browser('https://shop.example.com/', {
    gpc: true,
    setup: ctx => { ctx.__tcfapi = (cmd, v, cb) => cb({ gdprApplies: true, eventStatus: 'tcloaded', purpose: { consents: { 1: true, 7: true } } }, true); },
  });
  b.pq.init({ endpoint: '/api/s', consentRequired: true });
  b.runTimers();
  const [cs] = items(b.fetches, 'cs');
  assert.equal(cs.ad_storage, 'granted');
  assert.equal(cs.ad_personalization, 'denied');
  assert.equal(cs.sale_of_data_opt_out, true);
  assert.ok(b.cookie('_pvid'));
});

await test('Shopify Customer Privacy API is read on the storefront', async () => {
  const b = browser('https://shop.example.com/', {
    setup: ctx => { ctx.Shopify = { customerPrivacy: { marketingAllowed: () => false, analyticsProcessingAllowed: () => true, saleOfDataAllowed: () => true } }; },
  });
  b.pq.init({ endpoint: '/api/s' });
  b.runTimers();
  const [cs] = items(b.fetches, 'cs');
  assert.deepEqual({ ...cs, ts: 0 }, { t: 'cs', ts: 0, ad_storage: 'denied', ad_user_data: 'denied', ad_personalization: 'denied', analytics_storage: 'granted', sale_of_data_opt_out: false });
  assert.equal(b.jar.size, 0);
});

await test('track gives every pixel and the collector the same event id; purchase ids come from the order', async () => {
  const calls = [];
  const b = browser('https://shop.example.com/', {
    setup: ctx => {
      ctx.fbq = (...a) => calls.push(['fbq', ...a]);
      ctx.ttq = { track: (...a) => calls.push(['ttq', ...a]) };
      ctx.gtag = (...a) => calls.push(['gtag', ...a]);
    },
  });
  b.pq.init({ endpoint: '/api/s' });
  const id = b.pq.purchaseEventId('gid://shopify/OrderIdentity/123');
  assert.equal(id, 'purchase_123');
  assert.equal(b.pq.purchaseEventId(456), 'purchase_456');
  const p = { value: 9.5, currency: 'EUR', order_id: '123' };
  assert.equal(b.pq.track('Purchase', p, { eventId: id, pixels: true }), id);
  assert.deepEqual(JSON.parse(JSON.stringify(calls)), [
    ['fbq', 'track', 'Purchase', p, { eventID: id }],
    ['ttq', 'Purchase', p, { event_id: id }],
    ['gtag', 'event', 'purchase', { ...p, transaction_id: id }],
  ]);
  const generated = b.pq.track('AddToCart', {});
  assert.match(generated, /^[a-z0-9]{10,}$/);
  b.fire('pagehide');
  const ev = items(b.beacons, 'ev');
  assert.deepEqual(ev.map(e => [e.n, e.id]), [['Purchase', id], ['AddToCart', generated]]);
  assert.deepEqual(ev[0].p, p);
});

await test('script tag attributes initialise it; calls queued before load are replayed', async () => {
  const b = browser('https://shop.example.com/?ttclid=T', {
    dataset: { endpoint: 'https://shop.example.com/api/s', consentRequired: '' },
    setup: ctx => { ctx.pq = [['consent', { ad_storage: 'granted' }], ['track', 'Lead', {}, { eventId: 'lead_1' }]]; },
  });
  b.runTimers();
  const sent = b.fetches.flatMap(f => f.body.e);
  assert.deepEqual(sent.map(e => e.t), ['ev', 'hit', 'cs']);
  assert.equal(sent[0].id, 'lead_1');
  assert.deepEqual(sent[1].ck, { ttclid: 'T' });
  b.pq.push(['track', 'Search', {}]);
  b.runTimers();
  assert.equal(items(b.fetches, 'ev').at(-1).n, 'Search');
});

await test('a failed send is retried with the next batch, at most 20 items', async () => {
  const b = browser('https://shop.example.com/');
  let fail = true;
  b.ctx.fetch = (url, init) => {
    b.fetches.push({ body: JSON.parse(init.body) });
    return fail ? Promise.reject(new TypeError('offline')) : Promise.resolve({ status: 204, json: () => Promise.reject(new SyntaxError()) });
  };
  b.pq.init({ endpoint: '/api/s' });
  for (let i = 0; i < 30; i++) b.pq.track('E' + i, {});
  b.runTimers();
  await new Promise(r => setImmediate(r));
  fail = false;
  b.pq.track('Last', {});
  b.runTimers();
  await new Promise(r => setImmediate(r));
  const sizes = b.fetches.map(f => f.body.e.length);
  assert.ok(sizes.every(n => n <= 20), sizes.join());
  const names = b.fetches.slice(-2).flatMap(f => f.body.e).filter(e => e.t === 'ev').map(e => e.n);
  assert.ok(names.includes('Last') && names.includes('E29'), names.join());
});

await test('Shopify custom pixel mode sends Purchase with the order-derived id and the client id', async () => {
  const b = browser('https://sandbox.example.net/');
  const subs = {};
  const api = {
    analytics: { subscribe: (n, f) => (subs[n] = f) },
    browser: { cookie: { get: () => Promise.resolve('vid-from-storefront') } },
    init: { customerPrivacy: { marketingAllowed: true, analyticsProcessingAllowed: true, saleOfDataAllowed: true } },
  };
  b.pq.init({ endpoint: 'https://shop.example.com/api/s', shopify: api });
  subs.checkout_completed({
    clientId: 'cid-1',
    context: { document: { location: { href: 'https://shop.example.com/checkouts/c/t/thank-you' } } },
    data: { checkout: { token: 'tok', currencyCode: 'EUR', totalPrice: { amount: 12.5 }, order: { id: 'gid://shopify/OrderIdentity/77' },
      lineItems: [{ quantity: 2, title: 'Mug', variant: { id: 'v1', price: { amount: 6.25 }, product: { id: 'p1' } } }] } },
  });
  await new Promise(r => setImmediate(r));
  const body = b.beacons.at(-1).body;
  assert.equal(body.vid, 'vid-from-storefront');
  const ev = body.e.find(e => e.t === 'ev');
  assert.equal(ev.id, 'purchase_77');
  assert.deepEqual(ev.p, { value: 12.5, currency: 'EUR', order_id: '77', contents: [{ id: 'p1', quantity: 2, price: 6.25, name: 'Mug' }] });
  assert.deepEqual(ev.x, { shopify_client_id: 'cid-1', checkout_token: 'tok' });
  assert.equal(ev.u, 'https://shop.example.com/checkouts/c/t/thank-you');
  assert.ok(!body.e.some(e => e.t === 'hit'), 'no page hit from the sandbox');
});

await test('cart helper writes the visitor id into cart attributes', async () => {
  const b = browser('https://shop.example.com/');
  b.pq.init({ endpoint: '/api/s' });
  await b.pq.cart();
  const f = b.fetches.at(-1);
  assert.equal(f.url, '/cart/update.js');
  assert.deepEqual(f.body, { attributes: { _pvid: b.pq.vid() } });
});

console.log(`${passed} passed`);
