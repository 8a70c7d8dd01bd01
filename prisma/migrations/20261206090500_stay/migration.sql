-- CreateEnum
CREATE TYPE "StayItem" AS ENUM ('itinerary', 'insurance', 'visa', 'emergency_contact', 'pledge', 'education', 'guardian_consent');

-- CreateEnum
CREATE TYPE "VisaStatus" AS ENUM ('not_needed', 'applied', 'granted');

-- CreateEnum
CREATE TYPE "StayLinkPurpose" AS ENUM ('guardian_consent', 'incident_safe', 'incident_help');

-- CreateEnum
CREATE TYPE "IncidentAnswer" AS ENUM ('safe', 'help');

-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "DocumentKind" ADD VALUE 'insurance_policy';
ALTER TYPE "DocumentKind" ADD VALUE 'visa';

-- CreateTable
CREATE TABLE "DepartureRequirement" (
    "id" TEXT NOT NULL,
    "programKind" "ProgramKind" NOT NULL,
    "item" "StayItem" NOT NULL,
    "levels" "StudentLevel"[],
    "daysBeforeStart" INTEGER NOT NULL DEFAULT 7,

    CONSTRAINT "DepartureRequirement_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DepartureEducation" (
    "programKind" "ProgramKind" NOT NULL,
    "materialZh" TEXT NOT NULL,
    "materialEn" TEXT NOT NULL,
    "questions" JSONB NOT NULL,
    "passPercent" INTEGER NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "DepartureEducation_pkey" PRIMARY KEY ("programKind")
);

-- CreateTable
CREATE TABLE "Stay" (
    "applicationId" TEXT NOT NULL,
    "startsOn" DATE NOT NULL,
    "endsOn" DATE NOT NULL,
    "countryCode" TEXT,
    "city" TEXT,
    "itinerary" JSONB,
    "emergencyContact" JSONB,
    "visaStatus" "VisaStatus",
    "quizAttempts" INTEGER NOT NULL DEFAULT 0,
    "educationScore" INTEGER,
    "educationPassedAt" TIMESTAMP(3),
    "pledgeSignedAt" TIMESTAMP(3),
    "pledgeName" TEXT,
    "pledgeHash" TEXT,
    "guardianEmail" TEXT,
    "guardianConsentAt" TIMESTAMP(3),
    "departedAt" TIMESTAMP(3),
    "arrivedAt" TIMESTAMP(3),
    "returnedAt" TIMESTAMP(3),
    "checklistRemindedAt" TIMESTAMP(3),
    "verifyToken" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Stay_pkey" PRIMARY KEY ("applicationId")
);

-- CreateTable
CREATE TABLE "StayLink" (
    "id" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "purpose" "StayLinkPurpose" NOT NULL,
    "applicationId" TEXT NOT NULL,
    "incidentId" TEXT,
    "email" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "StayLink_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Incident" (
    "id" TEXT NOT NULL,
    "countryCode" TEXT NOT NULL,
    "onDate" DATE NOT NULL,
    "messageZh" TEXT NOT NULL,
    "messageEn" TEXT NOT NULL,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Incident_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IncidentRecipient" (
    "incidentId" TEXT NOT NULL,
    "applicationId" TEXT NOT NULL,
    "answer" "IncidentAnswer",
    "answeredAt" TIMESTAMP(3),

    CONSTRAINT "IncidentRecipient_pkey" PRIMARY KEY ("incidentId","applicationId")
);

-- CreateIndex
CREATE UNIQUE INDEX "DepartureRequirement_programKind_item_key" ON "DepartureRequirement"("programKind", "item");

-- CreateIndex
CREATE UNIQUE INDEX "Stay_verifyToken_key" ON "Stay"("verifyToken");

-- CreateIndex
CREATE INDEX "Stay_countryCode_startsOn_endsOn_idx" ON "Stay"("countryCode", "startsOn", "endsOn");

-- CreateIndex
CREATE INDEX "Stay_departedAt_idx" ON "Stay"("departedAt");

-- CreateIndex
CREATE UNIQUE INDEX "StayLink_tokenHash_key" ON "StayLink"("tokenHash");

-- CreateIndex
CREATE INDEX "StayLink_applicationId_purpose_idx" ON "StayLink"("applicationId", "purpose");

-- CreateIndex
CREATE INDEX "StayLink_incidentId_idx" ON "StayLink"("incidentId");

-- CreateIndex
CREATE INDEX "IncidentRecipient_applicationId_idx" ON "IncidentRecipient"("applicationId");

-- AddForeignKey
ALTER TABLE "Stay" ADD CONSTRAINT "Stay_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "Application"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StayLink" ADD CONSTRAINT "StayLink_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "Stay"("applicationId") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IncidentRecipient" ADD CONSTRAINT "IncidentRecipient_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IncidentRecipient" ADD CONSTRAINT "IncidentRecipient_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "Stay"("applicationId") ON DELETE CASCADE ON UPDATE CASCADE;
