-- Snapshot signals are stored as json, not jsonb: the document is only ever written and read whole,
-- and json keeps the text as sent instead of converting it to jsonb's binary form. At 20k customers
-- that conversion was about a third of the daily rescoring's write time on PostgreSQL.
-- AlterTable
ALTER TABLE "health_snapshots" ALTER COLUMN "signals" SET DATA TYPE JSON;

-- Changing the type resets the column's compression; keep lz4 where the server has it (see
-- 20261202054500_health_snapshot_signals_lz4).
DO $$
BEGIN
  ALTER TABLE "health_snapshots" ALTER COLUMN "signals" SET COMPRESSION lz4;
EXCEPTION WHEN feature_not_supported THEN
  NULL;
END
$$;
