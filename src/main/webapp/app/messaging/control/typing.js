// Typing indicators both ways. Outgoing: at most one `typing` frame per conversation every 2 s (they
// count against the rate limit). Incoming: a name is shown for a few seconds after its last frame,
// or until that person's message arrives.
import { addressOf } from '../entity/conversation-key.js';

const SEND_EVERY_MS = 2000;
const SHOW_FOR_MS = 4000;

export class TypingSignal {
  #send;
  #lastSent = new Map();
  #trailing = new Map();

  constructor(send) {
    this.#send = send;
  }

  /** A keystroke: signal now, or, inside the 2 s window, once when the window ends. */
  typed(key) {
    const wait = (this.#lastSent.get(key) ?? 0) + SEND_EVERY_MS - Date.now();
    if (wait <= 0) {
      this.#signal(key);
    } else if (!this.#trailing.has(key)) {
      // typing right after sending a message must still show up, just not sooner than allowed
      this.#trailing.set(key, setTimeout(() => {
        this.#trailing.delete(key);
        this.#signal(key);
      }, wait));
    }
  }

  /** The message went out: a signal still waiting would announce typing that is over. */
  sent(key) {
    clearTimeout(this.#trailing.get(key));
    this.#trailing.delete(key);
  }

  #signal(key) {
    if (this.#send({ type: 'typing', ...addressOf(key, 'target') })) this.#lastSent.set(key, Date.now());
  }
}

export class TypingWatch extends EventTarget {
  #typers = new Map();

  started(key, user) {
    const users = this.#typers.get(key) ?? new Map();
    users.set(user, Date.now() + SHOW_FOR_MS);
    this.#typers.set(key, users);
    this.#changed(key);
    setTimeout(() => this.#changed(key), SHOW_FOR_MS + 50);
  }

  stopped(key, user) {
    if (this.#typers.get(key)?.delete(user)) this.#changed(key);
  }

  /** Who is typing in a conversation now, in the order they started. */
  whoIn(key) {
    const now = Date.now();
    return [...(this.#typers.get(key) ?? new Map())].filter(([, until]) => until > now).map(([user]) => user);
  }

  #changed(key) {
    this.dispatchEvent(new CustomEvent('change', { detail: { key } }));
  }
}
