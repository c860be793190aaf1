// Benchmark runner: `npm run bench -- <name>` runs bench/<name>.ts (e.g. `validate`).
const name = process.argv[2] ?? 'validate';
if (!/^[a-z][a-zA-Z-]*$/.test(name)) throw new Error(`bad benchmark name: ${name}`);
await import(`./${name}.js`);
