// Drives the demo against a running Lightbox: see demo.sh.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const args = Object.fromEntries(
  process.argv.slice(2).reduce((pairs, arg, i, all) => {
    if (arg.startsWith('--')) pairs.push([arg.slice(2), all[i + 1]]);
    return pairs;
  }, []),
);
const server = args.server;
const photos = args.photos;
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const uploader = join(root, 'tests/e2e/node_modules/immich/bin/index.js');

function fail(message) {
  console.error(`demo failed: ${message}`);
  process.exit(1);
}

async function call(method, path, { body, headers = {}, expect } = {}) {
  const response = await fetch(`${server}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (expect !== undefined && response.status !== expect) {
    fail(`${method} ${path} answered ${response.status}, expected ${expect}: ${text}`);
  }
  return text ? JSON.parse(text) : null;
}

async function waitForServer() {
  for (let attempt = 0; attempt < 100; attempt++) {
    try {
      const pong = await call('GET', '/server-info/ping');
      if (pong.res === 'pong') return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  fail('the server did not answer /server-info/ping');
}

function describeGuestView(link) {
  const assets = link.assets;
  const withGps = assets.filter((a) => a.exifInfo && a.exifInfo.latitude !== null).length;
  const fields = [...new Set(assets.flatMap((a) => Object.keys(a)))].sort();
  return [
    `  album "${link.album?.albumName}" with ${link.album?.assetCount} assets, ` +
      `${assets.length} visible to the guest`,
    `  description: ${JSON.stringify(link.description)}, showExif: ${link.showExif}`,
    `  asset fields the guest sees: ${fields.join(', ')}`,
    `  assets whose GPS position the guest sees: ${withGps}`,
    `  owner e-mail the guest sees: ${JSON.stringify(link.album?.owner?.email)}`,
  ].join('\n');
}

await waitForServer();

console.log('1. admin sign-up, login and API key');
await call('POST', '/auth/admin-sign-up', {
  body: {
    email: 'admin@lightbox.local',
    password: 'demo-password',
    firstName: 'Ada',
    lastName: 'Admin',
  },
  expect: 201,
});
const login = await call('POST', '/auth/login', {
  body: { email: 'admin@lightbox.local', password: 'demo-password' },
  expect: 201,
});
const auth = { authorization: `Bearer ${login.accessToken}` };
const { secret } = await call('POST', '/api-key', {
  body: { name: 'demo' },
  headers: auth,
  expect: 201,
});

console.log(`2. uploading ${readdirSync(photos).length} photos with immich@0.41.0`);
const upload = spawnSync(
  process.execPath,
  [uploader, 'upload', '--key', secret, '--server', server, '--yes', '--album', '--', photos],
  { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
);
const progressless = upload.stdout.split('\n').filter((line) => !line.includes('Upload Progress'));
console.log(progressless.join('\n'));
if (upload.status !== 0) fail(`the uploader exited with ${upload.status}: ${upload.stderr}`);

const albums = await call('GET', '/album', { headers: auth, expect: 200 });
const album = albums.find((a) => a.albumName === 'holiday');
if (!album) fail('the uploader did not create the album "holiday"');
console.log(`   album "holiday" holds ${album.assetCount} assets`);

console.log('3. sharing the album through a link that hides metadata');
const link = await call('POST', '/shared-link', {
  body: { type: 'ALBUM', albumId: album.id, showExif: false, description: 'Summer 2013' },
  headers: auth,
  expect: 201,
});

console.log('4. what the guest sees before the change');
const before = await call('GET', `/shared-link/me?key=${link.key}`, { expect: 200 });
console.log(describeGuestView(before));
if (before.assets.some((a) => a.exifInfo || a.originalPath || a.checksum)) {
  fail('a guest of a showExif:false link saw metadata');
}

console.log('5. the owner changes the link (PATCH): new description, metadata shown');
await call('PATCH', `/shared-link/${link.id}`, {
  body: { description: 'Summer 2013, with camera details', showExif: true },
  headers: auth,
  expect: 200,
});

console.log('6. what the guest sees after the change');
const after = await call('GET', `/shared-link/me?key=${link.key}`, { expect: 200 });
console.log(describeGuestView(after));
if (after.description !== 'Summer 2013, with camera details' || !after.showExif) {
  fail('the guest did not see the change');
}
console.log('demo complete');
