import { describe, expect, it } from "vitest";
import { arabicScriptLang, arabicScriptStyle } from "@/lib/domain/arabic-script";

describe("arabicScriptLang and arabicScriptStyle", () => {
  it.each<[string, string, string | null, string | undefined, string | undefined]>([
    // Letters only Urdu uses decide, wherever the holder lives.
    ["ٹ ڑ (tteh, rreh)", "ٹیپو سلطان", null, "ur", "nastaliq"],
    ["ڈ (ddal)", "ڈاکٹر", "IR", "ur", "nastaliq"],
    ["ں (noon ghunna)", "مہرالنساں", null, "ur", "nastaliq"],
    ["ے (bari ye)", "فاطمہ بے", "AE", "ur", "nastaliq"],
    ["ھ (do-chashmi he)", "عارفہ بھٹو", "GB", "ur", "nastaliq"],
    ["ہ (gol he)", "عائشہ خان", null, "ur", "nastaliq"],
    ["ہ, holder in Iran", "عائشہ خان", "IR", "ur", "nastaliq"],
    // Letters Urdu never uses: Pashto's own, Persian's ۀ.
    ["Pashto's ښ and ځ", "ښځه", "PK", "ps", "naskh"],
    ["Pashto's ړ", "زړه ور", "AF", "ps", "naskh"],
    ["Persian's ۀ", "خانۀ نو", "PK", "fa", "naskh"],
    // Shared letters (پ چ ژ گ ک ی): the country decides.
    ["shared letters, Pakistan", "عمران خان", "PK", "ur", "nastaliq"],
    ["shared letters, India", "عمران خان", "IN", "ur", "nastaliq"],
    ["shared letters, lower-case country", "عمران خان", "pk", "ur", "nastaliq"],
    ["shared letters, Iran", "محمد رضا", "IR", "fa", "naskh"],
    ["Persian's پ and گ, Iran", "پرویز گلپایگانی", "IR", "fa", "naskh"],
    ["Persian's پ and گ, Pakistan", "پرویز گل", "PK", "ur", "nastaliq"],
    ["shared letters, Afghanistan", "محمد علی", "AF", "fa", "naskh"],
    ["shared letters, Tajikistan", "محمد علی", "TJ", "fa", "naskh"],
    ["Arabic, Egypt", "محمد علي", "EG", "ar", "naskh"],
    ["shared letters, no country", "محمد علی", null, "ar", "naskh"],
    ["shared letters, a country elsewhere", "محمد علی", "CN", "ar", "naskh"],
    // Not Arabic script at all.
    ["Latin", "Imran Khan", "PK", undefined, undefined],
    ["Chinese", "李明", "CN", undefined, undefined],
    ["empty", "", "PK", undefined, undefined],
  ])("%s: %s from %s", (_, name, country, lang, style) => {
    expect(arabicScriptLang(name, country)).toBe(lang);
    expect(arabicScriptStyle(name, country)).toBe(style);
  });
});
