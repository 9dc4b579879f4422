#!/usr/bin/env node
// Regenerates shared/db/schema/v<N>.json from the migrations (run after adding or changing one):
// `npm run schema:snapshot` builds the core first, then runs this.
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { writeSnapshots } = await import(join(root, 'build/shared/db/schema/snapshotFiles.js'));
const folder = join(root, 'shared/db/schema');
for (const name of writeSnapshots(folder)) console.log(`wrote shared/db/schema/${name}`);
