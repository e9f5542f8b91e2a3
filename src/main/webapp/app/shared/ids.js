// Client ids let the server recognise a resend after a reconnect. crypto.randomUUID exists only in
// secure contexts; getRandomValues exists everywhere, so the id is built from it.
export function newClientId() {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return 'c-' + Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
