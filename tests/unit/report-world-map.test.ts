import { describe, expect, it } from "vitest";
import { COUNTRY_CODES } from "@/lib/domain/profile";
import { MAP, worldPaths } from "@/lib/reports/world-map";

describe("the report's world map", () => {
  const paths = worldPaths();
  const byCode = new Map(paths.map((p) => [p.code, p.d]));

  it("outlines the programme's countries, each once, keyed as profiles store them", () => {
    for (const code of ["CN", "PK", "IR", "AZ", "KZ", "UZ", "TR", "AF", "TJ", "KG", "TM", "RS", "BD"])
      expect(byCode.get(code), code).toMatch(/^M[\d.-]/);
    expect(new Set(paths.map((p) => p.code)).size).toBe(paths.length);
    expect(paths.length).toBeGreaterThan(150);
    const known = new Set<string>(COUNTRY_CODES);
    expect(paths.filter((p) => !known.has(p.code)).map((p) => p.code)).toEqual([]);
  });

  it("draws inside the map's box", () => {
    const numbers = paths.flatMap((p) => p.d.match(/-?\d+(\.\d+)?/g)!.map(Number));
    expect(Math.min(...numbers)).toBeGreaterThanOrEqual(-1);
    expect(Math.max(...numbers)).toBeLessThanOrEqual(MAP.width + 1);
  });

  it("is worked out once", () => {
    expect(worldPaths()).toBe(paths);
  });
});
