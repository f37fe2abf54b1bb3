// Click-id capture: the ad platforms' click ids in the landing URL.
import { rawQueryParameter } from './url.js';

// Every click id the collector accepts (BrowserIdentifiers.ClickIdParameters; a unit test keeps the two lists equal).
// One string split at load: shorter than an array literal, and the budget is 2 KB.
export const CLICK_ID_PARAMETERS = 'fbclid gclid gbraid wbraid dclid ttclid msclkid ScCid epik rdt_cid li_fat_id twclid'.split(' ');

// The click ids of a landing, by parameter name. The referrer's query is read as a fallback: a redirect or a
// consent wall on the first page can drop the query from the URL, while the previous page still had it.
export function readClickIds(search, referrer) {
  const clickIds = {};
  for (const name of CLICK_ID_PARAMETERS) {
    const value = rawQueryParameter(search, name) || rawQueryParameter(referrer, name);
    // Longer values are not click ids a platform accepts (Meta's fbclid limit); the collector drops them too.
    if (value && value.length <= 500) clickIds[name] = value;
  }
  return clickIds;
}
