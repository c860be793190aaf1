// staticFiles: a built directory (the demo, the console) read into memory once, keyed by relative path, with ETags.
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { extname, join, relative, sep } from 'node:path';

/** One file of a built directory, read once. */
export interface StaticFile {
  body: Buffer;
  contentType: string;
  etag: string;
  /** HTML pages only: their inline scripts' hashes, for the page's Content-Security-Policy. */
  scriptHashes?: string[];
}

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'application/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
};

const INLINE_SCRIPT = /<script>([\s\S]*?)<\/script>/g;

/** CSP hash sources of a page's inline `<script>` blocks (the seed's pages keep their code inline). */
export function inlineScriptHashes(html: string): string[] {
  return [...html.matchAll(INLINE_SCRIPT)].map(
    (m) =>
      `'sha256-${createHash('sha256')
        .update(m[1] ?? '', 'utf8')
        .digest('base64')}'`,
  );
}

/**
 * Reads every servable file under `dir` into a map keyed by its path relative to `dir` (posix separators). Only names
 * in the map are ever served, so no path from a URL reaches the file system.
 */
export async function loadStaticFiles(dir: string): Promise<Map<string, StaticFile>> {
  const files = new Map<string, StaticFile>();
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const contentType = CONTENT_TYPES[extname(entry.name)];
    if (!contentType) continue;
    const path = join(entry.parentPath, entry.name);
    const body = await readFile(path);
    const key = relative(dir, path).split(sep).join('/');
    const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
    const file: StaticFile = { body, contentType, etag };
    if (contentType.startsWith('text/html')) file.scriptHashes = inlineScriptHashes(body.toString('utf8'));
    files.set(key, file);
  }
  return files;
}
