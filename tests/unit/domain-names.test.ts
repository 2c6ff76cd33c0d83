import { describe, expect, it } from "vitest";
import { certificatesWithOldNames, nameLang } from "@/lib/domain/names";

describe("nameLang", () => {
  it.each<[string | null, string | null, string | undefined]>([
    ["Mozhgan Yazdianpour", "IR", undefined],
    ["José Ñúñez", null, undefined],
    [null, "IR", undefined],
    ["", "CN", undefined],
    ["مژگان یزدیان‌پور", "IR", "fa"],
    ["مژگان یزدیان‌پور", "ir", "fa"],
    ["عارفہ بھٹو", "PK", "ur"],
    ["عارفہ بھٹو", null, "ur"],
    ["عارفہ بھٹو", "IR", "ur"],
    ["عمران خان", "IN", "ur"],
    ["زړه ور", "AF", "ps"],
    ["محمد علي", "EG", "ar"],
    ["محمد علي", null, "ar"],
    ["李岩", "CN", "zh"],
    ["李岩", null, "zh"],
    ["Иван Петров", "RU", "ru"],
    ["Иван Петров", null, "ru"],
    ["Айгерим Нурланова", "KZ", "kk"],
    ["Фарход Раҳимов", "TJ", "tg"],
    ["やまだ たろう", "JP", "ja"],
    ["山田 たろう", null, "ja"],
    ["김민준", "KR", "ko"],
    ["Γιώργος", "GR", "el"],
    ["राम शर्मा", "NP", "ne"],
    ["সুমন", "BD", "bn"],
    ["ნინო", "GE", "ka"],
  ])("%s from %s: %s", (name, country, lang) => expect(nameLang(name, country)).toBe(lang));
});

describe("certificatesWithOldNames", () => {
  const issued = { code: "A", name: "Li Yan", nativeName: "李岩" };
  it.each<[string, { certificateName: string | null; nativeName: string | null }, boolean]>([
    ["the same names", { certificateName: "Li Yan", nativeName: "李岩" }, false],
    ["the same names, spaced differently", { certificateName: " Li  Yan ", nativeName: "李岩" }, false],
    ["a new Latin name", { certificateName: "Yan Li", nativeName: "李岩" }, true],
    ["a new native name", { certificateName: "Li Yan", nativeName: "李燕" }, true],
    ["the native name removed", { certificateName: "Li Yan", nativeName: null }, true],
  ])("%s: %s", (_, profile, stale) => {
    expect(certificatesWithOldNames([issued], profile)).toEqual(stale ? [issued] : []);
  });

  it("treats no native name and an empty one alike", () => {
    const latinOnly = { code: "B", name: "Ana Lee", nativeName: null };
    expect(certificatesWithOldNames([latinOnly], { certificateName: "Ana Lee", nativeName: "" })).toEqual([]);
  });
});
