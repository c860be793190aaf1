// serve.mjs: serves the built app (dist/browser) on PORT (default 4200; 0 = any free port, printed), SPA fallback.
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('./dist/browser/', import.meta.url));
const types = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
};

const server = createServer(async (req, res) => {
  const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
  const file = join(root, path);
  const inside = file.startsWith(root) && extname(file) !== '';
  try {
    const body = await readFile(inside ? file : join(root, 'index.html'));
    res.writeHead(200, { 'content-type': types[extname(inside ? file : '.html')] ?? 'application/octet-stream' });
    res.end(body);
  } catch {
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
  }
});
server.listen(Number(process.env.PORT ?? 4200), process.env.HOST ?? '127.0.0.1', () => {
  const { port } = server.address();
  console.log(`notp Angular example on http://127.0.0.1:${port}/?projectId=…&baseUrl=…`);
});
