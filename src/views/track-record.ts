import { formatDateRange, formatPercent } from "../domain/format.ts";
import type { TrackRecord } from "../domain/health/track-record.ts";
import { type Locale, translator } from "../i18n/index.ts";

/**
 * One sentence with the score's track record from the latest backtest: "van de klanten die de score
 * op risico zette, vertrok 78 % binnen 90 dagen; van de gezonde 5 %". The same figures as
 * `klantpuls backtest`, so a sales person can check the score against what happened.
 */
export function trackRecordText(record: TrackRecord | null, locale: Locale): string {
  const t = translator(locale);
  const atRisk = record?.bands.AT_RISK.churnRate;
  const healthy = record?.bands.HEALTHY.churnRate;
  if (!record || atRisk === null || atRisk === undefined || healthy === null || healthy === undefined) {
    return t("trackRecord.none");
  }
  return t("trackRecord.line", {
    atRisk: formatPercent(atRisk * 100, locale),
    healthy: formatPercent(healthy * 100, locale),
    days: record.horizonDays,
    dates: record.dates,
    period: formatDateRange(record.firstDate, record.lastDate, locale),
  });
}
