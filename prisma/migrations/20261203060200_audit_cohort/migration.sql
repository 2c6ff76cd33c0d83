-- AlterTable
ALTER TABLE "audit_events" ADD COLUMN "cohort_id" TEXT;

-- CreateIndex
CREATE INDEX "audit_events_cohort_id_at_idx" ON "audit_events"("cohort_id", "at");

-- The cohort of the events recorded before the column existed, where it can be found:
-- the cohort itself (a remembered Zoom name's entity id is "cohortId:name"), a cohort id
-- written in the entry, or the cohort of the record the entry is about.
UPDATE audit_events a SET cohort_id = c.id
FROM cohorts c
WHERE a.cohort_id IS NULL AND lower(a.entity) = 'cohort' AND c.id = split_part(a.entity_id, ':', 1);

UPDATE audit_events a SET cohort_id = c.id
FROM cohorts c
WHERE a.cohort_id IS NULL
  AND c.id = coalesce(a.after ->> 'cohortId', a.before ->> 'cohortId');

UPDATE audit_events a SET cohort_id = s.cohort_id
FROM live_sessions s
WHERE a.cohort_id IS NULL AND a.entity IN ('live_session', 'attendance') AND s.id = split_part(a.entity_id, ':', 1);

UPDATE audit_events a SET cohort_id = e.cohort_id
FROM enrolments e
WHERE a.cohort_id IS NULL AND a.entity = 'enrolment' AND e.id = a.entity_id;

UPDATE audit_events a SET cohort_id = c.cohort_id
FROM certificates c
WHERE a.cohort_id IS NULL AND a.entity = 'Certificate' AND c.id = a.entity_id;

UPDATE audit_events a SET cohort_id = s.cohort_id
FROM excuse_requests x JOIN live_sessions s ON s.id = x.session_id
WHERE a.cohort_id IS NULL AND a.entity = 'excuse_request' AND x.id = a.entity_id;

UPDATE audit_events a SET cohort_id = q.cohort_id
FROM quiz_attempts q
WHERE a.cohort_id IS NULL AND a.entity = 'quiz_attempt' AND q.id = a.entity_id;

UPDATE audit_events a SET cohort_id = r.cohort_id
FROM roster_imports r
WHERE a.cohort_id IS NULL AND r.id = coalesce(CASE WHEN a.entity = 'roster_import' THEN a.entity_id END, a.after ->> 'importId');
