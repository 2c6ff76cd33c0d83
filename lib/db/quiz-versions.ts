// The question versions attempts are taken with. Version rows never change (they are
// keyed by their content's hash), so each process keeps the ones it has read, parsed
// once: no attempt has to ship its questions' JSON from the database again.
import { createHash, randomUUID } from "node:crypto";
import type { Prisma } from "@/generated/prisma/client";
import type { TQuestion } from "@/lib/schemas/content";
import type { Db } from "./client";
import { readQuestions } from "./json-columns";

type Tx = Prisma.TransactionClient;

const versionIdByHash = new Map<string, string>();
const questionsByVersion = new Map<string, TQuestion[]>();
const hashOf = new WeakMap<readonly TQuestion[], string>();

/** The questions of a version, answer key included. */
export async function versionQuestions(db: Db | Tx, versionId: string): Promise<TQuestion[]> {
  let questions = questionsByVersion.get(versionId);
  if (!questions) {
    const row = await db.quizVersion.findUniqueOrThrow({ where: { id: versionId }, select: { questions: true } });
    questions = readQuestions(row.questions);
    questionsByVersion.set(versionId, questions);
  }
  return questions;
}

/** The row holding exactly these questions (with their answer key); made on first use. */
export async function ensureQuizVersion(
  db: Db | Tx,
  lectureSlug: string,
  questions: readonly TQuestion[],
): Promise<{ id: string }> {
  let contentHash = hashOf.get(questions);
  if (!contentHash) {
    contentHash = createHash("sha256").update(JSON.stringify({ lectureSlug, questions })).digest("hex");
    hashOf.set(questions, contentHash);
  }
  const known = versionIdByHash.get(contentHash);
  if (known) return { id: known };
  const found = await db.quizVersion.findUnique({ where: { contentHash }, select: { id: true } });
  if (found) {
    versionIdByHash.set(contentHash, found.id);
    return found;
  }
  await db.$executeRaw`
    INSERT INTO quiz_versions (id, lecture_slug, content_hash, questions)
    VALUES (${randomUUID()}, ${lectureSlug}, ${contentHash}, ${JSON.stringify(questions)}::jsonb)
    ON CONFLICT (content_hash) DO NOTHING`;
  const made = await db.quizVersion.findUniqueOrThrow({ where: { contentHash }, select: { id: true } });
  versionIdByHash.set(contentHash, made.id);
  return made;
}
