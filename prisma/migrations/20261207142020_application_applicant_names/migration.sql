-- AlterTable
ALTER TABLE "Application" ADD COLUMN     "applicantNameEn" TEXT,
ADD COLUMN     "applicantNameZh" TEXT,
ADD COLUMN     "applicantNumber" TEXT;

-- The applicant's names and student number on each application, as their "User" row has them
-- (decision 42): the reviewer queues walk applications in their order testing a name search on
-- the application alone (app/models/queue.server.ts). Written by these triggers only, whatever
-- writes: an application gets them when it is made (or moved to another applicant, or its copies
-- written by anything), and a student's applications get theirs again whenever their names or
-- number change (an erasure too: deletion-request.server.ts). The student's row is read FOR SHARE:
-- a change of their names in progress is waited for and read, and one that comes after waits for
-- this application and then updates it (every transaction here is READ COMMITTED). Like the
-- counts' triggers (decision 29), schema.prisma cannot declare them.
CREATE FUNCTION "application_applicant_names"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  SELECT u."nameZh", u."nameEn", u."studentNumber"
    INTO NEW."applicantNameZh", NEW."applicantNameEn", NEW."applicantNumber"
    FROM "User" u WHERE u.id = NEW."applicantId" FOR SHARE;
  RETURN NEW;
END
$$;

CREATE FUNCTION "user_applicant_names"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- The copies are written again from the student's row (application_applicant_names).
  UPDATE "Application" a SET "applicantNameZh" = n."nameZh", "applicantNameEn" = n."nameEn", "applicantNumber" = n."studentNumber"
  FROM new_rows n JOIN old_rows o ON o.id = n.id
  WHERE a."applicantId" = n.id
    AND (n."nameZh", n."nameEn", n."studentNumber") IS DISTINCT FROM (o."nameZh", o."nameEn", o."studentNumber");
  RETURN NULL;
END
$$;

CREATE TRIGGER "Application_applicant_names"
  BEFORE INSERT OR UPDATE OF "applicantId", "applicantNameZh", "applicantNameEn", "applicantNumber" ON "Application"
  FOR EACH ROW EXECUTE FUNCTION "application_applicant_names"();
CREATE TRIGGER "User_applicant_names" AFTER UPDATE ON "User" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "user_applicant_names"();

-- The applications there are already (each read through the trigger above).
UPDATE "Application" SET "applicantNameZh" = NULL;
