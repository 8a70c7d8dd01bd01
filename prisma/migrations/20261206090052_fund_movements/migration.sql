-- CreateEnum
CREATE TYPE "MovementKind" AS ENUM ('commit', 'pay', 'release', 'carry');

-- CreateTable
CREATE TABLE "FundMovement" (
    "id" TEXT NOT NULL,
    "no" SERIAL NOT NULL,
    "awardId" TEXT NOT NULL,
    "fundId" TEXT NOT NULL,
    "collegeId" TEXT NOT NULL,
    "academicYear" TEXT NOT NULL,
    "fiscalYear" INTEGER NOT NULL,
    "kind" "MovementKind" NOT NULL,
    "amountFen" INTEGER NOT NULL,
    "on" DATE NOT NULL,
    "voucherNumber" TEXT,
    "actorId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "FundMovement_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ExportLayout" (
    "id" TEXT NOT NULL,
    "columns" TEXT[],
    "setById" TEXT NOT NULL,
    "setAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ExportLayout_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "FundMovement_no_key" ON "FundMovement"("no");

-- CreateIndex
CREATE INDEX "FundMovement_fiscalYear_kind_idx" ON "FundMovement"("fiscalYear", "kind");

-- CreateIndex
CREATE INDEX "FundMovement_academicYear_kind_idx" ON "FundMovement"("academicYear", "kind");

-- CreateIndex
CREATE INDEX "FundMovement_awardId_idx" ON "FundMovement"("awardId");

-- AddForeignKey
ALTER TABLE "FundMovement" ADD CONSTRAINT "FundMovement_awardId_fkey" FOREIGN KEY ("awardId") REFERENCES "Award"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Backfill: the movements of the awards made before the ledger, dated as best the awards tell
-- (commitment at creation, payment at paidAt, a release at the last update), in Beijing time.
INSERT INTO "FundMovement" ("id", "awardId", "fundId", "collegeId", "academicYear", "fiscalYear", "kind", "amountFen", "on", "voucherNumber")
SELECT 'bf-' || m.kind || '-' || a."id", a."id", a."fundId", a."collegeId", f."academicYear",
  EXTRACT(YEAR FROM m.day)::int, m.kind::"MovementKind", m.amount, m.day, m.voucher
FROM "Award" a
JOIN "Fund" f ON f."id" = a."fundId"
CROSS JOIN LATERAL (VALUES
  ('commit', a."approvedFen", (a."createdAt" AT TIME ZONE 'UTC' AT TIME ZONE 'Asia/Shanghai')::date, NULL::text),
  ('pay', a."paidFen", (COALESCE(a."paidAt", a."updatedAt") AT TIME ZONE 'UTC' AT TIME ZONE 'Asia/Shanghai')::date, a."voucherNumber"),
  ('release', a."releasedFen", (a."updatedAt" AT TIME ZONE 'UTC' AT TIME ZONE 'Asia/Shanghai')::date, NULL::text)
) AS m(kind, amount, day, voucher)
WHERE a."status" <> 'proposed' AND m.amount > 0
ORDER BY a."createdAt", a."id", m.kind;
