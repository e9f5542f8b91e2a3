// The message input: Enter sends, Shift+Enter starts a new line; typing tells the others (throttled by
// the client); the server's refusals (too large, rate limited, …) show right under the input.
import { byId, show } from '../../shared/dom.js';

const MAX_ROWS_PX = 200;

export class Composer {
  #client;
  #errorTimer = null;

  constructor(client, signal) {
    this.#client = client;
    this.form = byId('composer');
    this.input = byId('message-input');
    this.error = byId('composer-error');
    this.input.value = '';
    this.#showError('');
    this.form.addEventListener('submit', (e) => {
      e.preventDefault();
      this.#send();
    }, { signal });
    this.input.addEventListener('keydown', (e) => {
      // isComposing: Enter that confirms an IME composition (Japanese, Chinese…) must not send
      if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
        e.preventDefault();
        this.#send();
      }
    }, { signal });
    this.input.addEventListener('input', () => {
      this.#fit();
      if (this.input.value.trim()) client.typed();
    }, { signal });
    client.addEventListener('active', () => this.#placeholder(), { signal });
    client.addEventListener('problem', (e) => this.#concerns(e.detail) && this.#showError(e.detail.message), { signal });
    client.addEventListener('rejected', (e) => {
      if (!this.#concerns(e.detail)) return;
      this.#showError(e.detail.message);
      // give the text back so it can be shortened instead of typed again
      if (!this.input.value) {
        this.input.value = e.detail.content;
        this.#fit();
      }
    }, { signal });
    this.#placeholder();
  }

  focus() {
    this.input.focus();
  }

  #concerns(detail) {
    return !detail.key || detail.key === this.#client.activeKey;
  }

  #send() {
    const content = this.input.value;
    if (!content.trim()) return;
    const problem = this.#client.say(content);
    if (problem) {
      this.#showError(problem);
      return;
    }
    this.input.value = '';
    this.#fit();
    this.#showError('');
  }

  #fit() {
    this.input.style.height = 'auto';
    this.input.style.height = Math.min(this.input.scrollHeight, MAX_ROWS_PX) + 'px';
  }

  #placeholder() {
    const c = this.#client.conversations.active;
    const label = c.kind === 'room' ? `Message #${c.name}` : `Message ${c.name}`;
    this.input.placeholder = label;
    this.input.setAttribute('aria-label', label);
  }

  #showError(message) {
    clearTimeout(this.#errorTimer);
    this.error.textContent = message;
    show(this.error, Boolean(message));
    if (message) this.#errorTimer = setTimeout(() => this.#showError(''), 10000);
  }
}
