// What lib/db/personal-data.ts reads about one person, as plain values: the input of the
// export (lib/domain/personal-data.ts). Only the columns the export may show are here; the
// secrets the same tables hold (tokens, keys, hashes) are never selected.

export type CohortRef = { name: string; slug: string };
export type LiveSessionRef = { cohort: CohortRef; lectureSlug: string; startsAt: Date; endsAt: Date };

export type UserRow = {
  id: string;
  email: string;
  emailVerified: Date | null;
  name: string | null;
  image: string | null;
  role: string;
  certificateName: string | null;
  nativeName: string | null;
  country: string | null;
  organisation: string | null;
  position: string | null;
  organisationType: string | null;
  timeZone: string | null;
  profileCompletedAt: Date | null;
  personSetFields: string[];
  mailOptOuts: string[];
  createdAt: Date;
  updatedAt: Date;
};

export type AuditRow = {
  at: Date;
  action: string;
  actorId: string | null;
  entity: string | null;
  entityId: string | null;
  before: unknown;
  after: unknown;
  ip: string | null;
  /** The entry is about the person: their address, their account or one of their records. */
  aboutUser: boolean;
};

export type PersonalDataRows = {
  user: UserRow;
  accounts: { provider: string; type: string; createdAt: Date }[];
  enrolments: { cohort: CohortRef; status: string; source: string; createdAt: Date; updatedAt: Date }[];
  lectureMarks: { cohort: CohortRef; lectureSlug: string; markedAt: Date }[];
  quizAttempts: {
    cohort: CohortRef;
    lectureSlug: string;
    number: number;
    status: string;
    startedAt: Date;
    deadlineAt: Date | null;
    submittedAt: Date | null;
    submittedBy: string | null;
    /** Question id -> the answer saved. */
    responses: unknown;
    grade: { score: number; maxScore: number; percent: number; regraded?: boolean } | null;
    percent: number | null;
    passed: boolean | null;
  }[];
  quizOverrides: {
    cohort: CohortRef;
    lectureSlug: string;
    extraAttempts: number | null;
    extraMinutes: number | null;
    closesAt: Date | null;
    setAt: Date;
  }[];
  attendance: {
    session: LiveSessionRef;
    status: string;
    source: string;
    minutes: number | null;
    note: string | null;
    createdAt: Date;
    updatedAt: Date;
  }[];
  excuseRequests: {
    session: LiveSessionRef;
    reason: string;
    status: string;
    decidedAt: Date | null;
    decisionNote: string | null;
    createdAt: Date;
  }[];
  certificates: {
    code: string;
    cohort: CohortRef;
    name: string;
    nativeName: string | null;
    issuedAt: Date;
    revokedAt: Date | null;
    revokedReason: string | null;
    /** The code of the corrected certificate that replaced this one. */
    replacedByCode: string | null;
  }[];
  zoomNames: { cohort: CohortRef; zoomName: string; zoomEmail: string | null; createdAt: Date }[];
  notices: { kind: string; cohort: CohortRef | null; data: unknown; createdAt: Date }[];
  emails: {
    kind: string;
    subject: string;
    createdAt: Date;
    sentAt: Date | null;
    failedAt: Date | null;
    attempts: number;
    error: string | null;
  }[];
  passkeys: { name: string; createdAt: Date; lastUsedAt: Date | null }[];
  sessions: { createdAt: Date; lastUsedAt: Date; expires: Date; secondFactorAt: Date | null }[];
  auditEvents: AuditRow[];
};
