// The Shopify add-on served at /api/{prefix}/shopify.js, loaded after s.js: consent from Shopify's Customer Privacy
// API, the visitor id into the cart's attributes, and Purchase from a custom pixel's checkout_completed. Built by
// scripts/build-snippet.mjs into ../dist/shopify.js; docs/collector.md ("Shopify") tells how to install it. Its own
// file because the 2 KB budget of s.js could not hold it.
import { consentState } from './consent.js';

const pq = window.pq;

// Shopify's consent in Consent Mode's fields. The storefront's customerPrivacy has functions, the custom pixel's
// init/event data has booleans: `read` turns either into a boolean. "Marketing" covers all three ad fields.
const shopifyConsent = (privacy, read) => ({
  ad_storage: consentState(read(privacy.marketingAllowed)),
  ad_user_data: consentState(read(privacy.marketingAllowed)),
  ad_personalization: consentState(read(privacy.marketingAllowed)),
  analytics_storage: consentState(read(privacy.analyticsProcessingAllowed)),
  sale_of_data_opt_out: !read(privacy.saleOfDataAllowed),
});

// A Customer Privacy answer that is missing or throws counts as no.
const callSafely = answer => {
  try {
    return typeof answer == 'function' ? answer() : answer;
  } catch (e) {
    return false;
  }
};

// Storefront: read on every send, like the snippet's own sources, and send at once when the banner answers.
pq.cs.push(consent => {
  const privacy = (window.Shopify || {}).customerPrivacy;
  if (privacy) Object.assign(consent, shopifyConsent(privacy, answer => callSafely(answer && answer.bind(privacy))));
});
document.addEventListener('visitorConsentCollected', () => pq.flush());

// pq.cart(key = '_pvid'): cart attributes become the order's note_attributes, where the order webhook finds the
// visitor id. Nothing to write without one (no ads consent yet).
pq.cart = (key = '_pvid') => {
  const visitorId = pq.vid();
  return visitorId ? fetch('/cart/update.js', {
    method: 'POST', credentials: 'same-origin', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ attributes: { [key]: visitorId } }),
  }) : Promise.resolve();
};

// Shopify's money: {amount, currencyCode}.
const amountOf = money => money && money.amount != null ? +money.amount : undefined;

// Custom pixel mode, pq.init({endpoint, shopify: {analytics, browser, init, customerPrivacy}}): the checkout runs in
// a sandboxed frame without the storefront's cookies or page, so there is no page view; the visitor id comes from
// the storefront's _pvid cookie through browser.cookie, and the purchase is sent at once by beacon.
pq.shopify = ({ analytics, browser, init, customerPrivacy }) => {
  const recordConsent = privacy => privacy && pq.consent(shopifyConsent(privacy, answer => answer));
  recordConsent(init && init.customerPrivacy);
  customerPrivacy && customerPrivacy.subscribe('visitorConsentCollected', event => recordConsent(event.customerPrivacy));

  analytics.subscribe('checkout_completed', event => {
    const checkout = event.data.checkout;
    const orderId = String((checkout.order || {}).id || '');
    const sendPurchase = visitorId => {
      visitorId && pq.vid(visitorId);
      pq.track('Purchase', {
        value: amountOf(checkout.totalPrice),
        currency: checkout.currencyCode,
        order_id: orderId.replace(/^gid:\/\/.*\//, ''),
        contents: (checkout.lineItems || []).map(line => ({
          id: String(((line.variant || {}).product || {}).id || (line.variant || {}).id || ''),
          quantity: line.quantity,
          price: amountOf((line.variant || {}).price),
          name: line.title,
        })),
      }, {
        // The same id as the order webhook's copy; the thank-you page's URL; the ids that link this checkout to
        // the order (the buyer's e-mail is not sent from here: the webhook has it).
        eventId: pq.purchaseEventId(orderId),
        url: event.context && event.context.document.location.href,
        x: { shopify_client_id: event.clientId, checkout_token: checkout.token },
      });
      pq.flush(1);
    };
    browser && browser.cookie ? browser.cookie.get('_pvid').then(sendPurchase, () => sendPurchase()) : sendPurchase();
  });
};
