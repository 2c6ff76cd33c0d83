-- AlterTable
ALTER TABLE "users" ADD COLUMN     "person_set_fields" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- Which fields people set themselves so far, read from the audit log: a field the person's own
-- profile save changed ("profile.update", before and after hold the whole profile), unless an
-- organiser's later edit of that person ("user.profile_edited") changed it again.
UPDATE "users" AS u
SET "person_set_fields" = f.fields
FROM (
  SELECT own.entity_id AS user_id, array_agg(DISTINCT own.field ORDER BY own.field) AS fields
  FROM (
    SELECT a.entity_id, a.at, k.field
    FROM "audit_events" a
    CROSS JOIN LATERAL jsonb_object_keys(a.after) AS k(field)
    WHERE a.action = 'profile.update'
      AND jsonb_typeof(a.after) = 'object'
      AND k.field IN ('name', 'certificateName', 'nativeName', 'country', 'organisation', 'position', 'timeZone')
      AND (a.before IS NULL OR a.before -> k.field IS DISTINCT FROM a.after -> k.field)
  ) AS own
  WHERE NOT EXISTS (
    SELECT 1 FROM "audit_events" b
    WHERE b.action = 'user.profile_edited'
      AND b.entity_id = own.entity_id
      AND b.at > own.at
      AND jsonb_typeof(b.after) = 'object'
      AND b.after ? own.field
  )
  GROUP BY own.entity_id
) AS f
WHERE u.id = f.user_id;
