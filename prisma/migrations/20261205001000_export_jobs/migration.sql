-- CreateEnum
CREATE TYPE "ExportScope" AS ENUM ('ACCOUNT', 'CHAT');

-- CreateEnum
CREATE TYPE "ExportFormat" AS ENUM ('JSON', 'HTML', 'BOTH');

-- CreateEnum
CREATE TYPE "ExportStatus" AS ENUM ('QUEUED', 'RUNNING', 'READY', 'FAILED', 'EXPIRED');

-- CreateTable
CREATE TABLE "ExportJob" (
    "id" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "scope" "ExportScope" NOT NULL,
    "chatId" UUID,
    "format" "ExportFormat" NOT NULL DEFAULT 'BOTH',
    "includeMedia" BOOLEAN NOT NULL DEFAULT true,
    "status" "ExportStatus" NOT NULL DEFAULT 'QUEUED',
    "progress" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "leaseOwner" TEXT,
    "leaseUntil" TIMESTAMP(3),
    "storageKey" TEXT,
    "size" BIGINT,
    "sha256" TEXT,
    "error" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),
    "expiresAt" TIMESTAMP(3),
    "deletedAt" TIMESTAMP(3),

    CONSTRAINT "ExportJob_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ExportJob_userId_createdAt_idx" ON "ExportJob"("userId", "createdAt");

-- CreateIndex
CREATE INDEX "ExportJob_status_leaseUntil_idx" ON "ExportJob"("status", "leaseUntil");

-- AddForeignKey
ALTER TABLE "ExportJob" ADD CONSTRAINT "ExportJob_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- One export queued or running per person, under any race (written by hand:
-- the schema language has no partial indexes).
CREATE UNIQUE INDEX "ExportJob_active_partial_idx" ON "ExportJob"("userId") WHERE "status" IN ('QUEUED', 'RUNNING');
