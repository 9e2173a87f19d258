// Ends every run with one plain line ("jest: N passed, N failed") that CI and people can read.
// It is written at exit because Jest prints its own summary after the custom reporters.
export default class SummaryReporter {
  onRunComplete(_contexts, results) {
    const skipped = results.numPendingTests + results.numTodoTests;
    const failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
    const line = `jest: ${results.numPassedTests} passed, ${failed} failed`;
    process.once('exit', () => process.stdout.write(`${skipped > 0 ? `${line}, ${skipped} skipped` : line}\n`));
  }
}
