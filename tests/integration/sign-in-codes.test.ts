import { describe, expect, it } from "vitest";
import { hashSignInCode, sameHash } from "@/lib/auth/codes";
import { checkSignInCode, replaceSignInSecrets } from "@/lib/db/auth-tokens";
import { setUpTestDatabase } from "./support/database";

const t = setUpTestDatabase();
const SECRET = "test-secret";
const later = () => new Date(Date.now() + 10 * 60_000);

async function issue(email: string, code: string, link = `link-${code}`) {
  await replaceSignInSecrets(t.db, {
    email,
    linkTokenHash: link,
    codeHash: hashSignInCode(email, code, SECRET),
    expires: later(),
  });
}

const checkWithTries = (email: string, code: string, now?: Date) =>
  checkSignInCode(
    t.db,
    { email, tries: 5, matches: (stored) => sameHash(stored, hashSignInCode(email, code, SECRET)) },
    now,
  );
const check = async (email: string, code: string, now?: Date) => (await checkWithTries(email, code, now)).result;

describe("[SECURITY][SIGN-IN]: sign-in codes in the database", () => {
  it("a new e-mail replaces the address's earlier link and code", async () => {
    await issue("a@example.org", "111111", "first-link");
    await issue("a@example.org", "222222", "second-link");
    const links = await t.db.verificationToken.findMany({ where: { identifier: "a@example.org" } });
    expect(links.map((l) => l.token)).toEqual(["second-link"]);
    expect(await check("a@example.org", "111111")).toBe("wrong");
    expect(await check("a@example.org", "222222")).toBe("ok");
    expect(await check("a@example.org", "222222")).toBe("invalid");
  });

  it("five tries: the fifth wrong one deletes the code and the link, and the right one then fails", async () => {
    await issue("b@example.org", "333333");
    for (let i = 0; i < 4; i++) expect(await check("b@example.org", "000000")).toBe("wrong");
    expect(await check("b@example.org", "000000")).toBe("locked");
    expect(await t.db.verificationToken.count({ where: { identifier: "b@example.org" } })).toBe(0);
    expect(await check("b@example.org", "333333")).toBe("invalid");
  });

  it("a wrong code says how many tries are left, and a right one still signs in", async () => {
    await issue("e@example.org", "666666");
    expect(await checkWithTries("e@example.org", "000000")).toEqual({ result: "wrong", triesLeft: 4 });
    expect(await checkWithTries("e@example.org", "000001")).toEqual({ result: "wrong", triesLeft: 3 });
    expect(await checkWithTries("e@example.org", "666666")).toEqual({ result: "ok" });
  });

  it("concurrent guesses cannot use more than five tries", async () => {
    await issue("c@example.org", "444444");
    const results = await Promise.all(Array.from({ length: 12 }, () => check("c@example.org", "000000")));
    expect(results.filter((r) => r === "wrong" || r === "locked")).toHaveLength(5);
    expect(results.filter((r) => r === "locked")).toHaveLength(1);
    expect(await check("c@example.org", "444444")).toBe("invalid");
  });

  it("an expired code does not sign in", async () => {
    await issue("d@example.org", "555555");
    expect(await check("d@example.org", "555555", new Date(Date.now() + 11 * 60_000))).toBe("invalid");
  });
});
