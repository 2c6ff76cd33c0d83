// What a quiz attempt keeps in its JSON columns: its own order, the answers saved so
// far and its grade. lib/domain/quiz.ts works on these types; lib/db/json-columns.ts
// reads the columns through these schemas.
import { z } from "zod";

/** A participant's answer to one question, as stored (lib/domain/quiz.ts parseResponse makes them). */
export const ZQuizResponse = z.discriminatedUnion("type", [
  z.strictObject({ type: z.literal("single"), optionId: z.string() }),
  z.strictObject({ type: z.literal("multiple"), optionIds: z.array(z.string()) }),
  z.strictObject({ type: z.literal("true-false"), value: z.boolean() }),
  z.strictObject({ type: z.literal("numeric"), value: z.number() }),
]);
export type TQuizResponse = z.infer<typeof ZQuizResponse>;

/** The attempt's own order: question ids, and option ids per single or multiple choice question. */
export const ZAttemptLayout = z.strictObject({
  questionIds: z.array(z.string()),
  optionOrder: z.record(z.string(), z.array(z.string())),
});
export type TAttemptLayout = z.infer<typeof ZAttemptLayout>;

/** An attempt's grade: points per question, their sum and the percent of the maximum. */
export const ZAttemptGrade = z.strictObject({
  score: z.number(),
  maxScore: z.number().int(),
  percent: z.number(),
  perQuestion: z.array(z.strictObject({ id: z.string(), points: z.number(), correct: z.boolean() })),
});
export type TAttemptGrade = z.infer<typeof ZAttemptGrade>;
