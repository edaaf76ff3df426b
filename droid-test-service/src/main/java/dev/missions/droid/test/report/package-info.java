/**
 * The test droid's deterministic heart, a plain library (no CDI): given a checked-out workspace,
 * {@link dev.missions.droid.test.report.TestSuite#run} detects the build ({@link dev.missions.droid.test.report.BuildDetector}),
 * runs its real tests ({@link dev.missions.droid.test.report.TestRunner}), reads what they reported
 * ({@link dev.missions.droid.test.report.JUnitXmlReports}, {@link dev.missions.droid.test.report.GoTestJson},
 * {@link dev.missions.droid.test.report.RunnerSummary}) and judges ({@link dev.missions.droid.test.report.TestReport}).
 *
 * <p>The rules, in short: the reports written by this run are the truth about tests, the exit code is the
 * cross-check for what no test reports (compilation errors), and nothing passes by default — PASSED needs a report,
 * at least one test that ran, no failure and exit code 0. A run that cannot start, finds no build or times out is
 * NOT_RUN with its reason.
 */
package dev.missions.droid.test.report;
