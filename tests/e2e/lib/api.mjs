// The REST calls the end-to-end tests make, with fetch: accounts, uploads, albums and links.
// Every call states the status it expects and fails with the server's answer otherwise.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** ../shared/fixtures/photos, beside the repository (LIGHTBOX_FIXTURES overrides it). */
export const fixtures =
  process.env.LIGHTBOX_FIXTURES ??
  resolve(dirname(fileURLToPath(import.meta.url)), '../../../../shared/fixtures/photos');

export const bearer = (token) => ({ authorization: `Bearer ${token}` });
export const apiKey = (secret) => ({ 'x-api-key': secret });

export class Api {
  /**
   * `target` is the API root (`http://127.0.0.1:PORT/api`) or a LightboxServer, whose root is
   * read on every call so the same Api keeps working after a restart on another port.
   */
  constructor(target) {
    this.target = target;
  }

  get base() {
    return typeof this.target === 'string' ? this.target : this.target.api;
  }

  async call(method, path, { body, headers = {}, expect, form } = {}) {
    const response = await fetch(`${this.base}${path}`, {
      method,
      headers: form ? headers : { 'content-type': 'application/json', ...headers },
      body: form ?? (body === undefined ? undefined : JSON.stringify(body)),
      signal: AbortSignal.timeout(30000),
    });
    const text = await response.text();
    if (expect !== undefined) {
      assert.equal(
        response.status,
        expect,
        `${method} ${path} answered ${response.status}: ${text}`,
      );
    }
    return text ? JSON.parse(text) : null;
  }

  /** Signs up the first user, the admin, and returns `{ id, email, headers }`. */
  async signUpAdmin(email = 'admin@lightbox.local', password = 'admin-password') {
    await this.call('POST', '/auth/admin-sign-up', {
      body: { email, password, firstName: 'Ada', lastName: 'Admin' },
      expect: 201,
    });
    return this.login(email, password);
  }

  async login(email, password) {
    const session = await this.call('POST', '/auth/login', {
      body: { email, password },
      expect: 201,
    });
    return {
      id: session.userId,
      email,
      token: session.accessToken,
      headers: bearer(session.accessToken),
    };
  }

  /** The admin creates a user, who then logs in. */
  async createUser(admin, email, password = 'user-password') {
    const firstName = email.split('@')[0];
    const lastName = 'Tester';
    const created = await this.call('POST', '/user', {
      body: { email, password, firstName, lastName },
      headers: admin.headers,
      expect: 201,
    });
    const user = await this.login(email, password);
    assert.equal(user.id, created.id);
    return user;
  }

  /** A new API key's secret. */
  async createApiKey(user, name = 'e2e') {
    const { secret } = await this.call('POST', '/api-key', {
      body: { name },
      headers: user.headers,
      expect: 201,
    });
    return secret;
  }

  /** Uploads a fixture photo as Immich's clients do; returns the new asset's id. */
  async upload(
    user,
    fileName,
    { deviceAssetId = `${fileName}-${Date.now()}-${Math.random()}` } = {},
  ) {
    const bytes = readFileSync(resolve(fixtures, fileName));
    const form = new FormData();
    form.append('deviceAssetId', deviceAssetId);
    form.append('deviceId', 'lightbox-e2e');
    form.append('fileCreatedAt', '2013-02-06T16:00:03.000Z');
    form.append('fileModifiedAt', '2013-02-06T16:00:03.000Z');
    form.append('isFavorite', 'false');
    form.append('assetData', new Blob([bytes], { type: 'image/jpeg' }), fileName);
    const result = await this.call('POST', '/asset/upload', {
      form,
      headers: user.headers,
      expect: 201,
    });
    assert.equal(result.duplicate, false);
    return result.id;
  }

  updateAsset(user, id, patch) {
    return this.call('PUT', `/asset/${id}`, { body: patch, headers: user.headers, expect: 200 });
  }

  deleteAssets(user, ids) {
    return this.call('DELETE', '/asset', { body: { ids }, headers: user.headers, expect: 200 });
  }

  createAlbum(user, albumName, { sharedWithUserIds = [], assetIds = [] } = {}) {
    return this.call('POST', '/album', {
      body: { albumName, sharedWithUserIds, assetIds },
      headers: user.headers,
      expect: 201,
    });
  }

  updateAlbum(user, id, patch) {
    return this.call('PATCH', `/album/${id}`, { body: patch, headers: user.headers, expect: 200 });
  }

  deleteAlbum(user, id) {
    return this.call('DELETE', `/album/${id}`, { headers: user.headers, expect: 200 });
  }

  async addAlbumAssets(user, id, ids) {
    const results = await this.call('PUT', `/album/${id}/assets`, {
      body: { ids },
      headers: user.headers,
      expect: 200,
    });
    assert.ok(
      results.every((r) => r.success),
      `not every asset was added: ${JSON.stringify(results)}`,
    );
    return results;
  }

  async removeAlbumAssets(user, id, ids) {
    const results = await this.call('DELETE', `/album/${id}/assets`, {
      body: { ids },
      headers: user.headers,
      expect: 200,
    });
    assert.ok(
      results.every((r) => r.success),
      `not every asset was removed: ${JSON.stringify(results)}`,
    );
    return results;
  }

  addAlbumUsers(user, id, sharedUserIds) {
    return this.call('PUT', `/album/${id}/users`, {
      body: { sharedUserIds },
      headers: user.headers,
      expect: 200,
    });
  }

  removeAlbumUser(user, id, userId) {
    return this.call('DELETE', `/album/${id}/user/${userId}`, {
      headers: user.headers,
      expect: 200,
    });
  }

  createLink(user, body) {
    return this.call('POST', '/shared-link', { body, headers: user.headers, expect: 201 });
  }

  updateLink(user, id, patch) {
    return this.call('PATCH', `/shared-link/${id}`, {
      body: patch,
      headers: user.headers,
      expect: 200,
    });
  }

  deleteLink(user, id) {
    return this.call('DELETE', `/shared-link/${id}`, { headers: user.headers, expect: 200 });
  }

  addLinkAssets(user, id, assetIds) {
    return this.call('PUT', `/shared-link/${id}/assets`, {
      body: { assetIds },
      headers: user.headers,
      expect: 200,
    });
  }

  removeLinkAssets(user, id, assetIds) {
    return this.call('DELETE', `/shared-link/${id}/assets`, {
      body: { assetIds },
      headers: user.headers,
      expect: 200,
    });
  }

  /** What a guest holding `key` sees of the link. */
  linkAsGuest(key) {
    return this.call('GET', `/shared-link/me?key=${encodeURIComponent(key)}`, { expect: 200 });
  }
}
