// `node --import tsx scripts/render-sample-certificates.ts [folder]`: writes sample
// certificate PDFs (Latin with diacritics, Chinese, Persian, Urdu, Russian, a revoked
// one, and one with every text at its longest) into the folder (default
// .data/certificate-samples/) and converts each to a PNG with pdftoppm, so that a
// person can look at how every script renders and that nothing leaves the page.
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { renderCertificatePdf, type CertificatePdfInput } from "../lib/certificates/pdf.ts";

const folder = path.resolve(process.argv[2] ?? ".data/certificate-samples");

const base: CertificatePdfInput = {
  code: "ECOSF-21-7K4M-Q9XT",
  verifyUrl: "http://localhost:3000/verify/ECOSF-21-7K4M-Q9XT",
  name: "Zoë Ćirić-Łukasz",
  nativeName: null,
  programmeTitle: "Science, Technology and Innovation (STI) Policy and Tools for Sustainable Development in the Belt and Road Countries",
  edition: "4th BTBU-ECOSF Joint Training Program",
  organisers: ["Beijing Technology and Business University", "Economic Cooperation Organization Science Foundation"],
  cohortName: "December 2026 cohort",
  dates: "1–5 December 2026",
  issuedOn: "6 December 2026",
  lectures: [
    { number: 1, title: "Foundations of Science, Technology and Innovation Policy: Concepts, Actors and the Policy Cycle in Practice", speaker: "Prof. Wang Xiaoming" },
    { number: 2, title: "National Innovation Systems and Technology Transfer across Belt and Road Economies: Evidence and Lessons", speaker: "Dr. Fatemeh Ahmadi" },
    { number: 3, title: "Foresight, Road-mapping and Priority Setting for Sustainable Development Goals in Emerging Economies", speaker: "Dr. Aigerim Saparova" },
    { number: 4, title: "Financing Research and Innovation: Public Funds, Venture Capital and International Cooperation Mechanisms", speaker: "Prof. Muhammad Bilal Khan" },
    { number: 5, title: "Monitoring and Evaluating STI Policies with Indicators, Bibliometrics and Impact Assessment Frameworks", speaker: "Dr. José María García-Núñez" },
  ],
};

const samples: [string, CertificatePdfInput][] = [
  ["latin", base],
  ["chinese", { ...base, name: "Li Ming", nativeName: "李明" }],
  ["persian", { ...base, name: "Maryam Rezaei", nativeName: "مریم رضایی" }],
  ["urdu", { ...base, name: "Ayesha Khan", nativeName: "عائشہ خان" }],
  ["russian", { ...base, name: "Anna Ivanova", nativeName: "Анна Иванова" }],
  ["revoked", { ...base, name: "Dilnoza Karimova", nativeName: "Дилноза Каримова", revoked: true }],
  // Everything at its longest at once: nothing may leave the page or overlap.
  ["long-texts", {
    ...base,
    name: "Muhammad Abdul-Rahman Bin Khalid Al-Hashimi Ould Sidi Mohamed Fernández de Córdoba y Çağlayan-Nguyễn",
    nativeName: "محمد عبدالرحمن بن خالد الهاشمی ولد سیدی محمد فرناندز دی کوردوبا",
    organisers: [...base.organisers, "International Science, Technology and Innovation Centre for South-South Cooperation under the auspices of UNESCO"],
    edition: "4th BTBU-ECOSF Joint Training Program on Science, Technology and Innovation Policy",
    programmeTitle: `${base.programmeTitle}: Strategies, Instruments, Institutions and Regional Cooperation for a Resilient Future`,
    verifyUrl: "https://certificates.training-centre.example.org/en/verify/ECOSF-21-7K4M-Q9XT?source=qr",
    lectures: base.lectures.map((l) => ({ ...l, title: `${l.title} (with case studies)`, speaker: `${l.speaker}, Professor of Innovation Studies` })),
  }],
];

mkdirSync(folder, { recursive: true });
for (const [name, input] of samples) {
  const file = path.join(folder, `${name}.pdf`);
  writeFileSync(file, await renderCertificatePdf(input));
  execFileSync("pdftoppm", ["-r", "100", "-png", "-singlefile", file, file.slice(0, -4)]);
  console.log(`${file.slice(0, -4)}.{pdf,png}`);
}
