import type { IncomingHttpHeaders } from "node:http";

/** A Node request's headers read like a Web `Headers`: the first value of a repeated one, null when absent. */
export const webHeaders = (headers: IncomingHttpHeaders): Pick<Headers, "get"> => ({
  get: (name: string) => {
    const value = headers[name.toLowerCase()];
    return (Array.isArray(value) ? value[0] : value) ?? null;
  },
});
