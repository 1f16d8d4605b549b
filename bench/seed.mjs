// Seeds a fresh Lightbox through its API for the benchmarks (see bench/README.md): an admin,
// a user who owns everything, real photos with real EXIF, albums of the sizes asked for, the
// shared links the scenarios read and write, and a JSON file of their ids and keys.
//
//   node bench/seed.mjs --server http://127.0.0.1:PORT/api --out FILE
//                       [--sizes 10,1000,10000] [--fixtures DIR] [--concurrency 8]
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const args = Object.fromEntries(
  process.argv.slice(2).reduce((pairs, arg, i, all) => {
    if (arg.startsWith('--')) pairs.push([arg.slice(2), all[i + 1]]);
    return pairs;
  }, []),
);
const server = args.server;
const out = args.out;
const fixtures =
  args.fixtures ?? resolve(dirname(fileURLToPath(import.meta.url)), '../../shared/fixtures/photos');
const sizes = (args.sizes ?? '10,1000,10000').split(',').map(Number);
const concurrency = Number(args.concurrency ?? 8);
assert.ok(server && out, 'usage: seed.mjs --server URL --out FILE [--sizes 10,1000,10000]');

/** Photos under 60 kB with real camera EXIF: the many copies of the big albums. */
const smallPhotos = [
  'test1.jpg',
  'test2.jpg',
  'test3.jpg',
  'DSCN0614_small.jpg',
  'dsc_09827.jpg',
  'short-ascii-MM.jpg',
  'right.jpg',
  'down-mirrored.jpg',
];
/** Ten different cameras and sizes, the 6.5 MB one included: the 10-asset album. */
const tenPhotos = [
  'sony-alpha-6000.jpg',
  'short-ascii-II.jpg',
  'evil1.jpg',
  'Bush-dog.jpg',
  'dsc_09827.jpg',
  'DSCN0614_small.jpg',
  'test1.jpg',
  'test2.jpg',
  'test3.jpg',
  'right.jpg',
];
/** Links for the PATCH scenario that rotates over many links. */
const manyLinks = 200;
/** Asset ids per PUT /album/:id/assets. */
const albumChunk = 1000;

const bytesOf = new Map();
const photo = (name) => {
  if (!bytesOf.has(name)) bytesOf.set(name, readFileSync(join(fixtures, name)));
  return bytesOf.get(name);
};

async function call(method, path, { body, headers = {}, form, expect }) {
  const response = await fetch(`${server}${path}`, {
    method,
    headers: form ? headers : { 'content-type': 'application/json', ...headers },
    body: form ?? (body === undefined ? undefined : JSON.stringify(body)),
    signal: AbortSignal.timeout(120000),
  });
  const text = await response.text();
  assert.equal(response.status, expect, `${method} ${path} answered ${response.status}: ${text}`);
  return text ? JSON.parse(text) : null;
}

/** Runs `task(item, index)` over the items, `concurrency` at a time, keeping their order. */
async function inParallel(items, task) {
  const results = new Array(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index], index);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, lane));
  return results;
}

async function waitForServer() {
  for (let attempt = 0; attempt < 200; attempt++) {
    try {
      const response = await fetch(`${server}/server-info/ping`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((done) => setTimeout(done, 100));
  }
  throw new Error('the server did not answer /server-info/ping');
}

/**
 * Uploads a fixture with a few unique bytes after its end-of-image marker: the checksum
 * differs from every other copy, the JPEG stays valid and its EXIF is read as before.
 */
let uploaded = 0;
async function upload(headers, name, tag) {
  const unique = Buffer.from(`\nlightbox-bench-${tag}`);
  const form = new FormData();
  form.append('deviceAssetId', `bench-${tag}`);
  form.append('deviceId', 'lightbox-bench');
  form.append('fileCreatedAt', '2013-02-06T16:00:03.000Z');
  form.append('fileModifiedAt', '2013-02-06T16:00:03.000Z');
  form.append('isFavorite', 'false');
  form.append('assetData', new Blob([photo(name), unique], { type: 'image/jpeg' }), name);
  const result = await call('POST', '/asset/upload', { form, headers, expect: 201 });
  assert.equal(result.duplicate, false);
  if (++uploaded % 1000 === 0) console.error(`  ${uploaded} photos uploaded`);
  return result.id;
}

async function albumOf(headers, name, assetIds) {
  const album = await call('POST', '/album', { body: { albumName: name }, headers, expect: 201 });
  for (let start = 0; start < assetIds.length; start += albumChunk) {
    const ids = assetIds.slice(start, start + albumChunk);
    const results = await call('PUT', `/album/${album.id}/assets`, {
      body: { ids },
      headers,
      expect: 200,
    });
    assert.ok(
      results.every((r) => r.success),
      `adding assets to ${name} failed`,
    );
  }
  return album.id;
}

function link(headers, body) {
  return call('POST', '/shared-link', {
    body: { allowDownload: true, allowUpload: false, ...body },
    headers,
    expect: 201,
  });
}

const started = Date.now();
await waitForServer();

console.error('seed: admin, user and API key');
await call('POST', '/auth/admin-sign-up', {
  body: {
    email: 'admin@bench.local',
    password: 'bench-admin',
    firstName: 'Ada',
    lastName: 'Admin',
  },
  expect: 201,
});
const adminLogin = await call('POST', '/auth/login', {
  body: { email: 'admin@bench.local', password: 'bench-admin' },
  expect: 201,
});
const admin = { authorization: `Bearer ${adminLogin.accessToken}` };
const user = await call('POST', '/user', {
  body: {
    email: 'owner@bench.local',
    password: 'bench-owner',
    firstName: 'Olga',
    lastName: 'Owner',
  },
  headers: admin,
  expect: 201,
});
const userLogin = await call('POST', '/auth/login', {
  body: { email: 'owner@bench.local', password: 'bench-owner' },
  expect: 201,
});
const owner = { authorization: `Bearer ${userLogin.accessToken}` };
const { secret: apiKey } = await call('POST', '/api-key', {
  body: { name: 'bench' },
  headers: owner,
  expect: 201,
});

const bigSizes = sizes.filter((size) => size > tenPhotos.length);
const copies = Math.max(0, ...bigSizes);
console.error(`seed: uploading ${tenPhotos.length + copies} photos, ${concurrency} at a time`);
const tenIds = await inParallel(tenPhotos, (name, i) => upload(owner, name, `ten-${i}`));
const copyIds = await inParallel(
  Array.from({ length: copies }, (_, i) => i),
  (i) => upload(owner, smallPhotos[i % smallPhotos.length], `copy-${i}`),
);

console.error(`seed: albums of ${sizes.join(', ')} assets and their links`);
const albums = {};
for (const size of sizes) {
  const ids = size <= tenIds.length ? tenIds.slice(0, size) : copyIds.slice(0, size);
  const albumId = await albumOf(owner, `bench-${size}`, ids);
  const exif = await link(owner, { type: 'ALBUM', albumId, showExif: true });
  const noExif = await link(owner, { type: 'ALBUM', albumId, showExif: false });
  albums[size] = {
    id: albumId,
    assetCount: ids.length,
    exifLink: { id: exif.id, key: exif.key },
    noExifLink: { id: noExif.id, key: noExif.key },
  };
}

// The write scenarios' links, kept apart from the links the read scenarios measure.
const pool = [...tenIds, ...copyIds];
const individual = await inParallel(
  Array.from({ length: manyLinks }, (_, i) => i),
  (i) => link(owner, { type: 'INDIVIDUAL', assetIds: [pool[i % pool.length]], showExif: true }),
);
const patchOne = await link(owner, { type: 'INDIVIDUAL', assetIds: [tenIds[0]], showExif: true });
const putLink = await link(owner, {
  type: 'INDIVIDUAL',
  assetIds: [tenIds[1], tenIds[2]],
  showExif: true,
});
const fanout = await link(owner, { type: 'ALBUM', albumId: albums[sizes[0]].id, showExif: false });

const seeded = {
  server,
  apiKey,
  adminId: adminLogin.userId,
  userId: user.id,
  uploaded: tenIds.length + copyIds.length,
  albums,
  manyLinkIds: individual.map((l) => l.id),
  patchOneLinkId: patchOne.id,
  putLink: { id: putLink.id, assetIds: [tenIds[1], tenIds[2]] },
  fanoutLink: { id: fanout.id, key: fanout.key },
  seedSeconds: (Date.now() - started) / 1000,
};
writeFileSync(out, JSON.stringify(seeded, null, 2));
console.error(`seed: done in ${seeded.seedSeconds.toFixed(1)} s`);
