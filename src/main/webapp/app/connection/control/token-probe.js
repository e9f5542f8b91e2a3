// A browser never shows the HTTP status of a refused WebSocket handshake (it sees only 1006), so after
// a failed or refused connection one REST call with the same token tells why.
import { requestJson, Unreachable } from '../../shared/http.js';

/** 'ok' | 'unauthorized' (401: expired or invalid) | 'banned' (403) | 'unreachable' */
export async function probeToken(session) {
  try {
    const { status } = await requestJson('api/presence', { token: session.token });
    if (status === 401) return 'unauthorized';
    if (status === 403) return 'banned';
    return 'ok';
  } catch (e) {
    if (e instanceof Unreachable) return 'unreachable';
    throw e;
  }
}
