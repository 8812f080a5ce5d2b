#!/usr/bin/env node
// Writes content/config-defaults.json: the whole configuration with every default, as the schema
// gives it for an empty file. Commands without --config read that file instead of loading zod and
// every section's schema at start-up. A test fails when the file and the schema disagree.
//
//   npm run build && node scripts/write-config-defaults.mjs
import { writeFileSync } from 'node:fs';

const { vigilConfigSchema } = await import('../dist/schema/config.js');
const out = new URL('../content/config-defaults.json', import.meta.url);
writeFileSync(out, `${JSON.stringify(vigilConfigSchema.parse({}), null, 2)}\n`);
console.log(`wrote ${out.pathname}`);
