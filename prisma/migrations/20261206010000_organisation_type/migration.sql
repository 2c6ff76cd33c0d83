-- The kind of organisation a participant works for, as they say: the programme report counts
-- participants by it. Optional: empty for everyone until they choose.
CREATE TYPE "OrganisationType" AS ENUM ('GOVERNMENT', 'UNIVERSITY', 'RESEARCH', 'BUSINESS', 'NGO', 'INTERNATIONAL', 'OTHER');
ALTER TABLE "users" ADD COLUMN "organisation_type" "OrganisationType";
