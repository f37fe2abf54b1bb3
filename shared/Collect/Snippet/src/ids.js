// Ids minted in the browser: page-view ids, event ids and a new visitor's id.
//
// Base36 milliseconds first, so ids sort roughly by creation and read as a time when debugging; the random tail keeps
// two tabs that mint in the same millisecond apart. They are labels, never secrets: the collector trusts none of them.

export const now = Date.now;

export const randomId = () => now().toString(36) + Math.random().toString(36).slice(2);
