#!/usr/bin/env node
// `npm test`: typecheck, lint, build, then every vitest project (unit,
// integration, browser end-to-end). Every step runs even when an earlier one
// fails, so one run reports everything; the closing line "N passed, N failed"
// totals them (typecheck, lint and build count as one test each).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { writeStamp } from './buildStamp.mjs';

const run = (label, cmd, args) => {
  console.log(`\n=== ${label}: ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: process.env });
  return r.status === 0;
};

mkdirSync('test-results', { recursive: true });
const steps = [
  ['typecheck', 'npx', ['tsc', '-p', 'tsconfig.json', '--noEmit']],
  ['lint', 'npx', ['eslint', '.']],
  ['build core', 'npx', ['tsc', '-p', 'tsconfig.build.json']],
  ['build CLI bundle', 'node', ['scripts/buildCli.mjs']],
  ['build renderer', 'npx', ['vite', 'build', '--logLevel', 'warn']],
];
let passed = 0;
let failed = 0;
const failures = [];
for (const [label, cmd, args] of steps) {
  if (run(label, cmd, args)) passed++;
  else {
    failed++;
    failures.push(label);
  }
}
// A complete build of these sources: `npm run web` (and its test) starts on it without rebuilding.
if (!failures.some((f) => f.startsWith('build'))) writeStamp();

const report = 'test-results/vitest.json';
rmSync(report, { force: true });
const extra = process.argv.slice(2);
run('vitest', 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...extra]);
if (existsSync(report)) {
  const r = JSON.parse(readFileSync(report, 'utf8'));
  passed += r.numPassedTests ?? 0;
  // A skipped or todo test counts as failing (see README, "Tests").
  const notRun = (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
  failed += (r.numFailedTests ?? 0) + notRun;
  if ((r.numFailedTestSuites ?? 0) > 0 && (r.numFailedTests ?? 0) === 0) {
    failed += r.numFailedTestSuites; // a file that failed to load has no test results
    failures.push('test files that did not load');
  }
  if (notRun) failures.push(`${notRun} skipped/todo tests`);
} else {
  failed++;
  failures.push('vitest produced no report');
}
writeFileSync('test-results/summary.json', JSON.stringify({ passed, failed, failures }, null, 2));
if (failures.length) console.log(`\nFailed: ${failures.join(', ')}`);
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
