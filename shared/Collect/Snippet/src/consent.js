// Consent readers: what the page has decided about ads and analytics storage, read from every source the snippet
// knows, and whether ads storage is allowed now.
//
// Read again before every send (never cached), so a banner that answers late, or changes its mind, counts from the
// next send on. The fields are Google Consent Mode's: ad_storage, analytics_storage, ad_user_data,
// ad_personalization ('granted' / 'denied'), plus sale_of_data_opt_out (true / false).

export const consentState = granted => granted ? 'granted' : 'denied';

// Readers added by add-ons (shopify.js reads Shopify's Customer Privacy API): each fills in the consent object.
// Exposed as pq.cs.
export const consentReaders = [];

// The last IAB TCF v2 answer, already in Consent Mode's fields.
let tcfConsent = {};

// What the shop told us itself with pq.consent(...).
const shopConsent = {};

// Whether ads storage needs an explicit grant (pq.init's consentRequired or an EEA/UK region).
let consentRequired;

export function requireConsentFor(options) {
  consentRequired = options.consentRequired || /^(EEA|UK)$/.test(options.region);
}

export const recordShopConsent = consent => Object.assign(shopConsent, consent);

// Every source merged, weakest first, so a later one overrides an earlier one field by field:
// Consent Mode < add-ons < TCF < GPC < the shop's own pq.consent(...).
export function readConsent() {
  const consent = {};
  // gtag('consent', 'default' | 'update', {...}) pushes its arguments to dataLayer, in order. A default scoped to
  // regions is skipped: only Google's tag knows which region the visitor is in.
  for (const command of window.dataLayer || []) {
    if (command && command[0] == 'consent' && !(command[2] || {}).region) Object.assign(consent, command[2]);
  }
  for (const read of consentReaders) read(consent);
  Object.assign(consent, tcfConsent);
  // Global Privacy Control is a legally binding opt-out of sale/share in several US states.
  if (navigator.globalPrivacyControl) consent.sale_of_data_opt_out = true;
  return Object.assign(consent, shopConsent);
}

// Ads storage (cookies, the visitor id, click ids) is allowed when ad_storage is granted, or when nothing says
// anything and consent is not required here. An explicit denial always wins.
export function adsStorageAllowed() {
  const adStorage = readConsent().ad_storage;
  return adStorage ? adStorage == 'granted' : !consentRequired;
}

// IAB TCF v2 (a CMP's __tcfapi), when the page has one. Purposes 1 (store/access) and 7 (measure ads) make
// ad_storage and ad_user_data; 3 and 4 (personalised ads profile and selection) make ad_personalization.
// gdprApplies false: the CMP has no say here. `onChange` runs after each answer.
export function listenToTcf(onChange) {
  if (window.__tcfapi) __tcfapi('addEventListener', 2, (tcData, success) => {
    if (success) {
      const purposes = tcData.purpose.consents;
      const ads = consentState(purposes[1] && purposes[7]);
      tcfConsent = tcData.gdprApplies === false ? {}
        : { ad_storage: ads, ad_user_data: ads, ad_personalization: consentState(purposes[3] && purposes[4]) };
      onChange();
    }
  });
}
