// Horizontal bars, stacked when a row has several parts, drawn on the server as SVG (d3-scale
// places them): no JavaScript in the browser, and the chart prints. The chart is a picture of
// the table the page puts beside it, which is its text equivalent; each bar also carries its
// figure as a tooltip (<title>).
import { scaleLinear } from "d3-scale";
import type { BarSeries } from "@/lib/domain/programme-report";

export type BarRow = { label: string; values: Record<string, number> };

const WIDTH = 720;
const LABEL = 190;
const ROW = 26;
const BAR = 18;
const AXIS = 24;
const RIGHT = 40;

export function BarChart({
  title,
  rows,
  series,
}: {
  /** What the chart shows, read out in place of the picture. */
  title: string;
  rows: readonly BarRow[];
  series: readonly BarSeries[];
}) {
  const totals = rows.map((r) => series.reduce((sum, s) => sum + (r.values[s.key] ?? 0), 0));
  const x = scaleLinear()
    .domain([0, Math.max(1, ...totals)])
    .nice()
    .range([LABEL, WIDTH - RIGHT]);
  const ticks = x.ticks(Math.min(5, x.domain()[1]!)).filter(Number.isInteger);
  const height = rows.length * ROW + AXIS;
  return (
    <figure className="mt-4">
      <svg
        role="img"
        aria-label={title}
        viewBox={`0 0 ${WIDTH} ${height}`}
        className="h-auto w-full max-w-3xl"
        fontSize="13"
      >
        {ticks.map((t) => (
          <g key={t}>
            <line x1={x(t)} x2={x(t)} y1={0} y2={height - AXIS} stroke="#d6d3d1" />
            <text x={x(t)} y={height - 8} textAnchor="middle" fill="#44403c">
              {t}
            </text>
          </g>
        ))}
        {rows.map((row, i) => {
          const y = i * ROW + (ROW - BAR) / 2;
          let start = 0;
          return (
            <g key={`${row.label}-${i}`}>
              <text x={LABEL - 8} y={y + BAR / 2} dominantBaseline="middle" textAnchor="end" fill="#1c1917">
                {row.label.length > 26 ? `${row.label.slice(0, 25)}…` : row.label}
              </text>
              {series.map((s) => {
                const value = row.values[s.key] ?? 0;
                if (value === 0) return null;
                const from = start;
                start += value;
                return (
                  <rect key={s.key} x={x(from)} y={y} width={x(start) - x(from)} height={BAR} fill={s.color}>
                    <title>{`${row.label}: ${s.label} ${value}`}</title>
                  </rect>
                );
              })}
              <text x={x(totals[i]!) + 6} y={y + BAR / 2} dominantBaseline="middle" fill="#1c1917">
                {totals[i]}
              </text>
            </g>
          );
        })}
      </svg>
      {series.length > 1 && (
        <figcaption>
          <ul className="mt-2 flex flex-wrap gap-x-4 gap-y-1 text-sm text-stone-800">
            {series.map((s) => (
              <li key={s.key} className="flex items-center gap-1.5">
                <svg aria-hidden="true" width="12" height="12" viewBox="0 0 12 12">
                  <rect width="12" height="12" rx="2" fill={s.color} />
                </svg>
                {s.label}
              </li>
            ))}
          </ul>
        </figcaption>
      )}
    </figure>
  );
}
