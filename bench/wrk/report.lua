-- Shared by every scenario script: when wrk is done, print its figures as one line,
-- `BENCH_RESULT {json}`, which bench/harness.mjs reads. Latencies are in microseconds.
function done(summary, latency, requests)
   local errors = summary.errors
   io.write(string.format(
      'BENCH_RESULT {"requests":%d,"duration_us":%d,"bytes":%d,' ..
      '"errors":{"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d},' ..
      '"latency_us":{"p50":%d,"p90":%d,"p99":%d,"p999":%d,"max":%d,"mean":%.1f}}\n',
      summary.requests, summary.duration, summary.bytes,
      errors.connect, errors.read, errors.write, errors.status, errors.timeout,
      latency:percentile(50), latency:percentile(90), latency:percentile(99),
      latency:percentile(99.9), latency.max, latency.mean))
end

-- Comma-separated values of an environment variable, as a list.
function bench_list(name)
   local out = {}
   for item in string.gmatch(os.getenv(name) or "", "[^,]+") do
      out[#out + 1] = item
   end
   return out
end
