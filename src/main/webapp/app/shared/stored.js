// sessionStorage, as JSON, tolerant of a full or disabled storage (private modes): the app then only
// loses what it would have kept across a reload of the tab.

export function readStored(key, fallback) {
  try {
    const text = sessionStorage.getItem(key);
    return text === null ? fallback : JSON.parse(text);
  } catch {
    return fallback;
  }
}

export function writeStored(key, value) {
  try {
    if (value === undefined) sessionStorage.removeItem(key);
    else sessionStorage.setItem(key, JSON.stringify(value));
  } catch {
    // storage full or disabled: nothing better to do than to keep running from memory
  }
}
