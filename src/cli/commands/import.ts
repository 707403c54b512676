import { createReadStream, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { AppError } from "../../app-error.ts";
import { type ImportMapping, importMappingSchema } from "../../import/columns.ts";
import { importKinds, isImportKind } from "../../import/kinds.ts";
import { type DateOrder, dateOrderFromText } from "../../import/reading-rules.ts";
import { type ImportProgress, importData } from "../../services/import-data.ts";
import { listImportRuns } from "../../services/import-runs.ts";
import type { ImportSource } from "../../services/import-source.ts";
import { optionalAsOf, optionalDateOption, parseCliArgs } from "../args.ts";
import type { CliCommand, CliIo } from "../command.ts";
import { formatImportReport, formatProgress } from "../import-report-text.ts";

const usage = `klantpuls import <kind> <file.csv | -> [--dry-run] [--skip-invalid] [--mapping mapping.json] [--date-format DMY|MDY] [--as-of YYYY-MM-DD] [--no-rescore] [--json]
       klantpuls import runs            (the last 20 imports)
       "-" reads the CSV from standard input (e.g. an ERP export piped in)
kinds: ${importKinds.join(", ")} — formats in README.md ("Importing ERP data")`;

/** `klantpuls import`: load an ERP/Excel CSV export; all-or-nothing unless --skip-invalid. */
export const importCommand: CliCommand = {
  usage,
  async run(args, io) {
    const { values, positionals } = parseCliArgs(
      args,
      {
        "dry-run": { type: "boolean", default: false },
        "skip-invalid": { type: "boolean", default: false },
        mapping: { type: "string" },
        "date-format": { type: "string" },
        "as-of": { type: "string" },
        "no-rescore": { type: "boolean", default: false },
        json: { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false },
      },
      usage,
      true,
    );
    if (values.help) {
      io.out(`Usage: ${usage}`);
      return 0;
    }
    const [kind, file, ...rest] = positionals;
    if (kind === "runs" && !file) return printRuns(io, values.json);
    if (!kind || !file || rest.length > 0) throw new AppError("BAD_INPUT", `Usage: ${usage}`);
    if (!isImportKind(kind)) {
      throw new AppError("BAD_INPUT", `Unknown kind "${kind}"; choose one of ${importKinds.join(", ")}`);
    }
    const dateOrder = parseDateFormat(values["date-format"]);
    const source = csvSource(file);
    const mapping = values.mapping ? readMapping(values.mapping) : undefined;
    const ctx = await io.services();
    const report = await importData({
      ctx,
      kind,
      source,
      dryRun: values["dry-run"],
      skipInvalid: values["skip-invalid"],
      mapping,
      dateOrder,
      // Historical data is scored as of its own date, not today; --no-rescore leaves it to `score`.
      rescore: !values["no-rescore"],
      ...optionalAsOf(optionalDateOption(values["as-of"], "as-of", usage)),
      onProgress: progressPrinter(io),
    });
    io.out(values.json ? JSON.stringify(report, null, 2) : formatImportReport(report));
    return report.status === "completed" || report.status === "completed_with_errors" ? 0 : 1;
  },
};

function parseDateFormat(value: string | undefined): DateOrder | undefined {
  if (value === undefined) return undefined;
  const order = dateOrderFromText(value);
  if (!order)
    throw new AppError(
      "BAD_INPUT",
      `--date-format: expected DMY (day first) or MDY (month first), got "${value}"`,
    );
  return order;
}

/** The CSV to read: a file, or standard input for "-" (its size unknown, so progress shows no bar). */
function csvSource(file: string): ImportSource {
  if (file === "-") return { format: "csv", name: "stdin", bytes: process.stdin, totalBytes: undefined };
  return {
    format: "csv",
    name: path.basename(file),
    // A file can be read twice: once to see whether it is the file imported last time, unchanged.
    bytes: () => createReadStream(file),
    totalBytes: fileSize(file),
  };
}

function fileSize(file: string): number {
  try {
    const stat = statSync(file);
    if (!stat.isFile()) throw new AppError("BAD_INPUT", `${file} is not a file`);
    return stat.size;
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError("BAD_INPUT", `Cannot read ${file}: ${(error as Error).message}`);
  }
}

function readMapping(file: string): ImportMapping {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new AppError("BAD_INPUT", `--mapping: cannot read ${file} as JSON (${(error as Error).message})`);
  }
  const parsed = importMappingSchema.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (issue) => `${issue.path.join(".") || "(root)"}: ${issue.message}`,
    );
    throw new AppError("BAD_INPUT", `--mapping ${file}: ${problems.join("; ")}`);
  }
  return parsed.data;
}

/**
 * On a terminal: one progress line redrawn in place (at most 5 times a second). Otherwise (CI, logs,
 * pipes): a plain line every 5 seconds and at each phase change.
 */
function progressPrinter(io: CliIo): (progress: ImportProgress) => void {
  let last = 0;
  let lastPhase: ImportProgress["phase"] | undefined;
  let drawn = false;
  return (progress) => {
    const now = progress.elapsedMs;
    // Small files finish before a progress line would help; only a longer import reports progress.
    if (now < (io.isTty ? 300 : 2000)) return;
    if (progress.phase === "done") {
      if (drawn && io.isTty) io.err(`\x1b[1A\x1b[2K${formatProgress(progress)}`);
      return;
    }
    if (progress.phase === lastPhase && now - last < (io.isTty ? 200 : 5000)) return;
    last = now;
    lastPhase = progress.phase;
    if (io.isTty) {
      // Move up over the previous progress line and clear it; io.err ends each line itself.
      io.err(`${drawn ? "\x1b[1A\x1b[2K" : ""}${formatProgress(progress, 30)}`);
      drawn = true;
    } else {
      io.err(formatProgress(progress));
    }
  };
}

async function printRuns(io: CliIo, json: boolean): Promise<number> {
  const ctx = await io.services();
  const runs = await listImportRuns(ctx.db);
  if (json) {
    io.out(JSON.stringify(runs, null, 2));
    return 0;
  }
  if (runs.length === 0) {
    io.out("No imports yet.");
    return 0;
  }
  for (const run of runs) {
    io.out(
      `#${run.id} ${run.startedAt.slice(0, 19)} ${run.kind} ${run.source}${run.dryRun ? " (dry run)" : ""}: ${run.status}, ` +
        `${run.rowsRead} rows, ${run.inserted} new, ${run.updated} updated, ${run.unchanged} unchanged, ${run.invalid} invalid` +
        (run.failure ? ` — ${run.failure}` : ""),
    );
  }
  return 0;
}
