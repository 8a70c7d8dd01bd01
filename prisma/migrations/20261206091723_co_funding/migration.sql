-- CreateEnum
CREATE TYPE "CoFundingSource" AS ENUM ('csc', 'host', 'scholarship', 'self');

-- CreateTable
CREATE TABLE "CoFunding" (
    "id" TEXT NOT NULL,
    "applicationId" TEXT NOT NULL,
    "source" "CoFundingSource" NOT NULL,
    "currency" TEXT NOT NULL,
    "amountMinor" BIGINT NOT NULL,
    "rateDay" DATE,
    "units" INTEGER,
    "cnyE4" INTEGER,
    "amountFen" INTEGER NOT NULL,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CoFunding_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "CoFunding_applicationId_idx" ON "CoFunding"("applicationId");

-- AddForeignKey
ALTER TABLE "CoFunding" ADD CONSTRAINT "CoFunding_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "Application"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
