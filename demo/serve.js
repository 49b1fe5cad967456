// `npm run demo`: serves the built page (demo/dist/, made by `npm run demo:build`)
// on 127.0.0.1 — PORT from the environment, default 5173 — and prints its URL.
// A plain static server; see ISOLATION for the two headers it adds.
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('./dist/', import.meta.url));
if (!existsSync(join(root, 'index.html'))) {
  console.error('demo/dist/index.html is missing: run `npm run demo:build` first (or `npm run demo`).');
  process.exit(1);
}
const port = Number(process.env.PORT ?? 5173);
const types = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.json': 'application/json', '.wasm': 'application/wasm',
};

// Cross-origin isolation lets the page keep X in a SharedArrayBuffer that
// penalized's workers read without a copy. The page works without these
// headers too (any static host): X is then copied once per worker call.
const ISOLATION = { 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp' };

const server = createServer((req, res) => {
  let path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
  if (path.endsWith('/')) path += 'index.html';
  const file = normalize(join(root, path));
  if (!file.startsWith(root.endsWith(sep) ? root : root + sep) || !existsSync(file) || !statSync(file).isFile()) {
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    return;
  }
  res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream', ...ISOLATION });
  createReadStream(file).pipe(res);
});
server.listen(port, '127.0.0.1', () => {
  console.log(`penalized workbench: http://127.0.0.1:${server.address().port}/  (Ctrl+C to stop)`);
});
