// What a WebSocket close code means for this client (codes from the wire contract).
export const CloseCode = Object.freeze({
  NORMAL: 1000,
  GOING_AWAY: 1001, // server shutting down: another instance may take us at once
  ABNORMAL: 1006, // no close frame: network drop, or a refused handshake (the browser hides the status)
  POLICY: 1008, // auth, origin or ban
  TOO_BIG: 1009,
  KICKED: 4000, // an admin closed our sessions (also sent when banned)
  HEARTBEAT_LOST: 4001, // our own: no answer to a ping, the connection is half-open
  TOO_SLOW: 4002,
});

/** Close codes after which reconnecting by ourselves would be wrong: a person has to act. */
export function endsTheSession(code) {
  return code === CloseCode.KICKED;
}
