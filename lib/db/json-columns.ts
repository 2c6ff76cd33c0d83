// The JSON columns of quiz versions and attempts, read through their schemas: the one
// place that turns what PostgreSQL holds into the domain's types, and that fails
// loudly on anything else. Writes need no schema: the domain's values are plain JSON.
import { z } from "zod";
import { ZQuestion, type TQuestion } from "@/lib/schemas/content";
import {
  ZAttemptGrade,
  ZAttemptLayout,
  ZQuizResponse,
  type TAttemptLayout,
  type TQuizResponse,
} from "@/lib/schemas/quiz-attempt";

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
