// What the e-mail composers share for their HTML parts. Pure.

/** Text made safe inside HTML, in element content and in quoted attribute values. */
export const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

/** The closing lines of optional mail: why it came, and the page that turns it off. */
export function unsubscribeFooter(what: string, pageUrl: string): { text: string[]; html: string } {
  const sentence = `You receive ${what} as a participant. To stop them, open ${pageUrl} or change your profile's e-mail settings.`;
  return {
    text: ["--", sentence],
    html: `<p style="font-size:13px;color:#44403c;border-top:1px solid #d6d3d1;padding-top:12px;margin-top:24px">You receive ${escapeHtml(what)} as a participant. <a href="${escapeHtml(pageUrl)}" style="color:#0f5346">Stop these e-mails</a> or change your profile's e-mail settings.</p>`,
  };
}
