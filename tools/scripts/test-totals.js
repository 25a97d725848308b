// Prints the workspace's test totals as one line ("Tests: N passed, N failed, N skipped"), from the files the
// jest reporter wrote during this run. Exits non-zero when nothing ran, so an empty run never looks green.
const { readdirSync, readFileSync, rmSync } = require('node:fs');
const { join } = require('node:path');

const dir = join(__dirname, '..', '..', 'tmp', 'test-totals');
if (process.argv[2] === '--reset') {
  rmSync(dir, { recursive: true, force: true });
  process.exit(0);
}
let files = [];
try {
  files = readdirSync(dir).filter((file) => file.endsWith('.json'));
} catch {
  files = [];
}
const sum = { passed: 0, failed: 0, skipped: 0 };
for (const file of files) {
  const totals = JSON.parse(readFileSync(join(dir, file), 'utf8'));
  for (const key of Object.keys(sum)) sum[key] += totals[key];
}
console.log(`Projects: ${files.length} (${files.map((f) => f.replace(/\.json$/, '')).join(', ')})`);
console.log(`Tests: ${sum.passed} passed, ${sum.failed} failed, ${sum.skipped} skipped`);
if (sum.passed === 0 || sum.failed > 0) process.exit(1);
