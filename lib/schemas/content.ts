// The shape of everything in content/ (see content/FORMAT.md).
import { z } from "zod";

const text = z.string().trim().min(1, "must not be empty");
const kebab = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "must be kebab-case (a-z, 0-9, -)");
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date as YYYY-MM-DD");

export const SECTION_IDS = ["context", "key-points", "key-figures", "lessons", "discussion"] as const;
export const SECTION_TITLES: Record<TSectionId, string> = {
  context: "Context",
  "key-points": "Key points",
  "key-figures": "Key figures",
  lessons: "Lessons for other countries",
  discussion: "Questions for discussion",
};
export const ZSectionId = z.enum(SECTION_IDS);
export type TSectionId = z.infer<typeof ZSectionId>;

export const ZOrganiser = z.strictObject({
  name: text,
  shortName: text,
  role: z.enum(["organiser", "supporter"]),
});

/** Someone who spoke at the opening or the close of the programme. */
export const ZRemarks = z.strictObject({
  occasion: z.enum(["opening", "closing"]),
  speaker: text,
  role: text,
  summary: text,
});
export type TRemarks = z.infer<typeof ZRemarks>;

export const ZProgramme = z.strictObject({
  title: text,
  shortTitle: text,
  edition: text,
  date: isoDate,
  format: text,
  participants: text,
  countries: z.number().int().positive(),
  moderator: text,
  description: text,
  organisers: z.array(ZOrganiser).min(2),
  objectives: z.array(text).length(4, "the programme has exactly four training objectives"),
  /** Who runs the programme: the Joint Training Center, ECO and ECOSF, in a few paragraphs. */
  about: z
    .array(z.strictObject({ heading: text, text }))
    .min(1)
    .max(4),
  remarks: z.array(ZRemarks).min(1).max(4),
});
export type TProgramme = z.infer<typeof ZProgramme>;

export const ZKeyFigure = z.strictObject({ label: text, value: text, note: text });
export type TKeyFigure = z.infer<typeof ZKeyFigure>;

export const ZGlossaryEntry = z.strictObject({ term: text, definition: text });
export type TGlossaryEntry = z.infer<typeof ZGlossaryEntry>;

export const ZReading = z.strictObject({
  title: text,
  url: z.url({ protocol: /^https$/, error: "must be an https:// address" }).optional(),
  publisher: text.optional(),
  note: text.optional(),
});
export type TReading = z.infer<typeof ZReading>;

export const ZLectureFrontMatter = z.strictObject({
  title: text,
  speaker: z.strictObject({
    name: text,
    role: text,
    institution: text,
    country: z.string().regex(/^[A-Z]{2}$/, "must be an ISO 3166-1 alpha-2 code such as CN"),
  }),
  summary: text.refine((s) => {
    const n = s.split(/\s+/).length;
    return n >= 15 && n <= 80;
  }, "must be 15 to 80 words"),
  objectives: z.array(text).min(3, "needs 3 to 5 objectives").max(5, "needs 3 to 5 objectives"),
  keyFigures: z.array(ZKeyFigure).min(3, "needs 3 to 8 key figures").max(8, "needs 3 to 8 key figures"),
  glossary: z.array(ZGlossaryEntry).min(4, "needs 4 to 16 glossary entries").max(16, "needs 4 to 16 glossary entries"),
  takeaways: z.array(text).min(4, "needs 4 to 7 key takeaways").max(7, "needs 4 to 7 key takeaways"),
  furtherReading: z.array(ZReading).min(1).max(8).optional(),
});
export type TLectureFrontMatter = z.infer<typeof ZLectureFrontMatter>;

export const SKILLS = ["recall", "understanding", "application"] as const;

const questionBase = {
  id: kebab,
  prompt: text,
  explanation: text,
  section: ZSectionId,
  evidence: text,
  /**
   * The lecture's objectives (1-based) the question tests, and what it asks of the
   * learner. Required in content/ (the loader checks); optional here because question
   * versions stored before they existed are read with this schema too.
   */
  objectives: z.array(z.number().int().min(1).max(5)).min(1).optional(),
  skill: z.enum(SKILLS).optional(),
};
const ZOption = z.strictObject({
  id: z.string().regex(/^[a-z0-9]+$/, "must be short and lower-case"),
  text,
  correct: z.boolean().optional(),
});

const uniqueOptionIds = (options: { id: string }[]) => new Set(options.map((o) => o.id)).size === options.length;
const correctCount = (options: { correct?: boolean }[]) => options.filter((o) => o.correct).length;

export const ZSingleQuestion = z
  .strictObject({ ...questionBase, type: z.literal("single"), options: z.array(ZOption).min(3).max(6) })
  .refine((q) => uniqueOptionIds(q.options), { path: ["options"], message: "option ids must be unique" })
  .refine((q) => correctCount(q.options) === 1, {
    path: ["options"],
    message: "a single-choice question needs exactly one correct option",
  });

export const ZMultipleQuestion = z
  .strictObject({ ...questionBase, type: z.literal("multiple"), options: z.array(ZOption).min(3).max(6) })
  .refine((q) => uniqueOptionIds(q.options), { path: ["options"], message: "option ids must be unique" })
  .refine((q) => correctCount(q.options) >= 2 && correctCount(q.options) < q.options.length, {
    path: ["options"],
    message: "a multiple-choice question needs at least two correct options and at least one wrong one",
  });

export const ZTrueFalseQuestion = z.strictObject({
  ...questionBase,
  type: z.literal("true-false"),
  answer: z.boolean(),
});

export const ZNumericQuestion = z
  .strictObject({
    ...questionBase,
    type: z.literal("numeric"),
    answer: z.number(),
    tolerance: z.number().min(0).default(0),
    unit: text.optional(),
  })
  .refine((q) => q.evidence.replace(/[\s,]/g, "").includes(String(q.answer)), {
    path: ["evidence"],
    message: "the evidence of a numeric question must contain its answer",
  });

export const ZQuestion = z.discriminatedUnion("type", [
  ZSingleQuestion,
  ZMultipleQuestion,
  ZTrueFalseQuestion,
  ZNumericQuestion,
]);
export type TQuestion = z.infer<typeof ZQuestion>;
export type TQuestionType = TQuestion["type"];
export const QUESTION_TYPES = [
  "single",
  "multiple",
  "true-false",
  "numeric",
] as const satisfies readonly TQuestionType[];

export const QUIZ_LENGTH = 10;

export const ZQuiz = z
  .strictObject({ questions: z.array(ZQuestion).length(QUIZ_LENGTH, `a quiz has exactly ${QUIZ_LENGTH} questions`) })
  .refine((q) => new Set(q.questions.map((x) => x.id)).size === q.questions.length, {
    path: ["questions"],
    message: "question ids must be unique",
  })
  .superRefine((quiz, ctx) => {
    for (const type of QUESTION_TYPES) {
      if (!quiz.questions.some((q) => q.type === type)) {
        ctx.addIssue({ code: "custom", path: ["questions"], message: `a quiz needs at least one "${type}" question` });
      }
    }
  });
export type TQuiz = z.infer<typeof ZQuiz>;
