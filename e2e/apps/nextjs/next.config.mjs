// Next config for the e2e example: no telemetry, no remote fonts or images, this folder as the tracing root.
import { fileURLToPath } from 'node:url';

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  images: { unoptimized: true },
  outputFileTracingRoot: fileURLToPath(new URL('../../..', import.meta.url)),
  turbopack: { root: fileURLToPath(new URL('../../..', import.meta.url)) },
};

export default nextConfig;
