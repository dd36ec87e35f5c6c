// A small static file server for the built page (dist/): right MIME types for
// .mjs and .wasm, gzip when the client accepts it, localhost only.
//   node scripts/serve.mjs [--port 8080] [--root dist]
// Also used by the browser tests and benchmarks: import { startServer }.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.csv': 'text/csv; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.ico': 'image/x-icon',
};
const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.json', '.wasm', '.svg', '.csv', '.txt']);

// Compressed bytes per file, reused until the file changes (gzip of the wasm
// costs ~15 ms, too much to pay on every request).
const gzipCache = new Map();
function gzipped(file, body) {
  const mtime = fs.statSync(file).mtimeMs;
  const hit = gzipCache.get(file);
  if (hit && hit.mtime === mtime && hit.size === body.length) return hit.data;
  const data = zlib.gzipSync(body);
  gzipCache.set(file, { mtime, size: body.length, data });
  return data;
}

/**
 * Serves `root` on 127.0.0.1. `headers` (optional) is a function (urlPath) ->
 * extra response headers, e.g. a Content-Security-Policy for one test page.
 * Resolves to { url, port, close() }.
 */
export function startServer({ root = 'dist', port = 0, headers = () => ({}) } = {}) {
  const base = path.resolve(root);
  const server = http.createServer((req, res) => {
    let urlPath;
    try {
      urlPath = decodeURIComponent(new URL(req.url, 'http://localhost').pathname);
    } catch {
      res.writeHead(400).end('bad request');
      return;
    }
    // No escaping the root: the resolved path must be the root or inside it, by a
    // whole path segment (a bare prefix check let /..%2Fdist-private%2Fx read the
    // sibling folder dist-private/). NUL is refused before fs sees it (fs throws).
    let file = path.join(base, urlPath);
    if (urlPath.includes('\0') || (file !== base && !file.startsWith(base + path.sep))) {
      res.writeHead(403, { 'Content-Type': 'text/plain' }).end('forbidden');
      return;
    }
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
    fs.readFile(file, (err, body) => {
      if (err) {
        res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
        return;
      }
      const ext = path.extname(file);
      const head = { 'Content-Type': MIME[ext] || 'application/octet-stream', 'Cache-Control': 'no-cache',
                     ...headers(urlPath) };
      if (COMPRESSIBLE.has(ext) && /\bgzip\b/.test(req.headers['accept-encoding'] || '')) {
        body = gzipped(file, body);
        head['Content-Encoding'] = 'gzip';
        head['Vary'] = 'Accept-Encoding';
      }
      head['Content-Length'] = body.length;
      res.writeHead(200, head).end(req.method === 'HEAD' ? undefined : body);
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const actual = server.address().port;
      resolve({ url: `http://localhost:${actual}/`, port: actual, close: () => new Promise((r) => server.close(r)) });
    });
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const arg = (name, fallback) => {
    const i = process.argv.indexOf(`--${name}`);
    return i > 0 ? process.argv[i + 1] : fallback;
  };
  const root = arg('root', 'dist');
  if (!fs.existsSync(path.join(root, 'index.html'))) {
    console.error(`serve: ${root}/index.html does not exist; run \`npm run build\` first`);
    process.exit(1);
  }
  const { url } = await startServer({ root, port: Number(arg('port', process.env.PORT || 8080)) });
  console.log(`nnplay is running at ${url}  (Ctrl+C to stop)`);
}
