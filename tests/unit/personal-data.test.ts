import { describe, expect, it } from "vitest";
import {
  maskedSubject,
  personalDataFileName,
  plainJson,
  SECRET_KEY,
  shapePersonalData,
  type PersonalDataRows,
} from "@/lib/domain/personal-data";

const at = (iso: string) => new Date(iso);
const cohort = { name: "STI Policy 2026", slug: "sti-2026" };
const session = {
  cohort,
  lectureSlug: "01-nhz-policy-framework",
  startsAt: at("2026-03-02T09:00:00Z"),
  endsAt: at("2026-03-02T10:30:00Z"),
};
const EXPORTED = at("2026-04-01T12:00:00.000Z");

function rows(): PersonalDataRows {
  return {
    user: {
      id: "u1",
      email: "ana@example.org",
      emailVerified: at("2026-01-01T08:00:00Z"),
      name: "Ana",
      image: null,
      role: "PARTICIPANT",
      certificateName: "Ana Perez",
      nativeName: null,
      country: "ES",
      organisation: "Uni",
      position: "Researcher",
      organisationType: "UNIVERSITY",
      timeZone: "Europe/Madrid",
      profileCompletedAt: at("2026-01-01T08:05:00Z"),
      personSetFields: ["country", "certificateName"],
      mailOptOuts: ["reminder"],
      createdAt: at("2026-01-01T08:00:00Z"),
      updatedAt: at("2026-01-02T08:00:00Z"),
    },
    accounts: [{ provider: "nodemailer", type: "email", createdAt: at("2026-01-01T08:00:00Z") }],
    enrolments: [
      { cohort, status: "ACTIVE", source: "INVITE_LINK", createdAt: at("2026-02-01T00:00:00Z"), updatedAt: EXPORTED },
    ],
    lectureMarks: [{ cohort, lectureSlug: "01-nhz-policy-framework", markedAt: at("2026-03-03T00:00:00Z") }],
    quizAttempts: [
      {
        cohort,
        lectureSlug: "01-nhz-policy-framework",
        number: 1,
        status: "SUBMITTED",
        startedAt: at("2026-03-04T10:00:00Z"),
        deadlineAt: null,
        submittedAt: at("2026-03-04T10:20:00Z"),
        submittedBy: "participant",
        responses: { q2: { type: "true-false", value: true }, q1: { type: "single", optionId: "b" } },
        grade: { score: 8, maxScore: 10, percent: 80 },
        percent: 80,
        passed: true,
      },
    ],
    quizOverrides: [],
    attendance: [
      {
        session,
        status: "PRESENT",
        source: "ZOOM",
        minutes: 88.5,
        note: null,
        createdAt: at("2026-03-02T11:00:00Z"),
        updatedAt: at("2026-03-02T11:00:00Z"),
      },
    ],
    excuseRequests: [],
    certificates: [],
    zoomNames: [],
    notices: [],
    emails: [],
    passkeys: [],
    sessions: [
      {
        createdAt: at("2026-03-01T00:00:00Z"),
        lastUsedAt: at("2026-03-05T00:00:00Z"),
        expires: at("2026-03-12T00:00:00Z"),
        secondFactorAt: null,
      },
    ],
    auditEvents: [],
  };
}

/** Every object key anywhere in a JSON value, with its path. */
function keysOf(value: unknown, path = ""): string[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => keysOf(v, `${path}[${i}]`));
  if (value && typeof value === "object")
    return Object.entries(value).flatMap(([k, v]) => [`${path}.${k}`, ...keysOf(v, `${path}.${k}`)]);
  return [];
}

describe("shapePersonalData", () => {
  it("starts with the format, its version and the time of export, then the sections in a fixed order", () => {
    const doc = shapePersonalData(rows(), EXPORTED);
    expect(Object.keys(doc)).toEqual([
      "format",
      "version",
      "exportedAt",
      "user",
      "mailPreferences",
      "signInMethods",
      "enrolments",
      "lectureMarks",
      "quizAttempts",
      "quizOverrides",
      "attendance",
      "excuseRequests",
      "certificates",
      "zoomNames",
      "notices",
      "emails",
      "passkeys",
      "sessions",
      "auditEvents",
    ]);
    expect(doc).toMatchObject({ format: "sti-lms-personal-data", version: 1, exportedAt: "2026-04-01T12:00:00.000Z" });
    // Every profile field the person gave, the type of organisation included.
    expect(doc.user).toMatchObject({ organisation: "Uni", position: "Researcher", organisationType: "UNIVERSITY" });
  });

  it("writes every instant as ISO 8601 in UTC, and the same rows as the same text", () => {
    const doc = shapePersonalData(rows(), EXPORTED);
    expect(doc.user.profileCompletedAt).toBe("2026-01-01T08:05:00.000Z");
    expect(doc.attendance[0]).toEqual({
      session: {
        cohort,
        lectureSlug: "01-nhz-policy-framework",
        startsAt: "2026-03-02T09:00:00.000Z",
        endsAt: "2026-03-02T10:30:00.000Z",
      },
      status: "PRESENT",
      source: "ZOOM",
      minutes: 88.5,
      note: null,
      createdAt: "2026-03-02T11:00:00.000Z",
      updatedAt: "2026-03-02T11:00:00.000Z",
    });
    expect(JSON.stringify(shapePersonalData(rows(), EXPORTED))).toBe(JSON.stringify(doc));
  });

  it("sorts the saved answers by question, and gives the grade without per-question correctness", () => {
    const [attempt] = shapePersonalData(rows(), EXPORTED).quizAttempts;
    expect(Object.keys(attempt!.responses as object)).toEqual(["q1", "q2"]);
    expect(attempt!.grade).toEqual({ score: 8, maxScore: 10, percent: 80, passed: true, regraded: false });
  });

  it("says which optional e-mail the person receives", () => {
    expect(shapePersonalData(rows(), EXPORTED).mailPreferences).toEqual({
      receives: { reminder: false, announcement: true },
    });
  });

  it.each<[string, Partial<PersonalDataRows["certificates"][number]>, string]>([
    ["valid", {}, "valid"],
    ["revoked", { revokedAt: at("2026-05-01T00:00:00Z"), revokedReason: "error" }, "revoked"],
    ["replaced", { revokedAt: at("2026-05-01T00:00:00Z"), replacedByCode: "ECOSF-26-BBBB-CCCC" }, "replaced"],
  ])("a %s certificate reads as %s", (_, change, status) => {
    const input = rows();
    input.certificates = [
      {
        code: "ECOSF-26-AAAA-BBBB",
        cohort,
        name: "Ana Perez",
        nativeName: null,
        issuedAt: at("2026-04-01T00:00:00Z"),
        revokedAt: null,
        revokedReason: null,
        replacedByCode: null,
        ...change,
      },
    ];
    expect(shapePersonalData(input, EXPORTED).certificates[0]!.status).toBe(status);
  });

  it("lists each section oldest first, whatever order the rows came in", () => {
    const input = rows();
    const mail = (subject: string, createdAt: string) => ({
      kind: "notice",
      subject,
      createdAt: at(createdAt),
      sentAt: null,
      failedAt: null,
      attempts: 0,
      error: null,
    });
    input.emails = [mail("second", "2026-03-02T00:00:00Z"), mail("first", "2026-03-01T00:00:00Z")];
    expect(shapePersonalData(input, EXPORTED).emails.map((m) => m.subject)).toEqual(["first", "second"]);
  });

  it.each<[string, { actorId: string | null; aboutUser: boolean }, Record<string, unknown>]>([
    [
      "by the person about themselves",
      { actorId: "u1", aboutUser: true },
      { byYou: true, aboutYou: true, entityId: "u1", ip: "203.0.113.9", after: { name: "Ana" } },
    ],
    [
      "by an organiser about the person",
      { actorId: "admin-1", aboutUser: true },
      { byYou: false, aboutYou: true, entityId: "u1", ip: null, after: { name: "Ana" } },
    ],
    [
      "by the person about someone else",
      { actorId: "u1", aboutUser: false },
      { byYou: true, aboutYou: false, entityId: null, ip: "203.0.113.9", before: null, after: null },
    ],
  ])("an audit entry %s shows only what is theirs", (_, who, shown) => {
    const input = rows();
    input.auditEvents = [
      {
        at: at("2026-03-01T00:00:00Z"),
        action: "user.profile_edited",
        entity: "user",
        entityId: "u1",
        before: null,
        after: { name: "Ana" },
        ip: "203.0.113.9",
        ...who,
      },
    ];
    const [event] = shapePersonalData(input, EXPORTED).auditEvents;
    expect(event).toMatchObject({ at: "2026-03-01T00:00:00.000Z", action: "user.profile_edited", ...shown });
    expect(JSON.stringify(event)).not.toContain("admin-1");
  });

  it("never carries a secret-looking field or a secret value, even when the rows do", () => {
    const input = rows();
    // Rows as a careless query might return them: with the secrets of the same tables.
    Object.assign(input.user, { password: "pw-SECRET", emailVerificationToken: "tok-SECRET" });
    Object.assign(input.sessions[0]!, { sessionToken: "session-SECRET", id: "s1" });
    input.passkeys = [
      Object.assign(
        { name: "Laptop", createdAt: at("2026-03-01T00:00:00Z"), lastUsedAt: null },
        { publicKey: new Uint8Array([1, 2, 3]), counter: 7, credentialId: "cred-SECRET" },
      ),
    ];
    input.accounts = [
      Object.assign(
        { provider: "nodemailer", type: "email", createdAt: at("2026-01-01T00:00:00Z") },
        { access_token: "access-SECRET", refresh_token: "refresh-SECRET", id_token: "id-SECRET" },
      ),
    ];
    input.notices = [
      {
        kind: "certificate.issued",
        cohort,
        data: { code: "ECOSF-26-AAAA-BBBB", nested: { codeHash: "hash-SECRET", privateJwk: { d: "key-SECRET" } } },
        createdAt: at("2026-04-01T00:00:00Z"),
      },
    ];
    input.auditEvents = [
      {
        at: at("2026-03-01T00:00:00Z"),
        action: "auth.sign_in",
        actorId: "u1",
        entity: null,
        entityId: null,
        before: { tokenHash: "hash-SECRET" },
        after: { challenge: "challenge-SECRET", secret: "secret-SECRET", list: [{ token: "tok-SECRET" }] },
        ip: null,
        aboutUser: true,
      },
    ];
    input.emails = [
      {
        kind: "sign-in",
        subject: "Your sign-in code: 123 456",
        createdAt: at("2026-01-01T00:00:00Z"),
        sentAt: null,
        failedAt: null,
        attempts: 0,
        error: null,
      },
    ];
    const doc = shapePersonalData(input, EXPORTED);
    const text = JSON.stringify(doc);
    expect(keysOf(doc).filter((k) => SECRET_KEY.test(k.slice(k.lastIndexOf(".") + 1)))).toEqual([]);
    for (const field of ["token", "codeHash", "publicKey", "counter", "password", "credential", "secret"])
      expect(text.toLowerCase(), field).not.toContain(`"${field.toLowerCase()}`);
    expect(text).not.toMatch(/SECRET/);
    expect(text).not.toContain("123 456");
    expect(doc.notices[0]!.data).toEqual({ code: "ECOSF-26-AAAA-BBBB", nested: {} });
  });
});

describe("plainJson", () => {
  it.each<[string, unknown, unknown]>([
    ["null and undefined as null", undefined, null],
    [
      "keys sorted, all the way down",
      { b: 1, a: { d: [{ z: 1, y: 2 }], c: "x" } },
      { a: { c: "x", d: [{ y: 2, z: 1 }] }, b: 1 },
    ],
    ["secret-looking keys dropped", { sessionToken: "t", name: "n", publicKey: "k" }, { name: "n" }],
    ["dates as ISO strings", { at: new Date("2026-01-01T00:00:00Z") }, { at: "2026-01-01T00:00:00.000Z" }],
    ["a number that JSON cannot hold as null", { n: Number.NaN }, { n: null }],
  ])("%s", (_, value, expected) => {
    expect(plainJson(value)).toEqual(expected);
  });
});

describe("maskedSubject", () => {
  it.each([
    ["sign-in", "Your sign-in code: 123 456", "Your sign-in code: [hidden]"],
    ["other", "Your sign-in code: 654321", "Your sign-in code: [hidden]"],
    ["notice", "Your certificate ECOSF-26-1234-5678", "Your certificate ECOSF-26-1234-5678"],
    ["reminder", "Tomorrow: Lecture 2 at 100 200", "Tomorrow: Lecture 2 at 100 200"],
  ])("a %s e-mail's subject %j reads %j", (kind, subject, shown) => {
    expect(maskedSubject({ kind, subject })).toBe(shown);
  });
});

describe("personalDataFileName", () => {
  it.each([
    ["2026-04-01T12:00:00.000Z", "my-data-2026-04-01.json"],
    ["2026-12-31T23:59:59.999Z", "my-data-2026-12-31.json"],
  ])("at %s the file is %s", (when, name) => {
    expect(personalDataFileName(new Date(when))).toBe(name);
  });
});
