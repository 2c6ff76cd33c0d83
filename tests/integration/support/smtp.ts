// A real SMTP server (smtp-server) for the tests of queued mail: it keeps what it receives,
// and answers each recipient as the test says at that moment.
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll } from "vitest";
import { closeMailTransports } from "@/lib/mail/send";

/** A real SMTP server (listen on a free port) that answers each recipient as `answer` says at that moment. */
export function smtpServer(opts: { delayMs?: number } = {}) {
  const received: { from: string; to: string; subject: string; raw: string }[] = [];
  const state = { answer: "accept" as "accept" | "busy" | "unknown-user" };
  const server = new SMTPServer({
    disabledCommands: ["AUTH", "STARTTLS"],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (state.answer === "accept") return callback();
      const err = Object.assign(new Error(state.answer === "busy" ? "Mailbox busy, try later" : "No such user here"), {
        responseCode: state.answer === "busy" ? 451 : 550,
      });
      callback(err);
    },
    onData(stream, session, callback) {
      let raw = "";
      stream.on("data", (chunk: Buffer) => (raw += chunk.toString()));
      stream.on("end", () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          to: session.envelope.rcptTo.map((r) => r.address).join(","),
          subject: /^Subject: (.*)$/m.exec(raw)?.[1] ?? "",
          raw,
        });
        // A real server takes a moment to accept a message: a test that stops a sender half-way needs the time.
        if (opts.delayMs) setTimeout(callback, opts.delayMs);
        else callback();
      });
    },
  });
  // A sender killed mid-conversation resets its connection: expected, not a failure of the test.
  server.on("error", (err: NodeJS.ErrnoException) => {
    if (err.code !== "ECONNRESET") throw err;
  });
  return { server, received, state };
}

/**
 * A real SMTP server for the file's tests: listening before them, closed after them (with
 * the app's pooled connections to it). `env.SMTP_URL` is its address once it listens.
 */
export function setUpSmtpServer() {
  const smtp = smtpServer();
  const env = { SMTP_URL: "" };
  beforeAll(async () => {
    await new Promise<void>((resolve) => smtp.server.listen(0, "127.0.0.1", resolve));
    env.SMTP_URL = `smtp://127.0.0.1:${(smtp.server.server.address() as AddressInfo).port}`;
  });
  afterAll(() => {
    closeMailTransports();
    return new Promise<void>((resolve) => smtp.server.close(resolve));
  });
  return { ...smtp, env };
}
