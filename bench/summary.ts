/**
 * One figure next to its yardstick, as a line on stdout that `npm run bench` (bench/run.ts) collects
 * into the closing table of the run. Each bench still prints its own detailed table.
 */
export interface BenchSummary {
  /** What was measured, e.g. "klantpuls --help, whole process". */
  figure: string;
  value: string;
  /** The physical limit or reference it is compared with, and its figure. */
  yardstick: string;
  ratio: string;
  goal: string;
}

export const SUMMARY_PREFIX = "BENCH-SUMMARY ";

export function summaryLine(summary: BenchSummary): string {
  return `${SUMMARY_PREFIX}${JSON.stringify(summary)}`;
}

export function parseSummaryLine(line: string): BenchSummary | undefined {
  if (!line.startsWith(SUMMARY_PREFIX)) return undefined;
  try {
    return JSON.parse(line.slice(SUMMARY_PREFIX.length)) as BenchSummary;
  } catch {
    return undefined;
  }
}
