// The admin view: open sessions, announcements, kick, ban and unban. Shown only when the token's
// groups contain "admin"; every action is still checked by the server.
import { byId, h, show } from '../../shared/dom.js';
import { USERNAME_RULE } from '../../auth/control/accounts.js';
import { AdminApi, AdminProblem } from '../control/admin-api.js';
import { clockTime, fullTime, localDayKey } from '../../messaging/boundary/time-format.js';

const shortDate = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });

/** Today's sessions by time only, older ones with the date; the full date-time on hover. */
function since(value) {
  const ts = typeof value === 'number' ? value : Date.parse(value);
  if (!Number.isFinite(ts)) return h('td', {}, String(value ?? ''));
  const text = localDayKey(ts) === localDayKey(Date.now()) ? clockTime(ts) : shortDate.format(new Date(ts));
  return h('td', {}, h('time', { datetime: new Date(ts).toISOString(), title: fullTime(ts) }, text));
}

export class AdminPanel {
  #api;

  constructor(session, signal) {
    this.#api = new AdminApi(session);
    this.toggle = byId('admin-toggle');
    this.panel = byId('admin-panel');
    this.sessions = byId('admin-sessions');
    this.result = byId('admin-result');
    this.announceForm = byId('announce-form');
    this.announceInput = byId('announce-content');
    this.userForm = byId('moderate-form');
    this.userInput = byId('moderate-user');
    show(this.toggle, session.isAdmin);
    this.close();
    if (!session.isAdmin) return;

    this.toggle.addEventListener('click', () => (this.panel.hidden ? this.open() : this.close()), { signal });
    byId('admin-close').addEventListener('click', () => this.close(), { signal });
    byId('admin-refresh').addEventListener('click', () => this.refresh(), { signal });
    this.panel.addEventListener('keydown', (e) => e.key === 'Escape' && this.close(), { signal });
    this.announceForm.addEventListener('submit', async (e) => {
      e.preventDefault();
      const content = this.announceInput.value.trim();
      if (!content) return;
      if (await this.#act(() => this.#api.announce(content), 'Announcement sent.')) this.announceInput.value = '';
    }, { signal });
    this.userForm.addEventListener('submit', (e) => {
      e.preventDefault();
      const user = this.userInput.value.trim();
      if (!USERNAME_RULE.test(user)) return this.#say('Enter a username.', true);
      const action = e.submitter?.value;
      this.#moderate(action, user);
    }, { signal });
  }

  open() {
    show(this.panel, true);
    this.toggle.setAttribute('aria-expanded', 'true');
    this.refresh();
    this.announceInput.focus();
  }

  close() {
    show(this.panel, false);
    this.toggle.setAttribute('aria-expanded', 'false');
  }

  async refresh() {
    try {
      const sessions = await this.#api.sessions();
      this.#renderSessions(sessions);
    } catch (e) {
      if (!(e instanceof AdminProblem)) throw e;
      this.#say(e.message, true);
    }
  }

  #renderSessions(sessions) {
    const rows = sessions.map((s) => h('tr', { dataset: { user: s.user } },
      h('td', {}, String(s.user ?? '')),
      h('td', {}, String(s.instance ?? s.node ?? '')),
      since(s.since),
      h('td', {}, String(s.remote ?? '')),
      h('td', {}, h('div', { class: 'actions' },
        h('button', { type: 'button', class: 'small', 'aria-label': `Kick ${s.user}`, onclick: () => this.#moderate('kick', s.user) }, 'Kick'),
        h('button', { type: 'button', class: 'small danger', 'aria-label': `Ban ${s.user}`, onclick: () => this.#moderate('ban', s.user) }, 'Ban')))));
    this.sessions.replaceChildren(...(rows.length ? rows : [h('tr', {}, h('td', { colspan: '5', class: 'muted' }, 'No open sessions.'))]));
  }

  async #moderate(action, user) {
    const done = { kick: `${user}'s sessions were closed.`, ban: `${user} is banned.`, unban: `${user} may log in again.` };
    if (!done[action]) return;
    if (action === 'ban' && !confirm(`Ban ${user}? Their sessions close and they cannot log in.`)) return;
    await this.#act(() => this.#api[action](user), done[action]);
    this.refresh();
  }

  async #act(call, success) {
    try {
      await call();
      this.#say(success, false);
      return true;
    } catch (e) {
      if (!(e instanceof AdminProblem)) throw e;
      this.#say(e.message, true);
      return false;
    }
  }

  #say(message, isError) {
    this.result.textContent = message;
    this.result.classList.toggle('error', isError);
  }
}
