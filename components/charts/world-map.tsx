// Where participants come from, as a world map drawn on the server as SVG: each country
// shaded by how many there are, with its name and count as a tooltip. A picture of the
// table beside it, which is its text equivalent.
import { bucketOf, buckets } from "@/lib/domain/programme-report";
import { MAP, MAP_NONE as NONE, MAP_SHADES as SHADES, worldPaths } from "@/lib/reports/world-map";

export function WorldMap({
  title,
  counts,
  names,
  legendTitle,
}: {
  title: string;
  /** People per country (ISO 3166-1 alpha-2). */
  counts: Record<string, number>;
  /** The names of the counted countries, for their tooltips. */
  names: Record<string, string>;
  legendTitle: string;
}) {
  const ranges = buckets(Math.max(0, ...Object.values(counts)));
  return (
    <figure className="mt-4">
      <svg role="img" aria-label={title} viewBox={`0 0 ${MAP.width} ${MAP.height}`} className="h-auto w-full max-w-3xl">
        {worldPaths().map(({ code, d }) => {
          const count = counts[code] ?? 0;
          const shade = bucketOf(count, ranges);
          return (
            <path key={code} d={d} fill={shade < 0 ? NONE : SHADES[shade]} stroke="#ffffff" strokeWidth="0.5">
              {count > 0 && <title>{`${names[code] ?? code}: ${count}`}</title>}
            </path>
          );
        })}
      </svg>
      {ranges.length > 0 && (
        <figcaption className="mt-2 flex flex-wrap items-center gap-x-4 gap-y-1 text-sm text-stone-800">
          <span>{legendTitle}</span>
          {ranges.map((r, i) => (
            <span key={r.from} className="flex items-center gap-1.5">
              <svg aria-hidden="true" width="12" height="12" viewBox="0 0 12 12">
                <rect width="12" height="12" rx="2" fill={SHADES[i]} />
              </svg>
              {r.from === r.to ? r.from : `${r.from}–${r.to}`}
            </span>
          ))}
        </figcaption>
      )}
    </figure>
  );
}
