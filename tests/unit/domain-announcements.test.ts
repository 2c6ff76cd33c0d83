import { describe, expect, it } from "vitest";
import {
  audienceOf,
  draftProblem,
  linkParts,
  paragraphs,
  ZAnnouncementDraft,
  type Audience,
  type TextPart,
} from "@/lib/domain/announcements";
import type { Eligibility, MissingAttendance, MissingQuiz } from "@/lib/domain/certificates";
import { optOutsFromForm, wantsMail, withOptOut } from "@/lib/domain/mail-preferences";
import { composeAnnouncement } from "@/lib/mail/announcement";
import { isValidUnsubscribeToken, unsubscribeToken, unsubscribeUrls } from "@/lib/mail/unsubscribe";

const quiz: MissingQuiz = { kind: "quiz", slug: "china", number: 2, state: "not-started" };
const attendance: MissingAttendance = {
  kind: "attendance",
  attended: 1,
  needed: 4,
  attendMore: 3,
  excusable: [],
  pendingExcuses: 0,
};
const eligibility = new Map<string, Eligibility>([
  ["done", { eligible: true, missing: [] }],
  ["quiz", { eligible: false, missing: [quiz] }],
  ["absent", { eligible: false, missing: [attendance] }],
  ["both", { eligible: false, missing: [quiz, attendance] }],
]);

describe("audienceOf", () => {
  it.each<[Audience, string[]]>([
    ["all", ["done", "quiz", "absent", "both"]],
    ["missing-quiz", ["quiz", "both"]],
    ["missing-attendance", ["absent", "both"]],
  ])("%s", async (audience, expected) => {
    expect(audienceOf(audience, eligibility)).toEqual(expected);
  });
});

describe("drafts", () => {
  it.each([
    [{ audience: "all", subject: "Welcome", body: "The first session is on Monday." }, null],
    [{ audience: "all", subject: "Hi", body: "The first session is on Monday." }, "subject"],
    [{ audience: "all", subject: "Welcome", body: "Monday." }, "body"],
    [{ audience: "all", subject: "   ", body: "" }, "subject"],
    [{ audience: "all", subject: "Welcome", body: "x".repeat(5_001) }, "body"],
  ])("%j: %s", async (draft, problem) => {
    expect(draftProblem(draft)).toBe(problem);
  });

  it("keeps what was typed, trimmed and with Windows line ends made plain; an unknown audience becomes everyone", async () => {
    expect(ZAnnouncementDraft.parse({ audience: "nobody", subject: " Hi ", body: "a\r\n\r\nb \r\n" })).toEqual({
      audience: "all",
      subject: "Hi",
      body: "a\n\nb",
    });
    expect(ZAnnouncementDraft.safeParse({ audience: "all", subject: "x".repeat(151), body: "" }).success).toBe(false);
  });

  it("splits the body into paragraphs at blank lines, keeping line breaks inside one", async () => {
    expect(paragraphs("One\ntwo\n\n\n  Three  \n \nFour")).toEqual(["One\ntwo", "Three", "Four"]);
    expect(paragraphs("   ")).toEqual([]);
  });
});

describe("mail preferences", () => {
  it.each([
    [[], "reminder", true],
    [["reminder"], "reminder", false],
    [["reminder"], "announcement", true],
    [["announcement", "reminder"], "announcement", false],
  ] as const)("opted out of %j, %s wanted: %s", async (optOuts, kind, wanted) => {
    expect(wantsMail(optOuts, kind)).toBe(wanted);
  });

  it("turns one kind off or on, in a stable order, and reads the profile's boxes", async () => {
    expect(withOptOut([], "announcement", true)).toEqual(["announcement"]);
    expect(withOptOut(["announcement"], "reminder", true)).toEqual(["reminder", "announcement"]);
    expect(withOptOut(["reminder", "announcement"], "reminder", false)).toEqual(["announcement"]);
    expect(optOutsFromForm(new Set(["reminder"]))).toEqual(["announcement"]);
    expect(optOutsFromForm(new Set(["reminder", "announcement", "sign-in"]))).toEqual([]);
    expect(optOutsFromForm(new Set())).toEqual(["reminder", "announcement"]);
  });
});

describe("unsubscribe links", () => {
  const secret = "s".repeat(32);
  it("are signed for the person and the kind, and nothing else passes", async () => {
    const token = unsubscribeToken(secret, "user1", "reminder");
    expect(token).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(isValidUnsubscribeToken(secret, "user1", "reminder", token)).toBe(true);
    expect(isValidUnsubscribeToken(secret, "user2", "reminder", token)).toBe(false);
    expect(isValidUnsubscribeToken(secret, "user1", "announcement", token)).toBe(false);
    expect(isValidUnsubscribeToken("t".repeat(32), "user1", "reminder", token)).toBe(false);
    expect(isValidUnsubscribeToken(secret, "user1", "reminder", token.slice(0, 31))).toBe(false);
  });

  it("point at the configured site: the one-click address for the header, the asking page for the text", async () => {
    const urls = unsubscribeUrls("https://training.example.org", secret, "user1", "announcement");
    const token = unsubscribeToken(secret, "user1", "announcement");
    expect(urls).toEqual({
      oneClick: `https://training.example.org/api/unsubscribe?u=user1&k=announcement&t=${token}`,
      page: `https://training.example.org/unsubscribe?u=user1&k=announcement&t=${token}`,
    });
  });
});

describe("composeAnnouncement", async () => {
  const mail = await composeAnnouncement({
    subject: "Slides <and> recordings",
    body: "The slides are online.\nSee your course page.\n\nThank you & goodbye.",
    name: "Nodira <Yusupova>",
    cohort: "STI Policy 2026",
    courseUrl: "https://training.example.org/dashboard",
    siteName: "BTBU-ECOSF Joint Training Center",
    unsubscribeUrl: "https://training.example.org/unsubscribe?u=u1&k=announcement&t=tok",
  });

  it("names the cohort in the subject and keeps the organiser's paragraphs in both parts", async () => {
    expect(mail.subject).toBe("Slides <and> recordings (STI Policy 2026)");
    expect(mail.text).toContain(
      "Dear Nodira <Yusupova>,\n\nThe slides are online.\nSee your course page.\n\nThank you & goodbye.",
    );
    // A line break inside a paragraph stays one; paragraphs are paragraphs.
    expect(mail.html).toMatch(/The slides are online\.<br\/><\/span><span>See your course page\./);
    expect(mail.html).toMatch(/<p[^>]*><span>Thank you &amp; goodbye\.<\/span><\/p>/);
    expect(mail.html).toContain('<html dir="ltr" lang="en">');
  });

  it("escapes what people typed in the HTML part and ends with the link that stops announcements", async () => {
    expect(mail.html).toContain("Dear Nodira &lt;Yusupova&gt;,");
    expect(mail.html).not.toContain("<Yusupova>");
    expect(mail.text).toContain(
      "To stop them, open https://training.example.org/unsubscribe?u=u1&k=announcement&t=tok",
    );
    expect(mail.html).toContain('href="https://training.example.org/unsubscribe?u=u1&amp;k=announcement&amp;t=tok"');
  });
});

describe("linkParts", () => {
  it.each<[string, string, TextPart[]]>([
    ["no address", "See you on Tuesday.", [{ text: "See you on Tuesday." }]],
    [
      "an address at the end of a sentence keeps its full stop out",
      "Join here: https://zoom.us/j/81234567890?pwd=abc.",
      [{ text: "Join here: " }, { url: "https://zoom.us/j/81234567890?pwd=abc" }, { text: "." }],
    ],
    [
      "an address in brackets",
      "The slides (https://example.org/slides.pdf) are online.",
      [{ text: "The slides (" }, { url: "https://example.org/slides.pdf" }, { text: ") are online." }],
    ],
    [
      "an address with brackets of its own",
      "Read https://en.wikipedia.org/wiki/Science_park_(China), then the quiz.",
      [{ text: "Read " }, { url: "https://en.wikipedia.org/wiki/Science_park_(China)" }, { text: ", then the quiz." }],
    ],
    [
      "two addresses on two lines",
      "Zoom: http://zoom.us/j/1\nSlides: https://example.org/s",
      [{ text: "Zoom: " }, { url: "http://zoom.us/j/1" }, { text: "\nSlides: " }, { url: "https://example.org/s" }],
    ],
    [
      "only http and https are links",
      "javascript:alert(1) ftp://example.org/x mailto:a@b.org",
      [{ text: "javascript:alert(1) ftp://example.org/x mailto:a@b.org" }],
    ],
    [
      "a scheme with no host is not one",
      "https:// and https://localhost",
      [{ text: "https:// and https://localhost" }],
    ],
    [
      "quotes end an address",
      'the page "https://example.org/a" says',
      [{ text: 'the page "' }, { url: "https://example.org/a" }, { text: '" says' }],
    ],
  ])("%s", (_, paragraph, parts) => {
    expect(linkParts(paragraph)).toEqual(parts);
    // Nothing is lost or added: the parts put together are the paragraph.
    expect(parts.map((p) => ("url" in p ? p.url : p.text)).join("")).toBe(paragraph);
  });
});
