-- AlterTable
ALTER TABLE "health_snapshots" ADD COLUMN     "churn_probability" DOUBLE PRECISION;

-- CreateTable
CREATE TABLE "health_models" (
    "id" SERIAL NOT NULL,
    "kind" TEXT NOT NULL,
    "as_of" DATE NOT NULL,
    "params" JSONB NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "health_models_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "health_models_kind_as_of_key" ON "health_models"("kind", "as_of");
