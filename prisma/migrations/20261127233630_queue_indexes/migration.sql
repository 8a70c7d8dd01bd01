-- The trigram index (name and student-number search in the reviewer queues) needs pg_trgm, which
-- ships with PostgreSQL and is a trusted extension: the owner of the database may create it.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- CreateIndex
CREATE INDEX "User_nameZh_nameEn_studentNumber_idx" ON "User" USING GIN ("nameZh" gin_trgm_ops, "nameEn" gin_trgm_ops, "studentNumber" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "User_nameEn_idx" ON "User"("nameEn");

-- CreateIndex
CREATE INDEX "Application_statusChangedAt_id_idx" ON "Application"("statusChangedAt", "id") WHERE (status <> 'draft');

-- CreateIndex
CREATE INDEX "Application_submittedAt_id_idx" ON "Application"("submittedAt" DESC, "id") WHERE (status <> 'draft');
