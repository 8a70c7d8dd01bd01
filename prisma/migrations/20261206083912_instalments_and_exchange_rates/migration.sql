-- CreateEnum
CREATE TYPE "InstalmentStatus" AS ENUM ('planned', 'paid', 'stopped');

-- CreateTable
CREATE TABLE "Instalment" (
    "id" TEXT NOT NULL,
    "awardId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "dueOn" DATE NOT NULL,
    "amountFen" INTEGER NOT NULL,
    "status" "InstalmentStatus" NOT NULL DEFAULT 'planned',
    "paidFen" INTEGER NOT NULL DEFAULT 0,
    "voucherNumber" TEXT,
    "paidOn" DATE,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Instalment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ExchangeRate" (
    "id" TEXT NOT NULL,
    "currency" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "units" INTEGER NOT NULL DEFAULT 1,
    "cnyE4" INTEGER NOT NULL,
    "source" TEXT NOT NULL,
    "setById" TEXT NOT NULL,
    "setAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ExchangeRate_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ForeignReceipt" (
    "id" TEXT NOT NULL,
    "awardId" TEXT NOT NULL,
    "line" TEXT NOT NULL,
    "currency" TEXT NOT NULL,
    "amountMinor" BIGINT NOT NULL,
    "receiptOn" DATE NOT NULL,
    "rateDay" DATE NOT NULL,
    "units" INTEGER NOT NULL,
    "cnyE4" INTEGER NOT NULL,
    "convertedFen" INTEGER NOT NULL,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ForeignReceipt_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Instalment_paidOn_idx" ON "Instalment"("paidOn");

-- CreateIndex
CREATE UNIQUE INDEX "Instalment_awardId_seq_key" ON "Instalment"("awardId", "seq");

-- CreateIndex
CREATE UNIQUE INDEX "ExchangeRate_currency_day_key" ON "ExchangeRate"("currency", "day");

-- CreateIndex
CREATE INDEX "ForeignReceipt_awardId_idx" ON "ForeignReceipt"("awardId");

-- AddForeignKey
ALTER TABLE "Instalment" ADD CONSTRAINT "Instalment_awardId_fkey" FOREIGN KEY ("awardId") REFERENCES "Award"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ForeignReceipt" ADD CONSTRAINT "ForeignReceipt_awardId_fkey" FOREIGN KEY ("awardId") REFERENCES "Award"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
