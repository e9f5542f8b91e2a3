// Asks the server for pages of a conversation: the newest page when it is opened, older pages when the
// user scrolls up (`before`), and everything newer than the last message held after a reconnect
// (`after`, page after page while hasMore). The answer to a history frame does not say which question
// it answers; the server handles one connection's frames in order, so questions are queued per
// conversation and answers taken in the same order.
import { addressOf } from '../entity/conversation-key.js';
import { messageOf } from '../entity/message.js';

const PAGE = 50;
const CATCH_UP_PAGE = 100;
// a question without an answer (an error frame instead) must not block that conversation forever
const STALE_MS = 15000;

export class HistoryLoader {
  #socket;
  #pending = new Map();

  constructor(socket) {
    this.#socket = socket;
  }

  /** Questions asked on a closed connection will never be answered. */
  reset() {
    this.#pending.clear();
  }

  isLoadingOlder(key) {
    return this.#asking(key, 'older') || this.#asking(key, 'latest');
  }

  loadLatest(conversation) {
    if (this.#asking(conversation.key, 'latest')) return;
    this.#ask(conversation, 'latest', { limit: PAGE });
  }

  loadOlder(conversation) {
    if (!conversation.loaded) return this.loadLatest(conversation);
    if (!conversation.hasOlder || !conversation.oldestId || this.#asking(conversation.key, 'older')) return;
    this.#ask(conversation, 'older', { before: conversation.oldestId, limit: PAGE });
  }

  catchUp(conversation) {
    if (!conversation.newestId || this.#asking(conversation.key, 'newer')) return;
    this.#ask(conversation, 'newer', { after: conversation.newestId, limit: CATCH_UP_PAGE });
  }

  /** Takes an answer into its conversation; answers {kind, added}. */
  answered(conversation, frame) {
    const queue = this.#pending.get(conversation.key) ?? [];
    const kind = queue.shift()?.kind ?? 'latest';
    const added = conversation.addAll((frame.messages ?? []).map(messageOf));
    if (kind === 'latest') {
      conversation.loaded = true;
      conversation.hasOlder = Boolean(frame.hasMore);
    } else if (kind === 'older') {
      conversation.hasOlder = Boolean(frame.hasMore);
    } else if (frame.hasMore) {
      this.catchUp(conversation);
    }
    return { kind, added };
  }

  #ask(conversation, kind, params) {
    const frame = { type: 'history', ...addressOf(conversation.key, 'with'), ...params };
    if (!this.#socket.send(frame)) return;
    const queue = this.#pending.get(conversation.key) ?? [];
    queue.push({ kind, at: Date.now() });
    this.#pending.set(conversation.key, queue);
  }

  #asking(key, kind) {
    const now = Date.now();
    return (this.#pending.get(key) ?? []).some((q) => q.kind === kind && now - q.at < STALE_MS);
  }
}
