-- CreateTable
CREATE TABLE "CalendarOverride" (
    "id" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "working" BOOLEAN NOT NULL,
    "note" TEXT NOT NULL,
    "setById" TEXT NOT NULL,
    "setAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CalendarOverride_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "CalendarOverride_day_key" ON "CalendarOverride"("day");

-- AddForeignKey
ALTER TABLE "CalendarOverride" ADD CONSTRAINT "CalendarOverride_setById_fkey" FOREIGN KEY ("setById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
