// Rooms and direct conversations with their unread badges, and the forms to join a room or start a
// direct conversation.
import { byId, h, show } from '../../shared/dom.js';
import { USERNAME_RULE } from '../../auth/control/accounts.js';

export class Sidebar {
  #client;

  constructor(client, signal) {
    this.#client = client;
    this.rooms = byId('room-list');
    this.directs = byId('direct-list');
    this.joinForm = byId('join-form');
    this.joinInput = byId('join-room');
    this.directForm = byId('direct-form');
    this.directInput = byId('direct-user');
    this.formError = byId('sidebar-error');
    this.#showError('');
    this.joinForm.addEventListener('submit', (e) => {
      e.preventDefault();
      const problem = client.join(this.joinInput.value);
      this.#showError(problem);
      if (!problem) this.joinInput.value = '';
    }, { signal });
    this.directForm.addEventListener('submit', (e) => {
      e.preventDefault();
      const user = this.directInput.value.trim().replace(/^@/, '');
      if (!USERNAME_RULE.test(user)) return this.#showError('Enter a username to write to.');
      this.#showError('');
      this.directInput.value = '';
      client.startDirect(user);
    }, { signal });
    for (const type of ['list', 'active']) client.addEventListener(type, () => this.render(), { signal });
    client.presence.addEventListener('change', () => this.render(), { signal });
    this.render();
  }

  render() {
    const client = this.#client;
    this.rooms.replaceChildren(...client.conversations.rooms().map((c) =>
      h('li', {}, this.#entry(c, h('span', { class: 'conv-icon', 'aria-hidden': 'true' }, '#'), c.name))));
    const directs = client.conversations.directs();
    this.directs.replaceChildren(...directs.map((c) => {
      const online = client.presence.isOnline(c.name);
      const dot = h('span', { class: 'dot' + (online ? ' online' : ''), title: online ? 'online' : 'offline' });
      return h('li', {}, this.#entry(c, dot, c.name, online ? 'online' : 'offline'));
    }));
    show(byId('direct-empty'), directs.length === 0);
    const total = client.conversations.totalUnread();
    document.title = total > 0 ? `(${total}) Chat` : 'Chat';
  }

  #entry(conversation, icon, name, presence) {
    const active = conversation.key === this.#client.activeKey;
    const unread = conversation.unread;
    const label = [conversation.kind === 'room' ? `Room ${name}` : `Direct conversation with ${name}`,
      presence, unread ? `${unread} unread` : null].filter(Boolean).join(', ');
    return h('button', {
      type: 'button',
      class: 'conv' + (unread ? ' has-unread' : ''),
      dataset: { key: conversation.key },
      'aria-current': active ? 'page' : null,
      'aria-label': label,
      onclick: () => this.#client.open(conversation.key),
    },
    icon,
    h('span', { class: 'conv-name' }, name),
    unread ? h('span', { class: 'badge', 'aria-hidden': 'true' }, unread > 99 ? '99+' : String(unread)) : null);
  }

  #showError(message) {
    this.formError.textContent = message || '';
    show(this.formError, Boolean(message));
  }
}
