// The English catalog (messages/en.json) against the code that reads it:
// - every key the code asks for is there, so no page shows a raw key such as
//   "Quiz.refused.closed";
// - it names each key once: JSON.parse (and so next-intl) keeps the last of two
//   equal keys and silently drops the first one's messages.
// Keys are read from the source's syntax tree: `useTranslations("Ns")` and
// `getTranslations("Ns" | { namespace: "Ns" })` bind a translator, whose calls
// `t("key")`, `t.rich("key")` and `t.markup("key")` must name a message (`t.raw("key")`
// any value), as must `privatePageMetadata("Ns", key = "title")`. A key built
// from a template (`t(\`states.${s}\`)`) must match at least one message; a key
// held in a variable (`t(v)`) is not checked.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { isMap, isScalar, parseDocument, type Node } from "yaml";

const ROOT = path.resolve(import.meta.dirname, "../..");
const CATALOG = path.join(ROOT, "messages/en.json");

/** A key as written, or, for a template, a pattern (each `${…}` one or more characters other than a dot). */
type Key = string | { pattern: RegExp; shown: string };
type Use = { at: string; namespace: string; key: Key; method: string };

/** Every key path that occurs more than once in the same object of a JSON text. */
function duplicateKeys(json: string): string[] {
  // YAML is a superset of JSON; unlike JSON.parse, this parser keeps both pairs.
  const doc = parseDocument(json, { uniqueKeys: false });
  if (doc.errors.length > 0) throw doc.errors[0];
  const found: string[] = [];
  const visit = (node: Node | null, prefix: string) => {
    if (!isMap(node)) return;
    const seen = new Set<string>();
    for (const pair of node.items) {
      const key = String(isScalar(pair.key) ? pair.key.value : pair.key);
      if (seen.has(key)) found.push(`${prefix}${key}`);
      seen.add(key);
      visit(pair.value as Node | null, `${prefix}${key}.`);
    }
  };
  visit(doc.contents, "");
  return found;
}

const TRANSLATOR_TYPE = /\b(?:use|get)Translations<"([^"]*)">/;
const METHODS = new Set(["rich", "markup", "raw"]);

/** The namespace a translator-making call binds ("" for the whole catalog), or null if it is not one or not literal. */
function namespaceOf(expression: ts.Expression): string | null {
  const call = ts.isAwaitExpression(expression) ? expression.expression : expression;
  if (!ts.isCallExpression(call) || !ts.isIdentifier(call.expression)) return null;
  if (call.expression.text !== "useTranslations" && call.expression.text !== "getTranslations") return null;
  const [arg] = call.arguments;
  if (!arg) return "";
  if (ts.isStringLiteral(arg)) return arg.text;
  if (ts.isObjectLiteralExpression(arg))
    for (const p of arg.properties)
      if (ts.isPropertyAssignment(p) && p.name.getText() === "namespace" && ts.isStringLiteral(p.initializer))
        return p.initializer.text;
  return null;
}

/** The keys an argument can name: exact strings, or a pattern for a template; none when it is a variable. */
function keysOf(arg: ts.Expression | undefined): Key[] {
  if (!arg) return [];
  if (ts.isStringLiteral(arg) || ts.isNoSubstitutionTemplateLiteral(arg)) return [arg.text];
  if (ts.isParenthesizedExpression(arg) || ts.isAsExpression(arg)) return keysOf(arg.expression);
  if (ts.isConditionalExpression(arg)) return [...keysOf(arg.whenTrue), ...keysOf(arg.whenFalse)];
  if (ts.isTemplateExpression(arg)) {
    const quote = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    const parts = [quote(arg.head.text), ...arg.templateSpans.map((s) => `[^.]+${quote(s.literal.text)}`)];
    const shown = arg.head.text + arg.templateSpans.map((s) => `*${s.literal.text}`).join("");
    return [{ pattern: new RegExp(`^${parts.join("")}$`), shown }];
  }
  return [];
}

/** Names a binding pattern or identifier introduces. */
function namesOf(name: ts.BindingName): string[] {
  if (ts.isIdentifier(name)) return [name.text];
  return name.elements.flatMap((e) => (ts.isBindingElement(e) ? namesOf(e.name) : []));
}

/** Every message a source file asks for, with the namespace its translator was bound to. */
function translationUses(file: string, source: string): Use[] {
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const uses: Use[] = [];
  // Innermost scope last; null marks a name that is not a translator (it shadows an outer one).
  const scopes: Map<string, string | null>[] = [];
  const lookup = (name: string) => {
    for (let i = scopes.length - 1; i >= 0; i--) if (scopes[i]!.has(name)) return scopes[i]!.get(name)!;
    return null;
  };
  const add = (node: ts.Node, namespace: string, keys: Key[], method: string) => {
    const at = `${path.relative(ROOT, file)}:${sf.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
    for (const key of keys) uses.push({ at, namespace, key, method });
  };

  const visit = (node: ts.Node) => {
    const opens = ts.isSourceFile(node) || ts.isBlock(node) || ts.isFunctionLike(node);
    if (opens) scopes.push(new Map());
    const scope = scopes[scopes.length - 1]!;
    if (ts.isFunctionLike(node))
      for (const p of node.parameters) {
        for (const name of namesOf(p.name)) scope.set(name, null);
        // A translator handed in: `t: Awaited<ReturnType<typeof getTranslations<"Ns">>>`, alone or in a props type.
        if (ts.isIdentifier(p.name) && p.type) {
          const m = TRANSLATOR_TYPE.exec(p.type.getText());
          if (m) scope.set(p.name.text, m[1]!);
        }
        if (ts.isObjectBindingPattern(p.name) && p.type && ts.isTypeLiteralNode(p.type))
          for (const member of p.type.members) {
            const m = ts.isPropertySignature(member) && member.type && TRANSLATOR_TYPE.exec(member.type.getText());
            const element =
              m && p.name.elements.find((e) => (e.propertyName ?? e.name).getText() === member.name!.getText());
            if (m && element) scope.set(element.name.getText(), m[1]!);
          }
      }
    if (ts.isVariableDeclaration(node)) {
      const namespace = node.initializer ? namespaceOf(node.initializer) : null;
      for (const name of namesOf(node.name)) scope.set(name, null);
      if (namespace !== null && ts.isIdentifier(node.name)) scope.set(node.name.text, namespace);
    }
    if (ts.isCallExpression(node)) {
      const callee = node.expression;
      if (ts.isIdentifier(callee) && callee.text === "privatePageMetadata") {
        // lib/i18n/metadata.ts: privatePageMetadata("Ns", key = "title").
        const [ns, key] = node.arguments;
        if (ns && ts.isStringLiteral(ns)) add(node, ns.text, key ? keysOf(key) : ["title"], "call");
      } else if (ts.isIdentifier(callee)) {
        const namespace = lookup(callee.text);
        if (namespace !== null) add(node, namespace, keysOf(node.arguments[0]), "call");
      } else if (ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression)) {
        const namespace = lookup(callee.expression.text);
        if (namespace !== null && METHODS.has(callee.name.text))
          add(node, namespace, keysOf(node.arguments[0]), callee.name.text);
      }
    }
    ts.forEachChild(node, visit);
    if (opens) scopes.pop();
  };
  visit(sf);
  return uses;
}

/** The uses whose message is not in the catalog, as "file:line Namespace.key". */
function missingMessages(uses: Use[], catalog: Record<string, unknown>): string[] {
  const at = (dotted: string): unknown =>
    dotted === "" ? catalog : dotted.split(".").reduce<unknown>((o, k) => (o as Record<string, unknown>)?.[k], catalog);
  const leaves = (o: unknown, prefix = ""): string[] =>
    typeof o === "object" && o !== null
      ? Object.entries(o).flatMap(([k, v]) => leaves(v, `${prefix}${k}.`))
      : [prefix.slice(0, -1)];
  return uses.flatMap(({ at: where, namespace, key, method }) => {
    const name = `${namespace ? `${namespace}.` : ""}${typeof key === "string" ? key : key.shown}`;
    if (typeof key !== "string")
      return leaves(at(namespace)).some((k) => key.pattern.test(k)) ? [] : [`${where} ${name}`];
    const value = at(namespace ? `${namespace}.${key}` : key);
    const ok = method === "raw" ? value !== undefined : typeof value === "string";
    return ok ? [] : [`${where} ${name}`];
  });
}

/** The source files that can ask for messages (the rest cannot: they never mention a translator). */
function sourceFiles(): { file: string; source: string }[] {
  return ["app", "components", "lib"]
    .flatMap((dir) =>
      readdirSync(path.join(ROOT, dir), { withFileTypes: true, recursive: true })
        .filter((e) => e.isFile() && /\.tsx?$/.test(e.name))
        .map((e) => path.join(e.parentPath, e.name)),
    )
    .map((file) => ({ file, source: readFileSync(file, "utf8") }))
    .filter(({ source }) => /Translations|privatePageMetadata/.test(source));
}

describe("the checks find what they look for", () => {
  it("a key named twice in one object, at any depth, and not the same key in two objects", () => {
    const json = '{"A": {"x": "1", "y": {"z": "2"}, "x": {"w": "3"}}, "B": {"x": "4", "y": {"z": "5", "z": "6"}}}';
    expect(duplicateKeys(json)).toEqual(["A.x", "B.y.z"]);
  });

  it("keys asked for through each kind of translator, and a missing or non-string message", () => {
    const source = `
      import { getTranslations } from "next-intl/server";
      export const generateMetadata = () => [privatePageMetadata("Quiz"), privatePageMetadata("Site")];
      export default async function Page() {
        const t = await getTranslations("Quiz");
        const other = await getTranslations({ locale: "en", namespace: "Site" });
        return [t("title"), t.rich("missing", {}), t(\`refused.\${reason}\`), t(\`gone.\${x}\`), t(ok ? "title" : "nope"),
          other("name"), t("refused"), ["a"].map((t) => t("not a translator")), t(variable)];
      }
      function Part({ t }: { t: Awaited<ReturnType<typeof getTranslations<"Site">>> }) { return t("absent"); }`;
    const uses = translationUses(path.join(ROOT, "x.tsx"), source);
    const catalog = { Quiz: { title: "T", refused: { closed: "C" } }, Site: { name: "N" } };
    expect(missingMessages(uses, catalog)).toEqual([
      "x.tsx:3 Site.title",
      "x.tsx:7 Quiz.missing",
      "x.tsx:7 Quiz.gone.*",
      "x.tsx:7 Quiz.nope",
      "x.tsx:8 Quiz.refused",
      "x.tsx:10 Site.absent",
    ]);
  });
});

describe("messages/en.json", () => {
  const text = readFileSync(CATALOG, "utf8");
  const catalog = JSON.parse(text) as Record<string, unknown>;

  it("names each key once", () => {
    expect(duplicateKeys(text)).toEqual([]);
  });

  const files = sourceFiles().map(({ file, source }) => ({ file, uses: translationUses(file, source) }));

  it("holds every message the code asks for", () => {
    const uses = files.flatMap((f) => f.uses);
    expect(missingMessages(uses, catalog)).toEqual([]);
  });

  it("every file that makes a translator is understood by the check (it finds keys there)", () => {
    const unread = sourceFiles()
      .filter(({ source }) => /\b(?:use|get)Translations\(/.test(source))
      .filter(({ file }) => !files.some((f) => f.file === file && f.uses.some((u) => typeof u.key === "string")))
      .map(({ file }) => path.relative(ROOT, file));
    // lib/i18n/metadata.ts takes its namespace and key as arguments; its callers are checked instead.
    expect(unread).toEqual(["lib/i18n/metadata.ts"]);
  });
});
