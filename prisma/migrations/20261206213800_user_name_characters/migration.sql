-- The reviewer queue's name search for one or two characters (a Chinese surname: the commonest
-- matches one student in twenty), which no trigram index serves. This one answers "every character
-- of the query occurs in the student's names or number, lower-cased", which whatever the search
-- matches meets (app/models/queue.server.ts, `sharesCharacters`). On 100,000 applications it
-- took counting a surname's applications from 14 ms to 2.
--
-- Prisma's schema cannot declare an index on an expression: it exists only here, and the test
-- that compares the migrations with schema.prisma names it (tests/integration/migrations.test.ts).
CREATE INDEX "User_nameCharacters_idx" ON "User" USING gin (
  string_to_array(lower("nameZh" || ' ' || "nameEn" || ' ' || coalesce("studentNumber", '')), NULL)
);
