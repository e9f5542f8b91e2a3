// Entry point: the login form when this tab has no valid token, the chat screen when it has one.
import { LoginForm } from './auth/boundary/login-form.js';
import { loadSession, saveSession, forgetSession } from './auth/control/session-store.js';
import { SessionNotice } from './connection/boundary/session-notice.js';
import { ChatScreen } from './chat-screen.js';

let screen = null;
const loginForm = new LoginForm(enter);
const notice = new SessionNotice(() => leave());

function enter(session) {
  saveSession(session);
  screen = new ChatScreen(session, { onLogout: () => leave(), onEnded: ended });
}

function leave(reason = '') {
  screen?.close();
  screen = null;
  forgetSession();
  notice.hide();
  loginForm.open(reason);
}

function ended(reason) {
  if (reason === 'unauthorized') {
    leave('Your session has expired. Please log in again.');
    return;
  }
  // kicked, banned, refused: stay on the page with a clear notice, and no reconnect loop (not even
  // after a reload: the token is forgotten, the next step is the login form)
  forgetSession();
  notice.show(reason);
}

const session = loadSession();
if (session) enter(session);
else loginForm.open();
