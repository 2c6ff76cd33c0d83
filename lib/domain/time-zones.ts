// The time zones people choose from. The ICU data in Node and in browsers still names some
// zones by their former IANA names (Asia/Calcutta, Europe/Kiev, Asia/Saigon…), which people
// there no longer use; the lists show today's names, and both are accepted and understood
// by Intl. Zones that tzdata keeps as links only to save space (Europe/Bratislava) are real
// names, not former ones, and stay.

/** Former IANA name → today's. */
export const RENAMED_TIME_ZONES: Readonly<Record<string, string>> = {
  "Africa/Asmera": "Africa/Asmara",
  "America/Buenos_Aires": "America/Argentina/Buenos_Aires",
  "America/Catamarca": "America/Argentina/Catamarca",
  "America/Coral_Harbour": "America/Atikokan",
  "America/Cordoba": "America/Argentina/Cordoba",
  "America/Godthab": "America/Nuuk",
  "America/Indianapolis": "America/Indiana/Indianapolis",
  "America/Jujuy": "America/Argentina/Jujuy",
  "America/Louisville": "America/Kentucky/Louisville",
  "America/Mendoza": "America/Argentina/Mendoza",
  "Asia/Calcutta": "Asia/Kolkata",
  "Asia/Katmandu": "Asia/Kathmandu",
  "Asia/Rangoon": "Asia/Yangon",
  "Asia/Saigon": "Asia/Ho_Chi_Minh",
  "Atlantic/Faeroe": "Atlantic/Faroe",
  "Europe/Kiev": "Europe/Kyiv",
  "Pacific/Enderbury": "Pacific/Kanton",
  "Pacific/Ponape": "Pacific/Pohnpei",
  "Pacific/Truk": "Pacific/Chuuk",
};

const SUPPORTED = new Set([...Intl.supportedValuesOf("timeZone"), "UTC"]);
const CURRENT = new Set(Object.values(RENAMED_TIME_ZONES));

/** Today's name of a zone (itself when it was never renamed). */
export function currentZoneName(tz: string): string {
  return RENAMED_TIME_ZONES[tz] ?? tz;
}

/** A zone this runtime knows, by today's name or a former one. */
export function isTimeZone(tz: string): boolean {
  return SUPPORTED.has(tz) || CURRENT.has(tz);
}

/** The zones to choose from: UTC first, then every zone by today's name, sorted. */
export function timeZoneChoices(): string[] {
  const names = new Set([...Intl.supportedValuesOf("timeZone")].map(currentZoneName));
  names.delete("UTC");
  return ["UTC", ...[...names].sort()];
}
