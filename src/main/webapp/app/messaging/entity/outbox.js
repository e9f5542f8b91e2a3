// Messages written but not yet acknowledged (the server's copy with our clientId is the only
// acknowledgement). Kept in sessionStorage, so even a reload of the tab resends them with the same
// clientId: the server stores each one once.
import { readStored, writeStored } from '../../shared/stored.js';

export class Outbox {
  #storageKey;
  #entries;

  constructor(username) {
    this.#storageKey = 'chat.outbox.' + username;
    const stored = readStored(this.#storageKey, []);
    // whatever was in flight when the tab went away must be sent again
    this.#entries = (Array.isArray(stored) ? stored : []).map((e) => ({ ...e, state: 'queued' }));
  }

  get entries() {
    return this.#entries;
  }

  forConversation(key) {
    return this.#entries.filter((e) => e.key === key);
  }

  find(clientId) {
    return this.#entries.find((e) => e.clientId === clientId);
  }

  add(entry) {
    this.#entries.push({ state: 'queued', createdAt: Date.now(), ...entry });
    this.#save();
  }

  remove(clientId) {
    const entry = this.find(clientId);
    if (!entry) return null;
    this.#entries = this.#entries.filter((e) => e !== entry);
    this.#save();
    return entry;
  }

  update(clientId, changes) {
    const entry = this.find(clientId);
    if (entry) Object.assign(entry, changes);
    this.#save();
    return entry;
  }

  #save() {
    writeStored(this.#storageKey, this.#entries.map(({ clientId, key, frame, content, createdAt }) =>
      ({ clientId, key, frame, content, createdAt })));
  }
}
