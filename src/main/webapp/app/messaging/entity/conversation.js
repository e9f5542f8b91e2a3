// A room or a direct conversation as this tab knows it: the stored messages it has seen, in id order,
// each exactly once, however often the server sends one (live, history, catch-up, resend copy).
import { compareIds } from './message-id.js';
import { isDirectKey, nameOfKey } from './conversation-key.js';

export class Conversation {
  constructor(key) {
    this.key = key;
    this.kind = isDirectKey(key) ? 'direct' : 'room';
    this.name = nameOfKey(key);
    this.messages = [];
    this.unread = 0;
    /** false once the server said there is nothing older than the oldest message we hold */
    this.hasOlder = true;
    /** true once the newest page was asked for and answered */
    this.loaded = false;
    /** the id of the last read marker sent for this conversation */
    this.readUpTo = null;
    this.ids = new Set();
  }

  get oldestId() {
    return this.messages[0]?.id ?? null;
  }

  get newestId() {
    return this.messages.at(-1)?.id ?? null;
  }

  get lastActivity() {
    return this.messages.at(-1)?.ts ?? 0;
  }

  /** Adds a stored message unless it is already known; answers whether it was new. */
  add(message) {
    if (!message?.id || this.ids.has(message.id)) return false;
    this.ids.add(message.id);
    const list = this.messages;
    // almost always the newest (live) or the oldest (history page): look from the end
    let i = list.length;
    while (i > 0 && compareIds(list[i - 1].id, message.id) > 0) i--;
    list.splice(i, 0, message);
    return true;
  }

  /** Adds many, answering the ones that were new. */
  addAll(messages) {
    return (messages ?? []).filter((m) => this.add(m));
  }
}
