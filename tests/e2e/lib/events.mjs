// What the realtime events must look like: one checker per expected event, and the
// assertion that a socket received exactly the expected events, in order.
import assert from 'node:assert/strict';

import { assertSequencesIncrease } from './realtime.mjs';

export const TEST1_GPS = { latitude: 37.885, longitude: -122.6225 };
export const TEST1_CHECKSUM = 'H3WAaRVv22YBHliLUbfs53bCw/I=';
/** All a guest of a link with showExif=false may see of an asset. */
export const GUEST_ASSET_FIELDS = [
  'duration',
  'id',
  'livePhotoVideoId',
  'resized',
  'thumbhash',
  'type',
];

export function near(actual, expected, what) {
  assert.ok(
    typeof actual === 'number' && Math.abs(actual - expected) < 1e-4,
    `${what}: ${actual} is not ${expected}`,
  );
}

// What the events must look like. Each returns a checker for one received event.

export const uploaded = (id, fileName) => ({
  name: 'on_upload_success',
  check(payload) {
    assert.equal(payload.id, id);
    // Immich v1.81 keeps the client's file name without its extension.
    assert.equal(payload.originalFileName, fileName.replace(/\.[^.]*$/, ''));
    assert.equal(payload.type, 'IMAGE');
  },
});

export const albumUpdate = (album, change, ids, more = () => {}) => ({
  name: 'on_album_update',
  check(payload) {
    assert.equal(payload.id, album.id);
    assert.equal(payload.change, change);
    assert.deepEqual(payload.ids, ids);
    if (change === 'deleted') {
      assert.equal(payload.album, undefined);
    } else {
      assert.equal(payload.album.id, album.id);
      assert.equal(payload.album.ownerId, album.ownerId);
    }
    more(payload);
  },
});

export const linkUpdate = (
  link,
  change,
  { added = [], removed = [], guest = false } = {},
  more = () => {},
) => ({
  name: 'on_shared_link_update',
  check(payload) {
    assert.equal(payload.id, link.id);
    assert.equal(payload.change, change);
    assert.equal(payload.link.id, link.id);
    assert.equal(payload.link.type, link.type);
    assert.equal(payload.link.key, link.key);
    assert.equal(payload.link.showExif, link.showExif);
    if (link.album) assert.equal(payload.link.album.id, link.album.id);
    assert.deepEqual(
      payload.assets.map((a) => a.id),
      added,
    );
    assert.deepEqual(payload.removedAssetIds, removed);
    if (guest && !link.showExif) {
      for (const asset of payload.assets) {
        assert.deepEqual(Object.keys(asset).sort(), GUEST_ASSET_FIELDS);
      }
      assert.equal(payload.link.album?.owner?.email ?? '', '');
    } else {
      for (const asset of payload.assets)
        assert.ok(asset.originalFileName, 'owner sees file names');
    }
    more(payload);
  },
});

export const linkDelete = (link) => ({
  name: 'on_shared_link_delete',
  check(payload) {
    assert.equal(payload, link.id);
  },
});

export const assetUpdate = (ids) => ({
  name: 'on_asset_update',
  check(payload) {
    assert.deepEqual(payload, ids);
  },
});

export const assetDelete = (id) => ({
  name: 'on_asset_delete',
  check(payload) {
    assert.equal(payload, id);
  },
});

/** Checks `recorder`'s change events against `expected`, one checker per event, in order. */
export function assertEvents(recorder, expected) {
  const received = recorder.changes();
  const summary = () =>
    JSON.stringify(received.map((e) => [e.name, e.payload?.change ?? e.payload]));
  assert.equal(
    received.length,
    expected.length,
    `${recorder.name} received ${received.length} events, ` +
      `expected ${expected.length}: ${summary()}`,
  );
  expected.forEach((want, i) => {
    const got = received[i];
    assert.equal(got.name, want.name, `${recorder.name} event ${i}: ${summary()}`);
    try {
      want.check(got.payload);
    } catch (error) {
      error.message =
        `${recorder.name} event ${i} (${got.name}): ${error.message}\n` +
        `payload: ${JSON.stringify(got.payload).slice(0, 3000)}`;
      throw error;
    }
  });
  assertSequencesIncrease(recorder);
}
