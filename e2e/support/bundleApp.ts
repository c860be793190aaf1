// bundleApp: bundles a test app's entry with esbuild in memory (the built @notp packages, as an app would use them).
import { build } from 'esbuild';

/** The app's single script, as an IIFE for a classic <script> tag. */
export async function bundleApp(entry: string): Promise<string> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'es2020',
    jsx: 'automatic',
    define: {
      'process.env.NODE_ENV': '"production"',
      // Vue's compile-time flags (runtime build, no options API needed by the test app, no devtools).
      __VUE_OPTIONS_API__: 'true',
      __VUE_PROD_DEVTOOLS__: 'false',
      __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false',
    },
    logLevel: 'silent',
  });
  const out = result.outputFiles[0];
  if (!out) throw new Error(`esbuild produced nothing for ${entry}`);
  return out.text;
}
