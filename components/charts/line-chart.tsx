// A share over time (0 to 100 %), one point per step in order, drawn on the server as SVG
// (d3-scale places it): no JavaScript, and it prints. A picture of the table beside it, which
// is its text equivalent; each point carries its own figure as a tooltip (<title>).
import { scaleLinear, scalePoint } from "d3-scale";

export type LinePoint = { key: string; label: string; value: number; text: string };

const WIDTH = 720;
const HEIGHT = 220;
const PAD = { left: 52, right: 24, top: 14, bottom: 34 };

export function LineChart({
  title,
  points,
  color = "#0f766e",
}: {
  /** What the chart shows, read out in place of the picture. */
  title: string;
  /** In order; value from 0 to 1. */
  points: readonly LinePoint[];
  color?: string;
}) {
  const x = scalePoint<string>()
    .domain(points.map((p) => p.key))
    .range([PAD.left, WIDTH - PAD.right])
    .padding(0.5);
  const y = scaleLinear()
    .domain([0, 1])
    .range([HEIGHT - PAD.bottom, PAD.top]);
  const line = points.map((p, i) => `${i === 0 ? "M" : "L"}${x(p.key)!.toFixed(1)},${y(p.value).toFixed(1)}`).join("");
  return (
    <figure className="mt-4">
      <svg
        role="img"
        aria-label={title}
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        className="h-auto w-full max-w-3xl"
        fontSize="13"
      >
        {[0, 0.25, 0.5, 0.75, 1].map((tick) => (
          <g key={tick}>
            <line x1={PAD.left} x2={WIDTH - PAD.right} y1={y(tick)} y2={y(tick)} stroke="#d6d3d1" />
            <text x={PAD.left - 8} y={y(tick)} dominantBaseline="middle" textAnchor="end" fill="#44403c">
              {`${tick * 100}%`}
            </text>
          </g>
        ))}
        <path d={line} fill="none" stroke={color} strokeWidth="2.5" />
        {points.map((p, i) => (
          <g key={p.key}>
            <circle cx={x(p.key)} cy={y(p.value)} r="5" fill={color}>
              <title>{`${p.label}: ${p.text}`}</title>
            </circle>
            <text x={x(p.key)} y={HEIGHT - 12} textAnchor="middle" fill="#44403c">
              {i + 1}
            </text>
          </g>
        ))}
      </svg>
    </figure>
  );
}
