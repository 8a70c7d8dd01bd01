-- DropIndex
DROP INDEX "Target_academicYear_kind_collegeId_key";

-- AlterTable
ALTER TABLE "Program" ADD COLUMN     "stipendRules" JSONB NOT NULL DEFAULT '{}';

-- AlterTable
ALTER TABLE "Target" ADD COLUMN     "scopeKey" TEXT;
UPDATE "Target" SET "scopeKey" = COALESCE("collegeId", 'university');
ALTER TABLE "Target" ALTER COLUMN "scopeKey" SET NOT NULL;

-- CreateTable
CREATE TABLE "ReturnReport" (
    "id" TEXT NOT NULL,
    "applicationId" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "creditTenths" INTEGER,
    "actualLines" JSONB NOT NULL DEFAULT '{}',
    "submittedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ReturnReport_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ReturnReport_applicationId_key" ON "ReturnReport"("applicationId");

-- CreateIndex
CREATE UNIQUE INDEX "Target_academicYear_kind_scopeKey_key" ON "Target"("academicYear", "kind", "scopeKey");

-- AddForeignKey
ALTER TABLE "ReturnReport" ADD CONSTRAINT "ReturnReport_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "Application"("id") ON DELETE CASCADE ON UPDATE CASCADE;
