/**
 * Deterministic generator for the fictional "Acme Records" RMS export used by the example project:
 * `samples/offences.ndjson` (one offence record per line, with nested persons, vehicles and
 * property) and `samples/vehicles.csv` (a secondary, relational source keyed by crime reference).
 *
 * Everything is fictional: names come from small lists, street names are invented, and postcodes
 * use real outward codes for the towns with random inward codes. About 5% of records are
 * deliberately messy (impossible dates, unknown codes, missing required parts, one malformed line)
 * and are listed in `samples/messy-records.json` so tests can assert on them.
 *
 * Pure (no file access) so a test can check the committed samples are exactly its output;
 * `generate.node.ts` writes the files.
 */
import proj4 from 'proj4';

export const DEFAULT_SEED = 20240314;
export const RECORD_COUNT = 300;

/** mulberry32: a tiny, well-distributed seeded PRNG, so the samples never change between runs. */
function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)],
    chance: (p: number) => next() < p,
  };
}
type Rng = ReturnType<typeof rng>;

const BNG =
  '+proj=tmerc +lat_0=49 +lon_0=-2 +k=0.9996012717 +x_0=400000 +y_0=-100000 +ellps=airy +towgs84=446.448,-125.157,542.06,0.15,0.247,0.842,-20.489 +units=m +no_defs';
const toWgs84 = proj4(BNG, 'WGS84');

const TOWNS = [
  { town: 'Maidstone', outward: ['ME14', 'ME15', 'ME16'], e: 576000, n: 155800 },
  { town: 'Canterbury', outward: ['CT1', 'CT2'], e: 615000, n: 157800 },
  { town: 'Tunbridge Wells', outward: ['TN1', 'TN2', 'TN4'], e: 558600, n: 139500 },
  { town: 'Ashford', outward: ['TN23', 'TN24'], e: 601000, n: 142600 },
  { town: 'Dover', outward: ['CT16', 'CT17'], e: 631900, n: 141500 },
  { town: 'Gravesend', outward: ['DA11', 'DA12'], e: 564700, n: 174200 },
] as const;
const STREET_NAMES = [
  'Hatch',
  'Orchard',
  'Copper',
  'Mill',
  'Station',
  'Church',
  'Foxglove',
  'Harbour',
  'Kingfisher',
  'Weald',
  'Hop Garden',
  'Bramley',
  'Oast',
  'Medway',
  'Saxon',
  'Priory',
];
const STREET_KINDS = ['Grove', 'Road', 'Lane', 'Street', 'Close', 'Avenue', 'Way', 'Crescent'];
const PLACES = ['car park', 'recreation ground', 'shopping centre', 'railway station', 'retail park'];

/** Local offence codes: code, description, weight (how common). */
export const OFFENCES = [
  ['BUR-DWL', 'Burglary dwelling', 9],
  ['BUR-OTH', 'Burglary other than dwelling', 4],
  ['TFMV', 'Theft from motor vehicle', 7],
  ['TOMV', 'Theft of motor vehicle', 4],
  ['SHOP', 'Shoplifting', 8],
  ['TFP', 'Theft from the person', 3],
  ['BIKE', 'Theft of pedal cycle', 3],
  ['THEFT-OTH', 'Theft - other', 5],
  ['CD-VEH', 'Criminal damage to a vehicle', 5],
  ['CD-DWL', 'Criminal damage to a dwelling', 3],
  ['ARSON', 'Arson not endangering life', 1],
  ['ASSLT-ABH', 'Assault occasioning actual bodily harm', 5],
  ['ASSLT-COM', 'Common assault', 7],
  ['HARASS', 'Harassment', 3],
  ['ROB-PERS', 'Robbery of personal property', 3],
  ['DRG-POSS', 'Possession of cannabis', 4],
  ['DRG-SUP', 'Possession with intent to supply a Class A drug', 2],
  ['WPN-BLADE', 'Possession of a bladed article in a public place', 2],
  ['POA-S4', 'Fear or provocation of violence (Public Order Act 1986 s4)', 3],
  ['FRAUD', 'Fraud by false representation', 2],
] as const;
const OFFENCE_BAG = OFFENCES.flatMap(([code, desc, w]) => Array.from({ length: w }, () => [code, desc] as const));

const VEHICLE_OFFENCES = new Set(['TFMV', 'TOMV', 'CD-VEH']);
const PROPERTY_OFFENCES = new Set([
  'BUR-DWL',
  'BUR-OTH',
  'TFMV',
  'TOMV',
  'SHOP',
  'TFP',
  'BIKE',
  'THEFT-OTH',
  'ROB-PERS',
  'CD-VEH',
  'CD-DWL',
  'ARSON',
  'FRAUD',
]);
const VICTIMLESS = new Set(['DRG-POSS', 'DRG-SUP', 'WPN-BLADE']);
const OUTCOMES = ['UI', 'UI', 'UI', 'NFA-NS', 'NFA-NS', 'NFA-NS', 'EVD-VNS', 'CHG', 'CAU', 'CR', 'PND', ''];
const ETHNICITY = [
  'W1',
  'W1',
  'W1',
  'W1',
  'W2',
  'W3',
  'W9',
  'M1',
  'M2',
  'M3',
  'M9',
  'A1',
  'A2',
  'A3',
  'A4',
  'A9',
  'B1',
  'B2',
  'B9',
  'O2',
  'O9',
  'NS',
];
const LEGACY_ETHNICITY = ['WB', 'WB', 'WI', 'WO', 'O1', 'Not stated', ''];
const SEXES = ['M', 'M', 'F', 'F', 'U', 'X'];
const GIVEN_M = ['John', 'David', 'Mohammed', 'Liam', 'Tomasz', 'Kwame', 'Sean', 'Raj', 'Oliver', 'Connor', 'Wei'];
const GIVEN_F = ['Jane', 'Sarah', 'Aisha', 'Emily', 'Priya', 'Grace', 'Agnieszka', 'Chloe', 'Siobhan', 'Mei', 'Olivia'];
const MIDDLE = ['Paul', 'James', 'Ann', 'Marie', 'Lee', 'Rose'];
const FAMILY = [
  'SMITH',
  "O'NEIL",
  'PATEL',
  'JONES',
  'KOWALSKI',
  'MENSAH',
  "O'BRIEN",
  'KHAN',
  'TAYLOR',
  'NGUYEN',
  'WILLIAMS',
  'AHMED',
  'BROWN',
  'MURPHY',
  'CHEN',
];
const MAKES = [
  ['FORD', ['Focus', 'Fiesta', 'Transit']],
  ['VAUXHALL', ['Corsa', 'Astra']],
  ['VOLKSWAGEN', ['Golf', 'Polo']],
  ['BMW', ['320d', 'X5']],
  ['TOYOTA', ['Yaris', 'Prius']],
  ['NISSAN', ['Qashqai', 'Micra']],
  ['HONDA', ['Civic', 'CR-V']],
] as const;
const COLOURS = ['SIL', 'BLK', 'BLU', 'RED', 'WHI', 'GRY', 'GRN'];
const PROPERTY = [
  ['Laptop computer', 300, 1500],
  ['Mobile phone', 80, 1100],
  ['Gold ring', 100, 900],
  ['Cash', 20, 400],
  ['Pedal cycle', 150, 1200],
  ['Power tools', 60, 700],
  ['Handbag and contents', 40, 350],
  ['Television', 200, 900],
  ['Catalytic converter', 300, 1300],
  ['Satellite navigation unit', 60, 250],
] as const;

export interface MessyRecord {
  /** 1-based line in offences.ndjson (= record number). */
  line: number;
  crimeRef?: string;
  problem: string;
}

export interface AcmeExport {
  offencesNdjson: string;
  vehiclesCsv: string;
  messy: MessyRecord[];
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
const ukDateTime = (d: Date) =>
  `${pad(d.getUTCDate())}/${pad(d.getUTCMonth() + 1)}/${d.getUTCFullYear()} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
const ukDate = (d: Date) => `${pad(d.getUTCDate())}/${pad(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`;

function postcode(r: Rng, outward: string): string {
  const inward = `${r.int(1, 9)}${r.pick('ABDEFGHJLNPQRSTUWXYZ'.split(''))}${r.pick('ABDEFGHJLNPQRSTUWXYZ'.split(''))}`;
  const roll = r.next();
  if (roll < 0.1) return `${outward}${inward}`.toLowerCase();
  if (roll < 0.15) return `${outward}${inward}`;
  if (roll < 0.18) return `${outward}  ${inward}`;
  return `${outward} ${inward}`;
}

function personName(r: Rng, sex: string): string {
  const given = sex === 'F' ? r.pick(GIVEN_F) : sex === 'M' ? r.pick(GIVEN_M) : r.pick([...GIVEN_M, ...GIVEN_F]);
  const family = r.pick(FAMILY);
  const titleCase =
    family.charAt(0) +
    family
      .slice(1)
      .toLowerCase()
      .replace(/'(.)/, (_m, c: string) => `'${c.toUpperCase()}`);
  const roll = r.next();
  if (roll < 0.35) return `${family}, ${given}${r.chance(0.3) ? ` ${r.pick(MIDDLE)}` : ''}`;
  if (roll < 0.55)
    return `${sex === 'F' ? r.pick(['Mrs', 'Ms', 'Miss']) : sex === 'M' ? 'Mr' : 'Dr'} ${given} ${titleCase}`;
  if (roll < 0.75) return `${given} ${family}`;
  if (roll < 0.9) return `${given} ${titleCase}`;
  return `${given.charAt(0)}. ${titleCase}`;
}

function vrm(r: Rng): string {
  const L = 'ABCDEFGHJKLMNOPRSTUVWXY'.split('');
  const plate = `${r.pick(L)}${r.pick(L)}${pad(r.pick([12, 15, 17, 18, 19, 21, 62, 65, 67, 68, 69, 70, 71]))}${r.pick(L)}${r.pick(L)}${r.pick(L)}`;
  const roll = r.next();
  if (roll < 0.3) return `${plate.slice(0, 4)} ${plate.slice(4)}`.toLowerCase();
  if (roll < 0.55) return plate;
  if (roll < 0.75) return `${plate.slice(0, 4)} ${plate.slice(4)}`;
  if (roll < 0.85) return ` ${plate.toLowerCase()}`;
  return `${plate.slice(0, 4)}  ${plate.slice(4)}`;
}

function money(r: Rng, lo: number, hi: number): string {
  const v = r.int(lo, hi) + (r.chance(0.3) ? r.int(0, 99) / 100 : 0);
  const roll = r.next();
  const fixed = v.toFixed(2);
  // Grouped by hand: toLocaleString depends on the ICU build, and the output must be byte-stable.
  const grouped = fixed.replace(/\B(?=(\d{3})+(?!\d)\.)/g, ',');
  if (roll < 0.6) return `£${grouped}`;
  if (roll < 0.8) return String(Math.round(v));
  if (roll < 0.9) return `£${Math.round(v)}`;
  if (roll < 0.95) return `approx £${Math.round(v)}`;
  return '';
}

/**
 * Generates the whole export. The same seed always gives byte-identical output.
 * @example const { offencesNdjson, vehiclesCsv, messy } = generateAcmeExport();
 */
export function generateAcmeExport(seed = DEFAULT_SEED, count = RECORD_COUNT): AcmeExport {
  const r = rng(seed);
  const lines: string[] = [];
  const messy: MessyRecord[] = [];
  const csvRows: string[][] = [];
  const base = Date.UTC(2024, 0, 1);
  // Messy records sit at fixed positions so their line numbers are stable and easy to find.
  const messyAt = new Map<number, string>(
    [
      [7, 'impossible-date'],
      [23, 'unknown-offence-code'],
      [41, 'missing-crime-ref'],
      [58, 'malformed-json'],
      [76, 'no-persons'],
      [94, 'unknown-ethnicity-and-sex'],
      [112, 'to-before-from'],
      [131, 'bad-postcode-and-grid'],
      [150, 'unknown-role'],
      [168, 'impossible-dob'],
      [187, 'duplicate-crime-ref'],
      [205, 'unknown-force'],
      [224, 'value-not-money'],
      [243, 'empty-offence'],
      [262, 'unknown-vehicle-colour'],
    ].map(([k, v]) => [k as number, v as string]),
  );
  let firstRef = '';

  for (let i = 1; i <= count; i++) {
    const seq = 1000 + i * 7 + r.int(0, 6);
    const crimeRef = `AC/24/${pad(seq, 6)}`;
    if (i === 1) firstRef = crimeRef;
    const [code, description] = r.pick(OFFENCE_BAG);
    const place = r.pick(TOWNS);
    const from = new Date(
      base + r.int(0, 330) * 86400000 + r.int(0, 23) * 3600000 + r.pick([0, 5, 10, 15, 20, 30, 40, 45, 50]) * 60000,
    );
    const durationMin = r.chance(0.5) ? 0 : r.int(10, 60 * 14);
    const to = new Date(from.getTime() + durationMin * 60000);
    const reported = new Date(to.getTime() + r.int(5, 60 * 48) * 60000);

    const dateRoll = r.next();
    const committedFrom =
      dateRoll < 0.06 ? `${pad(from.getUTCMonth() + 1)}/${from.getUTCFullYear()}` : ukDateTime(from);
    const committedTo =
      dateRoll < 0.06 ? undefined : durationMin === 0 ? (r.chance(0.5) ? '' : undefined) : ukDateTime(to);

    const e = place.e + r.int(-2500, 2500);
    const n = place.n + r.int(-2500, 2500);
    const street = `${r.pick(STREET_NAMES)} ${r.pick(STREET_KINDS)}`;
    const location: Record<string, unknown> = {};
    const locRoll = r.next();
    if (code === 'SHOP' || code === 'WPN-BLADE' || locRoll < 0.12) {
      location.description = `On or near ${street}`;
      location.address_lines = [];
      location.town = place.town;
    } else if (locRoll < 0.2) {
      location.description = `${place.town} ${r.pick(PLACES)}`;
      location.address_lines = [`${r.pick(['The Mall', 'Central', 'Northgate', 'Riverside'])} ${r.pick(PLACES)}`];
      location.town = place.town;
    } else {
      location.address_lines = r.chance(0.2)
        ? [`Flat ${r.int(1, 12)}`, `${r.int(1, 180)} ${street}`]
        : [`${r.int(1, 180)} ${street}`];
      location.town = r.chance(0.15) ? place.town.toUpperCase() : place.town;
      location.postcode = postcode(r, r.pick(place.outward));
    }
    const geo = r.next();
    if (geo < 0.4) {
      location.easting = e;
      location.northing = n;
    } else if (geo < 0.8) {
      const [lon, lat] = toWgs84.forward([e, n]);
      location.lat = Number(lat.toFixed(6));
      location.lon = Number(lon.toFixed(6));
    }

    const persons: Record<string, unknown>[] = [];
    const personCount = r.int(1, 4);
    for (let p = 0; p < personCount; p++) {
      let role: string;
      if (p === 0) role = VICTIMLESS.has(code) ? 'SUS' : 'VIC';
      else role = r.pick(['SUS', 'SUS', 'WIT', 'WIT', 'REP', 'OFF']);
      const sex = r.pick(SEXES);
      const person: Record<string, unknown> = { role };
      if (role === 'OFF') {
        const collar = String(r.int(1000, 9999));
        person.name = `PC ${collar}`;
        person.collar_number = collar;
        persons.push(person);
        continue;
      }
      const unknown = role === 'SUS' && r.chance(0.3);
      person.name = unknown ? r.pick(['unknown', 'UNKNOWN', 'Unknown male', 'not known']) : personName(r, sex);
      if (!unknown) {
        const dob = new Date(Date.UTC(r.int(1940, 2008), r.int(0, 11), r.int(1, 28)));
        const dobRoll = r.next();
        if (dobRoll < 0.7) person.dob = ukDate(dob);
        else if (dobRoll < 0.82)
          person.dob = `${pad(dob.getUTCDate())}/${pad(dob.getUTCMonth() + 1)}/${String(dob.getUTCFullYear()).slice(2)}`;
        else if (dobRoll < 0.9) person.dob = '';
      }
      person.sex = unknown ? r.pick(['M', 'U']) : sex;
      const ethRoll = r.next();
      person.ethnicity = unknown ? '' : ethRoll < 0.75 ? r.pick(ETHNICITY) : r.pick(LEGACY_ETHNICITY);
      persons.push(person);
    }
    const reportedBy = persons.find((p) => p.role === 'VIC');
    if (reportedBy && r.chance(0.3)) persons.push({ ...reportedBy, role: 'REP' });

    const vehicles: Record<string, unknown>[] = [];
    if (VEHICLE_OFFENCES.has(code) || r.chance(0.08)) {
      const [make, models] = r.pick(MAKES);
      vehicles.push({
        vrm: r.chance(0.9) ? vrm(r) : '',
        make: r.chance(0.2) ? make.charAt(0) + make.slice(1).toLowerCase() : make,
        model: r.pick(models),
        colour: r.pick(COLOURS),
      });
    }

    const property: Record<string, unknown>[] = [];
    if (PROPERTY_OFFENCES.has(code)) {
      const k = code === 'SHOP' ? 1 : r.int(0, 3);
      for (let j = 0; j < k; j++) {
        const [desc, lo, hi] = r.pick(PROPERTY);
        property.push({
          description: desc,
          value: money(r, lo, hi),
          status: code.startsWith('CD') || code === 'ARSON' ? 'D' : r.chance(0.85) ? 'S' : r.pick(['R', 'L']),
        });
      }
    }
    if (code === 'DRG-POSS' || code === 'DRG-SUP' || code === 'WPN-BLADE') {
      property.push({
        description:
          code === 'WPN-BLADE'
            ? 'Lock knife'
            : code === 'DRG-POSS'
              ? 'Herbal cannabis, approx 10g'
              : 'Wraps of white powder (cocaine)',
        value: '',
        status: 'SZ',
      });
    }

    const record: Record<string, unknown> = {
      crime_ref: crimeRef,
      force_code: r.chance(0.97) ? '46' : 'KENT',
      status: r.chance(0.03) ? 'CANCELLED' : r.chance(0.5) ? 'OPEN' : 'CLOSED',
      offence: { code, description, attempted: r.chance(0.08) ? 'Y' : 'N' },
      domestic_flag:
        code.startsWith('ASSLT') || code === 'HARASS' ? (r.chance(0.4) ? 'Y' : 'N') : r.chance(0.5) ? 'N' : '',
      committed_from: committedFrom,
      ...(committedTo !== undefined ? { committed_to: committedTo } : {}),
      reported: ukDateTime(reported),
      location,
      persons,
      vehicles,
      property,
      outcome: r.pick(OUTCOMES),
      officer: r.chance(0.9) ? String(r.int(1000, 9999)) : `PC ${r.int(1000, 9999)}`,
      created: `${ukDateTime(reported)}:${pad(r.int(0, 59))}`,
    };

    const problem = messyAt.get(i);
    if (problem) {
      switch (problem) {
        case 'impossible-date':
          record.committed_from = '31/02/2024 10:00';
          break;
        case 'unknown-offence-code':
          record.offence = { code: 'XYZ-99', description: 'Migrated offence - see notes', attempted: 'N' };
          break;
        case 'missing-crime-ref':
          delete record.crime_ref;
          break;
        case 'no-persons':
          delete record.persons;
          break;
        case 'unknown-ethnicity-and-sex':
          record.persons = [{ role: 'VIC', name: 'TAYLOR, Grace', dob: '12/11/1986', sex: 'Q', ethnicity: 'Z7' }];
          break;
        case 'to-before-from':
          record.committed_from = ukDateTime(to);
          record.committed_to = ukDateTime(new Date(from.getTime() - 86400000));
          break;
        case 'bad-postcode-and-grid':
          record.location = {
            address_lines: ['12 Mill Lane'],
            town: place.town,
            postcode: 'NOT KNOWN',
            easting: 9999999,
            northing: -5,
          };
          break;
        case 'unknown-role':
          record.persons = [{ role: 'V', name: 'Emily BROWN', dob: '03/04/1999', sex: 'F', ethnicity: 'W1' }];
          break;
        case 'impossible-dob':
          record.persons = [{ role: 'VIC', name: 'KHAN, Aisha', dob: '45/13/1990', sex: 'F', ethnicity: 'A2' }];
          break;
        case 'duplicate-crime-ref':
          record.crime_ref = firstRef;
          break;
        case 'unknown-force':
          record.force_code = '99';
          break;
        case 'value-not-money':
          record.property = [{ description: 'Jewellery box', value: 'sentimental', status: 'S' }];
          break;
        case 'empty-offence':
          record.offence = { code: '', description: '', attempted: '' };
          break;
        case 'unknown-vehicle-colour':
          record.vehicles = [{ vrm: 'gx19 ytr', make: 'FORD', model: 'Kuga', colour: 'MAUVE' }];
          break;
      }
      messy.push({ line: i, ...(typeof record.crime_ref === 'string' ? { crimeRef: record.crime_ref } : {}), problem });
    }
    let line = JSON.stringify(record);
    // A record cut short, as when an export job is killed mid-write.
    if (problem === 'malformed-json') line = line.slice(0, Math.floor(line.length * 0.6));
    lines.push(line);

    // vehicles.csv: the supplier's separate vehicle table, for a subset of crimes.
    if (problem !== 'missing-crime-ref' && problem !== 'malformed-json' && (vehicles.length || r.chance(0.15))) {
      const count2 = vehicles.length ? 1 : r.int(1, 2);
      for (let v = 0; v < count2; v++) {
        const [make, models] = r.pick(MAKES);
        const keeper = r.chance(0.6) ? `${r.pick(FAMILY)}, ${r.pick([...GIVEN_M, ...GIVEN_F])}` : '';
        const notes = r.pick([
          '',
          '',
          'Damaged, rear window smashed',
          'Parked on driveway',
          'Seen leaving at speed, no lights',
          'Keeper says "not driven since May"',
        ]);
        csvRows.push([
          record.crime_ref as string,
          vehicles[v]?.vrm ? String(vehicles[v].vrm).trim().toUpperCase() : vrm(r).trim().toUpperCase(),
          make,
          r.pick(models),
          r.pick(COLOURS),
          keeper,
          notes,
        ]);
      }
    }
  }
  // Rows whose crime reference is in no offence record, as real secondary tables have.
  csvRows.push([
    'AC/23/009871',
    'KX62 BNM',
    'FORD',
    'Transit',
    'WHI',
    'ACME LEASING LTD',
    'Orphan row: crime transferred to another force',
  ]);
  csvRows.push(['AC/24/999999', 'LR21 ZZT', 'TOYOTA', 'Prius', 'SIL', '', '']);

  const csvCell = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  const header = ['Crime Ref', 'VRM', 'Make', 'Model', 'Colour', 'Keeper Name', 'Notes'];
  const vehiclesCsv = [header, ...csvRows].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
  return { offencesNdjson: `${lines.join('\n')}\n`, vehiclesCsv, messy };
}
