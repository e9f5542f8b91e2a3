// The title bar of the open conversation, who is typing in it, and leaving a room.
import { byId, show } from '../../shared/dom.js';
import { GENERAL } from '../entity/conversation-key.js';

export class ConversationHeader {
  #client;

  constructor(client, signal) {
    this.#client = client;
    this.title = byId('conversation-title');
    this.subtitle = byId('conversation-subtitle');
    this.leave = byId('leave-room');
    this.typing = byId('typing');
    this.leave.addEventListener('click', () => {
      const problem = client.leave(client.activeKey);
      if (problem) client.dispatchEvent(new CustomEvent('problem', { detail: { message: problem } }));
    }, { signal });
    client.addEventListener('active', () => this.render(), { signal });
    client.presence.addEventListener('change', () => this.render(), { signal });
    client.addEventListener('typing', (e) => e.detail.key === client.activeKey && this.#renderTyping(), { signal });
    this.render();
  }

  render() {
    const c = this.#client.conversations.active;
    if (c.kind === 'room') {
      this.title.textContent = '# ' + c.name;
      this.subtitle.textContent = c.key === GENERAL ? 'Everyone is here' : 'Room';
    } else {
      this.title.textContent = c.name;
      this.subtitle.textContent = this.#client.presence.isOnline(c.name) ? 'Online' : 'Offline';
    }
    show(this.leave, c.kind === 'room' && c.key !== GENERAL);
    this.#renderTyping();
  }

  #renderTyping() {
    const who = this.#client.typing.whoIn(this.#client.activeKey);
    let text = '';
    if (who.length === 1) text = `${who[0]} is typing…`;
    else if (who.length === 2) text = `${who[0]} and ${who[1]} are typing…`;
    else if (who.length > 2) text = 'Several people are typing…';
    this.typing.textContent = text;
    this.typing.classList.toggle('active', Boolean(text));
  }
}
