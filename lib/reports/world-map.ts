// The world's countries as SVG paths, for the report's map of where participants come from:
// Natural Earth's 1:110m outlines (world-atlas), projected with d3-geo's Equal Earth (areas
// true to size), once per process. Countries are keyed by ISO 3166-1 alpha-2, as profiles
// store them. Outlines too small for this scale (some islands) are not drawn; the table
// beside the map lists every country.
import { geoEqualEarth, geoPath } from "d3-geo";
import countries from "i18n-iso-countries";
import { feature } from "topojson-client";
import type { GeometryCollection, Topology } from "topojson-specification";
import world from "world-atlas/countries-110m.json";

export const MAP = { width: 720, height: 350 } as const;

/** Light to dark: more people, darker; every shade but the first has 3:1 contrast on white. */
export const MAP_SHADES = ["#5eead4", "#14b8a6", "#0f766e", "#134e4a"] as const;
/** A country nobody comes from. */
export const MAP_NONE = "#e7e5e4";

export type CountryPath = { code: string; d: string };

let drawn: CountryPath[] | null = null;

/** Every country the atlas outlines and ISO 3166-1 names, with its path in a MAP-sized box. */
export function worldPaths(): CountryPath[] {
  if (drawn) return drawn;
  const topology = world as unknown as Topology<{ countries: GeometryCollection<{ name: string }> }>;
  const shapes = feature(topology, topology.objects.countries);
  const projection = geoEqualEarth().fitSize([MAP.width, MAP.height], shapes);
  const path = geoPath(projection).digits(0);
  drawn = shapes.features.flatMap((f) => {
    const code = f.id === undefined ? undefined : countries.numericToAlpha2(String(f.id));
    const d = path(f);
    return code && d ? [{ code, d }] : [];
  });
  return drawn;
}
