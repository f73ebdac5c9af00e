// Prints one plain line a reader (and CI) can trust: "Playwright: N passed, N failed".
'use strict';

class SummaryReporter {
  onBegin(_config, suite) {
    this.suite = suite;
  }

  onEnd() {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    for (const test of this.suite.allTests()) {
      const outcome = test.outcome();
      if (outcome === 'expected' || outcome === 'flaky') passed += 1;
      else if (outcome === 'skipped') skipped += 1;
      else failed += 1;
    }
    const extra = skipped ? `, ${skipped} skipped` : '';
    console.log(`Playwright: ${passed} passed, ${failed} failed${extra}`);
  }

  printsToStdio() {
    return false;
  }
}

module.exports = SummaryReporter;
