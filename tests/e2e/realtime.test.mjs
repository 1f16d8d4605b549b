// The realtime events, end to end: the real server on loopback, real Socket.IO clients
// (socket.io-client 4) and, where a client must misbehave on purpose, a hand-written one.
// Every wait has a timeout, and every test starts its own server on a fresh data directory.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';

import { Api } from './lib/api.mjs';
import { RawSocket } from './lib/raw_socket.mjs';
import {
  TEST1_CHECKSUM,
  TEST1_GPS,
  albumUpdate,
  assertEvents,
  assetDelete,
  assetUpdate,
  linkDelete,
  linkUpdate,
  near,
  uploaded,
} from './lib/events.mjs';
import { Recorder, assertSequencesIncrease, connect, sleep } from './lib/realtime.mjs';
import { LightboxServer, startServer } from './lib/server.mjs';

/**
 * How large each of `count` events must be for them to overflow the kernel's buffers of one
 * loopback connection three times over: the server's send buffer can grow to tcp_wmem's
 * maximum, a receiver that never reads keeps tcp_rmem's default.
 */
function eventPaddingBytes(count) {
  const limits = (name, fallback) => {
    try {
      return readFileSync(`/proc/sys/net/ipv4/${name}`, 'utf8').trim().split(/\s+/).map(Number);
    } catch {
      return fallback;
    }
  };
  const send = limits('tcp_wmem', [4096, 16384, 4194304])[2];
  const receive = limits('tcp_rmem', [4096, 131072, 6291456])[1];
  const needed = Math.ceil((3 * (send + receive)) / count);
  return Math.min(Math.max(needed, 16 * 1024), 1024 * 1024);
}

/** How long a socket must stay silent to count as having received nothing more. */
const QUIET_MS = 500;

/**
 * The test's clean-up: functions run last-in first-out when it ends, passed or failed, so
 * sockets close before the server stops. Every function runs; the first failure is reported.
 */
function cleanUp(t) {
  const stack = [];
  t.after(async () => {
    let failure;
    while (stack.length) {
      try {
        await stack.pop()();
      } catch (error) {
        failure ??= error;
      }
    }
    if (failure) throw failure;
  });
  return (fn) => stack.push(fn);
}

const cleanUps = new WeakMap();

/** A server with its admin (the owner of everything below) signed up. */
async function setUp(t, args = []) {
  const defer = cleanUp(t);
  cleanUps.set(t, defer);
  const server = await startServer({ args }, defer);
  const api = new Api(server);
  const owner = await api.signUpAdmin();
  return { server, api, owner };
}

/** Closes the recorders (or raw sockets) when the test ends, passed or failed. */
function closing(t, ...sockets) {
  const defer = cleanUps.get(t);
  for (const socket of sockets) defer(() => (socket.close ?? socket.destroy).call(socket));
  return sockets;
}

test(
  'each socket receives exactly the events it is entitled to, in order',
  { timeout: 90000 },
  async (t) => {
    const { server, api, owner } = await setUp(t);
    const sam = await api.createUser(owner, 'sam@lightbox.local');
    const stan = await api.createUser(owner, 'stan@lightbox.local');
    const lee = await api.createUser(owner, 'lee@lightbox.local');
    const samKey = await api.createApiKey(sam);
    const album = await api.createAlbum(owner, 'Holiday', { sharedWithUserIds: [sam.id] });
    const created = await api.createLink(owner, {
      type: 'ALBUM',
      albumId: album.id,
      showExif: false,
      description: 'for the family',
    });
    const link = { ...created, album };
    const other = await api.upload(owner, 'test2.jpg');
    const otherLink = await api.createLink(owner, { type: 'INDIVIDUAL', assetIds: [other] });

    const sockets = closing(
      t,
      await connect(server, { name: 'owner', headers: owner.headers }),
      await connect(server, { name: 'shared user', headers: { 'x-api-key': samKey } }),
      await connect(server, { name: 'stranger', headers: stan.headers }),
      await connect(server, { name: 'guest', query: { key: link.key } }),
      await connect(server, { name: 'user added later', headers: lee.headers }),
    );
    const [ownerSocket, samSocket, stanSocket, guestSocket, leeSocket] = sockets;
    const expected = new Map(sockets.map((s) => [s, []]));

    /** Runs one REST step, then waits until every socket has what it is owed so far. */
    async function step(what, action, owed) {
      const result = await action();
      for (const [socket, events] of owed(result)) expected.get(socket).push(...events);
      for (const socket of sockets) {
        const count = expected.get(socket).length;
        await socket.until((s) => s.changes().length >= count, `${count} events after "${what}"`);
      }
      return result;
    }

    const assetId = await step(
      'upload test1.jpg',
      () => api.upload(owner, 'test1.jpg'),
      (id) => [[ownerSocket, [uploaded(id, 'test1.jpg')]]],
    );
    await step(
      'add it to the album',
      () => api.addAlbumAssets(owner, album.id, [assetId]),
      () => [
        [
          ownerSocket,
          [
            albumUpdate(album, 'assets_added', [assetId], (p) =>
              assert.equal(p.album.assetCount, 1),
            ),
            linkUpdate(link, 'assets_added', { added: [assetId] }),
          ],
        ],
        [samSocket, [albumUpdate(album, 'assets_added', [assetId])]],
        [guestSocket, [linkUpdate(link, 'assets_added', { added: [assetId], guest: true })]],
      ],
    );
    const renamed = (p) => assert.equal((p.album ?? p.link.album).albumName, 'Holiday 2013');
    await step(
      'rename the album',
      () => api.updateAlbum(owner, album.id, { albumName: 'Holiday 2013' }),
      () => [
        [
          ownerSocket,
          [albumUpdate(album, 'updated', [], renamed), linkUpdate(link, 'updated', {}, renamed)],
        ],
        [samSocket, [albumUpdate(album, 'updated', [], renamed)]],
        [guestSocket, [linkUpdate(link, 'updated', { guest: true }, renamed)]],
      ],
    );
    const patched = (p) => {
      assert.equal(p.link.description, 'Summer 2013');
      assert.equal(p.link.allowDownload, false);
      assert.equal(p.link.showExif, false);
    };
    await step(
      'PATCH the link',
      () => api.updateLink(owner, link.id, { description: 'Summer 2013', allowDownload: false }),
      () => [
        [ownerSocket, [linkUpdate(link, 'updated', {}, patched)]],
        [guestSocket, [linkUpdate(link, 'updated', { guest: true }, patched)]],
      ],
    );
    await step(
      'PATCH another link of the owner',
      () => api.updateLink(owner, otherLink.id, { description: 'not for the family' }),
      () => [
        [
          ownerSocket,
          [
            linkUpdate(otherLink, 'updated', {}, (p) =>
              assert.equal(p.link.description, 'not for the family'),
            ),
          ],
        ],
      ],
    );
    const withLee = (p) =>
      assert.deepEqual(p.album.sharedUsers.map((u) => u.id).sort(), [sam.id, lee.id].sort());
    await step(
      'add a user to the album',
      () => api.addAlbumUsers(owner, album.id, [lee.id]),
      () => [
        [ownerSocket, [albumUpdate(album, 'users_added', [lee.id], withLee)]],
        [samSocket, [albumUpdate(album, 'users_added', [lee.id], withLee)]],
        [leeSocket, [albumUpdate(album, 'users_added', [lee.id], withLee)]],
      ],
    );
    await step(
      'remove the asset from the album',
      () => api.removeAlbumAssets(owner, album.id, [assetId]),
      () => [
        [
          ownerSocket,
          [
            albumUpdate(album, 'assets_removed', [assetId], (p) =>
              assert.equal(p.album.assetCount, 0),
            ),
            linkUpdate(link, 'assets_removed', { removed: [assetId] }),
          ],
        ],
        [samSocket, [albumUpdate(album, 'assets_removed', [assetId])]],
        [leeSocket, [albumUpdate(album, 'assets_removed', [assetId])]],
        [guestSocket, [linkUpdate(link, 'assets_removed', { removed: [assetId], guest: true })]],
      ],
    );
    await step(
      'delete the link',
      () => api.deleteLink(owner, link.id),
      () => [
        [ownerSocket, [linkDelete(link)]],
        [guestSocket, [linkDelete(link)]],
      ],
    );

    // The guest of a deleted link is disconnected; nobody receives anything more.
    await guestSocket.disconnected();
    await sleep(QUIET_MS);
    for (const socket of sockets) assertEvents(socket, expected.get(socket));
    assert.deepEqual(stanSocket.names(), ['on_server_version']);
    assert.equal(ownerSocket.disconnectReason, null);
    assert.equal(samSocket.disconnectReason, null);
    assert.equal(leeSocket.disconnectReason, null);

    // The owner's upload event is the full asset, with its GPS position.
    const upload = ownerSocket.changes()[0].payload;
    assert.equal(upload.ownerId, owner.id);
    assert.equal(upload.checksum, TEST1_CHECKSUM);
    near(upload.exifInfo.latitude, TEST1_GPS.latitude, 'latitude');
    near(upload.exifInfo.longitude, TEST1_GPS.longitude, 'longitude');
  },
);

test(
  'removing a user and deleting an album reach exactly the right sockets',
  { timeout: 60000 },
  async (t) => {
    const { server, api, owner } = await setUp(t);
    const sam = await api.createUser(owner, 'sam@lightbox.local');
    const album = await api.createAlbum(owner, 'Shared', { sharedWithUserIds: [sam.id] });
    const link = { ...(await api.createLink(owner, { type: 'ALBUM', albumId: album.id })), album };

    const [ownerSocket, samSocket, guest] = closing(
      t,
      await connect(server, { name: 'owner', headers: owner.headers }),
      await connect(server, { name: 'removed user', headers: sam.headers }),
      await connect(server, { name: 'guest', query: { key: link.key } }),
    );

    await api.removeAlbumUser(owner, album.id, sam.id);
    await samSocket.changesReach(1);
    await api.updateAlbum(owner, album.id, { albumName: 'No longer shared' });
    await guest.changesReach(1);
    await api.deleteAlbum(owner, album.id);
    await guest.disconnected();
    await ownerSocket.changesReach(5);
    await sleep(QUIET_MS);

    const withoutSam = (p) => assert.deepEqual(p.album.sharedUsers, []);
    const renamed = (p) => assert.equal((p.album ?? p.link.album).albumName, 'No longer shared');
    assertEvents(ownerSocket, [
      albumUpdate(album, 'users_removed', [sam.id], withoutSam),
      albumUpdate(album, 'updated', [], renamed),
      linkUpdate(link, 'updated', {}, renamed),
      albumUpdate(album, 'deleted', []),
      linkDelete(link),
    ]);
    // The removed user hears of the removal, and of nothing after it.
    assertEvents(samSocket, [albumUpdate(album, 'users_removed', [sam.id], withoutSam)]);
    // The guest sees the album's name, not its users, and loses the link with the album.
    assertEvents(guest, [linkUpdate(link, 'updated', { guest: true }, renamed), linkDelete(link)]);
  },
);

test(
  'a guest uploading through its link, and assets added to an individual link',
  { timeout: 60000 },
  async (t) => {
    const { server, api, owner } = await setUp(t);
    const album = await api.createAlbum(owner, 'Drop box');
    const dropBox = {
      ...(await api.createLink(owner, {
        type: 'ALBUM',
        albumId: album.id,
        allowUpload: true,
        showExif: false,
      })),
      album,
    };
    const first = await api.upload(owner, 'test2.jpg');
    const individual = await api.createLink(owner, {
      type: 'INDIVIDUAL',
      assetIds: [first],
      showExif: false,
    });

    const [ownerSocket, uploader, viewer] = closing(
      t,
      await connect(server, { name: 'owner', headers: owner.headers }),
      await connect(server, {
        name: 'uploading guest',
        headers: { 'x-immich-share-key': dropBox.key },
      }),
      await connect(server, { name: 'individual guest', query: { key: individual.key } }),
    );

    // The guest's upload belongs to the owner and joins the album.
    const guestUpload = await api.upload(
      { headers: { 'x-immich-share-key': dropBox.key } },
      'test1.jpg',
    );
    await uploader.changesReach(1);
    await ownerSocket.changesReach(3);

    const second = await api.upload(owner, 'test3.jpg');
    await api.addLinkAssets(owner, individual.id, [second]);
    await api.removeLinkAssets(owner, individual.id, [first]);
    await viewer.changesReach(2);
    await ownerSocket.changesReach(6);
    await sleep(QUIET_MS);

    assertEvents(ownerSocket, [
      uploaded(guestUpload, 'test1.jpg'),
      albumUpdate(album, 'assets_added', [guestUpload]),
      linkUpdate(dropBox, 'assets_added', { added: [guestUpload] }),
      uploaded(second, 'test3.jpg'),
      linkUpdate(individual, 'assets_added', { added: [second] }),
      linkUpdate(individual, 'assets_removed', { removed: [first] }),
    ]);
    assertEvents(uploader, [
      linkUpdate(dropBox, 'assets_added', { added: [guestUpload], guest: true }),
    ]);
    assertEvents(viewer, [
      linkUpdate(individual, 'assets_added', { added: [second], guest: true }),
      linkUpdate(individual, 'assets_removed', { removed: [first], guest: true }),
    ]);
    assert.ok(ownerSocket.changes()[0].payload.exifInfo, 'the owner sees the guest upload in full');
  },
);

test(
  'a guest socket hears nothing more once its link has expired',
  { timeout: 60000 },
  async (t) => {
    const { server, api, owner } = await setUp(t);
    const album = await api.createAlbum(owner, 'Temporary');
    const expiredByEdit = await api.createLink(owner, { type: 'ALBUM', albumId: album.id });
    const expiringSoon = await api.createLink(owner, {
      type: 'ALBUM',
      albumId: album.id,
      expiresAt: new Date(Date.now() + 2000).toISOString(),
    });

    const [ownerSocket, editedGuest, timedGuest] = closing(
      t,
      await connect(server, { name: 'owner', headers: owner.headers }),
      await connect(server, {
        name: 'guest of the link expired by PATCH',
        query: { key: expiredByEdit.key },
      }),
      await connect(server, {
        name: 'guest of the link that timed out',
        query: { key: expiringSoon.key },
      }),
    );

    // One link is made to expire by its owner, the other simply runs out.
    await api.updateLink(owner, expiredByEdit.id, { expiresAt: '2000-01-01T00:00:00.000Z' });
    await sleep(Math.max(0, new Date(expiringSoon.expiresAt) - Date.now()) + 500);
    for (const key of [expiredByEdit.key, expiringSoon.key]) {
      assert.equal((await fetch(`${server.api}/shared-link/me?key=${key}`)).status, 401);
    }

    // Photos added to the album afterwards are none of the guests' business.
    const photo = await api.upload(owner, 'test1.jpg');
    await api.addAlbumAssets(owner, album.id, [photo]);
    await ownerSocket.until(
      (r) =>
        r
          .changes()
          .filter((e) => e.name === 'on_shared_link_update' && e.payload.change === 'assets_added')
          .length === 2,
      'the owner hearing of the assets added to both links',
    );
    await sleep(QUIET_MS);

    // A new socket with either key is refused...
    for (const key of [expiredByEdit.key, expiringSoon.key]) {
      const [late] = closing(t, new Recorder(server, { name: 'late guest', query: { key } }));
      await late.disconnected();
      assert.deepEqual(
        late.events.map((e) => [e.name, e.payload]),
        [['error', 'unauthorized']],
      );
    }

    // ...and the sockets opened while the links were valid must not go on hearing of them.
    const leaks = [editedGuest, timedGuest].flatMap((guest) =>
      guest
        .changes()
        .filter((e) => JSON.stringify(e.payload).includes(photo))
        .map((e) => `${guest.name}: ${e.name} ${e.payload.change ?? ''}`),
    );
    assert.deepEqual(
      leaks,
      [],
      'guests still received events about assets added after their link expired',
    );
  },
);

test(
  'concurrent changes of one link are published in commit order',
  { timeout: 60000 },
  async (t) => {
    const { server, api, owner } = await setUp(t);
    const album = await api.createAlbum(owner, 'Busy');
    const link = await api.createLink(owner, { type: 'ALBUM', albumId: album.id });
    const [ownerSocket, guest] = closing(
      t,
      await connect(server, { name: 'owner', headers: owner.headers }),
      await connect(server, { name: 'guest', query: { key: link.key } }),
    );

    await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        api.updateLink(owner, link.id, { description: `concurrent ${i}` }),
      ),
    );
    const final = await api.call('GET', `/shared-link/${link.id}`, {
      headers: owner.headers,
      expect: 200,
    });

    for (const socket of [ownerSocket, guest]) {
      await socket.changesReach(30);
      assertSequencesIncrease(socket);
      const descriptions = socket.changes().map((e) => e.payload.link.description);
      assert.equal(new Set(descriptions).size, 30, `${socket.name}: ${descriptions}`);
      assert.equal(
        descriptions.at(-1),
        final.description,
        `${socket.name}: the last event is not the state the link was left in`,
      );
    }
  },
);

test(
  'a reconnecting client gets what it missed since its last sequence, in order, before live events',
  { timeout: 60000 },
  async (t) => {
    const { server, api, owner } = await setUp(t);
    const photo = await api.upload(owner, 'test1.jpg');
    const album = await api.createAlbum(owner, 'Before');
    const link = await api.createLink(owner, {
      type: 'INDIVIDUAL',
      assetIds: [photo],
      description: 'zero',
    });

    // Connected, the client sees a change and remembers its sequence.
    const [first] = closing(t, await connect(server, { name: 'first', headers: owner.headers }));
    await api.updateLink(owner, link.id, { description: 'seen' });
    await first.changesReach(1);
    const lastSequence = first.lastSequence();
    assert.ok(lastSequence > 0);
    first.close();
    await first.disconnected();

    // Five changes while it is away, each one event in the owner's room.
    await api.updateLink(owner, link.id, { description: 'missed 1' });
    await api.updateAsset(owner, photo, { isFavorite: true });
    await api.updateAlbum(owner, album.id, { albumName: 'After' });
    const second = await api.upload(owner, 'test2.jpg');
    await api.deleteAssets(owner, [second]);
    const missed = [
      linkUpdate(link, 'updated', {}, (p) => assert.equal(p.link.description, 'missed 1')),
      assetUpdate([photo]),
      albumUpdate(album, 'updated', [], (p) => assert.equal(p.album.albumName, 'After')),
      uploaded(second, 'test2.jpg'),
      assetDelete(second),
    ];

    // A fresh socket without a sequence starts from now; the resuming one replays, and a change
    // made the moment it connects comes after the replay.
    const [fresh] = closing(t, await connect(server, { name: 'fresh', headers: owner.headers }));
    const [resumed] = closing(
      t,
      new Recorder(server, { name: 'resumed', headers: owner.headers, lastSequence }),
    );
    await resumed.until((r) => r.socket.connected, 'the connection');
    await api.updateLink(owner, link.id, { description: 'live' });
    const live = linkUpdate(link, 'updated', {}, (p) => assert.equal(p.link.description, 'live'));

    await resumed.changesReach(6);
    await fresh.changesReach(1);
    await sleep(QUIET_MS);
    assertEvents(resumed, [...missed, live]);
    assert.ok(resumed.changes()[0].meta.sequence > lastSequence);
    assertEvents(fresh, [live]);
    assert.equal(fresh.changes()[0].meta.sequence, resumed.changes()[5].meta.sequence);
  },
);

test('a client older than the event log keeps is told to resync', { timeout: 60000 }, async (t) => {
  const { server, api, owner: admin } = await setUp(t, ['--event-log-max-events=3']);
  const headers = { 'x-api-key': await api.createApiKey(admin) };
  const owner = { ...admin, headers };
  const photo = await api.upload(owner, 'test1.jpg');
  const link = await api.createLink(owner, { type: 'INDIVIDUAL', assetIds: [photo] });

  // Six changes, two events each (the owner's room and the link's).
  const [watcher] = closing(t, await connect(server, { name: 'watcher', headers }));
  for (let i = 1; i <= 6; i++) await api.updateLink(owner, link.id, { description: `change ${i}` });
  await watcher.changesReach(6);
  const sequences = watcher.changes().map((e) => e.meta.sequence);
  watcher.close();

  // The log is trimmed at start-up (and every minute): a restart makes it keep 3 events.
  await server.restart();

  const [late] = closing(
    t,
    await connect(server, { name: 'late', headers, lastSequence: sequences[0] }),
  );
  const resync = await late.until((r) => r.changes()[0], 'resync_required');
  assert.equal(resync.name, 'resync_required', `first event: ${JSON.stringify(resync.args)}`);
  assert.ok(
    Number.isInteger(resync.payload.latestSequence) &&
      resync.payload.latestSequence >= sequences[5],
    `latestSequence ${JSON.stringify(resync.payload)} is older than ${sequences[5]}`,
  );

  // A client whose next event the log still holds (the last 3 are the link's event of
  // change 5 and both of change 6) is replayed to, not told to resync.
  const [recent] = closing(
    t,
    await connect(server, { name: 'recent', headers, lastSequence: sequences[4] }),
  );
  await recent.changesReach(1);

  // A sequence the log never handed out (a client of another server) also needs a resync.
  const [ahead] = closing(t, await connect(server, { name: 'ahead', headers, lastSequence: 1e9 }));
  const future = await ahead.until((r) => r.changes()[0], 'resync_required');
  assert.equal(future.name, 'resync_required');
  assert.equal(future.payload.latestSequence, resync.payload.latestSequence);

  // Resynced, the late one is a live socket like any other.
  await api.updateLink(owner, link.id, { description: 'after resync' });
  const after = await late.until(
    (r) =>
      r
        .changes()
        .find(
          (e) =>
            e.name === 'on_shared_link_update' && e.payload.link.description === 'after resync',
        ),
    'the live event after resync_required',
  );
  assert.ok(after.meta.sequence > resync.payload.latestSequence);
  assert.equal(late.disconnectReason, null);
  await recent.changesReach(2);
  await sleep(QUIET_MS);
  assertEvents(recent, [
    linkUpdate(link, 'updated', {}, (p) => assert.equal(p.link.description, 'change 6')),
    linkUpdate(link, 'updated', {}, (p) => assert.equal(p.link.description, 'after resync')),
  ]);
  assert.equal(late.changes().length, 2, `late: ${JSON.stringify(late.names())}`);
});

test(
  'a guest of a link with showExif=false never receives a GPS position',
  { timeout: 90000 },
  async (t) => {
    const { server, api, owner } = await setUp(t);
    const album = await api.createAlbum(owner, 'Bay Area');
    const link = {
      ...(await api.createLink(owner, { type: 'ALBUM', albumId: album.id, showExif: false })),
      album,
    };

    const [ownerSocket, guest] = closing(
      t,
      await connect(server, { name: 'owner', headers: owner.headers }),
      await connect(server, { name: 'guest', headers: { 'x-immich-share-key': link.key } }),
    );

    const files = ['test1.jpg', 'test2.jpg', 'test3.jpg'];
    const ids = [];
    for (const file of files) ids.push(await api.upload(owner, file));
    await api.addAlbumAssets(owner, album.id, ids);
    await api.updateLink(owner, link.id, { description: 'Golden Gate' });
    await api.updateAsset(owner, ids[0], { isFavorite: true, description: 'from the bridge' });
    await api.updateAlbum(owner, album.id, { albumName: 'San Francisco' });
    await api.removeAlbumAssets(owner, album.id, [ids[1]]);
    await api.deleteAssets(owner, [ids[2]]);

    // The guest heard of all of it...
    await guest.until(
      (r) => r.changes().some((e) => e.name === 'on_asset_delete'),
      'on_asset_delete',
    );
    await sleep(QUIET_MS);
    assertEvents(guest, [
      linkUpdate(link, 'assets_added', { added: ids, guest: true }),
      linkUpdate(link, 'updated', { guest: true }, (p) =>
        assert.equal(p.link.description, 'Golden Gate'),
      ),
      assetUpdate([ids[0]]),
      linkUpdate(link, 'updated', { guest: true }, (p) =>
        assert.equal(p.link.album.albumName, 'San Francisco'),
      ),
      linkUpdate(link, 'assets_removed', { removed: [ids[1]], guest: true }),
      assetDelete(ids[2]),
      linkUpdate(link, 'assets_removed', { removed: [ids[2]], guest: true }),
    ]);

    // ...and none of what the link hides, in any frame it received.
    const everything = JSON.stringify(guest.events.map((e) => e.args)) + guest.raw.join('\n');
    for (const secret of [
      'latitude',
      'longitude',
      'exifInfo',
      'originalPath',
      'originalFileName',
      'checksum',
      'deviceId',
      'lightbox-e2e',
      '37.8',
      '-122.',
      'iPhone',
      owner.email,
      'test1',
      'test2',
      'test3',
    ]) {
      assert.ok(!everything.includes(secret), `the guest received "${secret}"`);
    }
    assert.ok(guest.raw.length >= 7, 'the raw frames were recorded');

    // The owner, meanwhile, did receive the position of test1.jpg.
    const upload = ownerSocket
      .changes()
      .find((e) => e.name === 'on_upload_success' && e.payload.id === ids[0]);
    assert.ok(upload, `owner events: ${JSON.stringify(ownerSocket.names())}`);
    near(upload.payload.exifInfo.latitude, TEST1_GPS.latitude, 'latitude');
    near(upload.payload.exifInfo.longitude, TEST1_GPS.longitude, 'longitude');
    assertSequencesIncrease(ownerSocket);
  },
);

test(
  'a guest resuming after showExif was turned off is replayed no metadata',
  { timeout: 60000 },
  async (t) => {
    const { server, api, owner } = await setUp(t);
    const album = await api.createAlbum(owner, 'Oops');
    const link = await api.createLink(owner, { type: 'ALBUM', albumId: album.id, showExif: true });

    const [before] = closing(
      t,
      await connect(server, { name: 'guest before', query: { key: link.key } }),
    );
    await api.updateLink(owner, link.id, { description: 'start' });
    await before.changesReach(1);
    const lastSequence = before.lastSequence();
    before.close();

    // While the guest is away a located photo is shared, then the owner hides metadata.
    const photo = await api.upload(owner, 'test1.jpg');
    await api.addAlbumAssets(owner, album.id, [photo]);
    await api.updateLink(owner, link.id, { showExif: false });
    const now = await api.linkAsGuest(link.key);
    assert.ok(
      !JSON.stringify(now).includes('latitude'),
      'REST hides the position from the guest now',
    );

    // Resuming, the guest hears of both changes, but only as the link shows them now.
    const [after] = closing(
      t,
      await connect(server, { name: 'guest after', query: { key: link.key }, lastSequence }),
    );
    await after.changesReach(2);
    await sleep(QUIET_MS);
    assert.deepEqual(
      after.changes().map((e) => e.payload.change),
      ['assets_added', 'updated'],
    );
    const everything = JSON.stringify(after.events.map((e) => e.args));
    for (const secret of [
      'latitude',
      'longitude',
      'exifInfo',
      'originalPath',
      'originalFileName',
      'checksum',
    ]) {
      assert.ok(
        !everything.includes(secret),
        `the guest of a link that now hides metadata was replayed "${secret}"`,
      );
    }
  },
);

test(
  'a socket without a valid credential is told unauthorized and disconnected',
  { timeout: 60000 },
  async (t) => {
    const { server, api, owner } = await setUp(t);
    const album = await api.createAlbum(owner, 'Private');
    const link = await api.createLink(owner, { type: 'ALBUM', albumId: album.id });
    const revoked = await api.createLink(owner, { type: 'ALBUM', albumId: album.id });
    await api.deleteLink(owner, revoked.id);
    const secret = await api.createApiKey(owner);
    const unknownKey = 'A'.repeat(67);

    const refused = {
      'no credential': {},
      'a bad API key': { headers: { 'x-api-key': 'not-a-key' } },
      'a bad bearer token': { headers: { authorization: 'Bearer not-a-token' } },
      'a bad share key header': { headers: { 'x-immich-share-key': unknownKey } },
      'a bad share key in the query': { query: { key: unknownKey } },
      'the key of a deleted link': { query: { key: revoked.key } },
    };
    for (const [name, options] of Object.entries(refused)) {
      const [socket] = closing(t, new Recorder(server, { name, ...options }));
      await socket.disconnected();
      const greeting = socket.events.find((e) => e.name === 'error');
      assert.ok(greeting, `${name}: no error event, received ${JSON.stringify(socket.names())}`);
      assert.equal(greeting.payload, 'unauthorized', name);
      assert.deepEqual(socket.names(), ['error'], `${name}: nothing but the error`);
      assert.equal(socket.socket.connected, false);
    }

    // Every kind of valid credential, on either path, is accepted.
    const accepted = {
      'a bearer token': { headers: owner.headers },
      'an API key': { headers: { 'x-api-key': secret } },
      'a share key header': { headers: { 'x-immich-share-key': link.key } },
      'a share key in the query': { query: { key: link.key } },
      'the /socket.io path': { headers: owner.headers, path: '/socket.io' },
    };
    for (const [name, options] of Object.entries(accepted)) {
      const [socket] = closing(t, await connect(server, { name, ...options }));
      await sleep(100);
      assert.equal(socket.disconnectReason, null, name);
    }
  },
);

test(
  'a socket that stops reading is dropped without holding up the others',
  { timeout: 120000 },
  async (t) => {
    const { server, api, owner } = await setUp(t, ['--socket-queue-limit=16']);
    const album = await api.createAlbum(owner, 'Busy');
    const link = await api.createLink(owner, { type: 'ALBUM', albumId: album.id });

    // The stalled guest completes the handshake, then never reads again.
    const [stalled] = closing(
      t,
      await RawSocket.open(server, {
        name: 'stalled',
        headers: { 'x-immich-share-key': link.key },
      }),
    );
    await stalled.connectNamespace();
    await stalled.until(
      (r) => r.events().some(([name]) => name === 'on_server_version'),
      'on_server_version',
    );
    stalled.pause();
    const [reader] = closing(
      t,
      await connect(server, { name: 'reader', query: { key: link.key } }),
    );

    // Large descriptions, so the kernel's socket buffers cannot absorb what the stalled guest
    // is owed and the server's own queue for it must overflow.
    const padding = 'x'.repeat(eventPaddingBytes(200));
    const started = Date.now();
    for (let i = 0; i < 200; i++) {
      await api.updateLink(owner, link.id, { description: `#${i} ${padding}` });
    }
    const patched = Date.now();
    await reader.changesReach(200, 10000);
    const delivered = Date.now();
    assert.ok(
      delivered - patched < 5000,
      `the last events arrived ${delivered - patched} ms after the last PATCH`,
    );
    t.diagnostic(
      `200 PATCHes of ${padding.length} bytes took ${patched - started} ms; ` +
        `events done ${delivered - patched} ms after`,
    );

    const descriptions = reader.changes().map((e) => e.payload.link?.description?.split(' ')[0]);
    assert.deepEqual(
      descriptions,
      Array.from({ length: 200 }, (_, i) => `#${i}`),
    );
    assertSequencesIncrease(reader);
    assert.equal(reader.disconnectReason, null);

    // Reading again, the stalled guest finds its connection closed after part of the events.
    stalled.resume();
    await stalled.gone(10000);
    const received = stalled.events().filter(([name]) => name === 'on_shared_link_update').length;
    assert.ok(
      received < 200,
      `the stalled socket was never dropped: it received all ${received} events`,
    );
    t.diagnostic(`the stalled socket received ${received} of 200 events before it was dropped`);
  },
);

test(
  'heartbeat: a client that stops answering pings is dropped, a live one stays',
  { timeout: 60000 },
  async (t) => {
    const interval = 200;
    const timeout = 200;
    const { server, api, owner } = await setUp(t, [
      `--socket-ping-interval-ms=${interval}`,
      `--socket-ping-timeout-ms=${timeout}`,
    ]);
    const album = await api.createAlbum(owner, 'Heartbeat');

    const [silent] = closing(
      t,
      await RawSocket.open(server, { name: 'silent', headers: owner.headers }),
    );
    assert.equal(silent.openPacket.pingInterval, interval);
    assert.equal(silent.openPacket.pingTimeout, timeout);
    assert.equal(typeof silent.openPacket.sid, 'string');
    await silent.connectNamespace();
    const [live] = closing(t, await connect(server, { name: 'live', headers: owner.headers }));

    // Answering, the raw client survives several pings.
    await silent.until((r) => r.pongsSent >= 3, 'three pings answered', 5 * interval + 2000);
    assert.equal(silent.closed, false);

    // Silent, it is dropped once the ping timeout passes.
    silent.answerPings = false;
    const stopped = Date.now();
    await silent.gone(interval + timeout + 3000);
    const after = Date.now() - stopped;
    assert.ok(after <= interval + timeout + 1500, `dropped ${after} ms after its last pong`);
    t.diagnostic(`the silent client was dropped ${after} ms after its last pong`);

    // The socket.io-client answered every ping for ten intervals and is still connected.
    await sleep(10 * interval);
    assert.equal(live.disconnectReason, null);
    await api.updateAlbum(owner, album.id, { albumName: 'Still here' });
    await live.until((r) => r.changes().some((e) => e.name === 'on_album_update'), 'a live event');
    assertEvents(live, [
      albumUpdate(album, 'updated', [], (p) => assert.equal(p.album.albumName, 'Still here')),
    ]);
  },
);

test('events committed before a restart are replayed after it', { timeout: 90000 }, async (t) => {
  const { server, api, owner: admin } = await setUp(t);
  const secret = await api.createApiKey(admin);
  const headers = { 'x-api-key': secret };
  // The API key, unlike a login, is certainly still valid after the restart.
  const owner = { ...admin, headers };
  const photo = await api.upload(owner, 'test1.jpg');
  const link = await api.createLink(owner, { type: 'INDIVIDUAL', assetIds: [photo] });

  const [before] = closing(t, await connect(server, { name: 'before', headers }));
  await api.updateLink(owner, link.id, { description: 'seen' });
  await before.changesReach(1);
  const lastSequence = before.lastSequence();
  before.close();

  // Committed while the client is away, then the server stops, with another client connected.
  await api.updateLink(owner, link.id, { description: 'unseen 1' });
  await api.updateAsset(owner, photo, { isFavorite: true });
  await api.updateLink(owner, link.id, { description: 'unseen 2' });
  const [bystander] = closing(t, await connect(server, { name: 'bystander', headers }));
  await server.restart();
  await bystander.disconnected();

  const [after] = closing(t, await connect(server, { name: 'after', headers, lastSequence }));
  await after.changesReach(3);
  await api.updateLink(owner, link.id, { description: 'after restart' });
  await after.changesReach(4);
  await sleep(QUIET_MS);
  assertEvents(after, [
    linkUpdate(link, 'updated', {}, (p) => assert.equal(p.link.description, 'unseen 1')),
    assetUpdate([photo]),
    linkUpdate(link, 'updated', {}, (p) => assert.equal(p.link.description, 'unseen 2')),
    linkUpdate(link, 'updated', {}, (p) => assert.equal(p.link.description, 'after restart')),
  ]);
  assert.ok(after.changes()[0].meta.sequence > lastSequence);
});

test(
  'the server stops cleanly on SIGTERM, even with a socket that stopped reading',
  {
    timeout: 60000,
  },
  async (t) => {
    const { server, api, owner } = await setUp(t);
    const album = await api.createAlbum(owner, 'Last words');
    const [live, stalled] = closing(
      t,
      await connect(server, { name: 'live', headers: owner.headers }),
      await RawSocket.open(server, { name: 'stalled', headers: owner.headers }),
    );
    await stalled.connectNamespace();
    stalled.pause();
    await api.updateAlbum(owner, album.id, { albumName: 'Last words, renamed' });
    await live.changesReach(1);

    const started = Date.now();
    await server.stop();
    const took = Date.now() - started;
    t.diagnostic(`stopped in ${took} ms`);
    assert.ok(took < 15000, `SIGTERM took ${took} ms`);
    await live.disconnected();
  },
);

test(
  'a long replay goes at the pace of the client, past the queue bound',
  {
    timeout: 60000,
  },
  async (t) => {
    const { server, api, owner } = await setUp(t, ['--socket-queue-limit=16']);
    const album = await api.createAlbum(owner, 'Backlog');
    const link = await api.createLink(owner, { type: 'ALBUM', albumId: album.id });
    const [away] = closing(t, await connect(server, { name: 'away', query: { key: link.key } }));
    await api.updateLink(owner, link.id, { description: 'start' });
    await away.changesReach(1);
    const lastSequence = away.lastSequence();
    away.close();

    // Twelve times what the socket's queue may hold, missed while away.
    for (let i = 0; i < 200; i++) {
      await api.updateLink(owner, link.id, { description: `missed ${i}` });
    }
    const [back] = closing(
      t,
      await connect(server, { name: 'back', query: { key: link.key }, lastSequence }),
    );
    await back.changesReach(200, 10000);
    await sleep(QUIET_MS);
    const descriptions = back.changes().map((e) => e.payload.link.description);
    assert.deepEqual(
      descriptions,
      Array.from({ length: 200 }, (_, i) => `missed ${i}`),
    );
    assertSequencesIncrease(back);
    assert.equal(back.disconnectReason, null);
  },
);

test(
  'clients resuming during a burst get every event exactly once, in order',
  { timeout: 90000 },
  async (t) => {
    const { server, api, owner } = await setUp(t);
    const album = await api.createAlbum(owner, 'Burst');
    const link = await api.createLink(owner, { type: 'ALBUM', albumId: album.id });
    const guest = { query: { key: link.key } };
    const [reference, away] = closing(
      t,
      await connect(server, { name: 'connected all along', ...guest }),
      await connect(server, { name: 'away', ...guest }),
    );
    await api.updateLink(owner, link.id, { description: 'start' });
    await away.changesReach(1);
    const lastSequence = away.lastSequence();
    away.close();
    for (let i = 0; i < 20; i++) {
      await api.updateLink(owner, link.id, { description: `missed ${i}` });
    }

    // Forty clients come back one after another during a burst of 200 changes made 4 at a
    // time: each is replayed to from the log while live events keep arriving, and the moment
    // it switches from the log to live events is different for each.
    const burst = (async () => {
      for (let wave = 0; wave < 50; wave++) {
        await Promise.all(
          Array.from({ length: 4 }, (_, i) =>
            api.updateLink(owner, link.id, { description: `burst ${wave}.${i}` }),
          ),
        );
      }
    })();
    const resumed = [];
    for (let i = 0; i < 40; i++) {
      await sleep(50);
      const name = `resumed ${i}`;
      resumed.push(...closing(t, new Recorder(server, { name, ...guest, lastSequence })));
    }
    await burst;
    const total = 220;
    await reference.changesReach(total + 1, 10000);
    for (const socket of resumed) await socket.changesReach(total, 10000);
    await sleep(QUIET_MS);

    // Each received exactly what the socket connected all along received after the sequence.
    const after = (recorder) =>
      recorder
        .changes()
        .filter((e) => e.meta.sequence > lastSequence)
        .map((e) => `${e.meta.sequence} ${e.payload.link.description}`);
    const expected = after(reference);
    assert.equal(expected.length, total);
    const twice = resumed.flatMap((socket) => {
      const received = after(socket);
      return received
        .filter((e, i) => received.indexOf(e) !== i)
        .map((e) => `${socket.name}: ${e}`);
    });
    assert.deepEqual(twice, [], 'events delivered twice to a resuming client');
    for (const socket of resumed) {
      assert.deepEqual(after(socket), expected, `${socket.name} differs from the reference`);
      assert.equal(socket.disconnectReason, null);
    }
  },
);

test(
  "a deleted user's sockets, and the sockets of guests of the user's links, are closed",
  { timeout: 60000 },
  async (t) => {
    const { server, api, owner } = await setUp(t);
    const sam = await api.createUser(owner, 'sam@lightbox.local');
    const album = await api.createAlbum(sam, 'Sam');
    const link = await api.createLink(sam, { type: 'ALBUM', albumId: album.id });

    const [samSocket, guest, admin] = closing(
      t,
      await connect(server, { name: 'sam', headers: sam.headers }),
      await connect(server, { name: 'guest', query: { key: link.key } }),
      await connect(server, { name: 'admin', headers: owner.headers }),
    );
    await api.call('DELETE', `/user/${sam.id}`, { headers: owner.headers, expect: 200 });

    await samSocket.disconnected();
    await guest.disconnected();
    await sleep(QUIET_MS);
    assert.equal(admin.disconnectReason, null, 'the admin stays connected');
  },
);
