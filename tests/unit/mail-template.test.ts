import { describe, expect, it } from "vitest";
import { field, mailMerge, renderMail, type MailContent } from "@/lib/mail/template";

const content: MailContent = {
  subject: "In one hour: Lecture 3",
  preview: "Lecture 3 starts in one hour.",
  greeting: "Dear Bilal Qureshi,",
  paragraphs: ["The live session of Lecture 3 starts in one hour, at 11:00 (Pakistan Standard Time).", "One\nTwo"],
  action: { label: "Join the live session", url: "https://zoom.us/j/123?pwd=a&b=c" },
  links: [{ label: "Your course page", url: "https://training.example.org/dashboard" }],
  signature: "BTBU-ECOSF Joint Training Center",
  unsubscribe: { what: "reminders", url: "https://training.example.org/unsubscribe?u=u1&k=reminder&t=tok" },
};

describe("renderMail", () => {
  it("gives a plain-text part a person can read and act on: no wrapping, each link once, the button's address on its own line", async () => {
    const { text, subject } = await renderMail(content);
    expect(subject).toBe("In one hour: Lecture 3");
    expect(text).toBe(
      [
        "Dear Bilal Qureshi,",
        "",
        "The live session of Lecture 3 starts in one hour, at 11:00 (Pakistan Standard Time).",
        "",
        "One\nTwo",
        "",
        "Join the live session: https://zoom.us/j/123?pwd=a&b=c",
        "",
        "Your course page: https://training.example.org/dashboard",
        "",
        "BTBU-ECOSF Joint Training Center",
        "",
        "----------------------------------------",
        "",
        "You receive reminders as a participant. To stop them, open https://training.example.org/unsubscribe?u=u1&k=reminder&t=tok or change your profile's e-mail settings.",
      ].join("\n"),
    );
  });

  it("gives an HTML part in English with the inbox preview, a button, escaped addresses, and no footer for mail that cannot be turned off", async () => {
    const { html } = await renderMail(content);
    expect(html).toContain('<html dir="ltr" lang="en">');
    expect(html).toContain("Lecture 3 starts in one hour.");
    expect(html).toContain('href="https://zoom.us/j/123?pwd=a&amp;b=c"');
    expect(html).toContain("Join the live session</");
    const { html: required, text } = await renderMail({ ...content, unsubscribe: undefined });
    expect(required).not.toContain("unsubscribe");
    expect(text).not.toContain("To stop them");
  });
});

describe("mailMerge", () => {
  it("fills each recipient's fields into one rendering: the same mail as rendering it for them", async () => {
    const merged = await mailMerge(
      { ...content, greeting: `Dear ${field("name")},`, unsubscribe: { what: "reminders", url: field("link") } },
      ["name", "link"],
    );
    for (const [name, link] of [
      ["Chen Wei", "https://training.example.org/unsubscribe?u=c1&k=reminder&t=abc"],
      ["Dilnoza Karimova", "https://training.example.org/unsubscribe?u=d2&k=reminder&t=def"],
    ] as const) {
      const own = await renderMail({
        ...content,
        greeting: `Dear ${name},`,
        unsubscribe: { what: "reminders", url: link },
      });
      expect(merged({ name, link })).toEqual(own);
    }
  });

  it("escapes what it fills into the HTML part, and only there", async () => {
    const merged = await mailMerge({ ...content, greeting: `Dear ${field("name")},` }, ["name"]);
    const mail = merged({ name: `<b>Eve</b> & "co"` });
    expect(mail.html).toContain("Dear &lt;b&gt;Eve&lt;/b&gt; &amp; &quot;co&quot;,");
    expect(mail.html).not.toContain("<b>Eve</b>");
    expect(mail.text).toContain(`Dear <b>Eve</b> & "co",`);
  });
});
