// How a text the benches look for appears in what the server sends: escaped by React in an
// HTML document, or as a JSON string in an RSC payload.

/** Text as React writes it into HTML. */
export const html = (text: string) =>
  text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#x27;");

/** Text as React writes it into an RSC payload (a JSON string). */
export const flight = (text: string) => JSON.stringify(text).slice(1, -1);
