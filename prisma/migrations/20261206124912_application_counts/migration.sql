-- CreateTable
CREATE TABLE "ApplicationCount" (
    "academicYear" TEXT NOT NULL,
    "collegeId" TEXT NOT NULL,
    "status" "ApplicationStatus" NOT NULL,
    "kind" "ProgramKind" NOT NULL,
    "programId" TEXT NOT NULL,
    "level" TEXT NOT NULL,
    "country" TEXT NOT NULL,
    "applications" INTEGER NOT NULL,

    CONSTRAINT "ApplicationCount_pkey" PRIMARY KEY ("academicYear","collegeId","status","kind","programId","level","country")
);

-- Kept by triggers (decision 29), like "AwardTotal": every statement that inserts, updates or
-- deletes applications adds its rows' differences, counted per key, in the same transaction; rows
-- are locked in key order and an update that changes no key column locks nothing. The level is
-- the applicant's: a statement that counts applications first takes a share lock on their
-- applicants, so a concurrent level change (below) either sees these applications or is seen by
-- this count, never neither. The typed country is the dashboard's (app/models/dashboard.server.ts
-- typedCountrySql, NO_COUNTRY = '-').
CREATE FUNCTION "application_counts_apply"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  keyed CONSTANT TEXT := 'SELECT r.id, r."applicantId", r."academicYear", r."collegeId", r.status, r.kind, r."programId", r.details->>''country'' AS typed FROM %s r';
  added TEXT := format(keyed, 'new_rows');
  removed TEXT := format(keyed, 'old_rows');
  changed TEXT;
BEGIN
  IF TG_OP = 'TRUNCATE' THEN
    DELETE FROM "ApplicationCount";
    RETURN NULL;
  END IF;
  changed := CASE TG_OP
    WHEN 'INSERT' THEN 'SELECT *, 1 AS sign FROM (' || added || ') n'
    WHEN 'DELETE' THEN 'SELECT *, -1 AS sign FROM (' || removed || ') o'
    -- Only the rows whose key may have changed (a draft saved again changes none).
    ELSE 'SELECT * FROM (SELECT n.*, 1 AS sign FROM (' || added || ') n UNION ALL SELECT o.*, -1 FROM (' || removed || ') o) d
      WHERE d.id IN (SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id
        WHERE (n."applicantId", n."academicYear", n."collegeId", n.status, n.kind, n."programId", n.details->>''country'')
          IS DISTINCT FROM (o."applicantId", o."academicYear", o."collegeId", o.status, o.kind, o."programId", o.details->>''country''))'
  END;
  EXECUTE format('SELECT 1 FROM "User" WHERE id IN (SELECT "applicantId" FROM (%s) d) ORDER BY id FOR SHARE', changed);
  EXECUTE format($sql$
    INSERT INTO "ApplicationCount" AS t ("academicYear", "collegeId", status, kind, "programId", level, country, applications)
    SELECT d."academicYear", d."collegeId", d.status, d.kind, d."programId", COALESCE(u.level::text, ''),
      COALESCE(NULLIF(btrim(d.typed), ''), '-'), SUM(d.sign)
    FROM (%s) d JOIN "User" u ON u.id = d."applicantId"
    GROUP BY 1, 2, 3, 4, 5, 6, 7
    HAVING SUM(d.sign) <> 0
    ORDER BY 1, 2, 3, 4, 5, 6, 7
    ON CONFLICT ("academicYear", "collegeId", status, kind, "programId", level, country)
      DO UPDATE SET applications = t.applications + EXCLUDED.applications
  $sql$, changed);
  RETURN NULL;
END
$$;

-- An applicant's level changed: their applications move from the old level's counts to the new one's.
CREATE FUNCTION "application_counts_level"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "ApplicationCount" AS t ("academicYear", "collegeId", status, kind, "programId", level, country, applications)
  SELECT a."academicYear", a."collegeId", a.status, a.kind, a."programId", l.level,
    COALESCE(NULLIF(btrim(a.details->>'country'), ''), '-'), SUM(l.sign)
  FROM (
    SELECT n.id, COALESCE(n.level::text, '') AS level, 1 AS sign FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE n.level IS DISTINCT FROM o.level
    UNION ALL
    SELECT o.id, COALESCE(o.level::text, ''), -1 FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE n.level IS DISTINCT FROM o.level
  ) l JOIN "Application" a ON a."applicantId" = l.id
  GROUP BY 1, 2, 3, 4, 5, 6, 7
  HAVING SUM(l.sign) <> 0
  ORDER BY 1, 2, 3, 4, 5, 6, 7
  ON CONFLICT ("academicYear", "collegeId", status, kind, "programId", level, country)
    DO UPDATE SET applications = t.applications + EXCLUDED.applications;
  RETURN NULL;
END
$$;

CREATE TRIGGER "Application_counts_insert" AFTER INSERT ON "Application" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "application_counts_apply"();
CREATE TRIGGER "Application_counts_update" AFTER UPDATE ON "Application" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "application_counts_apply"();
CREATE TRIGGER "Application_counts_delete" AFTER DELETE ON "Application" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "application_counts_apply"();
CREATE TRIGGER "Application_counts_truncate" AFTER TRUNCATE ON "Application"
  FOR EACH STATEMENT EXECUTE FUNCTION "application_counts_apply"();
CREATE TRIGGER "User_application_counts_level" AFTER UPDATE ON "User" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "application_counts_level"();

-- The applications there are already.
INSERT INTO "ApplicationCount" ("academicYear", "collegeId", status, kind, "programId", level, country, applications)
SELECT a."academicYear", a."collegeId", a.status, a.kind, a."programId", COALESCE(u.level::text, ''),
  COALESCE(NULLIF(btrim(a.details->>'country'), ''), '-'), COUNT(*)
FROM "Application" a JOIN "User" u ON u.id = a."applicantId"
GROUP BY 1, 2, 3, 4, 5, 6, 7;
