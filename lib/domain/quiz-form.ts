/**
 * A quiz question's answer as a form holds it, read the same way by the attempt page's
 * autosave in the browser and by the server action that receives the whole form (a page
 * without JavaScript, or the final submit): one reading, so an answer typed once is the
 * same answer whichever way it travels. Pure and free of server code, for both bundles.
 */
import { asciiDigits } from "./digits";
import type { PublicQuestion, QuizResponse } from "./quiz";

/** Signs and separators with an ASCII meaning: the Arabic decimal and thousands separators, full-width forms, the minus sign. */
const SAME_AS: Record<string, string> = {
  "\u066b": ".",
  "\u066c": ",",
  "\uff0e": ".",
  "\uff0c": ",",
  "\u2212": "-",
  "\uff0d": "-",
  "\uff0b": "+",
};

function toAscii(text: string): string {
  return [...asciiDigits(text)].map((ch) => SAME_AS[ch] ?? ch).join("");
}

/** Whole numbers grouped by thousands (1,234,567) or as in South Asia (12,34,567). */
const GROUPED = /^(\d{1,3}(,\d{3})+|\d{1,2}(,\d{2})*,\d{3})$/;
const PLAIN = /^(\d+\.?\d*|\.\d+)$/;

/**
 * The number typed in a numeric answer's box: undefined when it is empty, NaN when it is not
 * a number. Read leniently, as people from many countries type numbers:
 * - digits of other scripts (Persian ۱۹۸۸, Arabic-Indic ١٩٨٨, full-width １９８８, ...) count as
 *   their ASCII digits; spaces and apostrophes are ignored (1 988, 1'988);
 * - with both a dot and a comma, the last one is the decimal separator and the other groups
 *   digits (1,234.5 and 1.234,5 are both 1234.5);
 * - a comma alone is a decimal separator (2,5 is 2.5), except as a thousands separator
 *   followed by groups of three digits (1,988 and 1,000,000; 12,34,567 as in South Asia);
 * - a dot alone is a decimal separator (2.5), or groups digits when there are several
 *   (1.234.567).
 * Exponents, hexadecimal and words (1e3, 0x10, Infinity) are not numbers here.
 */
export function parseNumberInput(text: string): number | undefined {
  const ascii = toAscii(text).replace(/[\s'\u2019]/g, "");
  if (ascii === "") return undefined;
  const sign = /^[+-]/.test(ascii) ? ascii.charAt(0) : "";
  const body = ascii.slice(sign.length);
  if (!/^[\d.,]+$/.test(body)) return Number.NaN;
  const lastDot = body.lastIndexOf(".");
  const lastComma = body.lastIndexOf(",");
  let grouping: "," | "." | undefined;
  if (lastDot >= 0 && lastComma >= 0) grouping = lastDot > lastComma ? "," : ".";
  else if (lastComma >= 0) grouping = body.indexOf(",") !== lastComma || GROUPED.test(body) ? "," : undefined;
  else if (lastDot >= 0 && body.indexOf(".") !== lastDot) grouping = ".";
  let plain: string;
  if (grouping) {
    const decimal = grouping === "," ? "." : ",";
    const at = body.indexOf(decimal);
    if (at !== body.lastIndexOf(decimal)) return Number.NaN;
    const whole = at < 0 ? body : body.slice(0, at);
    const fraction = at < 0 ? "" : body.slice(at + 1);
    if (!GROUPED.test(whole.replaceAll(grouping, ","))) return Number.NaN;
    plain = whole.replaceAll(grouping, "") + (at < 0 ? "" : `.${fraction}`);
  } else plain = body.replace(",", ".");
  return PLAIN.test(plain) ? Number(sign + plain) : Number.NaN;
}

/**
 * One question's answer in `form` (its fields are named `q-<id>`), in the shape
 * `parseResponse` checks; undefined when the form holds none. A multiple-choice question
 * shown with nothing ticked (its `q-<id>-shown` field) is an empty choice, which clears an
 * earlier one. A numeric answer that is not a number is kept as NaN, for `parseResponse` to
 * refuse as invalid.
 */
export function responseFromForm(
  question: Pick<PublicQuestion, "id" | "type">,
  form: FormData,
): QuizResponse | undefined {
  const name = `q-${question.id}`;
  const value = form.get(name);
  switch (question.type) {
    case "single":
      return typeof value === "string" && value !== "" ? { type: "single", optionId: value } : undefined;
    case "multiple": {
      const optionIds = form.getAll(name).filter((v): v is string => typeof v === "string");
      return form.has(`${name}-shown`) || optionIds.length > 0 ? { type: "multiple", optionIds } : undefined;
    }
    case "true-false":
      return value === "true" || value === "false" ? { type: "true-false", value: value === "true" } : undefined;
    case "numeric": {
      const number = parseNumberInput(typeof value === "string" ? value : "");
      return number === undefined ? undefined : { type: "numeric", value: number };
    }
  }
}
