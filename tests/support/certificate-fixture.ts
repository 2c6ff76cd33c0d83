// A certificate's content for the PDF tests, the PDF bench and the sample script:
// every text near the longest the programme has, and a name in each script the PDF prints.
import type { CertificatePdfInput } from "../../lib/certificates/pdf.ts";

export const SAMPLE_CERTIFICATE: CertificatePdfInput = {
  code: "ECOSF-21-7K4M-Q9XT",
  verifyUrl: "http://localhost:3000/verify/ECOSF-21-7K4M-Q9XT",
  name: "Zoë Ćirić-Łukasz",
  nativeName: null,
  programmeTitle:
    "Science, Technology and Innovation (STI) Policy and Tools for Sustainable Development in the Belt and Road Countries",
  edition: "4th BTBU-ECOSF Joint Training Program",
  template: {
    title: "Certificate of Completion",
    intro: "This certifies that",
    body: "has completed the 4th BTBU-ECOSF Joint Training Program",
    colour: "#14305c",
    accent: "#b38c38",
    organisers: [
      "Beijing Technology and Business University",
      "Economic Cooperation Organization Science Foundation",
      "China Association for Science and Technology",
    ],
    logos: [],
    signatories: [],
  },
  cohortName: "December 2026 cohort",
  dates: "1–5 December 2026",
  issuedOn: "6 December 2026",
  lectures: [
    {
      number: 1,
      title:
        "Foundations of Science, Technology and Innovation Policy: Concepts, Actors and the Policy Cycle in Practice",
      speaker: "Prof. Wang Xiaoming",
    },
    {
      number: 2,
      title: "National Innovation Systems and Technology Transfer across Belt and Road Economies: Evidence and Lessons",
      speaker: "Dr. Fatemeh Ahmadi",
    },
    {
      number: 3,
      title: "Foresight, Road-mapping and Priority Setting for Sustainable Development Goals in Emerging Economies",
      speaker: "Dr. Aigerim Saparova",
    },
    {
      number: 4,
      title:
        "Financing Research and Innovation: Public Funds, Venture Capital and International Cooperation Mechanisms",
      speaker: "Prof. Muhammad Bilal Khan",
    },
    {
      number: 5,
      title: "Monitoring and Evaluating STI Policies with Indicators, Bibliometrics and Impact Assessment Frameworks",
      speaker: "Dr. José María García-Núñez",
    },
  ],
};

/** A Latin name with its native-script name, in each script: Latin only, Chinese, Persian, Urdu, Russian. */
export const SAMPLE_NAMES = {
  latin: { name: "Zoë Ćirić-Łukasz", nativeName: null },
  chinese: { name: "Li Ming", nativeName: "李明" },
  persian: { name: "Maryam Rezaei", nativeName: "مریم رضایی" },
  urdu: { name: "Ayesha Khan", nativeName: "عائشہ خان" },
  russian: { name: "Anna Ivanova", nativeName: "Анна Иванова" },
} as const satisfies Record<string, Pick<CertificatePdfInput, "name" | "nativeName">>;
