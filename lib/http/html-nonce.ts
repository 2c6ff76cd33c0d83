// Puts a per-response nonce on the script (and script-preloading link) tags of an HTML
// response as it streams out, so that one Content-Security-Policy holds for every page:
// those Next.js renders per request, and those it serves from its cache (lecture pages,
// /verify/<code>) that were rendered once for everybody and cannot carry a nonce of their
// own. Only markup the framework wrote can open a tag here: React escapes every "<" of
// text and attribute values, and the flight data inside inline scripts ("\u003c"), so
// nothing a user typed becomes a tag that gets the nonce.
import { StringDecoder } from "node:string_decoder";

const TAG = /<(script|link)(?=[\s>/])/gi;
// "<script" plus the character that ends the name: a shorter tail may still become a tag.
const LONGEST = "<script ".length;

/** A streaming rewriter: feed it the body's chunks, then call it with `end` for the rest. */
export function createNonceInserter(nonce: string) {
  const decoder = new StringDecoder("utf8");
  let held = "";
  const insert = (text: string) => text.replace(TAG, `<$1 nonce="${nonce}"`);
  return function rewrite(chunk: Buffer | string | undefined, end = false): string {
    let text = held + (chunk === undefined ? "" : typeof chunk === "string" ? chunk : decoder.write(chunk));
    if (end) {
      text += decoder.end();
      held = "";
      return insert(text);
    }
    const lt = text.lastIndexOf("<");
    if (lt !== -1 && text.length - lt < LONGEST) {
      held = text.slice(lt);
      text = text.slice(0, lt);
    } else held = "";
    return insert(text);
  };
}
