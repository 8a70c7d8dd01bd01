-- CreateIndex
CREATE INDEX "User_studentNumber_idx" ON "User"("studentNumber" text_pattern_ops);
