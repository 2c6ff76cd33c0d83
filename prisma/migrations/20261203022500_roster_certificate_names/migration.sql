-- People added by a roster import before the import gave them a certificate name: their
-- roster name becomes it, as a new import now does, when they never saved their profile
-- (so never chose a certificate name themselves) and the name is in Latin script, as a
-- certificate name must be (lib/domain/roster.ts rosterCertificateName, where the Latin
-- letters here are Basic Latin, Latin-1, Latin Extended-A/B and Additional, with
-- combining marks). Other names are left for the organisers or the person to set.
UPDATE users AS u
SET certificate_name = regexp_replace(btrim(u.name), '\s+', ' ', 'g'),
    updated_at = now()
WHERE u.profile_completed_at IS NULL
  AND (u.certificate_name IS NULL OR btrim(u.certificate_name) = '')
  AND u.name IS NOT NULL
  AND char_length(regexp_replace(btrim(u.name), '\s+', ' ', 'g')) BETWEEN 1 AND 120
  AND u.name ~ '^[A-Za-z\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u024F\u1E00-\u1EFF\u0300-\u036F\s.''\u2019-]+$'
  AND u.name ~ '[A-Za-z\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u024F\u1E00-\u1EFF]'
  AND EXISTS (SELECT 1 FROM enrolments e WHERE e.user_id = u.id AND e.source = 'ROSTER'::"EnrolmentSource");
