// A deterministic, valid roster CSV of any size, with names in several scripts.
import Papa from "papaparse";

export const DEFAULT_ROSTER_HEADER = "Full Name,E-mail,Country,Organization,Job Title";

const GIVEN = [
  // Latin, with diacritics
  "José",
  "Zoë",
  "Ömer",
  "Çağla",
  "Dženan",
  "Łukasz",
  "Aigerim",
  "Dilnoza",
  "Şükrü",
  "Nuñez",
  // Persian, Urdu
  "مریم",
  "علی‌رضا",
  "فاطمه",
  "زینب",
  "عائشہ",
  "عمران",
  // Chinese
  "伟",
  "芳",
  "秀英",
  // Cyrillic
  "Айгуль",
  "Дмитрий",
  "Нурлан",
  "Сабина",
];
const FAMILY = [
  "García",
  "Yılmaz",
  "Müller",
  "Kowalczyk",
  "Əliyev",
  "Toshmatov",
  "Rahimov",
  "حسینی",
  "رضایی",
  "خان",
  "چودھری",
  "王",
  "李",
  "张",
  "Иванова",
  "Садыков",
  "Абдуллаев",
];
/** Alpha-2 codes and English names of ECO and Belt-and-Road countries. */
const COUNTRIES = [
  "PK",
  "Pakistan",
  "IR",
  "Iran",
  "TR",
  "Türkiye",
  "KZ",
  "Kazakhstan",
  "UZ",
  "Uzbekistan",
  "CN",
  "China",
  "AZ",
  "Azerbaijan",
  "AF",
  "Afghanistan",
  "TJ",
  "Tajikistan",
  "KG",
  "Kyrgyzstan",
  "TM",
  "Turkmenistan",
  "RU",
  "Russia",
  "MN",
  "Mongolia",
  "BD",
  "Bangladesh",
  "LK",
  "Sri Lanka",
];
const ORGANISATIONS = [
  "University of Tehran, Faculty of Engineering",
  "Quaid-i-Azam University",
  "Al-Farabi Kazakh National University",
  "Middle East Technical University (METU)",
  "Tsinghua University",
  "Ministry of Energy",
  "ECO Secretariat",
  "دانشگاه صنعتی شریف",
  "Национальный университет Узбекистана",
  "",
];
const POSITIONS = [
  "Lecturer",
  "Research Fellow",
  "Senior Engineer",
  "PhD candidate",
  "Director, Planning",
  "Analyst",
  "",
];

/** mulberry32: a small seeded generator, so every run makes the same file. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * n valid rows with distinct emails p00001@<domain>, p00002@<domain>, ...
 * `header` replaces the header line as is; it must name the five columns in the default order.
 */
export function generateRoster(n: number, opts: { seed?: number; emailDomain?: string; header?: string } = {}): string {
  const { seed = 1, emailDomain = "roster.example.org", header = DEFAULT_ROSTER_HEADER } = opts;
  const next = random(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  const rows = Array.from({ length: n }, (_, i) => [
    `${pick(GIVEN)} ${pick(FAMILY)}`,
    `p${String(i + 1).padStart(5, "0")}@${emailDomain}`,
    pick(COUNTRIES),
    pick(ORGANISATIONS),
    pick(POSITIONS),
  ]);
  const body = Papa.unparse(rows, { newline: "\r\n" });
  return n === 0 ? `${header}\r\n` : `${header}\r\n${body}\r\n`;
}
