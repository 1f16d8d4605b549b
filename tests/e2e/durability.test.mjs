// Durability across a crash: the server is killed with SIGKILL in the middle of a burst of
// writes and must come back with every write it acknowledged, both in the links themselves and
// in the event log that reconnecting clients resume from. A write that was in flight when the
// server died may or may not have landed, but if it did, its event must have landed with it.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { Api } from './lib/api.mjs';
import { assertSequencesIncrease, connect } from './lib/realtime.mjs';
import { startServer } from './lib/server.mjs';

/** One client per link, all writing at once. */
const LINK_COUNT = 64;
const PHOTOS = ['test1.jpg', 'test2.jpg', 'test3.jpg'];
/** Two bursts, each cut short by SIGKILL once this many of its PATCHes were acknowledged. */
const ACKNOWLEDGED_BEFORE_CRASH = [400, 600];

/**
 * What a link's client knows of it. `durable` is the description it must at least have: the
 * last one acknowledged, or the one read back after the last crash. `inFlight` is the one sent
 * and not yet answered. `committed` is every description its PATCHes gave it, oldest first.
 */
function linkState(link, index) {
  return {
    link,
    name: `link${index}`,
    sent: 0,
    durable: link.description,
    inFlight: null,
    committed: [],
  };
}

/**
 * Every client changes its link's description, one PATCH after another, until `crashAfter`
 * PATCHes have been acknowledged in all; the acknowledgement that reaches the count kills the
 * server at once, while the other clients' PATCHes are in flight. A 200 counts as an
 * acknowledgement as soon as its status line arrives, even if the body is cut off.
 */
async function burstUntilCrash(server, headers, links, crashAfter) {
  let acknowledged = 0;
  let acknowledgedAfterKill = 0;
  let crashed = null;
  const failures = [];

  async function client(state) {
    while (!crashed) {
      const description = `${state.name}-${++state.sent}`;
      state.inFlight = description;
      let response;
      try {
        response = await fetch(`${server.api}/shared-link/${state.link.id}`, {
          method: 'PATCH',
          headers: { 'content-type': 'application/json', ...headers },
          body: JSON.stringify({ description }),
          signal: AbortSignal.timeout(30000),
        });
      } catch (error) {
        // After the kill a reset connection is what a crash looks like; before it, a failure.
        if (!crashed) failures.push(`${state.name}: ${description}: ${error.cause ?? error}`);
        return;
      }
      if (response.status !== 200) {
        const body = await response.text().catch((error) => `(body lost: ${error})`);
        failures.push(`${state.name}: ${description} answered ${response.status}: ${body}`);
        state.inFlight = null;
        return;
      }

      state.durable = description;
      state.inFlight = null;
      state.committed.push(description);
      if (crashed) acknowledgedAfterKill++;
      if (++acknowledged === crashAfter) {
        crashed = server.crash();
        // Awaited once every client has stopped; until then a failure must not go unhandled.
        crashed.catch(() => {});
      }
      // Read to the end so the connection is reused; the server may die before the last byte.
      await response.arrayBuffer().catch(() => {});
    }
  }

  await Promise.all(links.map(client));
  assert.deepEqual(failures, [], `writes failed before the crash:\n${server.output}`);
  assert.ok(crashed, `the burst ended before ${crashAfter} acknowledgements`);
  await crashed;
  return { acknowledged, acknowledgedAfterKill };
}

/**
 * After the restart each link must hold its last acknowledged description, or the one that
 * was in flight when the server died, never an older one. Returns how many were in flight
 * and how many of those landed, and makes what was read back the new durable state.
 */
async function verifyLinks(api, headers, links) {
  const listed = await api.call('GET', '/shared-link', { headers, expect: 200 });
  const byId = new Map(listed.map((link) => [link.id, link]));
  const wrong = [];
  let inFlight = 0;
  let landed = 0;
  for (const state of links) {
    const actual = byId.get(state.link.id)?.description;
    if (state.inFlight !== null) inFlight++;
    if (state.inFlight !== null && actual === state.inFlight) {
      landed++;
      state.committed.push(actual);
    } else if (actual !== state.durable) {
      wrong.push(
        `${state.name}: holds ${JSON.stringify(actual)}, acknowledged ` +
          `${JSON.stringify(state.durable)}, in flight ${JSON.stringify(state.inFlight)}`,
      );
    }
    state.durable = actual;
    state.inFlight = null;
  }
  assert.deepEqual(wrong, [], 'links lost acknowledged writes in the crash');
  return { inFlight, landed };
}

test(
  'a crash during a burst of writes loses no acknowledged write, nor its event',
  { timeout: 90000 },
  async (t) => {
    const server = await startServer({}, (stop) => t.after(stop));
    const api = new Api(server);
    const admin = await api.signUpAdmin();
    // An API key, unlike a login, certainly still admits the owner after a crash.
    const headers = { 'x-api-key': await api.createApiKey(admin) };
    const owner = { ...admin, headers };

    const photos = [];
    for (const photo of PHOTOS) photos.push(await api.upload(owner, photo));
    const links = [];
    for (let i = 0; i < LINK_COUNT; i++) {
      const link = await api.createLink(owner, {
        type: 'INDIVIDUAL',
        assetIds: [photos[i % photos.length]],
        description: `link${i}-0`,
      });
      links.push(linkState(link, i));
    }

    // Two crashes in a row: the second one hits a database that recovered from the first.
    for (const [round, crashAfter] of ACKNOWLEDGED_BEFORE_CRASH.entries()) {
      const burst = await burstUntilCrash(server, headers, links, crashAfter);
      await server.start();
      const { inFlight, landed } = await verifyLinks(api, headers, links);
      t.diagnostic(
        `crash ${round + 1}: ${burst.acknowledged} PATCHes acknowledged (` +
          `${burst.acknowledgedAfterKill} of them after SIGKILL was sent), ` +
          `${inFlight} in flight, ${landed} of those landed`,
      );
    }

    // Replayed from the beginning, the log holds each link's descriptions exactly as they were
    // committed: every acknowledged one, an in-flight one only if it landed, all in order.
    // A live change made after connecting arrives after the replay, so it marks the end.
    const log = await connect(server, { name: 'from the beginning', headers, lastSequence: 0 });
    try {
      const marker = 'after the replay';
      await api.updateLink(owner, links[0].link.id, { description: marker });
      await log.until(
        (r) =>
          r.changes().some((e) => e.name === 'resync_required') ||
          r.changes().some((e) => e.payload?.link?.description === marker),
        'the replay and then the marker',
        30000,
      );
      assert.ok(
        !log.changes().some((e) => e.name === 'resync_required'),
        'the event log was trimmed, it cannot be replayed from the beginning',
      );
      assertSequencesIncrease(log);

      const replayed = new Map(links.map((state) => [state.link.id, []]));
      const created = new Set();
      for (const event of log.changes()) {
        if (event.name !== 'on_shared_link_update') continue;
        const { id, change, link } = event.payload;
        if (change === 'created') {
          created.add(id);
        } else if (change === 'updated' && link.description !== marker) {
          replayed.get(id).push(link.description);
        }
      }
      assert.equal(created.size, LINK_COUNT, 'every link creation was replayed');
      const differences = links
        .map((state) => firstDifference(state, replayed.get(state.link.id)))
        .filter((difference) => difference);
      assert.deepEqual(differences, [], 'the event log differs from the committed writes');
      t.diagnostic(
        `replayed ${log.changes().length} events, ` +
          `${links.reduce((sum, state) => sum + state.committed.length, 0)} link updates`,
      );
    } finally {
      log.close();
    }
  },
);

/** Where the replayed descriptions of a link part from those committed, if they do. */
function firstDifference(state, replayed) {
  const { committed } = state;
  const parted = committed.findIndex((description, i) => replayed[i] !== description);
  if (parted === -1 && replayed.length === committed.length) return null;
  const at = parted === -1 ? committed.length : parted;
  return (
    `${state.name}: update ${at + 1} of ${committed.length} committed is ` +
    `${JSON.stringify(committed[at])}, replayed ${JSON.stringify(replayed[at])} ` +
    `(${replayed.length} replayed)`
  );
}
