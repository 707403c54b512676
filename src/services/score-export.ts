import { listScoresOn, type ScoreExportRow } from "../db/queries/score-export.ts";
import type { ServiceContext } from "./context.ts";
import { shownFigures } from "./health-model/book-at.ts";
import { scoreLive } from "./health-model/score-live.ts";

export interface ScoreExportLine extends Omit<ScoreExportRow, "customerId"> {
  /** Active (scored on the date), or churned: the ERP says so, or silent past the churn rule. */
  standing: "active" | "churned-erp" | "churned-silent";
}

/**
 * Every customer of the book on a scoring date: the stored score, band and churn chance of an active
 * customer; for a churned one no score and no band, but the model's chance that it does not order in
 * the horizon (1 for an account the ERP closed), so the whole book can be ranked, win-back included.
 */
export async function exportScores(options: {
  ctx: ServiceContext;
  asOf: string;
}): Promise<ScoreExportLine[]> {
  const { ctx, asOf } = options;
  const rows = await listScoresOn(ctx.db.sql, asOf);
  const unscored = rows.filter((row) => row.score === null).map((row) => row.customerId);
  const live = await scoreLive(ctx, asOf, unscored);
  return rows.map(({ customerId, ...row }) => {
    if (row.score !== null) return { ...row, standing: "active" };
    const estimate = live.get(customerId);
    // Without a snapshot on a scoring date, a customer that existed then had churned by then.
    const standing = estimate?.standing === "churned-erp" ? "churned-erp" : "churned-silent";
    return {
      ...row,
      standing,
      churnProbability: estimate ? shownFigures(standing, estimate.health).churnProbability : null,
    };
  });
}
