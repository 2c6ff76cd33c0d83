// The JSON columns the app reads back, read through their schemas: the one place that
// turns what PostgreSQL holds into the types the code works with, and that fails
// loudly on anything else. Writes need no schema: the values written are plain JSON.
// (The audit log's before and after are only ever shown as they are.)
import type { JWK } from "jose";
import { z } from "zod";
import { ZQuestion, type TQuestion } from "@/lib/schemas/content";
import {
  ZAttemptGrade,
  ZAttemptLayout,
  ZQuizResponse,
  type TAttemptLayout,
  type TQuizResponse,
} from "@/lib/schemas/quiz-attempt";

/** A timestamp as PostgreSQL writes it into JSON (json_build_object): ISO 8601 with an offset. */
export const ZJsonTimestamp = z.iso.datetime({ offset: true }).transform((s) => new Date(s));

/** quiz_versions.questions: the questions as the content schema made them, answer key included. */
export const ZQuestionsColumn = z.array(ZQuestion);

/** quiz_attempts.layout */
export const ZLayoutColumn = ZAttemptLayout;

/** quiz_attempts.responses: question id -> the answer saved. */
export const ZResponsesColumn = z.record(z.string(), ZQuizResponse);

/** quiz_attempts.grade, with the mark regrading leaves: the attempt was marked again with a corrected key. */
export const ZGradeColumn = ZAttemptGrade.extend({ regraded: z.literal(true).optional() });
export type TStoredGrade = z.infer<typeof ZGradeColumn>;

export const readQuestions = (json: unknown): TQuestion[] => ZQuestionsColumn.parse(json);
export const readLayout = (json: unknown): TAttemptLayout => ZLayoutColumn.parse(json);
export const readResponses = (json: unknown): Record<string, TQuizResponse> => ZResponsesColumn.parse(json);
/** SQL NULL (not graded yet) reads as null. */
export const readGrade = (json: unknown): TStoredGrade | null => (json === null ? null : ZGradeColumn.parse(json));

/** roster_imports.result: what confirming an import did. */
export const ZRosterResultColumn = z.strictObject({
  created: z.number().int(),
  updated: z.number().int(),
  skipped: z.number().int(),
  errors: z.number().int(),
  invited: z.number().int(),
});
export type TRosterResult = z.infer<typeof ZRosterResultColumn>;
/** SQL NULL (not confirmed yet) reads as null. */
export const readRosterResult = (json: unknown): TRosterResult | null =>
  json === null ? null : ZRosterResultColumn.parse(json);

// issuer_keys.public_jwk and private_jwk: an Ed25519 key as lib/certificates/keys.ts makes
// it. Members that neither signing nor the published key set use are left out.
const ed25519 = {
  kty: z.literal("OKP"),
  crv: z.literal("Ed25519"),
  x: z.string(),
  kid: z.string(),
  alg: z.literal("EdDSA"),
  use: z.literal("sig"),
};
export const ZPublicJwkColumn = z.object(ed25519);
export const ZPrivateJwkColumn = z.object({ ...ed25519, d: z.string() });
export const readPublicJwk = (json: unknown): JWK => ZPublicJwkColumn.parse(json);
export const readPrivateJwk = (json: unknown): JWK => ZPrivateJwkColumn.parse(json);
// issuer_keys.private_jwk as it is stored: sealed (lib/certificates/key-sealing.ts), or in
// the clear as it was before keys were sealed.
export const ZSealedJwkColumn = z.object({
  sealed: z.literal("A256GCM-HKDF-SHA256"),
  iv: z.string(),
  data: z.string(),
  tag: z.string(),
});
export type StoredPrivateJwk = { sealed: z.infer<typeof ZSealedJwkColumn> } | { clear: JWK };
export const readStoredPrivateJwk = (json: unknown): StoredPrivateJwk => {
  const sealed = ZSealedJwkColumn.safeParse(json);
  return sealed.success ? { sealed: sealed.data } : { clear: readPrivateJwk(json) };
};
