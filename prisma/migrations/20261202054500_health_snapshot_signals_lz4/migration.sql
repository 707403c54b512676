-- Snapshot signals (~2 KB of jsonb each) are compressed when stored. With PostgreSQL's default (pglz)
-- that compression was about half of the daily rescoring's write time at 20k customers; lz4 takes a
-- fraction of it (the stored values read back the same; only rows written from now on change).
-- PGlite and servers built without lz4 refuse the method: they keep pglz.
DO $$
BEGIN
  ALTER TABLE "health_snapshots" ALTER COLUMN "signals" SET COMPRESSION lz4;
EXCEPTION WHEN feature_not_supported THEN
  NULL;
END
$$;
