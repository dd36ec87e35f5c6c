// The dev server (scripts/serve.mjs) serves its root and nothing beside it:
// encoded ../ into a sibling folder whose name starts like the root (issue 10
// item 12), absolute paths, NUL bytes. Requests are sent raw (no URL
// normalisation by the client).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import http from 'node:http';
import { startServer } from '../../scripts/serve.mjs';

function get(port, rawPath) {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: rawPath, method: 'GET' }, (res) => {
      let body = '';
      res.on('data', (chunk) => { body += chunk; });
      res.on('end', () => resolve({ status: res.statusCode, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

test('serve.mjs never reads outside its root', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nnplay-serve-'));
  fs.mkdirSync(path.join(dir, 'dist'));
  fs.mkdirSync(path.join(dir, 'dist-private'));
  fs.writeFileSync(path.join(dir, 'dist', 'index.html'), 'public page');
  fs.writeFileSync(path.join(dir, 'dist-private', 'x'), 'SECRET');
  fs.writeFileSync(path.join(dir, 'secret.txt'), 'SECRET');
  const server = await startServer({ root: path.join(dir, 'dist') });
  try {
    assert.deepEqual(await get(server.port, '/'), { status: 200, body: 'public page' });
    assert.deepEqual(await get(server.port, '/index.html'), { status: 200, body: 'public page' });
    for (const attack of ['/..%2Fdist-private%2Fx', '/..%2fdist-private/x', '/%2e%2e%2fdist-private%2fx', '/..%2Fsecret.txt',
      '/..%5Csecret.txt', `/${encodeURIComponent(path.join(dir, 'secret.txt'))}`, '/%2e%2e/%2e%2e/secret.txt', '/index.html%00.png']) {
      const r = await get(server.port, attack);
      assert.notEqual(r.status, 200, `${attack} was served`);
      assert.doesNotMatch(r.body, /SECRET/, attack);
    }
    assert.equal((await get(server.port, '/..%2Fdist-private%2Fx')).status, 403);
    assert.equal((await get(server.port, '/%00')).status, 403);
    assert.deepEqual(await get(server.port, '/'), { status: 200, body: 'public page' }, 'the server still runs');
  } finally {
    await server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
