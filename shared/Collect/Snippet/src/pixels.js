// The shop's own browser pixels get the same event id as the collector's copy, so each platform keeps one of the two.
// Each only when that pixel is on the page.

// gtag's recommended event names are snake_case: Purchase → purchase, AddToCart → add_to_cart.
const snakeCase = name => name.replace(/(.)([A-Z])/g, '$1_$2').toLowerCase();

export function firePixels(name, params, eventId) {
  if (window.fbq) fbq('track', name, params, { eventID: eventId });
  if (window.ttq) ttq.track(name, params, { event_id: eventId });
  if (window.gtag) gtag('event', snakeCase(name), Object.assign({}, params, { transaction_id: eventId }));
}
