-- AlterTable
ALTER TABLE "alerts" ADD COLUMN     "notified_at" TIMESTAMP(3),
ADD COLUMN     "notified_user_id" INTEGER,
ADD COLUMN     "notify_state" TEXT NOT NULL DEFAULT 'PENDING';

-- CreateIndex
CREATE INDEX "alerts_notify_state_status_idx" ON "alerts"("notify_state", "status");
