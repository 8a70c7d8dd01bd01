-- The characters of each user's names, for a search by two or more Chinese characters that no
-- trigram narrows (a two-character name or given name): the students whose names have every
-- character of it (app/models/queue.server.ts, nameOrNumber). An index on an expression, which
-- schema.prisma cannot declare: the migrations test knows it by name (EXPRESSION_INDEXES in
-- tests/integration/migrations.test.ts).
CREATE INDEX "User_names_characters_idx" ON "User" USING GIN (string_to_array("nameZh" || "nameEn", NULL));
