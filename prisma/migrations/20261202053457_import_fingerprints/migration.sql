-- AlterTable
ALTER TABLE "import_runs" ADD COLUMN     "file_fingerprint" TEXT,
ADD COLUMN     "file_report" JSONB,
ADD COLUMN     "table_versions" JSONB;

-- CreateTable
CREATE TABLE "import_table_versions" (
    "name" TEXT NOT NULL,
    "version" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "import_table_versions_pkey" PRIMARY KEY ("name")
);

-- CreateIndex
CREATE INDEX "import_runs_kind_file_fingerprint_idx" ON "import_runs"("kind", "file_fingerprint");

-- Written by hand (the schema cannot declare triggers): every statement that writes an import target
-- table bumps that table's version, BEFORE it touches a row, so a writer waits here while an import
-- holds the version (import-fingerprints.ts) and an import never records a version older than the
-- rows it read. "customers.keys" and "users.keys" move only when the keys other imports look up
-- (external_id, email) or the ids behind them change, or rows go: what the fact imports depend on.
INSERT INTO "import_table_versions" ("name") VALUES
  ('customers'), ('customers.keys'), ('users'), ('users.keys'),
  ('invoices'), ('orders'), ('complaints'), ('engagement_events'), ('nps_responses');

CREATE FUNCTION "bump_import_table_version"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "import_table_versions" SET "version" = "version" + 1 WHERE "name" = TG_ARGV[0];
  RETURN NULL;
END
$$;

CREATE TRIGGER "customers_import_version" BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON "customers"
  FOR EACH STATEMENT EXECUTE FUNCTION "bump_import_table_version"('customers');
CREATE TRIGGER "customers_import_keys_version" BEFORE UPDATE OF "id", "external_id" OR DELETE OR TRUNCATE ON "customers"
  FOR EACH STATEMENT EXECUTE FUNCTION "bump_import_table_version"('customers.keys');
CREATE TRIGGER "users_import_version" BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON "users"
  FOR EACH STATEMENT EXECUTE FUNCTION "bump_import_table_version"('users');
CREATE TRIGGER "users_import_keys_version" BEFORE UPDATE OF "id", "email" OR DELETE OR TRUNCATE ON "users"
  FOR EACH STATEMENT EXECUTE FUNCTION "bump_import_table_version"('users.keys');
CREATE TRIGGER "invoices_import_version" BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON "invoices"
  FOR EACH STATEMENT EXECUTE FUNCTION "bump_import_table_version"('invoices');
CREATE TRIGGER "orders_import_version" BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON "orders"
  FOR EACH STATEMENT EXECUTE FUNCTION "bump_import_table_version"('orders');
CREATE TRIGGER "complaints_import_version" BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON "complaints"
  FOR EACH STATEMENT EXECUTE FUNCTION "bump_import_table_version"('complaints');
CREATE TRIGGER "engagement_events_import_version" BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON "engagement_events"
  FOR EACH STATEMENT EXECUTE FUNCTION "bump_import_table_version"('engagement_events');
CREATE TRIGGER "nps_responses_import_version" BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON "nps_responses"
  FOR EACH STATEMENT EXECUTE FUNCTION "bump_import_table_version"('nps_responses');
