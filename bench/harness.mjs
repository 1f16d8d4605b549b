// The benchmark run behind `bash bench/run.sh [all|http|fanout]` (see bench/README.md):
// starts Lightbox on a fresh SQLite data directory, seeds it through the API, runs every HTTP
// scenario with wrk against it and against the baseline server answering the same bytes,
// runs the Socket.IO fan-out, and writes bench/results/latest.{md,json} and the chart.
//
// BENCH_* environment variables adjust a run (build directory, durations, concurrencies,
// album and fan-out sizes); bench/README.md lists them all.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { ServerProcess, captureResponse, freePort, runToEnd } from './lib/processes.mjs';
import { writeResults } from './lib/report.mjs';
import { measure, ratios } from './lib/wrk.mjs';

const mode = process.argv[2] ?? 'all';
if (!['all', 'http', 'fanout'].includes(mode)) {
  console.error('usage: node bench/harness.mjs [all|http|fanout]');
  process.exit(2);
}

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const buildDir = resolve(root, process.env.BENCH_BUILD_DIR ?? 'build/release');
const benchDir = join(root, 'bench');
const resultsDir = join(benchDir, 'results');
const rawDir = join(resultsDir, 'raw');
const wrkDir = join(benchDir, 'wrk');
const durationS = Number(process.env.BENCH_DURATION ?? 5);
const warmupS = Number(process.env.BENCH_WARMUP ?? 1);
const maxDurationS = Number(process.env.BENCH_MAX_DURATION ?? 40);
const concurrencies = (process.env.BENCH_CONCURRENCY ?? '1,8,64').split(',').map(Number);
const albumSizes = process.env.BENCH_ALBUM_SIZES ?? '10,1000,10000';
const fanoutSizes = (process.env.BENCH_FANOUT_SIZES ?? '100,1000,10000').split(',').map(Number);
const fanoutSettings = {
  patches: Number(process.env.BENCH_FANOUT_PATCHES ?? 200),
  intervalMs: Number(process.env.BENCH_FANOUT_INTERVAL_MS ?? 25),
  threads: Number(process.env.BENCH_FANOUT_THREADS ?? 2),
};
const prefix = '/api';

const binary = (name) => {
  const path = join(buildDir, name);
  if (!existsSync(path)) throw new Error(`no ${path}: build it first (bash bench/run.sh does)`);
  return path;
};
const log = (line) => console.error(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}`);

function machineInfo() {
  const text = (program, args = []) => execFileSync(program, args, { encoding: 'utf8' }).trim();
  return {
    nproc: Number(text('nproc')),
    kernel: text('uname', ['-r']),
    date: text('date'),
    cpuModel: cpus()[0]?.model ?? 'unknown CPU',
    memoryKb: Math.round(totalmem() / 1024),
    loadAverage: loadavg().map((l) => l.toFixed(2)),
  };
}

/** The HTTP scenarios over what seed.mjs made, in the order they run. */
function httpScenarios(seed) {
  const owner = { 'x-api-key': seed.apiKey };
  const json = { ...owner, 'content-type': 'application/json' };
  const list = [
    {
      id: 'ping',
      title: 'GET /server-info/ping',
      script: 'get.lua',
      target: `${prefix}/server-info/ping`,
      capture: {},
    },
  ];
  const sizes = Object.keys(seed.albums)
    .map(Number)
    .sort((a, b) => a - b);
  for (const size of sizes) {
    const album = seed.albums[size];
    for (const [showExif, link] of [
      [true, album.exifLink],
      [false, album.noExifLink],
    ]) {
      list.push({
        id: `guest-${size}-exif-${showExif}`,
        title: `guest GET /shared-link/me, ${size} assets, showExif ${showExif}`,
        family: `guest, showExif ${showExif}`,
        size,
        script: 'get.lua',
        target: `${prefix}/shared-link/me?key=${link.key}`,
        capture: {},
      });
    }
    // What a browser or an Immich app receives: the same view, gzip-compressed once.
    list.push({
      id: `guest-${size}-exif-true-gzip`,
      title: `guest GET /shared-link/me, ${size} assets, showExif true, gzip`,
      family: 'guest, showExif true, gzip',
      size,
      script: 'get.lua',
      target: `${prefix}/shared-link/me?key=${album.exifLink.key}`,
      env: { BENCH_ACCEPT_ENCODING: 'gzip' },
      capture: { headers: { 'accept-encoding': 'gzip' } },
    });
  }
  for (const size of sizes) {
    list.push({
      id: `owner-${size}`,
      title: `owner GET /shared-link/:id, ${size} assets`,
      family: 'owner',
      size,
      script: 'get.lua',
      target: `${prefix}/shared-link/${seed.albums[size].exifLink.id}`,
      env: { BENCH_API_KEY: seed.apiKey },
      capture: { headers: owner },
    });
  }
  const patchOf = (id, title, ids) => ({
    id,
    title,
    script: 'patch.lua',
    target: `${prefix}/shared-link/${ids[0]}`,
    env: { BENCH_API_KEY: seed.apiKey, BENCH_LINK_IDS: ids.join(','), BENCH_PREFIX: prefix },
    capture: { method: 'PATCH', headers: json, body: '{"description":"bench capture"}' },
  });
  list.push(
    patchOf(
      'patch-many',
      `PATCH /shared-link/:id, ${seed.manyLinkIds.length} links`,
      seed.manyLinkIds,
    ),
  );
  list.push(patchOf('patch-one', 'PATCH /shared-link/:id, one link', [seed.patchOneLinkId]));
  list.push({
    id: 'put-assets',
    title: 'PUT /shared-link/:id/assets, asset already in',
    script: 'put_assets.lua',
    target: `${prefix}/shared-link/${seed.putLink.id}/assets`,
    env: {
      BENCH_API_KEY: seed.apiKey,
      BENCH_LINK_ID: seed.putLink.id,
      BENCH_ASSET_IDS: seed.putLink.assetIds.join(','),
      BENCH_PREFIX: prefix,
    },
    capture: {
      method: 'PUT',
      headers: json,
      body: JSON.stringify({ assetIds: [seed.putLink.assetIds[0]] }),
    },
  });
  return list;
}

/**
 * How long to measure at `concurrency`, given the scenario's first (lowest-concurrency) run:
 * long enough for each connection to complete a request or two, which a 10,000-asset album
 * does not do in 5 s, and never longer than BENCH_MAX_DURATION.
 */
function durationFor(concurrency, first) {
  if (!first) return durationS;
  const needed =
    first.requestsPerSecond > 0 ? (1.5 * concurrency) / first.requestsPerSecond : Infinity;
  return Math.max(durationS, Math.min(maxDurationS, Math.ceil(needed)));
}

const lightboxArgs = '--data-dir=TMP --port=PORT --listen-address=127.0.0.1 --log-level=warn';

/** Starts Lightbox on the data directory and a free port; resolves once it answers. */
async function startLightbox(dataDir) {
  const port = await freePort();
  const args = [
    `--data-dir=${join(dataDir, 'data')}`,
    `--port=${port}`,
    '--listen-address=127.0.0.1',
    '--log-level=warn',
  ];
  const server = new ServerProcess(
    'lightbox',
    binary('lightbox'),
    args,
    join(rawDir, 'lightbox.log'),
  );
  const base = `http://127.0.0.1:${port}`;
  try {
    await server.ready(`${base}${prefix}/server-info/ping`);
  } catch (error) {
    await server.stop();
    throw error;
  }
  log(`Lightbox (pid ${server.pid}) on 127.0.0.1:${port}, data in ${dataDir}`);
  return { server, port, base };
}

async function runHttp(lightbox, base, seed) {
  const scenarios = [];
  let peakIsScenario = true;
  for (const scenario of httpScenarios(seed)) {
    // What Lightbox answers this request, for the baseline to answer.
    const bodyFile = join(rawDir, `${scenario.id}.body`);
    const captured = captureResponse({
      url: `${base}${scenario.target}`,
      bodyFile,
      ...scenario.capture,
    });
    if (captured.status !== 200) {
      throw new Error(
        `${scenario.title}: Lightbox answered ${captured.status} (${bodyFile}); ` +
          lightbox.describe(),
      );
    }
    const responseBytes = readFileSync(bodyFile).length;

    const port = await freePort();
    const baseline = new ServerProcess(
      'baseline',
      binary('bench/bench_baseline_server'),
      [`--port=${port}`, `--body=${bodyFile}`, `--content-type=${captured.contentType}`],
      join(rawDir, 'baseline.log'),
    );
    const baselineBase = `http://127.0.0.1:${port}`;
    await baseline.ready(`${baselineBase}/`);

    // The first run is warmed up; each later run follows one at a lower concurrency.
    const runs = [];
    try {
      for (const concurrency of concurrencies) {
        const common = {
          scenario,
          concurrency,
          durationS: durationFor(concurrency, runs[0]?.lightbox),
          warmupS: runs.length === 0 ? warmupS : 0,
          wrkDir,
        };
        const l = await measure({ ...common, server: lightbox, base });
        const b = await measure({ ...common, server: baseline, base: baselineBase });
        peakIsScenario &&= l.peakIsScenario;
        runs.push({ concurrency, lightbox: l, baseline: b, ratio: ratios(l, b) });
        log(
          `${scenario.title}, c=${concurrency}, ${common.durationS} s: ` +
            `${l.requestsPerSecond.toFixed(1)} req/s ` +
            `(baseline ${b.requestsPerSecond.toFixed(0)}), ` +
            `p99 ${l.latencyMs.p99} ms, ${l.cpuMicrosPerRequest?.toFixed(0)} CPU us/request, ` +
            `${l.errors} errors, ${l.settleSeconds.toFixed(1)} s to settle`,
        );
      }
    } finally {
      await baseline.stop();
    }
    // The results name no key, not even one of a server that no longer exists.
    const { capture, env, target, ...described } = scenario;
    scenarios.push({
      ...described,
      method: capture.method ?? 'GET',
      target: target.replace(/key=[^&]+/, 'key=KEY'),
      responseBytes,
      runs,
    });
  }
  return {
    date: new Date().toISOString(),
    settings: {
      durationS,
      maxDurationS,
      warmupS,
      concurrencies,
      peakIsScenario,
      lightboxArgs,
    },
    seed: {
      uploaded: seed.uploaded,
      seedSeconds: seed.seedSeconds,
      albums: Object.keys(seed.albums),
    },
    scenarios,
  };
}

/**
 * Each size runs on a freshly started Lightbox over the seeded data: memory freed by earlier
 * work would otherwise be reused by the new sockets and hide what they cost.
 */
async function runFanout(dataDir, seed) {
  const runs = [];
  for (const subscribers of fanoutSizes) {
    const { server: lightbox, port } = await startLightbox(dataDir);
    log(`fan-out to ${subscribers} subscribers`);
    const result = await runToEnd(
      binary('bench/bench_socket_fanout'),
      [
        `--port=${port}`,
        `--share-key=${seed.fanoutLink.key}`,
        `--api-key=${seed.apiKey}`,
        `--link-id=${seed.fanoutLink.id}`,
        `--subscribers=${subscribers}`,
        `--threads=${fanoutSettings.threads}`,
        `--patches=${fanoutSettings.patches}`,
        `--interval-ms=${fanoutSettings.intervalMs}`,
        `--server-pid=${lightbox.pid}`,
      ],
      { timeoutMs: 400000 },
    ).finally(() => lightbox.stop());
    const line = result.stdout.trim().split('\n').pop();
    if (result.code !== 0 || !line?.startsWith('{')) {
      const how = result.code ?? result.signal;
      const error = `bench_socket_fanout exited ${how}: ${result.stderr.trim()}`;
      log(error);
      runs.push({ subscribers, error });
    } else {
      const figures = JSON.parse(line);
      runs.push(figures);
      log(
        `  ${figures.connected} connected, ${figures.deliveries}/${figures.deliveries_expected} ` +
          `deliveries, ${figures.events_per_second.toFixed(0)} events/s, p99 ` +
          `${figures.latency_from_response_ms.p99} ms, ` +
          `${figures.server_cpu_us_per_event.toFixed(1)} ` +
          `CPU us/event, ${(figures.server_bytes_per_socket / 1024).toFixed(1)} kB/socket`,
      );
      if (result.stderr.trim()) log(`  ${result.stderr.trim().split('\n').join('\n  ')}`);
    }
  }
  return { date: new Date().toISOString(), settings: fanoutSettings, runs };
}

async function main() {
  mkdirSync(rawDir, { recursive: true });
  const machine = machineInfo();
  const dataDir = mkdtempSync(join(tmpdir(), 'lightbox-bench-'));
  let lightbox = null;
  try {
    const started = await startLightbox(dataDir);
    lightbox = started.server;

    const seedFile = join(rawDir, 'seed.json');
    const sizes = mode === 'fanout' ? '10' : albumSizes;
    log(`seeding albums of ${sizes} assets`);
    const seeded = spawnSync(
      process.execPath,
      [
        join(benchDir, 'seed.mjs'),
        '--server',
        `${started.base}${prefix}`,
        '--out',
        seedFile,
        '--sizes',
        sizes,
      ],
      { stdio: ['ignore', 'inherit', 'inherit'], timeout: 900000 },
    );
    if (seeded.status !== 0) {
      throw new Error(`seeding failed (${seeded.status ?? seeded.error}): ${lightbox.describe()}`);
    }
    const seed = JSON.parse(readFileSync(seedFile, 'utf8'));

    const previous = existsSync(join(resultsDir, 'latest.json'))
      ? JSON.parse(readFileSync(join(resultsDir, 'latest.json'), 'utf8'))
      : {};
    const results = {
      command: mode === 'all' ? 'bash bench/run.sh' : `bash bench/run.sh ${mode}`,
      machine,
      http: mode === 'fanout' ? previous.http : undefined,
      fanout: mode === 'http' ? previous.fanout : undefined,
    };
    if (mode !== 'fanout') results.http = await runHttp(lightbox, started.base, seed);
    await lightbox.stop();
    lightbox = null;
    if (mode !== 'http') results.fanout = await runFanout(dataDir, seed);

    await writeResults(results, resultsDir, rawDir, join(benchDir, 'README.md'));
    log(`wrote ${join(resultsDir, 'latest.md')}, latest.json, the chart and bench/README.md`);
  } finally {
    if (lightbox) await lightbox.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
