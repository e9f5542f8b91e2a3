// JSON over fetch, relative to the page so the app also works under a context root or a proxy path.

/** The server could not be reached at all (network down, server stopped, proxy without upstream). */
export class Unreachable extends Error {}

const GATEWAY_ERRORS = new Set([502, 503, 504]);

/**
 * Sends a request and answers {status, data}; data is the parsed JSON body or null.
 * Throws Unreachable when no answer came from the application.
 */
export async function requestJson(path, { method = 'GET', body, token } = {}) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (token) headers.Authorization = `Bearer ${token}`;
  let response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      cache: 'no-store',
    });
  } catch {
    throw new Unreachable('The server cannot be reached.');
  }
  const text = await response.text().catch(() => '');
  let data = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = null;
  }
  // a proxy answering for a stopped server is the same as no server, and has no JSON error body
  if (GATEWAY_ERRORS.has(response.status) && !data?.error) {
    throw new Unreachable('The server cannot be reached.');
  }
  return { status: response.status, data };
}
