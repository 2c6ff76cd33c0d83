import { describe, expect, it } from "vitest";
import { organisersEmail } from "@/lib/site/contact";

describe("organisersEmail (the organisers' contact address)", () => {
  it.each<[string, Record<string, string | undefined>, string]>([
    [
      "CONTACT_EMAIL when set",
      { CONTACT_EMAIL: "training@ecosf.org", ADMIN_EMAIL: "admin@ecosf.org" },
      "training@ecosf.org",
    ],
    ["CONTACT_EMAIL trimmed", { CONTACT_EMAIL: "  training@ecosf.org\n" }, "training@ecosf.org"],
    ["ADMIN_EMAIL without CONTACT_EMAIL", { ADMIN_EMAIL: "admin@ecosf.org" }, "admin@ecosf.org"],
    [
      "ADMIN_EMAIL when CONTACT_EMAIL is blank",
      { CONTACT_EMAIL: " ", ADMIN_EMAIL: "admin@ecosf.org" },
      "admin@ecosf.org",
    ],
    [
      "ADMIN_EMAIL when CONTACT_EMAIL is not an address",
      { CONTACT_EMAIL: "ask Khalil", ADMIN_EMAIL: "admin@ecosf.org" },
      "admin@ecosf.org",
    ],
    ["the seed admin's default when neither is set", {}, "admin@example.org"],
  ])("%s", (_, env, expected) => {
    expect(organisersEmail(env)).toBe(expected);
  });
});
