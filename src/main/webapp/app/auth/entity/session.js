// A logged-in tab: the token the server issued and what the client reads from it.
// The payload is decoded for display only (name, admin menu); the server checks the signature.

export function decodeJwtPayload(token) {
  try {
    const part = String(token).split('.')[1];
    const base64 = part.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(part.length / 4) * 4, '=');
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    const claims = JSON.parse(new TextDecoder().decode(bytes));
    return claims && typeof claims === 'object' ? claims : {};
  } catch {
    return {};
  }
}

export class Session {
  constructor({ token, username }) {
    this.token = token;
    this.claims = decodeJwtPayload(token);
    this.username = username || this.claims.sub || '';
  }

  get isAdmin() {
    return Array.isArray(this.claims.groups) && this.claims.groups.includes('admin');
  }

  /** exp is in seconds (RFC 7519); a token without exp is left to the server to judge. */
  isExpired(now = Date.now()) {
    return typeof this.claims.exp === 'number' && this.claims.exp * 1000 <= now;
  }

  toJSON() {
    return { token: this.token, username: this.username };
  }
}
