// When the server ends the session for a reason a person must act on (kicked by an admin, banned,
// refused), say so plainly instead of reconnecting in a loop.
import { byId, show } from '../../shared/dom.js';

const NOTICES = {
  kicked: {
    title: 'You were disconnected',
    text: 'An administrator closed your session. You can log in again; if your account was banned, the login will say so.',
  },
  banned: {
    title: 'Your account is banned',
    text: 'The server no longer accepts this account. Contact an administrator if you think this is a mistake.',
  },
  refused: {
    title: 'The server refused the connection',
    text: 'This page is not allowed to connect (the account may be banned, or the page is served from another site).',
  },
};

export class SessionNotice {
  constructor(onLogin) {
    this.box = byId('session-notice');
    this.title = byId('session-notice-title');
    this.text = byId('session-notice-text');
    this.button = byId('session-notice-login');
    this.button.addEventListener('click', () => {
      this.hide();
      onLogin();
    });
  }

  show(reason) {
    const notice = NOTICES[reason] ?? NOTICES.refused;
    this.box.dataset.reason = reason;
    this.title.textContent = notice.title;
    this.text.textContent = notice.text;
    show(this.box, true);
    this.button.focus();
  }

  hide() {
    show(this.box, false);
  }
}
