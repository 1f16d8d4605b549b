// A Socket.IO client written by hand over `net`, for what socket.io-client cannot do on
// purpose: stop reading its socket, or stop answering pings. It speaks the HTTP upgrade,
// WebSocket framing (RFC 6455) and the few Engine.IO/Socket.IO packets the tests need.
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { connect as tcpConnect } from 'node:net';

const GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

/** A masked client frame carrying `payload` (a Buffer). */
function frame(opcode, payload) {
  let header;
  if (payload.length < 126) {
    header = Buffer.from([0x80 | opcode, 0x80 | payload.length]);
  } else if (payload.length < 65536) {
    header = Buffer.alloc(4);
    header[0] = 0x80 | opcode;
    header[1] = 0x80 | 126;
    header.writeUInt16BE(payload.length, 2);
  } else {
    header = Buffer.alloc(10);
    header[0] = 0x80 | opcode;
    header[1] = 0x80 | 127;
    header.writeBigUInt64BE(BigInt(payload.length), 2);
  }
  const mask = randomBytes(4);
  const masked = Buffer.alloc(payload.length);
  for (let i = 0; i < payload.length; i++) masked[i] = payload[i] ^ mask[i % 4];
  return Buffer.concat([header, mask, masked]);
}

export class RawSocket {
  constructor(name) {
    this.name = name;
    /** Text messages (Engine.IO packets) in arrival order. */
    this.messages = [];
    this.closeFrame = null;
    this.ended = false;
    this.closed = false;
    this.error = null;
    /** Answer Engine.IO pings ("2") with pongs ("3"). */
    this.answerPings = true;
    this.pongsSent = 0;
    this.waiters = new Set();
    this.buffer = Buffer.alloc(0);
    this.fragments = [];
  }

  /**
   * Connects to `server` over `path`, completes the WebSocket upgrade with `headers` (a
   * credential) and `query`, and waits for the Engine.IO open packet.
   */
  static async open(
    server,
    { name = 'raw', path = '/api/socket.io/', headers = {}, query = {} } = {},
  ) {
    const raw = new RawSocket(name);
    await raw.upgrade(server.port, path, headers, query);
    const open = await raw.until(
      (r) => r.messages.find((m) => m.startsWith('0')),
      'the open packet',
    );
    raw.openPacket = JSON.parse(open.slice(1));
    return raw;
  }

  upgrade(port, path, headers, query) {
    const key = randomBytes(16).toString('base64');
    const search = new URLSearchParams({ EIO: '4', transport: 'websocket', ...query });
    const lines = [
      `GET ${path}?${search} HTTP/1.1`,
      `Host: 127.0.0.1:${port}`,
      'Upgrade: websocket',
      'Connection: Upgrade',
      `Sec-WebSocket-Key: ${key}`,
      'Sec-WebSocket-Version: 13',
      ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`),
    ];
    return new Promise((resolve, reject) => {
      const socket = tcpConnect({ host: '127.0.0.1', port });
      this.socket = socket;
      let head = Buffer.alloc(0);
      const onHead = (chunk) => {
        head = Buffer.concat([head, chunk]);
        const end = head.indexOf('\r\n\r\n');
        if (end < 0) return;
        socket.off('data', onHead);
        const response = head.subarray(0, end).toString('latin1');
        const status = response.split('\r\n')[0];
        if (!/^HTTP\/1\.1 101/.test(status)) {
          reject(new Error(`${this.name}: upgrade refused: ${response}`));
          socket.destroy();
          return;
        }
        const accept = createHash('sha1')
          .update(key + GUID)
          .digest('base64');
        if (!response.toLowerCase().includes(`sec-websocket-accept: ${accept.toLowerCase()}`)) {
          reject(new Error(`${this.name}: wrong Sec-WebSocket-Accept in ${response}`));
          socket.destroy();
          return;
        }
        socket.on('data', (data) => this.onData(data));
        this.onData(head.subarray(end + 4));
        resolve();
      };
      socket.on('data', onHead);
      socket.on('error', (error) => {
        this.error = error;
        reject(error);
        this.notify();
      });
      socket.on('end', () => {
        this.ended = true;
        this.notify();
      });
      socket.on('close', () => {
        this.closed = true;
        this.notify();
      });
      socket.on('connect', () => socket.write(`${lines.join('\r\n')}\r\n\r\n`));
    });
  }

  onData(data) {
    this.buffer = Buffer.concat([this.buffer, data]);
    for (;;) {
      const b = this.buffer;
      if (b.length < 2) break;
      const opcode = b[0] & 0x0f;
      const fin = (b[0] & 0x80) !== 0;
      const masked = (b[1] & 0x80) !== 0;
      let length = b[1] & 0x7f;
      let offset = 2;
      if (length === 126) {
        if (b.length < 4) break;
        length = b.readUInt16BE(2);
        offset = 4;
      } else if (length === 127) {
        if (b.length < 10) break;
        length = Number(b.readBigUInt64BE(2));
        offset = 10;
      }
      assert.ok(!masked, `${this.name}: the server masked a frame`);
      if (b.length < offset + length) break;
      const payload = b.subarray(offset, offset + length);
      this.buffer = b.subarray(offset + length);
      this.onFrame(opcode, fin, Buffer.from(payload));
    }
    this.notify();
  }

  onFrame(opcode, fin, payload) {
    if (opcode === 0x8) {
      // Answer the closing handshake, so the server can close the TCP connection.
      this.closeFrame = { code: payload.length >= 2 ? payload.readUInt16BE(0) : null };
      if (!this.socket.destroyed) this.socket.write(frame(0x8, payload.subarray(0, 2)));
      return;
    }
    if (opcode === 0x9) {
      this.socket.write(frame(0xa, payload));
      return;
    }
    if (opcode === 0xa) return;
    this.fragments.push(payload);
    if (!fin) return;
    const text = Buffer.concat(this.fragments).toString('utf8');
    this.fragments = [];
    this.messages.push(text);
    if (text === '2' && this.answerPings) {
      this.send('3');
      this.pongsSent++;
    }
  }

  send(text) {
    this.socket.write(frame(0x1, Buffer.from(text, 'utf8')));
  }

  /** Socket.IO CONNECT to the main namespace; waits for the server's `40{...}` answer. */
  async connectNamespace(auth) {
    this.send(auth === undefined ? '40' : `40${JSON.stringify(auth)}`);
    await this.until((r) => r.messages.some((m) => m.startsWith('40')), 'the CONNECT answer');
  }

  /** The Socket.IO events received: `[name, ...args]`. */
  events() {
    return this.messages.filter((m) => m.startsWith('42')).map((m) => JSON.parse(m.slice(2)));
  }

  /** Stops reading: the kernel buffers fill and the server's writes stall. */
  pause() {
    this.socket.pause();
  }

  resume() {
    this.socket.resume();
  }

  notify() {
    for (const waiter of this.waiters) waiter();
  }

  until(predicate, what, timeoutMs = 5000) {
    return new Promise((resolve, reject) => {
      const check = () => {
        const value = predicate(this);
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
              `last messages ${JSON.stringify(
                this.messages.slice(-5).map((m) => m.slice(0, 200)),
              )}`,
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

  /** Resolves once the TCP connection is closed (or reset) by the server. */
  gone(timeoutMs = 5000) {
    return this.until((r) => r.closed, 'the server to close the connection', timeoutMs);
  }

  destroy() {
    this.socket?.destroy();
  }
}
