// Admin announcements, shown to everyone as a banner above the messages until dismissed.
import { byId, h } from '../../shared/dom.js';
import { clockTime, fullTime } from './time-format.js';

const SHOWN_AT_MOST = 3;

export class Announcements {
  constructor(client, signal) {
    this.box = byId('announcements');
    this.box.replaceChildren();
    client.addEventListener('announcement', (e) => this.#show(e.detail), { signal });
  }

  #show({ content, ts }) {
    const banner = h('div', { class: 'announcement', role: 'status' },
      h('span', { class: 'announcement-icon', 'aria-hidden': 'true' }, '📣'),
      h('div', { class: 'announcement-body' },
        h('strong', {}, 'Announcement'),
        ' ',
        h('time', { datetime: new Date(ts).toISOString(), title: fullTime(ts) }, clockTime(ts)),
        h('p', {}, content)),
      h('button', { type: 'button', class: 'icon-button', 'aria-label': 'Dismiss announcement', onclick: () => banner.remove() }, '×'));
    this.box.append(banner);
    while (this.box.children.length > SHOWN_AT_MOST) this.box.firstElementChild.remove();
  }
}
