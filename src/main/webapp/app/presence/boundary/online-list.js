// Everyone online, with a presence dot; choosing someone opens the direct conversation with them.
import { byId, h } from '../../shared/dom.js';
import { avatar } from '../../messaging/boundary/avatar.js';

export class OnlineList {
  #client;

  constructor(client, signal) {
    this.#client = client;
    this.list = byId('online-list');
    this.count = byId('online-count');
    client.presence.addEventListener('change', () => this.render(), { signal });
    this.render();
  }

  render() {
    const me = this.#client.me;
    const users = this.#client.presence.users();
    this.count.textContent = String(users.length);
    this.list.replaceChildren(...users.map((user) => {
      const face = h('span', { class: 'face' }, avatar(user, 'avatar small'), h('span', { class: 'dot online', 'aria-hidden': 'true' }));
      if (user === me) {
        return h('li', { class: 'person self', dataset: { user } }, face, h('span', { class: 'conv-name' }, user), h('span', { class: 'you' }, 'you'));
      }
      return h('li', { class: 'person', dataset: { user } },
        h('button', { type: 'button', class: 'conv', 'aria-label': `${user}, online: send a direct message`, onclick: () => this.#client.startDirect(user) },
          face, h('span', { class: 'conv-name' }, user)));
    }));
  }
}
