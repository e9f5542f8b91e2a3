// On a narrow screen the sidebar slides over the messages; the menu button opens it, Escape, the
// backdrop or choosing a conversation closes it.
import { byId } from './shared/dom.js';

export class Drawer {
  constructor(signal) {
    this.button = byId('menu-toggle');
    this.sidebar = byId('sidebar');
    this.backdrop = byId('drawer-backdrop');
    this.button.addEventListener('click', () => (this.isOpen ? this.close() : this.open()), { signal });
    this.backdrop.addEventListener('click', () => this.close(), { signal });
    document.addEventListener('keydown', (e) => e.key === 'Escape' && this.isOpen && this.close(true), { signal });
    this.close();
  }

  get isOpen() {
    return document.body.classList.contains('drawer-open');
  }

  open() {
    document.body.classList.add('drawer-open');
    this.button.setAttribute('aria-expanded', 'true');
    this.sidebar.querySelector('button, input')?.focus();
  }

  close(returnFocus = false) {
    document.body.classList.remove('drawer-open');
    this.button.setAttribute('aria-expanded', 'false');
    if (returnFocus) this.button.focus();
  }
}
