-- CreateEnum
CREATE TYPE "LearningAgreementStatus" AS ENUM ('draft', 'submitted', 'decided');

-- CreateEnum
CREATE TYPE "CourseDecision" AS ENUM ('pending', 'approved', 'rejected');

-- CreateEnum
CREATE TYPE "CourseRecognition" AS ENUM ('pending', 'recognised');

-- AlterEnum
ALTER TYPE "Role" ADD VALUE 'academic_approver';

-- AlterEnum
ALTER TYPE "DocumentKind" ADD VALUE 'host_transcript';

-- CreateTable
CREATE TABLE "LearningAgreementVersion" (
    "id" TEXT NOT NULL,
    "applicationId" TEXT NOT NULL,
    "no" INTEGER NOT NULL,
    "status" "LearningAgreementStatus" NOT NULL DEFAULT 'draft',
    "version" INTEGER NOT NULL DEFAULT 1,
    "submittedAt" TIMESTAMP(3),
    "decidedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "LearningAgreementVersion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LearningAgreementLine" (
    "id" TEXT NOT NULL,
    "versionId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "hostCode" TEXT NOT NULL,
    "hostTitle" TEXT NOT NULL,
    "hostCreditTenths" INTEGER NOT NULL,
    "term" TEXT NOT NULL,
    "homeCode" TEXT,
    "homeTitle" TEXT,
    "homeCreditTenths" INTEGER NOT NULL,
    "decision" "CourseDecision" NOT NULL DEFAULT 'pending',
    "comment" TEXT,
    "decidedById" TEXT,
    "decidedAt" TIMESTAMP(3),
    "hostGrade" TEXT,
    "homeGrade" TEXT,
    "recognition" "CourseRecognition" NOT NULL DEFAULT 'pending',
    "recognisedById" TEXT,
    "recognisedAt" TIMESTAMP(3),

    CONSTRAINT "LearningAgreementLine_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "GradeScale" (
    "id" TEXT NOT NULL,
    "bands" JSONB NOT NULL,
    "setById" TEXT NOT NULL,
    "setAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "GradeScale_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "LearningAgreementVersion_applicationId_no_key" ON "LearningAgreementVersion"("applicationId", "no");

-- CreateIndex
CREATE UNIQUE INDEX "LearningAgreementLine_versionId_position_key" ON "LearningAgreementLine"("versionId", "position");

-- AddForeignKey
ALTER TABLE "LearningAgreementVersion" ADD CONSTRAINT "LearningAgreementVersion_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "Application"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LearningAgreementLine" ADD CONSTRAINT "LearningAgreementLine_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "LearningAgreementVersion"("id") ON DELETE CASCADE ON UPDATE CASCADE;
