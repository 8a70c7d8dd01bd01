-- DropIndex
DROP INDEX "Application_status_statusChangedAt_idx";

-- CreateIndex
CREATE INDEX "Application_status_statusChangedAt_applicantId_submittedAt__idx" ON "Application"("status", "statusChangedAt", "applicantId", "submittedAt", "collegeId", "id");
