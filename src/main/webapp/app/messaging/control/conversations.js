// The conversations of this tab: the rooms the user is in, the direct conversations seen so far,
// and which one is open.
import { Conversation } from '../entity/conversation.js';
import { GENERAL, directKey } from '../entity/conversation-key.js';
import { readStored, writeStored } from '../../shared/stored.js';

export class Conversations {
  #map = new Map();
  #storageKey;

  constructor(me) {
    this.me = me;
    this.#storageKey = 'chat.conversations.' + me;
    const stored = readStored(this.#storageKey, {});
    this.get(GENERAL);
    // direct conversations are not listed by the server: remember the ones this tab has seen
    for (const user of Array.isArray(stored.directs) ? stored.directs : []) this.get(directKey(user));
    // the rooms are known only after the welcome, which drops this one again if the user left it meanwhile
    this.activeKey = typeof stored.active === 'string' && stored.active ? stored.active : GENERAL;
    this.get(this.activeKey);
  }

  get active() {
    return this.get(this.activeKey);
  }

  has(key) {
    return this.#map.has(key);
  }

  /** The conversation for a key, created when first seen. */
  get(key) {
    let conversation = this.#map.get(key);
    if (!conversation) {
      conversation = new Conversation(key);
      this.#map.set(key, conversation);
      if (conversation.kind === 'direct') this.#save();
    }
    return conversation;
  }

  remove(key) {
    this.#map.delete(key);
    if (this.activeKey === key) this.activeKey = GENERAL;
    this.#save();
  }

  setActive(key) {
    this.activeKey = key;
    this.get(key);
    this.#save();
  }

  /** Makes the room list what the server says the user is a member of. */
  syncRooms(rooms) {
    const wanted = new Set([GENERAL, ...(rooms ?? [])]);
    for (const room of wanted) this.get(room);
    for (const c of this.#map.values()) if (c.kind === 'room' && !wanted.has(c.key)) this.remove(c.key);
  }

  /** general first, then by name. */
  rooms() {
    return [...this.#map.values()]
      .filter((c) => c.kind === 'room')
      .sort((a, b) => (a.key === GENERAL ? -1 : b.key === GENERAL ? 1 : a.name.localeCompare(b.name)));
  }

  /** The most recently active first: the way people look for the person they talk to. */
  directs() {
    return [...this.#map.values()]
      .filter((c) => c.kind === 'direct')
      .sort((a, b) => b.lastActivity - a.lastActivity || a.name.localeCompare(b.name));
  }

  all() {
    return [...this.#map.values()];
  }

  totalUnread() {
    return this.all().reduce((sum, c) => sum + c.unread, 0);
  }

  #save() {
    writeStored(this.#storageKey, {
      active: this.activeKey,
      directs: this.directs().map((c) => c.name),
    });
  }
}
