import type { ImportProgress, ImportReport } from "../services/import-data.ts";

/**
 * Plain-text renderings of an import's progress and report, for the CLI (and anything else that
 * prints them). Pure functions.
 */
const number = new Intl.NumberFormat("en-US");

function duration(ms: number): string {
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds} s`;
  return `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
}

const phaseLabels: Record<ImportProgress["phase"], string> = {
  reading: "reading",
  checking: "checking customers and duplicates",
  merging: "writing",
  rescoring: "rescoring customers",
  done: "done",
};

/** "reading  [######------] 45%  123,456 rows  52,310 rows/s  ETA 12 s" (the bar only when `width` > 0). */
export function formatProgress(progress: ImportProgress, barWidth = 0): string {
  const seconds = progress.elapsedMs / 1000;
  const rate = seconds > 0 ? Math.round(progress.rowsRead / seconds) : 0;
  const parts = [phaseLabels[progress.phase]];
  const fraction =
    progress.totalBytes && progress.totalBytes > 0
      ? Math.min(1, progress.bytesRead / progress.totalBytes)
      : undefined;
  if (fraction !== undefined && progress.phase === "reading") {
    if (barWidth > 0) {
      const filled = Math.round(fraction * barWidth);
      parts.push(`[${"#".repeat(filled)}${"-".repeat(barWidth - filled)}]`);
    }
    parts.push(`${Math.floor(fraction * 100)}%`);
  }
  if (progress.phase === "merging" && progress.rowsMerged !== undefined) {
    parts.push(
      `${number.format(progress.rowsMerged)} of ${number.format(progress.rowsValid ?? progress.rowsRead)} rows`,
    );
    return parts.join("  ");
  }
  parts.push(`${number.format(progress.rowsRead)} rows`, `${number.format(rate)} rows/s`);
  if (fraction !== undefined && fraction > 0 && fraction < 1 && progress.phase === "reading") {
    parts.push(`ETA ${duration((progress.elapsedMs / fraction) * (1 - fraction))}`);
  }
  return parts.join("  ");
}

export function formatImportReport(report: ImportReport): string {
  const lines: string[] = [];
  const what = `${report.kind} from ${report.source}`;
  const format = report.encoding ? ` (${report.encoding}, ${describeDelimiter(report.delimiter)})` : "";
  const prefix = report.dryRun ? "Dry run — nothing was written. " : "";
  if (report.status === "failed") {
    lines.push(`${prefix}Nothing imported: ${what} cannot be read: ${report.fileError ?? "unknown error"}.`);
    if (Object.keys(report.columns).length > 0 || report.ignoredColumns.length > 0)
      lines.push(columnsLine(report));
    return lines.join("\n");
  }
  const counts = `${number.format(report.inserted)} new, ${number.format(report.updated)} updated, ${number.format(report.unchanged)} unchanged`;
  const valid = report.rowsRead - report.invalid;
  if (report.status === "rejected") {
    lines.push(
      `${prefix}Nothing imported: ${number.format(report.invalid)} of ${number.format(report.rowsRead)} rows in ${what}${format} are invalid.`,
      `Fix them, or run again with --skip-invalid to import the ${number.format(valid)} valid rows.`,
    );
  } else {
    const verb = report.dryRun ? "Would import" : "Imported";
    lines.push(`${prefix}${verb} ${what}${format}: ${number.format(report.rowsRead)} rows read — ${counts}.`);
    if (report.sameFileAs !== undefined)
      lines.push(
        `The same file as import run #${report.sameFileAs}, and nothing it wrote has changed since: every row is unchanged.`,
      );
    if (report.invalid > 0)
      lines.push(
        report.invalid === 1
          ? "1 invalid row was skipped."
          : `${number.format(report.invalid)} invalid rows were skipped.`,
      );
    if (report.creditLines)
      lines.push(
        report.creditLines === 1
          ? "1 credit line (a negative amount): kept as a credit note, not counted as an order."
          : `${number.format(report.creditLines)} credit lines (negative amounts): kept as credit notes, not counted as orders.`,
      );
    if (report.rowsRead === 0) lines.push("The file has a header but no data rows.");
  }
  lines.push(...formatRowErrors(report));
  if (report.userChanges && report.userChanges.length > 0) {
    lines.push(
      `${report.dryRun ? "Would change" : "Changed (recorded in the audit log)"}: ${report.userChanges.length} role or chat account change(s):`,
      ...report.userChanges.map(
        (change) =>
          `  ${change.email}: ${change.field} ${change.from ?? "(none)"} → ${change.to ?? "(none)"}`,
      ),
    );
  }
  lines.push(columnsLine(report));
  if (report.rescored !== undefined)
    lines.push(
      report.rescored === 1
        ? "Rescored 1 customer."
        : `Rescored ${number.format(report.rescored)} customers.`,
    );
  if (report.rescoreError)
    lines.push(`Rescoring failed (the import itself is saved): ${report.rescoreError}`);
  lines.push(`Import run #${report.runId}, ${duration(report.durationMs)}.`);
  return lines.join("\n");
}

export function formatRowErrors(report: ImportReport): string[] {
  const lines = report.errors.map((error) => {
    const where = error.column ? `, ${error.column}` : "";
    const value = error.value !== undefined ? ` "${error.value}"` : "";
    return `  line ${error.line}${where}${value}: ${error.reason}`;
  });
  const problemRows = new Set(report.errors.map((error) => error.line)).size;
  if (report.invalid > problemRows) {
    lines.push(`  … ${number.format(report.invalid - problemRows)} more invalid rows not shown.`);
  }
  return lines;
}

function columnsLine(report: ImportReport): string {
  const read = Object.entries(report.columns)
    .map(([column, header]) => (column === header ? column : `${column} ← "${header}"`))
    .join(", ");
  const ignored =
    report.ignoredColumns.length > 0
      ? `; ignored: ${report.ignoredColumns.map((h) => `"${h}"`).join(", ")}`
      : "";
  return `Columns: ${read || "(none)"}${ignored}.`;
}

function describeDelimiter(delimiter: string | undefined): string {
  switch (delimiter) {
    case "\t":
      return "tab-separated";
    case ";":
      return "semicolon-separated";
    case ",":
      return "comma-separated";
    default:
      return delimiter ? `"${delimiter}"-separated` : "";
  }
}
