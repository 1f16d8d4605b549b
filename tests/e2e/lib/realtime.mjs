// A socket.io-client that records everything it receives, for assertions: every event with
// its payload and meta, the raw Engine.IO packets, and how the connection ended.
import assert from 'node:assert/strict';
import { io } from 'socket.io-client';

export class Recorder {
  /**
   * `server` is a LightboxServer; `headers` the credential (`authorization`, `x-api-key`,
   * `x-immich-share-key`); `query` e.g. `{ key }`; `lastSequence` resumes from the event log.
   */
  constructor(
    server,
    { name = 'socket', headers = {}, query, lastSequence, path = '/api/socket.io' } = {},
  ) {
    this.name = name;
    this.events = [];
    this.raw = [];
    this.disconnectReason = null;
    this.connectError = null;
    this.waiters = new Set();
    this.socket = io(server.url, {
      path,
      transports: ['websocket'],
      extraHeaders: headers,
      query,
      auth: lastSequence === undefined ? {} : { lastSequence },
      reconnection: false,
      forceNew: true,
      timeout: 5000,
    });
    this.socket.io.on('open', () => {
      this.socket.io.engine.on('packet', (packet) => {
        this.raw.push(typeof packet.data === 'string' ? packet.data : '');
      });
    });
    this.socket.onAny((event, ...args) => {
      this.events.push({ name: event, payload: args[0], meta: args[1], args, at: Date.now() });
      this.notify();
    });
    this.socket.on('disconnect', (reason) => {
      this.disconnectReason = reason;
      this.notify();
    });
    this.socket.on('connect_error', (error) => {
      this.connectError = error;
      this.notify();
    });
  }

  notify() {
    for (const waiter of this.waiters) waiter();
  }

  /** Resolves with the predicate's truthy value, or fails after `timeoutMs` saying `what`. */
  until(predicate, what, timeoutMs = 5000) {
    return new Promise((resolve, reject) => {
      const check = () => {
        let value;
        try {
          value = predicate(this);
        } catch (error) {
          finish();
          reject(error);
          return;
        }
        if (value) {
          finish();
          resolve(value);
        }
      };
      const timer = setTimeout(() => {
        finish();
        reject(
          new Error(
            `${this.name}: timed out after ${timeoutMs} ms waiting for ${what}; ` +
              `received ${JSON.stringify(this.names())}, disconnect: ${this.disconnectReason}, ` +
              `connect_error: ${this.connectError?.message}`,
          ),
        );
      }, timeoutMs);
      const finish = () => {
        clearTimeout(timer);
        this.waiters.delete(check);
      };
      this.waiters.add(check);
      check();
    });
  }

  /** The events other than the greeting, `on_server_version`. */
  changes() {
    return this.events.filter((e) => e.name !== 'on_server_version');
  }

  names() {
    return this.events.map((e) => e.name);
  }

  /** Waits for the connection and the server's version greeting. */
  async ready(timeoutMs = 5000) {
    await this.until(
      (r) => {
        if (r.connectError) throw new Error(`${r.name}: connect_error ${r.connectError.message}`);
        if (r.disconnectReason) throw new Error(`${r.name}: disconnected (${r.disconnectReason})`);
        return r.events.some((e) => e.name === 'on_server_version');
      },
      'on_server_version',
      timeoutMs,
    );
    const greeting = this.events.find((e) => e.name === 'on_server_version');
    assert.deepEqual(greeting.payload, { major: 1, minor: 81, patch: 1 });
    return this;
  }

  /** Waits until `count` change events arrived (the greeting not counted). */
  changesReach(count, timeoutMs = 5000) {
    return this.until(
      (r) => r.changes().length >= count && r.changes(),
      `${count} change events`,
      timeoutMs,
    );
  }

  disconnected(timeoutMs = 5000) {
    return this.until((r) => r.disconnectReason, 'a disconnect', timeoutMs);
  }

  /** The highest sequence seen so far. */
  lastSequence() {
    return Math.max(0, ...this.events.map((e) => e.meta?.sequence ?? 0));
  }

  close() {
    this.socket.disconnect();
  }
}

/** Opens a recorder and waits for it to be ready. */
export async function connect(server, options) {
  const recorder = new Recorder(server, options);
  try {
    return await recorder.ready();
  } catch (error) {
    recorder.close();
    throw error;
  }
}

/** Every change event carries `meta.sequence`, strictly increasing along one socket. */
export function assertSequencesIncrease(recorder) {
  let previous = 0;
  for (const event of recorder.changes()) {
    const sequence = event.meta?.sequence;
    assert.ok(
      Number.isInteger(sequence) && sequence > 0,
      `${recorder.name}: ${event.name} carries no sequence: ${JSON.stringify(event.args)}`,
    );
    assert.ok(
      sequence > previous,
      `${recorder.name}: sequence ${sequence} of ${event.name} after ${previous}`,
    );
    previous = sequence;
  }
}

export const sleep = (ms) => new Promise((done) => setTimeout(done, ms));
