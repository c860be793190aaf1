// Next config of the tarball app: this folder is the root (no monorepo above it).
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/** @type {import('next').NextConfig} */
export default { outputFileTracingRoot: root, turbopack: { root } };
