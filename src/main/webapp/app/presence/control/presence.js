// Who is online, cluster-wide: the welcome frame's list, then each `presence` change.
export class Presence extends EventTarget {
  #online = new Set();

  reset(users) {
    this.#online = new Set((users ?? []).map(String));
    this.#changed();
  }

  update(user, status) {
    const had = this.#online.has(user);
    if (status === 'online' && !had) this.#online.add(user);
    else if (status === 'offline' && had) this.#online.delete(user);
    else return;
    this.#changed();
  }

  isOnline(user) {
    return this.#online.has(user);
  }

  users() {
    return [...this.#online].sort((a, b) => a.localeCompare(b));
  }

  #changed() {
    this.dispatchEvent(new Event('change'));
  }
}
