#!/usr/bin/env node
// Runs the TypeScript sources through tsx in a checkout (npm start, npx chatops), and the
// compiled `dist/` in the Docker image, where the sources are not shipped.
import { existsSync } from 'node:fs';

const source = new URL('../src/cli.ts', import.meta.url);
if (existsSync(source)) {
  const { register } = await import('tsx/esm/api');
  register();
  await import(source.href);
} else {
  await import(new URL('../dist/src/cli.js', import.meta.url).href);
}
