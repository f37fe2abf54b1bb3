// Reading URLs by hand rather than with URL/URLSearchParams: those decode, and the click ids must reach the
// platforms exactly as they arrived.

// The raw value of the query parameter `name` in `url`: never decoded, re-cased or cut. Meta rejects an fbclid whose
// percent-encoding was changed, so "AbC%2Fx" must stay "AbC%2Fx". `name` is one of ours (no pattern characters).
export const rawQueryParameter = (url, name) => (url.match('[?&]' + name + '=([^&#]*)') || [])[1];

// The URL without its query and fragment: what may be sent while ads storage is not allowed, since queries carry
// click ids, campaign tags and sometimes a person's details.
export const withoutQuery = url => (url || '').split(/[?#]/)[0];
