// Sign-up and log-in over REST, with answers turned into sentences a person can act on.
import { requestJson, Unreachable } from '../../shared/http.js';
import { Session } from '../entity/session.js';

export const USERNAME_RULE = /^[A-Za-z0-9_.-]{1,32}$/;
export const MIN_PASSWORD = 8;

/** A failure to show in the form; field names the input to focus, when one is at fault. */
export class AuthProblem extends Error {
  constructor(message, field) {
    super(message);
    this.field = field;
  }
}

const UNREACHABLE = "Can't reach the server. Check your connection and try again.";

export function checkCredentials(username, password, { registering }) {
  if (!USERNAME_RULE.test(username)) {
    throw new AuthProblem('Usernames are 1 to 32 letters, digits, dots, dashes or underscores.', 'username');
  }
  if (!password) throw new AuthProblem('Enter your password.', 'password');
  if (registering && [...password].length < MIN_PASSWORD) {
    throw new AuthProblem(`Passwords need at least ${MIN_PASSWORD} characters.`, 'password');
  }
}

async function post(path, body) {
  try {
    return await requestJson(path, { method: 'POST', body });
  } catch (e) {
    if (e instanceof Unreachable) throw new AuthProblem(UNREACHABLE);
    throw e;
  }
}

function serverTrouble(status) {
  return new AuthProblem(`The server could not handle that right now (HTTP ${status}). Try again in a moment.`);
}

export async function logIn(username, password) {
  checkCredentials(username, password, { registering: false });
  const { status, data } = await post('api/tokens', { username, password });
  if (status === 200 && data?.token) return new Session({ token: data.token, username: data.username || username });
  if (status === 401) throw new AuthProblem('Wrong username or password.', 'password');
  if (status === 403) throw new AuthProblem('This account is banned. Contact an administrator.');
  if (status === 400) throw new AuthProblem(data?.message || 'Check the username and password.', 'username');
  if (status === 429) throw new AuthProblem('Too many attempts. Wait a moment and try again.');
  throw serverTrouble(status);
}

/** Creates the account, then logs in with it: one click from nothing to chatting. */
export async function signUp(username, password) {
  checkCredentials(username, password, { registering: true });
  const { status, data } = await post('api/users', { username, password });
  if (status === 409) throw new AuthProblem(`The name "${username}" is taken. Pick another one.`, 'username');
  if (status === 403) throw new AuthProblem(`The name "${username}" is reserved.`, 'username');
  if (status === 400) throw new AuthProblem(data?.message || 'That username or password is not allowed.', 'username');
  if (status !== 201 && status !== 200) throw serverTrouble(status);
  return logIn(username, password);
}
