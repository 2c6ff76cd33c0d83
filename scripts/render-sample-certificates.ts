// `node --import tsx scripts/render-sample-certificates.ts [folder]`: writes sample
// certificate PDFs (Latin with diacritics, Chinese, Persian, Urdu, Russian, a revoked
// one, and one with every text at its longest) into the folder (default
// .data/certificate-samples/) and converts each to a PNG with pdftoppm, so that a
// person can look at how every script renders and that nothing leaves the page.
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { renderCertificatePdf, type CertificatePdfInput } from "../lib/certificates/pdf.ts";
import { SAMPLE_CERTIFICATE, SAMPLE_NAMES } from "../tests/support/certificate-fixture.ts";

const folder = path.resolve(process.argv[2] ?? ".data/certificate-samples");

const base = SAMPLE_CERTIFICATE;

const samples: [string, CertificatePdfInput][] = [
  ["latin", base],
  ["chinese", { ...base, ...SAMPLE_NAMES.chinese }],
  ["persian", { ...base, ...SAMPLE_NAMES.persian }],
  ["urdu", { ...base, ...SAMPLE_NAMES.urdu }],
  ["russian", { ...base, ...SAMPLE_NAMES.russian }],
  ["revoked", { ...base, name: "Dilnoza Karimova", nativeName: "Дилноза Каримова", revoked: true }],
  // Everything at its longest at once: nothing may leave the page or overlap.
  [
    "long-texts",
    {
      ...base,
      name: "Muhammad Abdul-Rahman Bin Khalid Al-Hashimi Ould Sidi Mohamed Fernández de Córdoba y Çağlayan-Nguyễn",
      nativeName: "محمد عبدالرحمن بن خالد الهاشمی ولد سیدی محمد فرناندز دی کوردوبا",
      template: {
        ...base.template,
        body: "has completed the 4th BTBU-ECOSF Joint Training Program on Science, Technology and Innovation Policy",
        organisers: [
          ...base.template.organisers,
          "International Science, Technology and Innovation Centre for South-South Cooperation under the auspices of UNESCO",
        ],
      },
      edition: "4th BTBU-ECOSF Joint Training Program on Science, Technology and Innovation Policy",
      programmeTitle: `${base.programmeTitle}: Strategies, Instruments, Institutions and Regional Cooperation for a Resilient Future`,
      verifyUrl: "https://certificates.training-centre.example.org/en/verify/ECOSF-21-7K4M-Q9XT?source=qr",
      lectures: base.lectures.map((l) => ({
        ...l,
        title: `${l.title} (with case studies)`,
        speaker: `${l.speaker}, Professor of Innovation Studies`,
      })),
    },
  ],
];

mkdirSync(folder, { recursive: true });
for (const [name, input] of samples) {
  const file = path.join(folder, `${name}.pdf`);
  writeFileSync(file, await renderCertificatePdf(input));
  execFileSync("pdftoppm", ["-r", "100", "-png", "-singlefile", file, file.slice(0, -4)]);
  console.log(`${file.slice(0, -4)}.{pdf,png}`);
}
