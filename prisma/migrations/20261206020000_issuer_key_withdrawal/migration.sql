-- A withdrawn signing key is no longer published (lib/db/issuer-keys.ts). Withdrawn implies
-- retired: a key that may be in other hands must not sign either.
ALTER TABLE "issuer_keys" ADD COLUMN "withdrawn_at" TIMESTAMPTZ(3);
ALTER TABLE "issuer_keys" ADD CONSTRAINT "issuer_keys_withdrawn_retired"
  CHECK ("withdrawn_at" IS NULL OR "retired_at" IS NOT NULL);
