// The processes a benchmark run starts, and what Linux says about them: free loopback
// ports, starting and stopping servers, their CPU time and memory from /proc, and the bytes
// a server answers (captured with curl, so the baseline can answer the very same).
import { execFileSync, spawn } from 'node:child_process';
import { openSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';

export const sleep = (ms) => new Promise((done) => setTimeout(done, ms));

/** A loopback port nothing listens on right now. */
export function freePort() {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolvePort(port));
    });
  });
}

/**
 * The environment without LIGHTBOX_* variables: Lightbox reads each as a setting and refuses
 * unknown ones, and the benchmark's settings come from its arguments only.
 */
function serverEnvironment() {
  return Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !name.startsWith('LIGHTBOX_')),
  );
}

/** A server process whose output goes to `logFile`; `ready()` waits until `probe` answers. */
export class ServerProcess {
  constructor(name, binary, args, logFile) {
    const log = openSync(logFile, 'a');
    this.name = name;
    this.logFile = logFile;
    this.child = spawn(binary, args, { stdio: ['ignore', log, log], env: serverEnvironment() });
    this.pid = this.child.pid;
    this.exited = new Promise((done) =>
      this.child.on('exit', (code, signal) => done({ code, signal })),
    );
    this.running = true;
    this.exit = null;
    this.exited.then((exit) => {
      this.running = false;
      this.exit = exit;
    });
  }

  /** Why a failure happened, as far as this process can tell. */
  describe() {
    if (this.running) return `${this.name} is still running; see ${this.logFile}`;
    const how = this.exit?.signal
      ? `was killed by ${this.exit.signal}`
      : `exited with ${this.exit?.code}`;
    return `${this.name} ${how}; see ${this.logFile}`;
  }

  async ready(url, timeoutMs = 20000) {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (!this.running) break;
      try {
        const response = await fetch(url);
        await response.arrayBuffer();
        if (response.ok) return;
      } catch {
        // not listening yet
      }
      await sleep(50);
    }
    throw new Error(`${this.name} did not answer ${url}; see ${this.logFile}`);
  }

  /** SIGTERM, then SIGKILL if it is still there after `graceMs`. */
  async stop(graceMs = 10000) {
    if (!this.running) return this.exited;
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), graceMs);
    const result = await this.exited;
    clearTimeout(timer);
    return result;
  }
}

/** User plus system CPU time the process has used, in microseconds. */
export function cpuMicros(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name, in parentheses, may hold spaces; fields 14 and 15 follow it.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  return (ticks * 1e6) / clockTicks;
}

const clockTicks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());

/** `VmRSS`, `VmHWM`, … of /proc/<pid>/status, in kB. */
export function memoryKb(pid, field) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const line = status.split('\n').find((l) => l.startsWith(`${field}:`));
  return line ? Number(line.split(/\s+/)[1]) : NaN;
}

/**
 * Resets the process's peak resident set size (VmHWM) to its current size, so the next
 * reading is the peak of one scenario; false where the kernel does not allow it.
 */
export function resetPeakMemory(pid) {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

/**
 * Sends one request with curl and keeps the response body in `bodyFile`; returns the status
 * and content type.
 */
export function captureResponse({ url, method = 'GET', headers = {}, body, bodyFile }) {
  const args = ['-sS', '-X', method, '-o', bodyFile, '-w', '%{http_code} %{content_type}'];
  for (const [name, value] of Object.entries(headers)) args.push('-H', `${name}: ${value}`);
  if (body !== undefined) args.push('--data-binary', body);
  args.push(url);
  const written = execFileSync('curl', args, { encoding: 'utf8' });
  const space = written.indexOf(' ');
  return { status: Number(written.slice(0, space)), contentType: written.slice(space + 1) };
}

/** Runs a program to its end, with a time limit; resolves with its exit code and output. */
export function runToEnd(binary, args, { env = process.env, timeoutMs, stdin = 'ignore' } = {}) {
  return new Promise((resolveRun, reject) => {
    const child = spawn(binary, args, { stdio: [stdin, 'pipe', 'pipe'], env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const timer = timeoutMs ? setTimeout(() => child.kill('SIGKILL'), timeoutMs) : null;
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (timer) clearTimeout(timer);
      resolveRun({ code, signal, stdout, stderr });
    });
  });
}
