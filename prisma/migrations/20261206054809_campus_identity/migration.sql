-- CreateEnum
CREATE TYPE "IdentitySource" AS ENUM ('password', 'cas', 'oidc');

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "campusId" TEXT,
ADD COLUMN     "identitySource" "IdentitySource" NOT NULL DEFAULT 'password';

-- AlterTable
ALTER TABLE "Session" ADD COLUMN     "campusSessionIndex" TEXT;

-- CreateTable
CREATE TABLE "CampusTicket" (
    "ticketHash" TEXT NOT NULL,
    "usedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CampusTicket_pkey" PRIMARY KEY ("ticketHash")
);

-- CreateTable
CREATE TABLE "StudentRecord" (
    "studentNumber" TEXT NOT NULL,
    "gpaHundredths" INTEGER NOT NULL,
    "gpaScale" TEXT NOT NULL,
    "level" "StudentLevel" NOT NULL,
    "collegeId" TEXT NOT NULL,
    "programme" TEXT NOT NULL,
    "enrolmentYear" INTEGER NOT NULL,
    "importedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "StudentRecord_pkey" PRIMARY KEY ("studentNumber")
);

-- CreateIndex
CREATE INDEX "CampusTicket_usedAt_idx" ON "CampusTicket"("usedAt");

-- CreateIndex
CREATE INDEX "StudentRecord_collegeId_idx" ON "StudentRecord"("collegeId");

-- CreateIndex
CREATE UNIQUE INDEX "User_identitySource_campusId_key" ON "User"("identitySource", "campusId");

-- CreateIndex
CREATE INDEX "Session_campusSessionIndex_idx" ON "Session"("campusSessionIndex");

-- AddForeignKey
ALTER TABLE "StudentRecord" ADD CONSTRAINT "StudentRecord_collegeId_fkey" FOREIGN KEY ("collegeId") REFERENCES "College"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
