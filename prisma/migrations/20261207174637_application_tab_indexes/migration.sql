-- The applications by status, longest waiting first, of every college and of one, again: ordered
-- by id after the time (the queue's own order), with the columns a status tab's count and a name
-- search's walk read in INCLUDE, which schema.prisma cannot declare (the migrations test knows the
-- indexes by name), so that PostgreSQL reads the index alone (decision 43):
-- - a status tab's count tests the access policy's columns (decision 29);
-- - a search within a tab walks the tab in the queue's order, testing each application's copy of
--   its applicant's names (decision 42). Without them here, PostgreSQL walked the index over every
--   status instead, past all the older applications of other statuses: on 1,000,000 applications
--   a surname in the "submitted" tab read 435,000 of them, 87 ms, against 0.4 now;
-- - the office's tab of one college counted from the index over every college, reading the whole
--   tab (15,000 applications on 100,000), rather than reading each application of that college.
DROP INDEX "Application_collegeId_status_statusChangedAt_idx";
CREATE INDEX "Application_collegeId_status_statusChangedAt_idx" ON "Application" ("collegeId", status, "statusChangedAt", id)
  INCLUDE ("applicantId", "submittedAt", "applicantNameZh", "applicantNameEn", "applicantNumber");

DROP INDEX "Application_status_statusChangedAt_applicantId_submittedAt__idx";
CREATE INDEX "Application_status_statusChangedAt_id_idx" ON "Application" (status, "statusChangedAt", id)
  INCLUDE ("applicantId", "submittedAt", "collegeId", "applicantNameZh", "applicantNameEn", "applicantNumber");
