// The token lives for this tab only (sessionStorage): closing the tab logs out, and another tab
// can be logged in as someone else.
import { Session } from '../entity/session.js';
import { readStored, writeStored } from '../../shared/stored.js';

const KEY = 'chat.session';

export function loadSession() {
  const stored = readStored(KEY, null);
  if (!stored?.token) return null;
  const session = new Session(stored);
  return session.isExpired() ? null : session;
}

export function saveSession(session) {
  writeStored(KEY, session.toJSON());
}

export function forgetSession() {
  writeStored(KEY, undefined);
}
