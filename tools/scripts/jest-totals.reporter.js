// Records each jest project's totals under tmp/test-totals/, so `npm test` can print one closing line.
const { mkdirSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

class JestTotalsReporter {
  constructor(globalConfig) {
    this.rootDir = globalConfig.rootDir;
  }

  onRunComplete(_contexts, results) {
    const dir = join(__dirname, '..', '..', 'tmp', 'test-totals');
    mkdirSync(dir, { recursive: true });
    const name = this.rootDir.split(/[\\/]/).slice(-2).join('-');
    const totals = {
      passed: results.numPassedTests,
      failed: results.numFailedTests + results.numRuntimeErrorTestSuites,
      skipped: results.numPendingTests + results.numTodoTests,
    };
    writeFileSync(join(dir, `${name}.json`), JSON.stringify(totals));
  }
}

module.exports = JestTotalsReporter;
