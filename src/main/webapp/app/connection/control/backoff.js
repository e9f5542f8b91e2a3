// Exponential backoff with "equal jitter": half of the delay is fixed, half random, so a server
// restart is not followed by every client reconnecting in the same millisecond, and no delay is zero.
export function reconnectDelay(attempt, { baseMs = 500, capMs = 10000, random = Math.random } = {}) {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.max(0, attempt));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
