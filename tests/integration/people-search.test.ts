import { describe, expect, it } from "vitest";
import { searchPeople } from "@/lib/db/people";
import { setUpTestDatabase } from "./support/database";

const t = setUpTestDatabase();

describe("searchPeople", () => {
  it("[ADMIN][PEOPLE]: finds a person by their address or by any of their names, in any case, and never an erased one", async () => {
    const li = await t.db.user.create({
      data: { email: "lw2021@btbu.example.edu", name: "小明", certificateName: "Li Xiaoming", nativeName: "李小明" },
    });
    await t.db.user.create({
      data: { email: "gone@example.org", certificateName: "Xiaoming Gone", erasedAt: new Date() },
    });
    const found = async (q: string) => (await searchPeople(t.db, q)).map((p) => p.id);
    expect(await found("lw2021")).toEqual([li.id]);
    expect(await found("小明")).toEqual([li.id]);
    expect(await found("xiaoming")).toEqual([li.id]); // the certificate name, in another case
    expect(await found("李小")).toEqual([li.id]); // the name in their own script
    expect(await found("nobody-like-this")).toEqual([]);
  });
});
