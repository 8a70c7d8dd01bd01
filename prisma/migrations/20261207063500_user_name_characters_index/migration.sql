-- The characters of each student's names, for a search no trigram narrows (a surname of one or two
-- characters): the students whose name has every character of it (models/queue.server.ts,
-- studentsNamed). Indexes on expressions, which schema.prisma cannot declare: the migrations test
-- knows them by name (EXPRESSION_INDEXES in tests/integration/migrations.test.ts).
CREATE INDEX "User_nameZh_characters_idx" ON "User" USING GIN (string_to_array("nameZh", NULL));
CREATE INDEX "User_nameEn_characters_idx" ON "User" USING GIN (string_to_array(lower("nameEn"), NULL));
