// Runs wrk for one scenario at one concurrency, and measures the server around it: requests
// per second and latency percentiles from wrk (bench/wrk/report.lua), CPU time and memory of
// the server from /proc.
import { join } from 'node:path';

import { cpuMicros, memoryKb, resetPeakMemory, runToEnd, sleep } from './processes.mjs';

/**
 * Waits until the server has no more work: when wrk stops, the requests it leaves in flight
 * are still processed, and that work must not land in the next measurement.
 */
async function settle(server, timeoutMs = 120000) {
  const started = Date.now();
  let before = cpuMicros(server.pid);
  while (Date.now() - started < timeoutMs) {
    await sleep(250);
    const now = cpuMicros(server.pid);
    // One clock tick (10 ms) in a quarter of a second: idle but for its timers.
    if (now - before <= 10000) break;
    before = now;
  }
  return (Date.now() - started) / 1000;
}

/**
 * `scenario` carries the wrk script and its BENCH_* variables; `server` is a ServerProcess
 * and `base` its URL. Returns the figures of one measured run of `durationS`, after a
 * warm-up run of `warmupS` (none when 0) at up to 8 connections (more would only leave more
 * abandoned requests behind).
 *
 * Server CPU per request is the CPU time the server used while wrk measured, over the
 * requests wrk saw completed. The server is idle when the window opens; when it closes, the
 * work done so far on the requests still in flight is counted too, which makes the figure a
 * little high where requests are few and slow (the 10,000-asset album at 64 connections).
 */
export async function measure({ scenario, server, base, concurrency, durationS, warmupS, wrkDir }) {
  const threads = Math.min(2, concurrency);
  const env = { ...process.env, BENCH_WRK_DIR: wrkDir, ...scenario.env };
  const args = (seconds, connections) => [
    '-t',
    String(Math.min(threads, connections)),
    '-c',
    String(connections),
    '-d',
    `${seconds}s`,
    '--timeout',
    '30s',
    '-s',
    join(wrkDir, scenario.script),
    `${base}${scenario.target}`,
  ];
  const run = async (seconds, connections) => {
    const result = await runToEnd('wrk', args(seconds, connections), {
      env,
      timeoutMs: (seconds + 60) * 1000,
    });
    const line = result.stdout.split('\n').find((l) => l.startsWith('BENCH_RESULT '));
    if (result.code !== 0 || !line) {
      throw new Error(
        `wrk failed (${result.code ?? result.signal}): ${result.stderr}${result.stdout}`,
      );
    }
    return JSON.parse(line.slice('BENCH_RESULT '.length));
  };

  const alive = () => {
    if (!server.running) throw new Error(`${scenario.title}: ${server.describe()}`);
  };
  alive();
  if (warmupS > 0) {
    await run(warmupS, Math.min(concurrency, 8));
    await settle(server);
  }

  const peakReset = resetPeakMemory(server.pid);
  const cpuBefore = cpuMicros(server.pid);
  const figures = await run(durationS, concurrency);
  alive();
  const cpuUs = cpuMicros(server.pid) - cpuBefore;
  const settleSeconds = await settle(server);
  const rssAfterKb = memoryKb(server.pid, 'VmRSS');
  const errors = Object.values(figures.errors).reduce((a, b) => a + b, 0);
  const seconds = figures.duration_us / 1e6;

  return {
    durationS,
    requests: figures.requests,
    errors,
    errorDetail: figures.errors,
    requestsPerSecond: figures.requests / seconds,
    // wrk's percentiles of no samples are zeros; there is no latency to report.
    completed: figures.requests > 0,
    bytesPerSecond: figures.bytes / seconds,
    latencyMs: Object.fromEntries(
      ['p50', 'p90', 'p99', 'max', 'mean'].map((name) => [
        name,
        figures.requests > 0 ? figures.latency_us[name] / 1000 : null,
      ]),
    ),
    cpuMicros: cpuUs,
    cpuMicrosPerRequest: figures.requests > 0 ? cpuUs / figures.requests : null,
    peakRssKb: memoryKb(server.pid, 'VmHWM'),
    peakIsScenario: peakReset,
    rssAfterKb,
    settleSeconds,
  };
}

/** Lightbox's figure over the baseline's: how many times the baseline's it is. */
export function ratios(lightbox, baseline) {
  const over = (a, b) => (a != null && b ? a / b : null);
  return {
    requestsPerSecond: over(lightbox.requestsPerSecond, baseline.requestsPerSecond),
    p50: over(lightbox.latencyMs.p50, baseline.latencyMs.p50),
    p99: over(lightbox.latencyMs.p99, baseline.latencyMs.p99),
    max: over(lightbox.latencyMs.max, baseline.latencyMs.max),
    cpuMicrosPerRequest: over(lightbox.cpuMicrosPerRequest, baseline.cpuMicrosPerRequest),
    peakRss: over(lightbox.peakRssKb, baseline.peakRssKb),
  };
}
