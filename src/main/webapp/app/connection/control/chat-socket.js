// One logical connection to /chat that survives drops: it reconnects by itself with backoff and jitter,
// watches for half-open sockets with pings, and stops for good only when a person must act
// (kicked, banned, token no longer valid).
//
// Events: 'state' (detail: {state, retryInMs?}), 'welcome' (detail: frame), 'frame' (detail: frame),
// 'down' (the socket is gone; unacknowledged sends must be resent), 'ended' (detail: {reason}).
import { reconnectDelay } from './backoff.js';
import { probeToken } from './token-probe.js';
import { CloseCode, endsTheSession } from '../entity/close-codes.js';

const PING_EVERY_MS = 25000;

function chatUrl(token) {
  const url = new URL('chat', document.baseURI);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  url.searchParams.set('token', token);
  return url.toString();
}

export class ChatSocket extends EventTarget {
  #session;
  #ws = null;
  #welcomed = false;
  #attempt = 0;
  #retryTimer = null;
  #pingTimer = null;
  #lastFrameAt = 0;
  #lastPingAt = 0;
  #stopped = true;
  #state = 'idle';
  #onOnline = () => this.reconnectNow();
  #onOffline = () => this.#setState('offline');

  constructor(session) {
    super();
    this.#session = session;
  }

  get state() {
    return this.#state;
  }

  get isReady() {
    return this.#welcomed && this.#ws?.readyState === WebSocket.OPEN;
  }

  start() {
    this.#stopped = false;
    addEventListener('online', this.#onOnline);
    addEventListener('offline', this.#onOffline);
    this.#connect();
  }

  /** Closes for good (log out); no reconnect follows. */
  stop() {
    this.#stopped = true;
    removeEventListener('online', this.#onOnline);
    removeEventListener('offline', this.#onOffline);
    clearTimeout(this.#retryTimer);
    this.#abandon(CloseCode.NORMAL);
    this.#setState('stopped');
  }

  /** Sends a frame when welcomed; answers false otherwise (the caller keeps what must be resent). */
  send(frame) {
    if (!this.isReady) return false;
    this.#ws.send(JSON.stringify(frame));
    return true;
  }

  /** Skips the rest of the backoff wait ("Retry now", the browser coming back online). */
  reconnectNow() {
    if (this.#stopped || this.#ws) return;
    clearTimeout(this.#retryTimer);
    this.#connect();
  }

  #connect() {
    if (this.#session.isExpired()) {
      this.#end('unauthorized');
      return;
    }
    this.#setState(this.#attempt === 0 && this.#state === 'idle' ? 'connecting' : this.#reconnectingState());
    const ws = new WebSocket(chatUrl(this.#session.token));
    this.#ws = ws;
    this.#welcomed = false;
    let opened = false;
    ws.onopen = () => {
      opened = true;
      this.#lastFrameAt = Date.now();
      this.#startPings();
    };
    ws.onmessage = (event) => this.#receive(event.data);
    // an error event is always followed by a close event, which decides what happens next
    ws.onerror = () => {};
    ws.onclose = (event) => {
      if (ws === this.#ws) this.#lost(event.code, opened);
    };
  }

  #receive(data) {
    this.#lastFrameAt = Date.now();
    let frame;
    try {
      frame = JSON.parse(data);
    } catch {
      return; // the contract promises JSON; anything else is not ours to interpret
    }
    if (!frame || typeof frame !== 'object') return;
    if (!this.#welcomed && frame.type === 'welcome') {
      this.#welcomed = true;
      this.#attempt = 0;
      this.#setState('connected');
      this.dispatchEvent(new CustomEvent('welcome', { detail: frame }));
      return;
    }
    this.dispatchEvent(new CustomEvent('frame', { detail: frame }));
  }

  async #lost(code, opened) {
    const wasWelcomed = this.#welcomed;
    this.#abandon();
    if (wasWelcomed) this.dispatchEvent(new Event('down'));
    if (this.#stopped) return;
    if (endsTheSession(code)) {
      this.#end('kicked');
      return;
    }
    let reachable = true;
    if (code === CloseCode.POLICY || !opened) {
      // refused before or at the handshake: find out whether the token is the reason
      const verdict = await probeToken(this.#session);
      // stopped meanwhile, or "Retry now" / back online already started a new attempt
      if (this.#stopped || this.#ws) return;
      if (verdict === 'unauthorized') return this.#end('unauthorized');
      if (verdict === 'banned') return this.#end('banned');
      if (code === CloseCode.POLICY) return this.#end('refused');
      reachable = verdict !== 'unreachable';
    }
    // 1001: this server is going away, a load balancer can place us elsewhere right now
    const delay = code === CloseCode.GOING_AWAY && this.#attempt === 0
      ? reconnectDelay(0, { baseMs: 300 })
      : reconnectDelay(this.#attempt);
    this.#attempt++;
    this.#setState(reachable && navigator.onLine !== false ? 'reconnecting' : 'offline', delay);
    this.#retryTimer = setTimeout(() => this.#connect(), delay);
  }

  #reconnectingState() {
    return navigator.onLine === false ? 'offline' : this.#state === 'offline' ? 'offline' : 'reconnecting';
  }

  /** Pings keep proxies from closing an idle socket and reveal a half-open one (no answer). */
  #startPings() {
    clearInterval(this.#pingTimer);
    this.#lastPingAt = 0;
    this.#pingTimer = setInterval(() => {
      const ws = this.#ws;
      if (!ws || ws.readyState !== WebSocket.OPEN) return;
      if (this.#lastPingAt && this.#lastFrameAt < this.#lastPingAt) {
        this.#lost(CloseCode.HEARTBEAT_LOST, true);
        return;
      }
      this.#lastPingAt = Date.now();
      ws.send(JSON.stringify({ type: 'ping' }));
    }, PING_EVERY_MS);
  }

  /** Lets go of the current socket without waiting for its close handshake. */
  #abandon(code = CloseCode.HEARTBEAT_LOST) {
    clearInterval(this.#pingTimer);
    const ws = this.#ws;
    this.#ws = null;
    this.#welcomed = false;
    if (!ws) return;
    ws.onopen = ws.onmessage = ws.onclose = ws.onerror = null;
    if (ws.readyState === WebSocket.CONNECTING || ws.readyState === WebSocket.OPEN) {
      try {
        ws.close(code);
      } catch {
        // already closing
      }
    }
  }

  #end(reason) {
    this.#stopped = true;
    clearTimeout(this.#retryTimer);
    this.#abandon(CloseCode.NORMAL);
    this.#setState('ended');
    this.dispatchEvent(new CustomEvent('ended', { detail: { reason } }));
  }

  #setState(state, retryInMs) {
    this.#state = state;
    this.dispatchEvent(new CustomEvent('state', { detail: { state, retryInMs } }));
  }
}
