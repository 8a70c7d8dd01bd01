-- CreateTable
CREATE TABLE "JobMark" (
    "job" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "JobMark_pkey" PRIMARY KEY ("job","key")
);

-- CreateIndex
CREATE INDEX "JobMark_at_idx" ON "JobMark"("at");

-- Carry over the markers that reminders used to write as audit rows (entityType 'reminder',
-- entityId '<prefix>:<key>'), so that nothing already sent is sent again after the deploy. The
-- audit rows themselves stay: the trail is append-only.
INSERT INTO "JobMark" ("job", "key", "at")
SELECT CASE "action"
         WHEN 'reminder.review' THEN 'review-reminders'
         WHEN 'reminder.newApplications' THEN 'new-applications-digest'
         WHEN 'reminder.draftDeadline' THEN 'draft-deadline-reminders'
         WHEN 'reminder.returnReport' THEN 'return-report-reminders'
       END,
       substr("entityId", strpos("entityId", ':') + 1),
       "at"
FROM "AuditEvent"
WHERE "entityType" = 'reminder'
  AND "action" IN ('reminder.review', 'reminder.newApplications', 'reminder.draftDeadline', 'reminder.returnReport')
ON CONFLICT DO NOTHING;
