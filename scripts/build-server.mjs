// Compiles server.ts and everything it imports from lib/ into one ES module,
// dist/server.js, which `npm start` runs with plain Node: no TypeScript
// loader at run time. Packages stay in node_modules (not bundled). Next's
// pages and route handlers are built apart, by `next build`.
import { build } from 'esbuild';

const started = performance.now();
await build({
  entryPoints: ['server.ts'],
  outfile: 'dist/server.js',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20.19',
  packages: 'external',
  sourcemap: 'linked',
  logLevel: 'warning',
});
console.log(`server.ts → dist/server.js in ${Math.round(performance.now() - started)} ms`);
