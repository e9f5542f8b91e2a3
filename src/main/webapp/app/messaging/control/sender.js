// Sends what the user writes, exactly once as far as anyone can see: every message waits in the outbox
// until the server's own copy (with its clientId) comes back, and is resent with the same clientId after
// a reconnect, an UNAVAILABLE or a RATE_LIMITED answer. Sends go out in order, a few at a time, so a
// long outbox after a reconnect does not run into the rate limit all at once.
import { newClientId } from '../../shared/ids.js';
import { reconnectDelay } from '../../connection/control/backoff.js';
import { isDirectKey, nameOfKey } from '../entity/conversation-key.js';

const IN_FLIGHT_MAX = 5;
// the server closes the socket (1009) on a frame over 64 KiB, and a resend would do it again: such a
// message is refused here, before it can get into the outbox
const FRAME_BYTES_MAX = 60 * 1024;

/** Answers the server's error codes for a message it did not accept: what to tell the user. */
const REJECTIONS = {
  TOO_LARGE: 'That message is too long to send. Shorten it and try again.',
  USER_NOT_FOUND: 'There is no user by that name.',
  NOT_MEMBER: 'You are not a member of this room any more.',
  BAD_REQUEST: 'The server did not accept that message.',
};

export class Sender extends EventTarget {
  #socket;
  #outbox;
  #pausedUntil = 0;
  #resumeTimer = null;
  #unavailableStreak = 0;
  // after a refusal for load, one message at a time until the outbox is empty: keeps the order
  #careful = false;

  constructor(socket, outbox) {
    super();
    this.#socket = socket;
    this.#outbox = outbox;
  }

  /** Queues a message for a conversation; answers a problem string when it cannot be sent at all. */
  send(key, content) {
    const clientId = newClientId();
    const frame = isDirectKey(key)
      ? { type: 'private', target: nameOfKey(key), content, clientId }
      : { type: 'chat', room: key, content, clientId };
    if (new TextEncoder().encode(JSON.stringify(frame)).length > FRAME_BYTES_MAX) return REJECTIONS.TOO_LARGE;
    this.#outbox.add({ clientId, key, frame, content });
    this.#changed(key);
    this.pump();
    return null;
  }

  /** Sends queued messages, oldest first, while the connection is ready and not paused. */
  pump() {
    if (!this.#socket.isReady || Date.now() < this.#pausedUntil) return;
    if (this.#outbox.entries.length === 0) this.#careful = false;
    const limit = this.#careful ? 1 : IN_FLIGHT_MAX;
    let inFlight = this.#outbox.entries.filter((e) => e.state === 'sent').length;
    for (const entry of this.#outbox.entries) {
      if (inFlight >= limit) break;
      if (entry.state !== 'queued') continue;
      if (!this.#socket.send(entry.frame)) break;
      this.#outbox.update(entry.clientId, { state: 'sent', note: '' });
      inFlight++;
      this.#changed(entry.key);
    }
  }

  /** The connection is gone: nothing in flight can be counted on, all of it goes again. */
  connectionLost() {
    for (const entry of this.#outbox.entries) {
      if (entry.state === 'sent') this.#outbox.update(entry.clientId, { state: 'queued' });
      this.#changed(entry.key);
    }
  }

  /** The server's own copy of our message: it is stored, the outbox lets go of it. */
  acknowledged(clientId) {
    const entry = this.#outbox.remove(clientId);
    if (!entry) return;
    this.#unavailableStreak = 0;
    this.#changed(entry.key);
    this.pump();
  }

  /** An error frame carrying one of our clientIds: resend later, or give the message back. */
  refused(error) {
    const entry = this.#outbox.find(error.clientId);
    if (!entry) return;
    if (error.code === 'RATE_LIMITED' || error.code === 'UNAVAILABLE') {
      const limited = error.code === 'RATE_LIMITED';
      this.#careful = true;
      const wait = limited ? reconnectDelay(0, { baseMs: 4000 }) : reconnectDelay(this.#unavailableStreak++, { baseMs: 1000, capMs: 30000 });
      this.#outbox.update(entry.clientId, {
        state: 'queued',
        note: limited ? 'Sending too fast, retrying…' : 'Server busy, retrying…',
      });
      this.#pause(wait);
      this.#changed(entry.key);
      this.dispatchEvent(new CustomEvent('problem', {
        detail: {
          key: entry.key,
          message: limited
            ? "You're sending messages too fast. Waiting a few seconds, then sending again."
            : 'The server cannot store messages right now. Your message will be sent when it can.',
        },
      }));
      return;
    }
    this.#outbox.remove(entry.clientId);
    this.#changed(entry.key);
    this.dispatchEvent(new CustomEvent('rejected', {
      detail: { key: entry.key, content: entry.content, code: error.code, message: REJECTIONS[error.code] || error.message || 'The message was not sent.' },
    }));
    this.pump();
  }

  #pause(ms) {
    this.#pausedUntil = Math.max(this.#pausedUntil, Date.now() + ms);
    clearTimeout(this.#resumeTimer);
    this.#resumeTimer = setTimeout(() => this.pump(), this.#pausedUntil - Date.now() + 10);
  }

  #changed(key) {
    this.dispatchEvent(new CustomEvent('change', { detail: { key } }));
  }
}
