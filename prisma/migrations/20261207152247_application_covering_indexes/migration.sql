-- Two of the applications' indexes again, with the columns the reviewer queues' name search reads
-- from them (INCLUDE, which schema.prisma cannot declare: the migrations test knows them by name),
-- so that PostgreSQL reads the index alone, not each application's row (decision 42):
-- - by student: a search that no index narrows counts its matches student by student, each
--   student's applications with their status, submission and queue order (queue.server.ts,
--   matchingByApplicant);
-- - longest waiting first over every status: past the count's cap a search walks the applications
--   in this order, testing their copy of the applicant's names.
-- On 100,000 applications a surname's search cost PostgreSQL about 3.3 ms instead of 3.9–5.6.
DROP INDEX "Application_applicantId_academicYear_idx";
CREATE INDEX "Application_applicantId_academicYear_idx" ON "Application" ("applicantId", "academicYear")
  INCLUDE (id, status, "submittedAt", "statusChangedAt", "collegeId");

DROP INDEX "Application_statusChangedAt_id_idx";
CREATE INDEX "Application_statusChangedAt_id_idx" ON "Application" ("statusChangedAt", id)
  INCLUDE (status, "submittedAt", "applicantId", "collegeId", "applicantNameZh", "applicantNameEn", "applicantNumber")
  WHERE status <> 'draft';
