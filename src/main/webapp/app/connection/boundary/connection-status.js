// The connection state everyone can see: connected, connecting, reconnecting (with a countdown),
// offline. The state is also put on <body data-connection> for styling (and for tests to wait on).
import { byId, show } from '../../shared/dom.js';

const LABELS = {
  idle: 'Connecting…',
  connecting: 'Connecting…',
  connected: 'Connected',
  reconnecting: 'Reconnecting…',
  offline: 'Offline',
  ended: 'Disconnected',
  stopped: 'Disconnected',
};

export class ConnectionStatus {
  #countdown = null;

  constructor(client, signal) {
    this.box = byId('connection-state');
    this.label = byId('connection-label');
    this.retry = byId('retry-now');
    this.retry.addEventListener('click', () => client.socket.reconnectNow(), { signal });
    client.addEventListener('connection', (e) => this.render(e.detail), { signal });
    signal.addEventListener('abort', () => clearInterval(this.#countdown));
    this.render({ state: client.socket.state });
  }

  render({ state, retryInMs }) {
    clearInterval(this.#countdown);
    document.body.dataset.connection = state;
    this.box.dataset.state = state;
    const waiting = (state === 'reconnecting' || state === 'offline') && retryInMs;
    show(this.retry, Boolean(waiting) && state === 'offline');
    if (!waiting) {
      this.label.textContent = LABELS[state] ?? state;
      return;
    }
    const retryAt = Date.now() + retryInMs;
    const tick = () => {
      const seconds = Math.ceil((retryAt - Date.now()) / 1000);
      if (seconds <= 0) this.label.textContent = LABELS.reconnecting;
      else if (state === 'offline') this.label.textContent = `Offline — retrying in ${seconds}s`;
      else this.label.textContent = `Reconnecting in ${seconds}s…`;
    };
    tick();
    this.#countdown = setInterval(tick, 1000);
  }
}
