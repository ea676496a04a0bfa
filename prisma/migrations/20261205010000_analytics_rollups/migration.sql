-- Analytics for platform admins (issue 21): rollup tables the rollup job
-- (lib/analytics/rollup.ts) fills from new rows, read by the dashboard.
-- Nothing here touches the send's statement: no trigger, no extra write.

-- CreateTable
CREATE TABLE "AnalyticsDay" (
    "day" DATE NOT NULL,
    "messages" INTEGER NOT NULL DEFAULT 0,
    "reports" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "AnalyticsDay_pkey" PRIMARY KEY ("day")
);

-- CreateTable
CREATE TABLE "AnalyticsActivity" (
    "day" DATE NOT NULL,
    "userId" UUID NOT NULL,
    "sent" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "AnalyticsActivity_pkey" PRIMARY KEY ("day","userId")
);

-- CreateTable
CREATE TABLE "AnalyticsChat" (
    "chatId" UUID NOT NULL,
    "type" "ChatType" NOT NULL,
    "day" DATE NOT NULL,
    "createdById" UUID,
    "messages" INTEGER NOT NULL DEFAULT 0,
    "firstSeq" INTEGER,
    "firstSenderId" UUID,
    "firstAt" TIMESTAMP(3),
    "replySeq" INTEGER,
    "replierId" UUID,
    "replyAt" TIMESTAMP(3),

    CONSTRAINT "AnalyticsChat_pkey" PRIMARY KEY ("chatId")
);

-- CreateTable
CREATE TABLE "AnalyticsSendLatency" (
    "day" DATE NOT NULL,
    "bucket" INTEGER NOT NULL,
    "count" BIGINT NOT NULL,

    CONSTRAINT "AnalyticsSendLatency_pkey" PRIMARY KEY ("day","bucket")
);

-- CreateTable
CREATE TABLE "AnalyticsRollup" (
    "id" INTEGER NOT NULL,
    "messagesUpTo" UUID,
    "chatsUpTo" UUID,
    "reportsUpTo" UUID,
    "rolledAt" TIMESTAMP(3),

    CONSTRAINT "AnalyticsRollup_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "AnalyticsChat_day_idx" ON "AnalyticsChat"("day");

-- The rollup's one watermark row: nothing read yet, so the first run counts
-- every message, chat and report already there (in batches).
INSERT INTO "AnalyticsRollup" ("id") VALUES (1);
