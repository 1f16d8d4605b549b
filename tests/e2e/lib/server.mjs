// Starts the real Lightbox binary on a free loopback port with its own data directory, for
// end-to-end tests, and stops it the way an operator would: SIGTERM, then a clean exit; or
// the way a crash would: SIGKILL, with the data directory left as the process left it.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repository = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

/** The binary under test: build/<LIGHTBOX_BUILD>/lightbox, `debug` unless told otherwise. */
export const binary = join(repository, 'build', process.env.LIGHTBOX_BUILD || 'debug', 'lightbox');

/** A port nothing listens on right now. */
export function freePort() {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolvePort(port));
    });
  });
}

/**
 * The environment without LIGHTBOX_* variables: the server reads each as a setting and
 * refuses unknown ones (LIGHTBOX_BUILD), and a test's settings must come from its arguments.
 */
function serverEnvironment() {
  return Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !name.startsWith('LIGHTBOX_')),
  );
}

const sleep = (ms) => new Promise((done) => setTimeout(done, ms));

/**
 * A running server. `args` are extra command-line settings (`--socket-queue-limit=16`);
 * `dataDir` reuses a directory (a restart), otherwise a fresh one is made and removed on stop.
 */
export class LightboxServer {
  constructor({ args = [], dataDir } = {}) {
    this.args = args;
    this.ownsDataDir = !dataDir;
    this.dataDir = dataDir ?? mkdtempSync(join(tmpdir(), 'lightbox-e2e-'));
    this.output = '';
    this.child = null;
  }

  get url() {
    return `http://127.0.0.1:${this.port}`;
  }

  get api() {
    return `${this.url}/api`;
  }

  /** Starts the binary and waits until /api/server-info/ping answers. */
  async start({ timeoutMs = 20000 } = {}) {
    assert.ok(existsSync(binary), `no server binary at ${binary}: build it first`);
    this.port = await freePort();
    const child = spawn(
      binary,
      [
        `--data-dir=${join(this.dataDir, 'data')}`,
        `--port=${this.port}`,
        '--listen-address=127.0.0.1',
        '--log-level=warn',
        ...this.args,
      ],
      { stdio: ['ignore', 'pipe', 'pipe'], env: serverEnvironment() },
    );
    this.child = child;
    this.exit = new Promise((done) => {
      child.on('exit', (code, signal) => done({ code, signal }));
    });
    const keep = (chunk) => {
      // The last 64 kB are enough to explain a failure.
      this.output = (this.output + chunk.toString()).slice(-65536);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);

    const deadline = Date.now() + timeoutMs;
    let exited = null;
    this.exit.then((status) => (exited = status));
    while (Date.now() < deadline) {
      if (exited) {
        throw new Error(
          `the server exited during start-up (${JSON.stringify(exited)}):\n${this.output}`,
        );
      }
      try {
        const response = await fetch(`${this.api}/server-info/ping`, {
          signal: AbortSignal.timeout(1000),
        });
        if (response.ok && (await response.json()).res === 'pong') return this;
      } catch {
        // not listening yet
      }
      await sleep(50);
    }
    child.kill('SIGKILL');
    throw new Error(`the server did not answer /api/server-info/ping in ${timeoutMs} ms`);
  }

  /**
   * SIGKILL, as a crash or the kernel's out-of-memory killer would end it: no clean-up runs
   * and the data directory is kept for a restart. Resolves once the process has exited.
   */
  async crash() {
    const child = this.child;
    assert.ok(child, 'no server is running');
    assert.ok(
      child.exitCode === null && child.signalCode === null,
      `the server had already exited before SIGKILL:\n${this.output}`,
    );
    this.child = null;
    process.kill(child.pid, 'SIGKILL');
    const status = await this.exit;
    assert.deepEqual(
      status,
      { code: null, signal: 'SIGKILL' },
      `the server did not die of SIGKILL:\n${this.output}`,
    );
  }

  /**
   * SIGTERM, and the process must exit with code 0 within `timeoutMs`. Without a running
   * process (after a crash) it only removes the data directory, unless told to keep it.
   */
  async stop({ timeoutMs = 20000, keepDataDir = false } = {}) {
    const child = this.child;
    if (!child) {
      if (this.ownsDataDir && !keepDataDir) rmSync(this.dataDir, { recursive: true, force: true });
      return;
    }
    this.child = null;
    try {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      let timer;
      const status = await Promise.race([
        this.exit,
        new Promise((done) => (timer = setTimeout(() => done(null), timeoutMs))),
      ]);
      clearTimeout(timer);
      if (!status) {
        child.kill('SIGKILL');
        await this.exit;
        assert.fail(`the server did not exit within ${timeoutMs} ms of SIGTERM:\n${this.output}`);
      }
      assert.deepEqual(
        status,
        { code: 0, signal: null },
        `the server did not exit cleanly on SIGTERM:\n${this.output}`,
      );
    } finally {
      if (this.ownsDataDir && !keepDataDir) rmSync(this.dataDir, { recursive: true, force: true });
    }
  }

  /** Stops the server and starts it again on the same data directory (and a new port). */
  async restart() {
    await this.stop({ keepDataDir: true });
    return this.start();
  }
}

/**
 * Starts a server; `defer` (when given) receives the function that stops it, for a test's
 * clean-up, which then runs even if the test fails half-way.
 */
export async function startServer(options = {}, defer = undefined) {
  const server = new LightboxServer(options);
  try {
    await server.start();
  } catch (error) {
    if (server.ownsDataDir) rmSync(server.dataDir, { recursive: true, force: true });
    throw error;
  }
  defer?.(() => server.stop());
  return server;
}
