// The message pane of the open conversation. Rows are kept by key and only added, moved or replaced
// when they change, so a message arriving does not rebuild the list (text selection, focus and scroll
// survive). Consecutive messages of one sender within a few minutes form a group: only the first row
// shows the name and time. Scrolling near the top asks for older history.
import { byId, h, show } from '../../shared/dom.js';
import { avatar } from './avatar.js';
import { textWithLinks } from './link-text.js';
import { clockTime, dayLabel, fullTime, localDayKey } from './time-format.js';

const GROUP_GAP_MS = 5 * 60 * 1000;
const NEAR_BOTTOM_PX = 48;
const LOAD_OLDER_AT_PX = 150;

export class MessageList {
  #client;
  #rows = new Map();
  #key = null;

  constructor(client, signal) {
    this.#client = client;
    this.scroller = byId('message-scroller');
    this.list = byId('message-list');
    this.status = byId('history-status');
    this.jump = byId('jump-latest');
    this.list.replaceChildren();
    this.scroller.addEventListener('scroll', () => this.#scrolled(), { passive: true, signal });
    this.jump.addEventListener('click', () => this.scrollToLatest(), { signal });
    client.addEventListener('active', () => this.render({}), { signal });
    client.addEventListener('messages', (e) => e.detail.key === client.activeKey && this.render(e.detail), { signal });
  }

  scrollToLatest() {
    this.scroller.scrollTop = this.scroller.scrollHeight;
    show(this.jump, false);
  }

  render({ prepended = false, appended = false, own = false }) {
    const conversation = this.#client.conversations.active;
    const switched = this.#key !== conversation.key;
    if (switched) {
      this.list.replaceChildren();
      this.#rows.clear();
      this.#key = conversation.key;
      this.list.setAttribute('aria-label', conversation.kind === 'room' ? `Messages in #${conversation.name}` : `Messages with ${conversation.name}`);
    }
    const s = this.scroller;
    const nearBottom = s.scrollHeight - s.scrollTop - s.clientHeight < NEAR_BOTTOM_PX;
    const fromBottom = s.scrollHeight - s.scrollTop;

    this.#reconcile(this.#items(conversation));
    this.#renderStatus(conversation);

    if (prepended && !switched) {
      s.scrollTop = s.scrollHeight - fromBottom; // older messages appear above what the reader was looking at
    } else if (switched || own || nearBottom) {
      this.scrollToLatest();
    } else if (appended) {
      show(this.jump, true);
    }
    // a short first page leaves nothing to scroll: fetch more until the pane is full or history ends
    if (conversation.loaded && conversation.hasOlder && s.scrollHeight <= s.clientHeight + 4) this.#loadOlder();
  }

  /** The rows to show, in order: day separators, stored messages, then our own messages not yet stored. */
  #items(conversation) {
    const me = this.#client.me;
    const items = [];
    let previous = null;
    const push = (entry, key, version, build) => {
      const dayKey = localDayKey(entry.ts);
      if (!previous || localDayKey(previous.ts) !== dayKey) {
        items.push({ key: 'day-' + dayKey, version: '', build: () => daySeparator(entry.ts) });
        previous = null;
      }
      const continued = Boolean(previous && previous.user === entry.user && entry.ts - previous.ts < GROUP_GAP_MS);
      items.push({ key, version: version + continued, build: () => build(continued) });
      previous = entry;
    };
    for (const m of conversation.messages) {
      push(m, 'm-' + m.id, '', (continued) => messageRow(m, { own: m.user === me, continued }));
    }
    for (const p of this.#client.pendingFor(conversation.key)) {
      const entry = { user: me, content: p.content, ts: p.createdAt };
      const state = p.state === 'sent' ? 'Sending…' : p.note || (this.#client.socket.isReady ? 'Sending…' : 'Waiting for connection…');
      push(entry, 'p-' + p.clientId, state, (continued) =>
        messageRow(entry, { own: true, continued, pending: state, clientId: p.clientId }));
    }
    return items;
  }

  #reconcile(items) {
    const wanted = new Set(items.map((i) => i.key));
    for (const [key, row] of this.#rows) {
      if (!wanted.has(key)) {
        row.remove();
        this.#rows.delete(key);
      }
    }
    let cursor = this.list.firstChild;
    for (const item of items) {
      let row = this.#rows.get(item.key);
      if (!row || row.dataset.version !== item.version) {
        const fresh = item.build();
        fresh.dataset.version = item.version;
        if (row) {
          if (row === cursor) cursor = fresh;
          row.replaceWith(fresh);
        }
        row = fresh;
        this.#rows.set(item.key, row);
      }
      if (row === cursor) cursor = cursor.nextSibling;
      else this.list.insertBefore(row, cursor);
    }
  }

  #renderStatus(conversation) {
    this.status.replaceChildren();
    if (!conversation.loaded || this.#client.isLoadingOlder(conversation.key)) {
      this.status.append(h('span', { class: 'spinner', 'aria-hidden': 'true' }), ' Loading messages…');
    } else if (!conversation.hasOlder) {
      this.status.append(conversation.kind === 'room'
        ? `This is the very beginning of #${conversation.name}.`
        : `This is the beginning of your conversation with ${conversation.name}.`);
    } else {
      this.status.append(h('button', { type: 'button', class: 'link-button', onclick: () => this.#loadOlder() }, 'Load older messages'));
    }
  }

  #scrolled() {
    const s = this.scroller;
    if (s.scrollHeight - s.scrollTop - s.clientHeight < NEAR_BOTTOM_PX) show(this.jump, false);
    const conversation = this.#client.conversations.active;
    if (s.scrollTop < LOAD_OLDER_AT_PX && conversation.loaded && conversation.hasOlder) this.#loadOlder();
  }

  #loadOlder() {
    const key = this.#client.activeKey;
    if (this.#client.isLoadingOlder(key)) return;
    this.#client.loadOlder(key);
    this.#renderStatus(this.#client.conversations.active);
  }
}

function daySeparator(ts) {
  return h('li', { class: 'day', role: 'separator' }, h('span', {}, dayLabel(ts)));
}

function messageRow(message, { own, continued, pending, clientId }) {
  const time = h('time', { datetime: new Date(message.ts).toISOString(), title: fullTime(message.ts) }, clockTime(message.ts));
  const meta = h('div', { class: 'meta' },
    h('span', { class: 'sender' }, message.user),
    own ? h('span', { class: 'you', 'aria-hidden': 'true' }, 'you') : null,
    time);
  const bubble = h('div', { class: 'bubble', dataset: { time: clockTime(message.ts) } },
    h('p', { class: 'text' }, textWithLinks(message.content)),
    pending ? h('span', { class: 'state' }, pending) : null);
  const classes = ['msg', own ? 'own' : 'other', continued ? 'continued' : 'first', pending ? 'pending' : ''].join(' ');
  return h('li', { class: classes.trim(), dataset: { id: message.id, clientId, user: message.user } },
    own ? null : avatar(message.user),
    h('div', { class: 'body' }, meta, bubble));
}
