import { describe, expect, it } from "vitest";
import { enrolmentNotice, readNotice, type SingleNotice } from "@/lib/domain/notices";
import { composeNotice } from "@/lib/mail/notice";

describe("enrolmentNotice", () => {
  it.each([
    ["approve", "enrolment.approved"],
    ["reinstate", "enrolment.approved"],
    ["reject", "enrolment.rejected"],
    ["withdraw", "enrolment.withdrawn"],
    ["move", "enrolment.moved"],
  ] as const)("%s tells the person %s", async (action, kind) => {
    expect(enrolmentNotice(action, "Old cohort").kind).toBe(kind);
  });
  it("a move names the cohort the place came from", async () => {
    expect(enrolmentNotice("move", "Old cohort")).toEqual({
      kind: "enrolment.moved",
      data: { fromCohort: "Old cohort" },
    });
  });
});

describe("readNotice", () => {
  it.each([
    ["enrolment.approved", {}, true],
    [
      "certificate.issued",
      { certificateId: "c1", code: "ECOSF-21-AAAA-BBBB", issuedAt: "2021-12-20T00:00:00.000Z" },
      true,
    ],
    ["certificate.issued", { code: "ECOSF-21-AAAA-BBBB" }, false], // data missing
    ["certificate.resigned", { certificateId: "c1", code: "ECOSF-21-AAAA-BBBB" }, true],
    ["excuse.accepted", { lectureSlug: "x", startsAt: "2021-12-15T01:00:00.000Z", note: null }, true],
    ["something.else", {}, false], // a kind this code does not know
  ])("%s with %j reads back: %s", async (kind, data, ok) => {
    expect(readNotice(kind, data) !== undefined).toBe(ok);
  });
});

describe("composeNotice", () => {
  const base = {
    name: "Nodira Yusupova",
    cohort: "STI Policy 2026",
    timeZone: "Asia/Tashkent",
    lectures: new Map([["china", { number: 2, title: "China's S&T system reform" }]]),
    siteUrl: "https://training.example.org",
    siteName: "BTBU-ECOSF Joint Training Center",
    achievementName: "4th Programme: STI Policy",
  };
  const compose = (notice: SingleNotice) => composeNotice({ ...base, notice });

  it("a certificate: the PDF, the verification page and LinkedIn's form, filled in", async () => {
    const mail = await compose({
      kind: "certificate.issued",
      data: { certificateId: "cert1", code: "ECOSF-21-7K4M-Q9XT", issuedAt: "2021-12-20T10:00:00.000Z" },
    });
    expect(mail.subject).toBe("Your certificate: STI Policy 2026");
    expect(mail.text).toContain("https://training.example.org/api/certificates/cert1/pdf");
    expect(mail.text).toContain("https://training.example.org/verify/ECOSF-21-7K4M-Q9XT");
    const linkedIn = new URL(/https:\/\/www\.linkedin\.com\/\S+/.exec(mail.text)![0]);
    expect(linkedIn.searchParams.get("certId")).toBe("ECOSF-21-7K4M-Q9XT");
    expect(linkedIn.searchParams.get("issueYear")).toBe("2021");
    expect(linkedIn.searchParams.get("name")).toBe("4th Programme: STI Policy");
  });

  it("a credential signed again: the credential file to download again, and the verification page", async () => {
    const mail = await compose({
      kind: "certificate.resigned",
      data: { certificateId: "cert1", code: "ECOSF-21-7K4M-Q9XT" },
    });
    expect(mail.subject).toBe("Download your credential again: STI Policy 2026");
    expect(mail.text).toContain("ECOSF-21-7K4M-Q9XT of STI Policy 2026 has been signed again");
    expect(mail.text).toContain("https://training.example.org/api/certificates/cert1/credential");
    expect(mail.text).toContain("https://training.example.org/verify/ECOSF-21-7K4M-Q9XT");
    expect(mail.html).toContain('href="https://training.example.org/api/certificates/cert1/credential"');
  });

  it("an excuse refused: the session in the person's zone and the organisers' message; HTML escaped", async () => {
    const mail = await compose({
      kind: "excuse.refused",
      data: { lectureSlug: "china", startsAt: "2021-12-15T03:00:00.000Z", note: "Please <join> online" },
    });
    expect(mail.subject).toBe("Your excuse request was not accepted");
    expect(mail.text).toContain("Lecture 2: China's S&T system reform on Wednesday, December 15, 2021 at 8:00 AM");
    expect(mail.text).toContain("The organisers' message: Please <join> online");
    expect(mail.html).toContain("Please &lt;join&gt; online");
    expect(mail.html).toContain("China&#x27;s S&amp;T");
  });

  it.each([
    [{ kind: "enrolment.approved", data: {} }, "You have a place in STI Policy 2026", "is confirmed"],
    [{ kind: "enrolment.rejected", data: {} }, "Your request to join STI Policy 2026", "was not accepted"],
    [{ kind: "enrolment.withdrawn", data: {} }, "Your place in STI Policy 2026", "can reinstate you"],
    [{ kind: "enrolment.moved", data: { fromCohort: "Old" } }, "You have moved to STI Policy 2026", "from Old to"],
    [
      { kind: "excuse.accepted", data: { lectureSlug: "china", startsAt: "2021-12-15T03:00:00.000Z", note: null } },
      "Your absence is excused",
      "does not count against your attendance",
    ],
    [
      {
        kind: "checkin.open",
        data: { sessionId: "s1", lectureSlug: "china", closesAt: "2021-12-15T03:15:00.000Z" },
      },
      "Check in now: Lecture 2: China's S&T system reform",
      "is open until 8:15 AM (Uzbekistan Standard Time)",
    ],
    [
      { kind: "quiz.closing", data: { closesAt: "2021-12-20T12:00:00.000Z", lectureSlugs: ["china", "unknown"] } },
      "Quizzes close tomorrow: STI Policy 2026",
      "Your certificate still needs these quizzes: Lecture 2: China's S&T system reform; unknown.",
    ],
  ] as [SingleNotice, string, string][])("%j", async (notice, subject, phrase) => {
    const mail = await compose(notice);
    expect(mail.subject).toBe(subject);
    expect(mail.text).toContain(phrase);
    expect(mail.text).toMatch(/^Dear Nodira Yusupova,/);
  });

  it("a reminding notice ends with the link that stops reminders; a decision has none", async () => {
    const closing = await composeNotice({
      ...base,
      notice: { kind: "quiz.closing", data: { closesAt: "2021-12-20T12:00:00.000Z", lectureSlugs: ["china"] } },
      unsubscribeUrl: "https://training.example.org/unsubscribe?u=u1&k=reminder&t=tok",
    });
    expect(closing.text).toContain("To stop them, open https://training.example.org/unsubscribe?u=u1&k=reminder&t=tok");
    expect((await compose({ kind: "enrolment.approved", data: {} })).text).not.toContain("unsubscribe");
  });
});
