// The admin REST calls. Every call carries the token; the server decides who is an admin, the client
// only decides whether to show the admin menu.
import { requestJson, Unreachable } from '../../shared/http.js';

export class AdminProblem extends Error {}

export class AdminApi {
  #token;

  constructor(session) {
    this.#token = session.token;
  }

  async sessions() {
    const data = await this.#call('GET', 'api/admin/sessions');
    return Array.isArray(data?.sessions) ? data.sessions : [];
  }

  announce(content) {
    return this.#call('POST', 'api/admin/announcements', { content });
  }

  kick(user) {
    return this.#call('DELETE', `api/admin/users/${encodeURIComponent(user)}/sessions`);
  }

  ban(user) {
    return this.#call('POST', `api/admin/users/${encodeURIComponent(user)}/ban`);
  }

  unban(user) {
    return this.#call('DELETE', `api/admin/users/${encodeURIComponent(user)}/ban`);
  }

  async #call(method, path, body) {
    let answer;
    try {
      answer = await requestJson(path, { method, body, token: this.#token });
    } catch (e) {
      if (e instanceof Unreachable) throw new AdminProblem("Can't reach the server.");
      throw e;
    }
    const { status, data } = answer;
    if (status >= 200 && status < 300) return data;
    if (status === 401) throw new AdminProblem('Your session has expired. Log in again.');
    if (status === 403) throw new AdminProblem('Only administrators may do that.');
    if (status === 404) throw new AdminProblem(data?.message || 'No such user.');
    throw new AdminProblem(data?.message || `The server answered HTTP ${status}.`);
  }
}
