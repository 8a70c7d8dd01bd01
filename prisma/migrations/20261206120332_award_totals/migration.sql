-- CreateTable
CREATE TABLE "AwardTotal" (
    "fundId" TEXT NOT NULL,
    "collegeId" TEXT NOT NULL,
    "status" "AwardStatus" NOT NULL,
    "awards" INTEGER NOT NULL,
    "requestedFen" BIGINT NOT NULL,
    "approvedFen" BIGINT NOT NULL,
    "paidFen" BIGINT NOT NULL,
    "releasedFen" BIGINT NOT NULL,

    CONSTRAINT "AwardTotal_pkey" PRIMARY KEY ("fundId","collegeId","status")
);

-- Kept by triggers (decision 29): every statement that inserts, updates or deletes awards adds
-- its rows' differences, summed per fund, college and status, in the same transaction. Rows are
-- locked in key order, so two transactions cannot wait on each other's totals in a circle. An
-- update that changes none of the summed columns locks nothing.
CREATE FUNCTION "award_totals_apply"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  added CONSTANT TEXT := 'SELECT "fundId", "collegeId", status, 1 AS sign, "requestedFen", "approvedFen", "paidFen", "releasedFen" FROM new_rows';
  removed CONSTANT TEXT := 'SELECT "fundId", "collegeId", status, -1 AS sign, "requestedFen", "approvedFen", "paidFen", "releasedFen" FROM old_rows';
BEGIN
  IF TG_OP = 'TRUNCATE' THEN
    DELETE FROM "AwardTotal";
    RETURN NULL;
  END IF;
  EXECUTE format($sql$
    INSERT INTO "AwardTotal" AS t ("fundId", "collegeId", status, awards, "requestedFen", "approvedFen", "paidFen", "releasedFen")
    SELECT "fundId", "collegeId", status, SUM(sign), SUM(sign * "requestedFen"), SUM(sign * "approvedFen"), SUM(sign * "paidFen"), SUM(sign * "releasedFen")
    FROM (%s) delta
    GROUP BY "fundId", "collegeId", status
    HAVING SUM(sign) <> 0 OR SUM(sign * "requestedFen") <> 0 OR SUM(sign * "approvedFen") <> 0 OR SUM(sign * "paidFen") <> 0 OR SUM(sign * "releasedFen") <> 0
    ORDER BY "fundId", "collegeId", status
    ON CONFLICT ("fundId", "collegeId", status) DO UPDATE SET
      awards = t.awards + EXCLUDED.awards,
      "requestedFen" = t."requestedFen" + EXCLUDED."requestedFen",
      "approvedFen" = t."approvedFen" + EXCLUDED."approvedFen",
      "paidFen" = t."paidFen" + EXCLUDED."paidFen",
      "releasedFen" = t."releasedFen" + EXCLUDED."releasedFen"
  $sql$, CASE TG_OP WHEN 'INSERT' THEN added WHEN 'DELETE' THEN removed ELSE added || ' UNION ALL ' || removed END);
  RETURN NULL;
END
$$;

CREATE TRIGGER "Award_totals_insert" AFTER INSERT ON "Award" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "award_totals_apply"();
CREATE TRIGGER "Award_totals_update" AFTER UPDATE ON "Award" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "award_totals_apply"();
CREATE TRIGGER "Award_totals_delete" AFTER DELETE ON "Award" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "award_totals_apply"();
CREATE TRIGGER "Award_totals_truncate" AFTER TRUNCATE ON "Award"
  FOR EACH STATEMENT EXECUTE FUNCTION "award_totals_apply"();

-- The awards there are already.
INSERT INTO "AwardTotal" ("fundId", "collegeId", status, awards, "requestedFen", "approvedFen", "paidFen", "releasedFen")
SELECT "fundId", "collegeId", status, COUNT(*), SUM("requestedFen"), SUM("approvedFen"), SUM("paidFen"), SUM("releasedFen")
FROM "Award" GROUP BY "fundId", "collegeId", status;
