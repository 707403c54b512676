-- AlterTable
ALTER TABLE "deliveries" ALTER COLUMN "platform" DROP NOT NULL;
