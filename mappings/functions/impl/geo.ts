/**
 * Geography: British National Grid ↔ WGS84 with proj4, using OSGB36 with the published 7-parameter
 * Helmert transformation (`+towgs84`). That is accurate to about 5 metres across Great Britain —
 * enough for incident locations, not for survey work (OS's OSTN15 grid shift would be needed for
 * centimetre accuracy, and it is a 15 MB table we do not ship).
 */
import proj4 from 'proj4';
import { numberArg } from './guard';

const BNG = '+proj=tmerc +lat_0=49 +lon_0=-2 +k=0.9996012717 +x_0=400000 +y_0=-100000 +ellps=airy +towgs84=446.448,-125.157,542.06,0.15,0.247,0.842,-20.489 +units=m +no_defs';
const WGS84 = '+proj=longlat +datum=WGS84 +no_defs';

let converter: proj4.Converter | undefined;
const bng = () => (converter ??= proj4(BNG, WGS84));

function roundTo(n: number, places: number): number {
  const r = Number(`${Math.round(Number(`${n}e${places}`))}e-${places}`);
  return r === 0 ? 0 : r;
}

/**
 * True when both are numbers in range (latitude −90…90, longitude −180…180) and not the (0, 0)
 * placeholder that systems write for "no location".
 */
export function isValidLatLon(lat: unknown, lon: unknown): boolean {
  let a: number | null;
  let b: number | null;
  try {
    a = numberArg(lat, 'isValidLatLon');
    b = numberArg(lon, 'isValidLatLon');
  } catch {
    return false;
  }
  if (a === null || b === null) return false;
  if (a === 0 && b === 0) return false;
  return a >= -90 && a <= 90 && b >= -180 && b <= 180;
}

/** Easting/northing (EPSG:27700, metres) → `{ lat, lon }` in WGS84 degrees to 6 decimals; outside the grid → null. */
export function bngToWgs84(easting: unknown, northing: unknown): { lat: number; lon: number } | null {
  const e = numberArg(easting, 'bngToWgs84');
  const n = numberArg(northing, 'bngToWgs84');
  if (e === null || n === null || e < 0 || e > 700000 || n < 0 || n > 1300000) return null;
  const [lon, lat] = bng().forward([e, n]);
  return { lat: roundTo(lat, 6), lon: roundTo(lon, 6) };
}

/** WGS84 latitude/longitude → `{ easting, northing }` in whole metres; outside the grid → null. */
export function wgs84ToBng(lat: unknown, lon: unknown): { easting: number; northing: number } | null {
  const a = numberArg(lat, 'wgs84ToBng');
  const b = numberArg(lon, 'wgs84ToBng');
  if (a === null || b === null || a < 49 || a > 61.5 || b < -9 || b > 3) return null;
  const [easting, northing] = bng().inverse([b, a]);
  const e = Math.round(easting);
  const n = Math.round(northing);
  if (e < 0 || e > 700000 || n < 0 || n > 1300000) return null;
  return { easting: e, northing: n };
}

/** Rounds a coordinate to `places` decimals (default 6 ≈ 0.1 m; 3 ≈ 100 m for publishing). */
export function roundCoord(v: unknown, places?: unknown): number | null {
  const n = numberArg(v, 'roundCoord');
  if (n === null) return null;
  const p = numberArg(places ?? 6, 'roundCoord') ?? 6;
  return roundTo(n, Math.max(0, Math.min(10, Math.trunc(p))));
}
