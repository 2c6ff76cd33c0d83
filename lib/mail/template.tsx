// The one template of the platform's e-mails (React Email): a message is described as its
// parts (greeting, paragraphs, a main button, links, signature, the unsubscribe footer) and
// rendered into both its HTML part (table-based, inline styles, readable on a phone, with
// a hidden preview line for the inbox list) and its plain-text part, from the same tree.
// Pure apart from rendering: no I/O.
import { escapeHtml } from "./html";
import { Body, Button, Container, Head, Hr, Html, Link, Preview, render, Section, Text } from "@react-email/components";

export type Mail = { subject: string; text: string; html: string };

export type MailContent = {
  subject: string;
  /** The inbox's preview line (hidden in the message itself). */
  preview: string;
  greeting: string;
  /** Paragraphs; a line break inside one is kept. */
  paragraphs: readonly string[];
  /** The one thing to do, as a button (its address is also shown, for clients that hide buttons). */
  action?: { label: string; url: string };
  /** A code to type instead of following the action (a sign-in code), shown large after its label. */
  code?: { label: string; value: string };
  /** Paragraphs after the action and the code. */
  closing?: readonly string[];
  /** Further links, one per line. */
  links?: readonly { label: string; url: string }[];
  signature: string;
  /** Optional mail: why it came and the page that stops it. */
  unsubscribe?: { what: string; url: string };
};

const BRAND = "#0f5346";
const INK = "#1c1917";
const MUTED = "#44403c";

const text = { color: INK, fontSize: "16px", lineHeight: "24px", margin: "0 0 16px" } as const;
const small = { color: MUTED, fontSize: "14px", lineHeight: "20px", margin: "0 0 8px" } as const;

function Lines({ value }: { value: string }) {
  const lines = value.split("\n");
  return (
    <>
      {lines.map((line, i) => (
        <span key={i}>
          {line}
          {i < lines.length - 1 && <br />}
        </span>
      ))}
    </>
  );
}

export function MailDocument(props: MailContent) {
  const { action, code, closing = [], links = [], unsubscribe } = props;
  return (
    <Html lang="en" dir="ltr">
      <Head />
      <Preview>{props.preview}</Preview>
      <Body
        style={{ backgroundColor: "#ffffff", fontFamily: "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif" }}
      >
        <Container style={{ maxWidth: "560px", padding: "16px" }}>
          <Text style={text}>{props.greeting}</Text>
          {props.paragraphs.map((p, i) => (
            <Text key={i} style={text}>
              <Lines value={p} />
            </Text>
          ))}
          {action && (
            <Section style={{ margin: "8px 0 16px" }}>
              <Button
                href={action.url}
                data-skip-in-text="true"
                style={{
                  backgroundColor: BRAND,
                  color: "#ffffff",
                  borderRadius: "8px",
                  padding: "12px 20px",
                  fontSize: "16px",
                  textDecoration: "none",
                }}
              >
                {action.label}
              </Button>
              <Text style={{ ...small, marginTop: "12px" }}>
                {action.label}:{" "}
                <Link href={action.url} style={{ color: BRAND, wordBreak: "break-all" }}>
                  {action.url}
                </Link>
              </Text>
            </Section>
          )}
          {code && (
            <Text style={text}>
              {code.label}{" "}
              <strong style={{ fontSize: "28px", letterSpacing: "4px", whiteSpace: "nowrap" }}>{code.value}</strong>
            </Text>
          )}
          {closing.map((p, i) => (
            <Text key={i} style={text}>
              <Lines value={p} />
            </Text>
          ))}
          {links.map((l) => (
            <Text key={l.url} style={small}>
              {l.label}:{" "}
              <Link href={l.url} style={{ color: BRAND, wordBreak: "break-all" }}>
                {l.url}
              </Link>
            </Text>
          ))}
          <Text style={{ ...small, marginTop: "24px" }}>{props.signature}</Text>
          {unsubscribe && (
            <>
              <Hr style={{ borderColor: "#d6d3d1", margin: "24px 0 12px" }} />
              <Text style={small}>
                You receive {unsubscribe.what} as a participant. To stop them, open{" "}
                <Link href={unsubscribe.url} style={{ color: BRAND, wordBreak: "break-all" }}>
                  {unsubscribe.url}
                </Link>{" "}
                or change your profile&apos;s e-mail settings.
              </Text>
            </>
          )}
        </Container>
      </Body>
    </Html>
  );
}

/** The plain-text part's rules: no wrapping (clients wrap), a link shown once when its text is its address. */
const PLAIN = {
  wordwrap: false as const,
  selectors: [
    { selector: "a", options: { hideLinkHrefIfSameAsText: true, linkBrackets: false as const } },
    // The button: its label and address follow it as a line of text.
    { selector: "a[data-skip-in-text='true']", format: "skip" },
  ],
};

/** The message's subject, HTML part and plain-text part, from its content. */
export async function renderMail(content: MailContent): Promise<Mail> {
  const element = <MailDocument {...content} />;
  const [html, text] = await Promise.all([
    render(element),
    render(element, { plainText: true, htmlToTextOptions: PLAIN }),
  ]);
  return { subject: content.subject, html, text: text.trim() };
}

/** A field of a merged mail, as written in its content: `%%name%%`. */
export const field = (name: string) => `%%${name}%%`;

/**
 * Renders a mail once for many recipients (a reminder to a whole cohort): `content` holds
 * fields (`field("name")`) where the recipients differ, and the returned function fills them
 * in, escaped for the HTML part. Rendering is the costly step, a few milliseconds a mail;
 * filling in is a string replacement.
 */
export async function mailMerge<F extends string>(
  content: MailContent,
  fields: readonly F[],
): Promise<(values: Record<F, string>) => Mail> {
  const rendered = await renderMail(content);
  const fill = (template: string, values: Record<F, string>, escape: (s: string) => string) =>
    fields.reduce((out, name) => out.replaceAll(field(name), escape(values[name])), template);
  const plain = (s: string) => s;
  return (values) => ({
    subject: fill(rendered.subject, values, plain),
    text: fill(rendered.text, values, plain),
    html: fill(rendered.html, values, escapeHtml),
  });
}
