// Writes what a run measured: bench/results/latest.json (everything), latest.md (the tables,
// the command and the machine) and latency_cpu_vs_album_size.png (gnuplot).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { runToEnd } from './processes.mjs';

/** The concurrency the chart is drawn at. */
const chartConcurrency = 8;

const mb = (kb) => (kb == null || Number.isNaN(kb) ? '–' : (kb / 1024).toFixed(1));
const times = (ratio) =>
  ratio == null ? '–' : `${ratio < 10 ? ratio.toFixed(2) : ratio.toFixed(1)}×`;

function ms(value) {
  if (value == null) return '–';
  if (value < 10) return value.toFixed(2);
  if (value < 100) return value.toFixed(1);
  return value.toFixed(0);
}

function count(value) {
  if (value == null) return '–';
  if (value === 0) return '0';
  return value < 100 ? value.toFixed(1) : Math.round(value).toLocaleString('en-US');
}

/** A Markdown table row. */
const row = (cells) => `| ${cells.join(' | ')} |`;
/** A header row and the alignment row: the first column left, the others right. */
const header = (names) => [row(names), row(names.map((_, i) => (i === 0 ? '---' : '--:')))];
const thousands = (value) => value.toLocaleString('en-US');

function httpTables(http) {
  const lines = [
    "### Lightbox, and each figure over the baseline's",
    '',
    ...header([
      'scenario', 'conc.', 's', 'req/s', '×base', 'p50 ms', 'p99 ms', 'max ms', 'p99 ×base',
      'CPU µs/req', '×base', 'peak RSS MB', 'RSS after MB', 'errors',
    ]),
  ];
  for (const scenario of http.scenarios) {
    for (const run of scenario.runs) {
      const l = run.lightbox;
      const r = run.ratio;
      lines.push(
        row([
          scenario.title, run.concurrency, l.durationS, count(l.requestsPerSecond),
          times(r.requestsPerSecond), ms(l.latencyMs.p50), ms(l.latencyMs.p99),
          ms(l.latencyMs.max), times(r.p99), count(l.cpuMicrosPerRequest),
          times(r.cpuMicrosPerRequest), mb(l.peakRssKb), mb(l.rssAfterKb), l.errors,
        ]),
      );
    }
  }
  lines.push(
    '',
    '*s*: seconds measured (longer where requests are slow); *–*: no request completed in that ' +
      'time, so there is no latency or CPU per request to report.',
    '',
    '### The baseline: the same response bytes from a minimal Beast server',
    '',
    ...header([
      'scenario', 'response bytes', 'conc.', 'req/s', 'p50 ms', 'p99 ms', 'max ms', 'CPU µs/req',
      'peak RSS MB',
    ]),
  );
  for (const scenario of http.scenarios) {
    for (const run of scenario.runs) {
      const b = run.baseline;
      lines.push(
        row([
          scenario.title, thousands(scenario.responseBytes), run.concurrency,
          count(b.requestsPerSecond), ms(b.latencyMs.p50), ms(b.latencyMs.p99),
          ms(b.latencyMs.max), count(b.cpuMicrosPerRequest), mb(b.peakRssKb),
        ]),
      );
    }
  }
  return lines;
}

function fanoutTable(fanout) {
  const names = [
    'subscribers', 'connected', 'deliveries / expected', 'events/s', 'p50 ms', 'p99 ms',
    'max ms', 'CPU µs/event', 'RSS before MB', 'RSS connected MB', 'kB/socket', 'connect s',
    'CPU µs/connect',
  ];
  const lines = header(names);
  for (const run of fanout.runs) {
    if (run.error) {
      const cells = names.map(() => '');
      cells[0] = thousands(run.subscribers);
      cells[1] = `failed: ${run.error.split('\n')[0]}`;
      lines.push(row(cells));
      continue;
    }
    const latency = run.latency_from_response_ms;
    lines.push(
      row([
        thousands(run.subscribers), thousands(run.connected),
        `${thousands(run.deliveries)} / ${thousands(run.deliveries_expected)}`,
        count(run.events_per_second), ms(latency.p50), ms(latency.p99), ms(latency.max),
        count(run.server_cpu_us_per_event), mb(run.server_rss_before_kb),
        mb(run.server_rss_connected_kb), (run.server_bytes_per_socket / 1024).toFixed(1),
        run.connect_seconds.toFixed(1), count(run.server_cpu_us_per_connect),
      ]),
    );
  }
  return lines;
}

function markdown(results) {
  const { machine } = results;
  const lines = [
    '# Latest benchmark figures',
    '',
    `Command: \`${results.command}\` (what each figure means: bench/README.md).`,
    '',
    `Machine: ${machine.nproc} cores (\`nproc\`), ${machine.cpuModel}, ` +
      `${(machine.memoryKb / 1048576).toFixed(1)} GB, Linux ${machine.kernel} (\`uname -r\`); ` +
      `load average ${machine.loadAverage.join(' ')} when the run began; ` +
      `${machine.date} (\`date\`).`,
    '',
  ];
  if (results.http) {
    const { settings } = results.http;
    lines.push(
      '## HTTP scenarios',
      '',
      `Run ${results.http.date}. Lightbox \`${settings.lightboxArgs}\` on SQLite, seeded ` +
        `with ${thousands(results.http.seed.uploaded)} photos in ` +
        `${results.http.seed.seedSeconds.toFixed(0)} s. wrk: ${settings.durationS} s per run ` +
        `(up to ${settings.maxDurationS} s where requests are slow), a ${settings.warmupS} s ` +
        'warm-up before the first concurrency of each scenario, at most 2 threads, on the same ' +
        'machine as the servers. Each Lightbox run is followed at once by the baseline run at ' +
        'the same concurrency and duration. ' +
        (settings.peakIsScenario
          ? 'Peak RSS is per scenario (VmHWM reset through /proc/PID/clear_refs).'
          : 'Peak RSS is since the server started (VmHWM could not be reset).'),
      '',
      ...httpTables(results.http),
      '',
      '![p99 latency and CPU per request against album size](latency_cpu_vs_album_size.png)',
      '',
    );
  }
  if (results.fanout) {
    const { settings } = results.fanout;
    lines.push(
      '## Socket.IO fan-out',
      '',
      `Run ${results.fanout.date}. ${settings.patches} PATCHes of one ALBUM link, one every ` +
        `${settings.intervalMs} ms, while N guests of the link listen; client: ` +
        `bench_socket_fanout, ${settings.threads} threads. Latency is from each PATCH's response ` +
        'to each delivery (negative: the event came first).',
      '',
      ...fanoutTable(results.fanout),
      '',
    );
  }
  return lines.join('\n');
}

/** The chart: p99 latency and CPU per request of the read scenarios against album size. */
async function chart(results, resultsDir, rawDir) {
  const http = results.http;
  if (!http) return null;
  const families = [
    'guest, showExif true',
    'guest, showExif true, gzip',
    'guest, showExif false',
    'owner',
  ];
  const at = (scenario) => scenario.runs.find((run) => run.concurrency === chartConcurrency);
  const sizes = [...new Set(http.scenarios.filter((s) => s.size).map((s) => s.size))].sort(
    (a, b) => a - b,
  );
  const rows = sizes.map((size) => {
    const columns = [size];
    for (const who of ['lightbox', 'baseline']) {
      for (const family of families) {
        const run = at(
          http.scenarios.find((s) => s.size === size && s.family === family) ?? { runs: [] },
        );
        columns.push(
          run ? run[who].latencyMs.p99 : 'NaN',
          run ? run[who].cpuMicrosPerRequest : 'NaN',
        );
      }
    }
    return columns.join(' ');
  });
  const data = join(rawDir, 'album_size.dat');
  writeFileSync(
    data,
    '# size, then for Lightbox and then the baseline: p99 ms and CPU us/request of ' +
      `${families.join(', ')}\n${rows.join('\n')}\n`,
  );
  const png = join(resultsDir, 'latency_cpu_vs_album_size.png');
  const series = (column, title, style) =>
    `'${data}' using 1:${column} with linespoints ${style} title '${title}'`;
  const plot = (offset) =>
    families
      .map((family, i) =>
        series(2 + 2 * i + offset, `Lightbox, ${family}`, `lw 2 lc ${i + 1} pt ${i + 5}`),
      )
      .concat(
        families.map((family, i) =>
          series(
            2 + 2 * (families.length + i) + offset,
            `baseline, ${family}`,
            `dt 2 lc ${i + 1} pt ${i + 5}`,
          ),
        ),
      )
      .join(', ');
  const script = join(rawDir, 'album_size.gnuplot');
  writeFileSync(
    script,
    [
      `set terminal pngcairo size 1400,640 font ',10'`,
      `set output '${png}'`,
      'set multiplot layout 1,2',
      'set logscale xy',
      'set grid',
      'set key below',
      `set xrange [${sizes[0] / 2}:${sizes[sizes.length - 1] * 2}]`,
      `set xtics (${sizes.map((size) => `"${size.toLocaleString('en-US')}" ${size}`).join(', ')})`,
      'set xlabel "assets in the shared album" offset 0,0.6',
      "set format y '%g'",
      'set bmargin 8',
      `set title "p99 latency at concurrency ${chartConcurrency}"`,
      'set ylabel "ms"',
      `plot ${plot(0)}`,
      `set title "server CPU per request at concurrency ${chartConcurrency}"`,
      'set ylabel "CPU µs per request"',
      `plot ${plot(1)}`,
      'unset multiplot',
    ].join('\n'),
  );
  const drawn = await runToEnd('gnuplot', [script], { timeoutMs: 60000 });
  if (drawn.code !== 0) throw new Error(`gnuplot failed: ${drawn.stderr}`);
  return png;
}

const figuresBegin = '<!-- latest figures: bench/run.sh writes from here -->';
const figuresEnd = '<!-- latest figures end -->';

/** Copies the figures into bench/README.md, between its two markers. */
export function copyIntoReadme(readme, resultsDir) {
  const text = readFileSync(readme, 'utf8');
  const begin = text.indexOf(figuresBegin);
  const end = text.indexOf(figuresEnd);
  if (begin < 0 || end < begin) return false;
  const latest = readFileSync(join(resultsDir, 'latest.md'), 'utf8')
    .replace(/^# Latest benchmark figures\n\n/, '')
    .replace(/^(#+) /gm, '$1# ')
    .replace('](latency_cpu_vs_album_size.png)', '](results/latency_cpu_vs_album_size.png)');
  const head = text.slice(0, begin + figuresBegin.length);
  writeFileSync(readme, `${head}\n\n${latest.trim()}\n\n${text.slice(end)}`);
  return true;
}

export async function writeResults(results, resultsDir, rawDir, readme) {
  writeFileSync(join(resultsDir, 'latest.json'), `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(join(resultsDir, 'latest.md'), `${markdown(results)}\n`);
  await chart(results, resultsDir, rawDir);
  if (readme) copyIntoReadme(readme, resultsDir);
}
