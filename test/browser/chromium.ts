// Shared by the Chromium tests: Debian's chromium driven by playwright-core
// (never a downloaded browser) and a plain static file server on loopback
// (no wasm MIME type, no special headers: the setup any web server gives).
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { chromium, type Browser } from 'playwright-core';

/** Debian's chromium; PENALIZED_CHROMIUM may point elsewhere. */
export const CHROMIUM = process.env.PENALIZED_CHROMIUM ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  // Containers often have a tiny /dev/shm; Debian's wrapper script means to add
  // this flag then, but its check can misfire, so pass it always.
  '--disable-dev-shm-usage',
];

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `${CHROMIUM} is missing: the browser tests need Debian's chromium (apt-get install -y chromium; .ci/run does this). ` +
        'They never download a browser.',
    );
  }
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
};

export interface StaticServer {
  origin: string;
  /** Paths that were asked for and not found. */
  notFound: string[];
  close(): Promise<void>;
}

/** Serves each directory under its URL prefix (anything else is a 404) on 127.0.0.1. */
export function startStaticServer(mounts: [string, string][]): Promise<StaticServer> {
  const notFound: string[] = [];
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    if (path === '/favicon.ico') {
      res.writeHead(204).end(); // Chromium asks for it; not part of the test
      return;
    }
    const mount = mounts.find(([prefix]) => path.startsWith(prefix));
    const rel = mount ? normalize(path.slice(mount[0].length)) : '';
    const file = mount && !rel.startsWith('..') ? join(mount[1], rel) : '';
    if (!file || !existsSync(file) || !statSync(file).isFile()) {
      notFound.push(path);
      res.writeHead(404, { 'content-type': 'text/plain' }).end(`not found: ${path}`);
      return;
    }
    res.writeHead(200, { 'content-type': MIME[extname(file)] ?? 'application/octet-stream' });
    res.end(readFileSync(file));
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      resolve({
        origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        notFound,
        close: () => new Promise<void>((r) => server.close(() => r())),
      });
    });
  });
}
