// The chat screen for one logged-in session: the client and every view of it. All listeners are
// registered with one AbortSignal, so logging out removes them all and the next user starts clean.
import { byId, show } from './shared/dom.js';
import { ChatClient } from './messaging/control/chat-client.js';
import { MessageList } from './messaging/boundary/message-list.js';
import { Composer } from './messaging/boundary/composer.js';
import { Sidebar } from './messaging/boundary/sidebar.js';
import { ConversationHeader } from './messaging/boundary/conversation-header.js';
import { Announcements } from './messaging/boundary/announcements.js';
import { OnlineList } from './presence/boundary/online-list.js';
import { ConnectionStatus } from './connection/boundary/connection-status.js';
import { AdminPanel } from './admin/boundary/admin-panel.js';
import { Drawer } from './drawer.js';

export class ChatScreen {
  #aborter = new AbortController();

  /** onEnded(reason) is called when the session ends by itself (kicked, banned, token expired). */
  constructor(session, { onLogout, onEnded }) {
    const signal = this.#aborter.signal;
    this.client = new ChatClient(session);
    byId('me-name').textContent = session.username;
    new ConnectionStatus(this.client, signal);
    new Sidebar(this.client, signal);
    new OnlineList(this.client, signal);
    new ConversationHeader(this.client, signal);
    new Announcements(this.client, signal);
    this.messages = new MessageList(this.client, signal);
    this.composer = new Composer(this.client, signal);
    new AdminPanel(session, signal);
    const drawer = new Drawer(signal);
    this.client.addEventListener('active', () => drawer.close(), { signal });
    byId('logout').addEventListener('click', () => onLogout(), { signal });
    this.client.addEventListener('ended', (e) => onEnded(e.detail.reason), { signal });
    show(byId('chat-view'), true);
    this.client.start();
    this.client.open(this.client.activeKey);
    this.composer.focus();
  }

  close() {
    this.#aborter.abort();
    this.client.stop();
    show(byId('chat-view'), false);
  }
}
