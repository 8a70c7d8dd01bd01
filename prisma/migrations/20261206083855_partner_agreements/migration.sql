-- CreateEnum
CREATE TYPE "AgreementType" AS ENUM ('exchange', 'joint_training', 'dual_degree', 'framework');

-- CreateEnum
CREATE TYPE "PartnerMembership" AS ENUM ('china_poland_alliance');

-- CreateTable
CREATE TABLE "PartnerAgreement" (
    "id" TEXT NOT NULL,
    "partnerId" TEXT NOT NULL,
    "type" "AgreementType" NOT NULL,
    "startsOn" TIMESTAMP(3) NOT NULL,
    "endsOn" TIMESTAMP(3) NOT NULL,
    "placesOut" INTEGER,
    "placesIn" INTEGER,
    "signedKey" TEXT,
    "signedName" TEXT,
    "signedSize" INTEGER,
    "signedSha256" TEXT,
    "note" TEXT NOT NULL DEFAULT '',
    "retiredAt" TIMESTAMP(3),
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PartnerAgreement_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "_CollegeToPartnerAgreement" (
    "A" TEXT NOT NULL,
    "B" TEXT NOT NULL,

    CONSTRAINT "_CollegeToPartnerAgreement_AB_pkey" PRIMARY KEY ("A","B")
);

-- CreateIndex
CREATE UNIQUE INDEX "PartnerAgreement_signedKey_key" ON "PartnerAgreement"("signedKey");

-- CreateIndex
CREATE INDEX "PartnerAgreement_partnerId_endsOn_idx" ON "PartnerAgreement"("partnerId", "endsOn");

-- CreateIndex
CREATE INDEX "PartnerAgreement_endsOn_idx" ON "PartnerAgreement"("endsOn");

-- CreateIndex
CREATE INDEX "_CollegeToPartnerAgreement_B_index" ON "_CollegeToPartnerAgreement"("B");

-- AddForeignKey
ALTER TABLE "PartnerAgreement" ADD CONSTRAINT "PartnerAgreement_partnerId_fkey" FOREIGN KEY ("partnerId") REFERENCES "PartnerInstitution"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "_CollegeToPartnerAgreement" ADD CONSTRAINT "_CollegeToPartnerAgreement_A_fkey" FOREIGN KEY ("A") REFERENCES "College"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "_CollegeToPartnerAgreement" ADD CONSTRAINT "_CollegeToPartnerAgreement_B_fkey" FOREIGN KEY ("B") REFERENCES "PartnerAgreement"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The partner's two dates and places per year become its first agreement (an exchange agreement
-- every college may use), before the columns go.
INSERT INTO "PartnerAgreement" ("id", "partnerId", "type", "startsOn", "endsOn", "placesOut", "updatedAt")
SELECT 'migrated-' || "id", "id", 'exchange',
       COALESCE("agreementStart", "createdAt"),
       COALESCE("agreementEnd", COALESCE("agreementStart", "createdAt") + INTERVAL '5 years'),
       "placesPerYear", CURRENT_TIMESTAMP
FROM "PartnerInstitution"
WHERE "agreementStart" IS NOT NULL OR "agreementEnd" IS NOT NULL OR "placesPerYear" IS NOT NULL;

-- AlterTable
ALTER TABLE "PartnerInstitution" DROP COLUMN "agreementEnd",
DROP COLUMN "agreementStart",
DROP COLUMN "placesPerYear",
ADD COLUMN     "memberships" "PartnerMembership"[] DEFAULT ARRAY[]::"PartnerMembership"[];

