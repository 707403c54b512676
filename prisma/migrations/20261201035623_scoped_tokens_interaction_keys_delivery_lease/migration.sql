-- AlterTable
ALTER TABLE "api_tokens" ADD COLUMN     "max_role" "Role" NOT NULL DEFAULT 'MEMBER',
ADD COLUMN     "scopes" TEXT[] DEFAULT ARRAY['customers', 'invoices', 'orders', 'complaints', 'engagement', 'nps']::TEXT[];

-- AlterTable
ALTER TABLE "deliveries" ADD COLUMN     "lease_owner" TEXT,
ADD COLUMN     "lease_until" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "interaction_keys" (
    "key" TEXT NOT NULL,
    "claimed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "interaction_keys_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "interaction_keys_expires_at_idx" ON "interaction_keys"("expires_at");
