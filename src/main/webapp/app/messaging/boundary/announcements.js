// Admin announcements, shown to everyone as a banner above the messages until dismissed.
import { byId, h } from '../../shared/dom.js';
import { clockTime, fullTime } from './time-format.js';

const SHOWN_AT_MOST = 3;
const SVG = 'http://www.w3.org/2000/svg';

// drawn, not an emoji: a system without an emoji font would show an empty box
function megaphone() {
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('class', 'announcement-icon');
  svg.setAttribute('aria-hidden', 'true');
  const path = document.createElementNS(SVG, 'path');
  path.setAttribute('fill', 'currentColor');
  path.setAttribute('d', 'M3 10v4h3l5 4V6L6 10H3zm13.5 2A4.5 4.5 0 0 0 14 8v8a4.47 4.47 0 0 0 2.5-4zM14 3.2v2.1a7 7 0 0 1 0 13.4v2.1a9 9 0 0 0 0-17.6z');
  svg.append(path);
  return svg;
}

export class Announcements {
  constructor(client, signal) {
    this.box = byId('announcements');
    this.box.replaceChildren();
    client.addEventListener('announcement', (e) => this.#show(e.detail), { signal });
  }

  #show({ content, ts }) {
    const banner = h('div', { class: 'announcement', role: 'status' },
      megaphone(),
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
