// A small static server for the page: only files under the project root,
// with the MIME types browsers insist on (application/wasm for .wasm).

import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};

// Starts serving `root`; resolves to the server once it listens.
export function serve(root, port, host = '127.0.0.1') {
  const base = resolve(root);
  const server = createServer(async (request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    let path = decodeURIComponent(url.pathname);
    if (path.endsWith('/')) path += 'index.html';
    const file = normalize(join(base, path));
    const type = TYPES[extname(file)];
    if (!file.startsWith(base) || !type) {
      response.writeHead(404).end('not found');
      return;
    }
    try {
      const body = await readFile(file);
      response.writeHead(200, {
        'Content-Type': type,
        // A sandboxed iframe (no allow-same-origin) has an opaque origin, so
        // its module and wasm fetches are CORS requests; the files are
        // public anyway.
        'Access-Control-Allow-Origin': '*',
        'Cache-Control': 'no-cache',
        'X-Content-Type-Options': 'nosniff',
      });
      response.end(body);
    } catch {
      response.writeHead(404).end('not found');
    }
  });
  return new Promise((done, fail) => {
    server.once('error', fail);
    server.listen(port, host, () => done(server));
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const root = process.argv[2] ?? '.';
  const port = Number(process.env.PORT ?? 8080);
  const server = await serve(root, port);
  const { port: bound } = server.address();
  console.log(`lossgap is served at http://localhost:${bound}/`);
}
