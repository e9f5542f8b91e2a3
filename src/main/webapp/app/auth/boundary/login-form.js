// The log-in / sign-up form. One form, two submit buttons: the button pressed decides the call.
import { byId, show } from '../../shared/dom.js';
import { logIn, signUp, AuthProblem } from '../control/accounts.js';

export class LoginForm {
  constructor(onLoggedIn) {
    this.view = byId('auth-view');
    this.form = byId('auth-form');
    this.username = byId('auth-username');
    this.password = byId('auth-password');
    this.error = byId('auth-error');
    this.buttons = this.form.querySelectorAll('button[type=submit]');
    this.onLoggedIn = onLoggedIn;
    this.form.addEventListener('submit', (event) => this.#submit(event));
  }

  /** Shows the form, with a reason when the app came back here by itself (expired token…). */
  open(reason = '') {
    show(this.view, true);
    this.#showError(reason);
    this.password.value = '';
    (this.username.value ? this.password : this.username).focus();
  }

  close() {
    show(this.view, false);
    this.#showError('');
  }

  async #submit(event) {
    event.preventDefault();
    const registering = event.submitter?.value === 'register';
    const username = this.username.value.trim();
    const password = this.password.value;
    this.#busy(true);
    try {
      const session = await (registering ? signUp(username, password) : logIn(username, password));
      this.close();
      this.onLoggedIn(session);
    } catch (e) {
      if (!(e instanceof AuthProblem)) throw e;
      this.#showError(e.message);
      const field = e.field === 'username' ? this.username : e.field === 'password' ? this.password : null;
      field?.setAttribute('aria-invalid', 'true');
      field?.focus();
    } finally {
      this.#busy(false);
    }
  }

  #busy(busy) {
    this.form.setAttribute('aria-busy', String(busy));
    this.buttons.forEach((b) => (b.disabled = busy));
  }

  #showError(message) {
    this.error.textContent = message;
    show(this.error, Boolean(message));
    if (!message) [this.username, this.password].forEach((f) => f.removeAttribute('aria-invalid'));
  }
}
