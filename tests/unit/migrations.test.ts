import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");

// `npm run db:new-migration` diffs this snapshot against schema.prisma and then
// moves it on; a schema change without its migration leaves them different.
it("every change to prisma/schema.prisma has its migration (the migrations' snapshot matches)", () => {
  const schema = readFileSync(path.join(ROOT, "prisma/schema.prisma"), "utf8");
  const snapshot = readFileSync(path.join(ROOT, "prisma/migrations/schema.snapshot.prisma"), "utf8");
  expect(snapshot, "run: npm run db:new-migration -- <name>").toBe(schema);
});
