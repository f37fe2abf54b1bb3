/* Shopify add-on for pq (load after s.js): consent from the Customer Privacy API, the visitor id into cart
   attributes, and Purchase from a custom pixel's checkout_completed. See docs/collector.md. */
((w, A) => {
  const g = b => b ? 'granted' : 'denied';
  // Both the storefront API (functions) and the custom pixel's init/event data (booleans) map the same way.
  const map = (p, f) => ({
    ad_storage: g(f(p.marketingAllowed)), ad_user_data: g(f(p.marketingAllowed)),
    ad_personalization: g(f(p.marketingAllowed)), analytics_storage: g(f(p.analyticsProcessingAllowed)),
    sale_of_data_opt_out: !f(p.saleOfDataAllowed)
  });
  const call = x => { try { return typeof x == 'function' ? x() : x } catch (e) { return false } };

  A.cs.push(c => {
    const s = (w.Shopify || {}).customerPrivacy;
    if (s) Object.assign(c, map(s, x => call(x && x.bind(s))));
  });
  document.addEventListener('visitorConsentCollected', () => A.flush());

  // Cart attributes become the order's note_attributes, where the order webhook finds the visitor id.
  A.cart = (key = '_pvid') => {
    const v = A.vid();
    return v ? fetch('/cart/update.js', {
      method: 'POST', credentials: 'same-origin', headers: {'Content-Type': 'application/json'},
      body: JSON.stringify({attributes: {[key]: v}})
    }) : Promise.resolve();
  };

  // Custom pixel mode: pq.init({endpoint, shopify: {analytics, browser, init, customerPrivacy}}).
  A.shopify = ({analytics, browser, init, customerPrivacy}) => {
    const consent = p => p && A.consent(map(p, x => x));
    consent(init && init.customerPrivacy);
    customerPrivacy && customerPrivacy.subscribe('visitorConsentCollected', e => consent(e.customerPrivacy));
    const money = m => m && m.amount != null ? +m.amount : undefined;
    analytics.subscribe('checkout_completed', e => {
      const c = e.data.checkout, id = String((c.order || {}).id || '');
      const send = v => {
        v && A.vid(v);
        A.track('Purchase', {
          value: money(c.totalPrice), currency: c.currencyCode, order_id: id.replace(/^gid:\/\/.*\//, ''),
          contents: (c.lineItems || []).map(l => ({
            id: String(((l.variant || {}).product || {}).id || (l.variant || {}).id || ''),
            quantity: l.quantity, price: money((l.variant || {}).price), name: l.title
          }))
        }, {
          eventId: A.purchaseEventId(id), url: e.context && e.context.document.location.href,
          x: {shopify_client_id: e.clientId, checkout_token: c.token}
        });
        A.flush(1);
      };
      browser && browser.cookie ? browser.cookie.get('_pvid').then(send, () => send()) : send();
    });
  };
})(window, window.pq);
