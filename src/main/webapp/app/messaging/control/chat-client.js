// The client side of the chat for one logged-in tab: turns server frames into state (conversations,
// presence, typing, announcements) and user actions into frames. Views listen to its events:
//   'list'         the sidebar changed (rooms, direct conversations, unread counts)
//   'messages'     {key} messages or pending sends of a conversation changed
//   'active'       another conversation was opened
//   'typing'       {key}
//   'announcement' {content, ts}
//   'problem'      {key?, message} something to tell the user next to the input
//   'rejected'     {key, content, message} a message the server refused for good
//   'connection'   {state, retryInMs}
//   'ended'        {reason} kicked | banned | refused | unauthorized
import { ChatSocket } from '../../connection/control/chat-socket.js';
import { Presence } from '../../presence/control/presence.js';
import { Outbox } from '../entity/outbox.js';
import { messageOf } from '../entity/message.js';
import { compareIds } from '../entity/message-id.js';
import { GENERAL, ROOM_RULE, addressOf, directKey, keyOfFrame } from '../entity/conversation-key.js';
import { Conversations } from './conversations.js';
import { HistoryLoader } from './history-loader.js';
import { Sender } from './sender.js';
import { TypingSignal, TypingWatch } from './typing.js';

const PROBLEMS = {
  RATE_LIMITED: "You're sending too fast. Wait a few seconds.",
  UNAVAILABLE: 'The server cannot store messages right now; it will be tried again.',
  NOT_MEMBER: 'You are not a member of that room.',
  USER_NOT_FOUND: 'There is no user by that name.',
  BAD_REQUEST: 'The server did not understand that request.',
  TOO_LARGE: 'That message is too long to send.',
};

export class ChatClient extends EventTarget {
  #pendingJoin = null;

  constructor(session) {
    super();
    this.session = session;
    this.me = session.username;
    this.socket = new ChatSocket(session);
    this.conversations = new Conversations(this.me);
    this.presence = new Presence();
    this.typing = new TypingWatch();
    this.announcements = [];
    this.outbox = new Outbox(this.me);
    this.sender = new Sender(this.socket, this.outbox);
    this.history = new HistoryLoader(this.socket);
    this.typingSignal = new TypingSignal((frame) => this.socket.send(frame));

    this.socket.addEventListener('welcome', (e) => this.#welcome(e.detail));
    this.socket.addEventListener('frame', (e) => this.#frame(e.detail));
    this.socket.addEventListener('down', () => {
      this.sender.connectionLost();
      this.history.reset();
    });
    this.socket.addEventListener('state', (e) => this.#emit('connection', e.detail));
    this.socket.addEventListener('ended', (e) => this.#emit('ended', e.detail));
    this.sender.addEventListener('change', (e) => this.#emit('messages', e.detail));
    this.sender.addEventListener('problem', (e) => this.#emit('problem', e.detail));
    this.sender.addEventListener('rejected', (e) => this.#emit('rejected', e.detail));
    this.typing.addEventListener('change', (e) => this.#emit('typing', e.detail));
    this.#onVisible = () => document.visibilityState === 'visible' && this.#markRead(this.conversations.active);
    document.addEventListener('visibilitychange', this.#onVisible);
  }

  #onVisible;

  start() {
    this.socket.start();
  }

  stop() {
    document.removeEventListener('visibilitychange', this.#onVisible);
    this.socket.stop();
  }

  get activeKey() {
    return this.conversations.activeKey;
  }

  // ---- user actions ----

  open(key) {
    this.conversations.setActive(key);
    const conversation = this.conversations.active;
    if (!conversation.loaded) this.history.loadLatest(conversation);
    this.#markRead(conversation);
    this.#emit('active', { key });
    this.#emit('list');
  }

  loadOlder(key = this.activeKey) {
    this.history.loadOlder(this.conversations.get(key));
  }

  isLoadingOlder(key = this.activeKey) {
    return this.history.isLoadingOlder(key);
  }

  /** Answers a problem to show, or null when the message is on its way (or waiting in the outbox). */
  say(content) {
    if (!content.trim()) return null;
    this.typingSignal.sent(this.activeKey);
    return this.sender.send(this.activeKey, content);
  }

  typed() {
    this.typingSignal.typed(this.activeKey);
  }

  /** Joins (or creates) a room; answers a problem to show, or null. */
  join(name) {
    const room = name.trim().replace(/^#/, '').toLowerCase();
    if (!ROOM_RULE.test(room)) return 'Room names are 1 to 32 of a-z, 0-9, - and _.';
    if (this.conversations.has(room)) {
      this.open(room);
      return null;
    }
    if (!this.socket.send({ type: 'join', room })) return 'Not connected. Try again when the connection is back.';
    this.#pendingJoin = room;
    return null;
  }

  leave(room) {
    if (room === GENERAL) return 'Everyone stays in general.';
    if (!this.socket.send({ type: 'leave', room })) return 'Not connected. Try again when the connection is back.';
    return null;
  }

  startDirect(user) {
    this.open(directKey(user));
  }

  pendingFor(key) {
    return this.outbox.forConversation(key);
  }

  // ---- server frames ----

  #welcome(frame) {
    this.presence.reset(frame.online);
    this.conversations.syncRooms(frame.rooms);
    const unread = frame.unread && typeof frame.unread === 'object' ? frame.unread : {};
    for (const key of Object.keys(unread)) this.conversations.get(key);
    // a server that lists the user's direct conversations (not required by the contract) fills the sidebar
    for (const user of Array.isArray(frame.directs) ? frame.directs : []) this.conversations.get(directKey(String(user)));
    for (const conversation of this.conversations.all()) {
      // the server counts from its read markers: more exact than anything this tab counted
      conversation.unread = Number(unread[conversation.key]) || 0;
      conversation.readUpTo = null;
      // after a reconnect: everything said while we were away, in every conversation we hold
      this.history.catchUp(conversation);
    }
    const active = this.conversations.active;
    if (!active.loaded) this.history.loadLatest(active);
    this.#markRead(active);
    this.sender.pump();
    this.#emit('list');
    this.#emit('active', { key: active.key });
  }

  #frame(frame) {
    switch (frame.type) {
      case 'chat':
      case 'private':
        return this.#message(frame);
      case 'history':
        return this.#history(frame);
      case 'presence':
        this.presence.update(String(frame.user), frame.status);
        return this.#emit('list');
      case 'typing':
        if (frame.user && frame.user !== this.me) this.typing.started(keyOfFrame(frame, this.me), String(frame.user));
        return;
      case 'joined':
        return this.#joined(String(frame.room));
      case 'left':
        return this.#left(String(frame.room));
      case 'announcement':
        return this.#announcement(frame);
      case 'error':
        return this.#error(frame);
      default:
        return; // pong, and frames a newer server may add
    }
  }

  #message(frame) {
    const key = keyOfFrame(frame, this.me);
    const conversation = this.conversations.get(key);
    const message = messageOf(frame);
    const isNew = conversation.add(message);
    if (message.user === this.me && message.clientId) this.sender.acknowledged(message.clientId);
    if (!isNew) return;
    this.typing.stopped(key, message.user);
    if (message.user !== this.me) {
      if (this.#isBeingRead(key)) this.#markRead(conversation);
      else conversation.unread++;
    }
    this.#emit('messages', { key, appended: true, own: message.user === this.me });
    this.#emit('list');
  }

  #history(frame) {
    const conversation = this.conversations.get(keyOfFrame(frame, this.me));
    const { kind } = this.history.answered(conversation, frame);
    if (this.#isBeingRead(conversation.key)) this.#markRead(conversation);
    this.#emit('messages', { key: conversation.key, prepended: kind === 'older', appended: kind !== 'older' });
    this.#emit('list');
  }

  #joined(room) {
    this.conversations.get(room);
    if (this.#pendingJoin === room) {
      this.#pendingJoin = null;
      this.open(room);
    }
    this.#emit('list');
  }

  #left(room) {
    const wasActive = this.activeKey === room;
    this.conversations.remove(room);
    if (wasActive) this.open(GENERAL);
    this.#emit('list');
  }

  #announcement(frame) {
    const announcement = { content: String(frame.content ?? ''), ts: Number(frame.ts) || Date.now() };
    this.announcements.push(announcement);
    this.#emit('announcement', announcement);
  }

  #error(frame) {
    if (frame.clientId && this.outbox.find(String(frame.clientId))) {
      this.sender.refused({ ...frame, clientId: String(frame.clientId) });
      return;
    }
    if (frame.code === 'NOT_MEMBER' || frame.code === 'BAD_REQUEST') this.#pendingJoin = null;
    this.#emit('problem', { message: PROBLEMS[frame.code] || String(frame.message || 'Something went wrong.') });
  }

  // ---- read markers ----

  #isBeingRead(key) {
    return key === this.activeKey && document.visibilityState === 'visible';
  }

  /** Opening a conversation (or seeing new messages in it) moves its read marker to the newest message. */
  #markRead(conversation) {
    if (!this.#isBeingRead(conversation.key)) return;
    const hadUnread = conversation.unread > 0;
    conversation.unread = 0;
    const newest = conversation.newestId;
    if (newest && (!conversation.readUpTo || compareIds(newest, conversation.readUpTo) > 0)) {
      if (this.socket.send({ type: 'read', ...addressOf(conversation.key, 'with'), id: newest })) conversation.readUpTo = newest;
    }
    if (hadUnread) this.#emit('list');
  }

  #emit(type, detail) {
    this.dispatchEvent(new CustomEvent(type, { detail }));
  }
}
