// The fields the client keeps of a stored message frame ('chat' or 'private'); nothing else is trusted
// to be there, and every value is kept as a plain string or number.
export function messageOf(frame) {
  return {
    id: String(frame.id),
    user: String(frame.user ?? ''),
    content: String(frame.content ?? ''),
    ts: Number(frame.ts) || Date.now(),
    clientId: frame.clientId ? String(frame.clientId) : undefined,
  };
}
