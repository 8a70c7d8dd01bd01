-- CreateEnum
CREATE TYPE "RoundPhase" AS ENUM ('open', 'announced', 'offering', 'closed');

-- AlterEnum
ALTER TYPE "ApplicationStatus" ADD VALUE 'offered' AFTER 'approved';

-- AlterTable
ALTER TABLE "Program" ADD COLUMN     "roundId" TEXT;

-- AlterTable
ALTER TABLE "Application" ADD COLUMN     "interviewScore" INTEGER,
ADD COLUMN     "reserveRank" INTEGER,
ADD COLUMN     "roundId" TEXT;

-- CreateTable
CREATE TABLE "SelectionRound" (
    "id" TEXT NOT NULL,
    "titleZh" TEXT NOT NULL,
    "titleEn" TEXT NOT NULL,
    "kind" "ProgramKind" NOT NULL,
    "academicYear" TEXT NOT NULL,
    "opensAt" TIMESTAMP(3) NOT NULL,
    "closesAt" TIMESTAMP(3) NOT NULL,
    "maxChoices" INTEGER NOT NULL DEFAULT 3,
    "formula" JSONB NOT NULL,
    "announcementDays" INTEGER NOT NULL DEFAULT 5,
    "offerDeadline" TIMESTAMP(3) NOT NULL,
    "phase" "RoundPhase" NOT NULL DEFAULT 'open',
    "proposal" JSONB,
    "pins" JSONB NOT NULL DEFAULT '[]',
    "announcedAt" TIMESTAMP(3),
    "announcementEndsOn" TEXT,
    "offersSentAt" TIMESTAMP(3),
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "SelectionRound_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RoundChoice" (
    "applicationId" TEXT NOT NULL,
    "rank" INTEGER NOT NULL,
    "programId" TEXT NOT NULL,

    CONSTRAINT "RoundChoice_pkey" PRIMARY KEY ("applicationId","rank")
);

-- CreateTable
CREATE TABLE "RoundCollegeQuota" (
    "programId" TEXT NOT NULL,
    "collegeId" TEXT NOT NULL,
    "places" INTEGER NOT NULL,

    CONSTRAINT "RoundCollegeQuota_pkey" PRIMARY KEY ("programId","collegeId")
);

-- CreateTable
CREATE TABLE "ReviewAssignment" (
    "applicationId" TEXT NOT NULL,
    "reviewerId" TEXT NOT NULL,
    "assignedById" TEXT NOT NULL,
    "overrideReason" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ReviewAssignment_pkey" PRIMARY KEY ("applicationId","reviewerId")
);

-- CreateTable
CREATE TABLE "Objection" (
    "id" TEXT NOT NULL,
    "roundId" TEXT NOT NULL,
    "authorId" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "answer" TEXT,
    "answeredById" TEXT,
    "answeredAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Objection_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "SelectionRound_academicYear_kind_idx" ON "SelectionRound"("academicYear", "kind");

-- CreateIndex
CREATE INDEX "RoundChoice_programId_idx" ON "RoundChoice"("programId");

-- CreateIndex
CREATE UNIQUE INDEX "RoundChoice_applicationId_programId_key" ON "RoundChoice"("applicationId", "programId");

-- CreateIndex
CREATE INDEX "ReviewAssignment_reviewerId_idx" ON "ReviewAssignment"("reviewerId");

-- CreateIndex
CREATE INDEX "Objection_roundId_answeredAt_idx" ON "Objection"("roundId", "answeredAt");

-- CreateIndex
CREATE INDEX "Program_roundId_idx" ON "Program"("roundId");

-- CreateIndex
CREATE INDEX "Application_roundId_status_idx" ON "Application"("roundId", "status");

-- AddForeignKey
ALTER TABLE "Program" ADD CONSTRAINT "Program_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "SelectionRound"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Application" ADD CONSTRAINT "Application_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "SelectionRound"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RoundChoice" ADD CONSTRAINT "RoundChoice_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "Application"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RoundChoice" ADD CONSTRAINT "RoundChoice_programId_fkey" FOREIGN KEY ("programId") REFERENCES "Program"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RoundCollegeQuota" ADD CONSTRAINT "RoundCollegeQuota_programId_fkey" FOREIGN KEY ("programId") REFERENCES "Program"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReviewAssignment" ADD CONSTRAINT "ReviewAssignment_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "Application"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Objection" ADD CONSTRAINT "Objection_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "SelectionRound"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
