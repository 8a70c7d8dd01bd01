-- CreateTable
CREATE TABLE "ApplicationFunding" (
    "applicationId" TEXT NOT NULL,
    "universityFen" BIGINT NOT NULL,
    "otherFen" BIGINT NOT NULL,
    "coFundings" INTEGER NOT NULL,

    CONSTRAINT "ApplicationFunding_pkey" PRIMARY KEY ("applicationId")
);

-- CreateTable
CREATE TABLE "CostTotal" (
    "academicYear" TEXT NOT NULL,
    "kind" "ProgramKind" NOT NULL,
    "collegeId" TEXT NOT NULL,
    "mobilities" INTEGER NOT NULL,
    "universityFen" BIGINT NOT NULL,
    "otherFen" BIGINT NOT NULL,

    CONSTRAINT "CostTotal_pkey" PRIMARY KEY ("academicYear","kind","collegeId")
);

-- AddForeignKey
ALTER TABLE "ApplicationFunding" ADD CONSTRAINT "ApplicationFunding_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "Application"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Kept by triggers (decision 29, amended), like "AwardTotal": a statement that changes awards or
-- co-funding adds its rows' differences to each application's funding, then the differences of
-- those applications to the totals of their year, kind and college, in the same transaction. An
-- application counts as a mobility once it has university funding or any co-funding row: the
-- change of that count is read from the application's funding after the addition (ON CONFLICT
-- sees the latest committed row), so concurrent statements on one application add up correctly.
-- Rows are locked in key order; a statement that changes no sum locks nothing.
CREATE FUNCTION "cost_totals_sql"(delta TEXT) RETURNS TEXT LANGUAGE sql IMMUTABLE AS $fn$
  SELECT format($sql$
    WITH delta AS (
      SELECT "applicationId", SUM(uni)::bigint AS uni, SUM(other)::bigint AS other, SUM(n)::int AS n
      FROM (%s) d
      GROUP BY "applicationId"
      HAVING SUM(uni) <> 0 OR SUM(other) <> 0 OR SUM(n) <> 0
    ), funded AS (
      INSERT INTO "ApplicationFunding" AS f ("applicationId", "universityFen", "otherFen", "coFundings")
      SELECT "applicationId", uni, other, n FROM delta ORDER BY "applicationId"
      ON CONFLICT ("applicationId") DO UPDATE SET
        "universityFen" = f."universityFen" + EXCLUDED."universityFen",
        "otherFen" = f."otherFen" + EXCLUDED."otherFen",
        "coFundings" = f."coFundings" + EXCLUDED."coFundings"
      RETURNING f."applicationId", f."universityFen", f."coFundings"
    )
    INSERT INTO "CostTotal" AS t ("academicYear", kind, "collegeId", mobilities, "universityFen", "otherFen")
    SELECT a."academicYear", a.kind, a."collegeId",
      SUM((f."universityFen" > 0 OR f."coFundings" > 0)::int - (f."universityFen" - d.uni > 0 OR f."coFundings" - d.n > 0)::int),
      SUM(d.uni), SUM(d.other)
    FROM funded f JOIN delta d USING ("applicationId") JOIN "Application" a ON a.id = f."applicationId"
    GROUP BY 1, 2, 3
    ORDER BY 1, 2, 3
    ON CONFLICT ("academicYear", kind, "collegeId") DO UPDATE SET
      mobilities = t.mobilities + EXCLUDED.mobilities,
      "universityFen" = t."universityFen" + EXCLUDED."universityFen",
      "otherFen" = t."otherFen" + EXCLUDED."otherFen"
  $sql$, delta)
$fn$;

-- Everything again from the awards and co-funding there are (the backfill below, and after a TRUNCATE).
CREATE FUNCTION "cost_totals_rebuild"() RETURNS void LANGUAGE sql AS $fn$
  DELETE FROM "CostTotal";
  DELETE FROM "ApplicationFunding";
  INSERT INTO "ApplicationFunding" ("applicationId", "universityFen", "otherFen", "coFundings")
  SELECT "applicationId", SUM(uni), SUM(other), SUM(n) FROM (
    SELECT "applicationId", CASE status WHEN 'committed' THEN "approvedFen" WHEN 'paid' THEN "paidFen" WHEN 'released' THEN "paidFen" ELSE 0 END AS uni,
      0 AS other, 0 AS n FROM "Award"
    UNION ALL
    SELECT "applicationId", 0, "amountFen", 1 FROM "CoFunding"
  ) d GROUP BY "applicationId";
  INSERT INTO "CostTotal" ("academicYear", kind, "collegeId", mobilities, "universityFen", "otherFen")
  SELECT a."academicYear", a.kind, a."collegeId", COUNT(*) FILTER (WHERE f."universityFen" > 0 OR f."coFundings" > 0),
    SUM(f."universityFen"), SUM(f."otherFen")
  FROM "ApplicationFunding" f JOIN "Application" a ON a.id = f."applicationId"
  GROUP BY 1, 2, 3;
$fn$;

-- The differences of a statement on "Award" or "CoFunding" (the table the trigger is on).
CREATE FUNCTION "cost_totals_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  changed CONSTANT TEXT := CASE TG_TABLE_NAME
    WHEN 'Award' THEN 'SELECT "applicationId", %1$s * CASE status WHEN ''committed'' THEN "approvedFen" WHEN ''paid'' THEN "paidFen" WHEN ''released'' THEN "paidFen" ELSE 0 END AS uni, 0 AS other, 0 AS n FROM %2$s'
    ELSE 'SELECT "applicationId", 0 AS uni, %1$s * "amountFen" AS other, %1$s AS n FROM %2$s' END;
BEGIN
  IF TG_OP = 'TRUNCATE' THEN
    PERFORM "cost_totals_rebuild"();
    RETURN NULL;
  END IF;
  EXECUTE "cost_totals_sql"(CASE TG_OP
    WHEN 'INSERT' THEN format(changed, 1, 'new_rows')
    WHEN 'DELETE' THEN format(changed, -1, 'old_rows')
    ELSE format(changed, 1, 'new_rows') || ' UNION ALL ' || format(changed, -1, 'old_rows') END);
  RETURN NULL;
END
$$;

-- An application moved to another year, kind or college takes its funding with it.
CREATE FUNCTION "cost_totals_application"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "CostTotal" AS t ("academicYear", kind, "collegeId", mobilities, "universityFen", "otherFen")
  SELECT m."academicYear", m.kind, m."collegeId", SUM(m.sign * (f."universityFen" > 0 OR f."coFundings" > 0)::int),
    SUM(m.sign * f."universityFen"), SUM(m.sign * f."otherFen")
  FROM (
    SELECT n.id, n."academicYear", n.kind, n."collegeId", 1 AS sign FROM new_rows n JOIN old_rows o ON o.id = n.id
      WHERE (n."academicYear", n.kind, n."collegeId") IS DISTINCT FROM (o."academicYear", o.kind, o."collegeId")
    UNION ALL
    SELECT o.id, o."academicYear", o.kind, o."collegeId", -1 FROM new_rows n JOIN old_rows o ON o.id = n.id
      WHERE (n."academicYear", n.kind, n."collegeId") IS DISTINCT FROM (o."academicYear", o.kind, o."collegeId")
  ) m JOIN "ApplicationFunding" f ON f."applicationId" = m.id
  GROUP BY 1, 2, 3
  ORDER BY 1, 2, 3
  ON CONFLICT ("academicYear", kind, "collegeId") DO UPDATE SET
    mobilities = t.mobilities + EXCLUDED.mobilities,
    "universityFen" = t."universityFen" + EXCLUDED."universityFen",
    "otherFen" = t."otherFen" + EXCLUDED."otherFen";
  RETURN NULL;
END
$$;

CREATE TRIGGER "Award_cost_totals_insert" AFTER INSERT ON "Award" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "cost_totals_changed"();
CREATE TRIGGER "Award_cost_totals_update" AFTER UPDATE ON "Award" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "cost_totals_changed"();
CREATE TRIGGER "Award_cost_totals_delete" AFTER DELETE ON "Award" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "cost_totals_changed"();
CREATE TRIGGER "Award_cost_totals_truncate" AFTER TRUNCATE ON "Award"
  FOR EACH STATEMENT EXECUTE FUNCTION "cost_totals_changed"();
CREATE TRIGGER "CoFunding_cost_totals_insert" AFTER INSERT ON "CoFunding" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "cost_totals_changed"();
CREATE TRIGGER "CoFunding_cost_totals_update" AFTER UPDATE ON "CoFunding" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "cost_totals_changed"();
CREATE TRIGGER "CoFunding_cost_totals_delete" AFTER DELETE ON "CoFunding" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "cost_totals_changed"();
CREATE TRIGGER "CoFunding_cost_totals_truncate" AFTER TRUNCATE ON "CoFunding"
  FOR EACH STATEMENT EXECUTE FUNCTION "cost_totals_changed"();
CREATE TRIGGER "Application_cost_totals_update" AFTER UPDATE ON "Application" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "cost_totals_application"();

-- The awards and co-funding there are already.
SELECT "cost_totals_rebuild"();
