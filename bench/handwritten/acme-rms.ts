/**
 * Hand-written baseline for the throughput benchmark: the Acme RMS example mapping
 * (mappings/examples/acme-rms/mapping.json) written directly in TypeScript, the way an engineer
 * would code it without Mapwright. It calls the same function-library implementations (dates,
 * names, postcodes, VRMs, grid conversion) and the same UUID v5 identity helpers as the compiled
 * transform, because that work is the same whoever writes the mapping; everything else — control
 * flow, value maps as object literals, field reads — is plain idiomatic code.
 *
 * The bench checks that its output deep-equals the compiled transform's on a sample before timing.
 */
import * as dates from '../../mappings/functions/impl/dates';
import * as geo from '../../mappings/functions/impl/geo';
import * as lists from '../../mappings/functions/impl/lists';
import * as names from '../../mappings/functions/impl/names';
import * as numbers from '../../mappings/functions/impl/numbers';
import * as text from '../../mappings/functions/impl/text';
import * as uk from '../../mappings/functions/impl/uk';
import * as values from '../../mappings/functions/impl/values';
import { errorReject, keyedId, positionalId, RejectSignal, uuidBytes, type JoinIndex } from '../../mappings/runtime/helpers';
import { RUN_CODES } from '../../mappings/runtime/codes';

type Obj = Record<string, unknown>;
export type HandResult = { ok: true; output: Obj } | { ok: false; reject: { code: string; message: string; field?: string; ruleId?: string } };
export interface HandContext {
  file?: string;
  record?: number;
  joins?: JoinIndex;
}

const MAPPING_ID = '6f1c2b9e-4a0d-4c8e-9b7a-1d2e3f405a61';
const NS = uuidBytes('3b241101-e2bb-4255-8caf-4136c566a962');
const DAY_TIME = /^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/;
const MONTH_ONLY = /^\d{2}\/\d{4}$/;
const DOB_PATTERNS = ['dd/MM/yyyy', 'dd/MM/yy'];
/** Fields the mapping reads; everything else on the record goes to `extensions` (keepUnmapped). */
const READ = new Set(['committed_from', 'committed_to', 'created', 'crime_ref', 'domestic_flag', 'force_code', 'location', 'offence', 'outcome', 'persons', 'property', 'reported', 'status', 'vehicle_rows', 'vehicles']);

type Entry = readonly [code: string, quality: string, label: string];
interface CodeMap {
  name: string;
  scheme: string;
  sourceScheme: string;
  ci: boolean;
  entries: Record<string, Entry>;
  fallback?: readonly [code: string, label: string];
}

const FORCE: CodeMap = { name: 'Acme force codes', scheme: 'FORCE', sourceScheme: 'ACME_FORCE', ci: true, entries: { '46': ['kent', 'exact', 'Kent Police'], kent: ['kent', 'exact', 'Kent Police'] } };
const B = 'broader';
const E = 'exact';
const OFFENCE: CodeMap = {
  name: 'Acme offence codes → police.uk category',
  scheme: 'POLICE_UK_CATEGORY',
  sourceScheme: 'ACME_OFFENCE',
  ci: true,
  entries: {
    'bur-dwl': ['burglary', B, 'Burglary'],
    'bur-oth': ['burglary', B, 'Burglary'],
    tfmv: ['vehicle-crime', B, 'Vehicle crime'],
    tomv: ['vehicle-crime', B, 'Vehicle crime'],
    shop: ['shoplifting', E, 'Shoplifting'],
    tfp: ['theft-from-the-person', E, 'Theft from the person'],
    bike: ['bicycle-theft', E, 'Bicycle theft'],
    'theft-oth': ['other-theft', E, 'Other theft'],
    'cd-veh': ['criminal-damage-arson', B, 'Criminal damage and arson'],
    'cd-dwl': ['criminal-damage-arson', B, 'Criminal damage and arson'],
    arson: ['criminal-damage-arson', B, 'Criminal damage and arson'],
    'asslt-abh': ['violent-crime', B, 'Violence and sexual offences'],
    'asslt-com': ['violent-crime', B, 'Violence and sexual offences'],
    harass: ['violent-crime', B, 'Violence and sexual offences'],
    'rob-pers': ['robbery', B, 'Robbery'],
    'drg-poss': ['drugs', B, 'Drugs'],
    'drg-sup': ['drugs', B, 'Drugs'],
    'wpn-blade': ['possession-of-weapons', B, 'Possession of weapons'],
    'poa-s4': ['public-order', B, 'Public order'],
    fraud: ['other-crime', 'lossy', 'Other crime'],
  },
};
const OUTCOME: CodeMap = {
  name: 'Acme outcomes → police.uk outcome',
  scheme: 'POLICE_UK_OUTCOME',
  sourceScheme: 'ACME_OUTCOME',
  ci: false,
  entries: {
    UI: ['under-investigation', E, 'Under investigation'],
    'NFA-NS': ['investigation-complete-no-suspect-identified', E, 'Investigation complete; no suspect identified'],
    'EVD-VNS': ['unable-to-prosecute', B, 'Unable to prosecute suspect'],
    CHG: ['suspect-charged', E, 'Suspect charged'],
    CAU: ['offender-given-caution', E, 'Offender given a caution'],
    CR: ['local-resolution', B, 'Local resolution'],
    PND: ['offender-given-penalty-notice', E, 'Offender given a penalty notice'],
  },
};
const SEX: CodeMap = {
  name: 'Acme sex codes',
  scheme: 'SEX',
  sourceScheme: 'ACME_SEX',
  ci: true,
  entries: { m: ['M', E, 'Male'], f: ['F', E, 'Female'], u: ['U', E, 'Unknown'], x: ['I', 'lossy', 'Indeterminate'] },
  fallback: ['U', 'Unknown'],
};
const W1 = 'White - English, Welsh, Scottish, Northern Irish or British';
const ETHNICITY: CodeMap = {
  name: 'Acme ethnicity → SDE 18+1',
  scheme: 'SDE_18_1',
  sourceScheme: 'ACME_ETHNICITY',
  ci: true,
  entries: {
    w1: ['W1', E, W1],
    wb: ['W1', E, W1],
    w2: ['W2', E, 'White - Irish'],
    wi: ['W2', E, 'White - Irish'],
    w3: ['W3', E, 'White - Gypsy or Irish Traveller'],
    w9: ['W9', 'narrower', 'White - Any other White background'],
    wo: ['W9', 'narrower', 'White - Any other White background'],
    m1: ['M1', E, 'Mixed - White and Black Caribbean'],
    m2: ['M2', E, 'Mixed - White and Black African'],
    m3: ['M3', E, 'Mixed - White and Asian'],
    m9: ['M9', E, 'Mixed - Any other Mixed or multiple ethnic background'],
    a1: ['A1', E, 'Asian - Indian'],
    a2: ['A2', E, 'Asian - Pakistani'],
    a3: ['A3', E, 'Asian - Bangladeshi'],
    a4: ['A4', E, 'Asian - Chinese'],
    o1: ['A4', E, 'Asian - Chinese'],
    a9: ['A9', E, 'Asian - Any other Asian background'],
    b1: ['B1', E, 'Black - Caribbean'],
    b2: ['B2', E, 'Black - African'],
    b9: ['B9', E, 'Black - Any other Black, Black British or Caribbean background'],
    o2: ['O2', E, 'Other - Arab'],
    o9: ['O9', 'narrower', 'Other - Any other ethnic group'],
    ns: ['NS', E, 'Not stated'],
    'not stated': ['NS', E, 'Not stated'],
  },
};
const COLOUR: CodeMap = {
  name: 'Acme vehicle colours',
  scheme: 'VEHICLE_COLOUR',
  sourceScheme: 'ACME_COLOUR',
  ci: true,
  entries: { sil: ['SILVER', E, 'Silver'], blk: ['BLACK', E, 'Black'], blu: ['BLUE', E, 'Blue'], red: ['RED', E, 'Red'], whi: ['WHITE', E, 'White'], gry: ['GREY', E, 'Grey'], grn: ['GREEN', E, 'Green'] },
};
const PROPERTY_STATUS: CodeMap = {
  name: 'Acme property status',
  scheme: 'PROPERTY_STATUS',
  sourceScheme: 'ACME_PROPERTY_STATUS',
  ci: false,
  entries: { S: ['STOLEN', E, 'Stolen'], D: ['DAMAGED', E, 'Damaged'], R: ['RECOVERED', E, 'Recovered'], L: ['LOST', E, 'Lost'], F: ['FOUND', E, 'Found'], SZ: ['SEIZED', E, 'Seized'] },
};
const PERSON_ROLE: Record<string, string> = { VIC: 'VICTIM', SUS: 'SUSPECT', WIT: 'WITNESS', REP: 'REPORTER', OFF: 'OFFICER' };
const PROPERTY_ROLE: Record<string, string> = { S: 'STOLEN_IN', D: 'DAMAGED_IN', R: 'RECOVERED_IN', F: 'FOUND_IN', SZ: 'SEIZED_IN' };
const ROLE_LABEL: Record<string, string> = {
  VICTIM: 'Victim',
  SUSPECT: 'Suspect',
  WITNESS: 'Witness',
  REPORTER: 'Reporting person',
  OFFICER: 'Officer',
  STOLEN_IN: 'Stolen in',
  DAMAGED_IN: 'Damaged in',
  USED_IN: 'Used in',
  SEIZED_IN: 'Seized in',
  FOUND_IN: 'Found in',
  RECOVERED_IN: 'Recovered in',
  OCCURRED_AT: 'Occurred at',
};

const hasOwn = Object.prototype.hasOwnProperty;
const blank = values.isEmpty;
/** A field is set unless its value is null, undefined or '' (false and 0 are values). */
const present = (v: unknown) => v !== undefined && v !== null && v !== '';

function codeText(v: unknown): string | undefined {
  if (v === undefined || v === null || v === '') return undefined;
  return typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : JSON.stringify(v);
}

function translate(map: CodeMap, v: unknown): Obj | undefined {
  const source = codeText(v);
  if (source === undefined) return undefined;
  const key = map.ci ? source.trim().toLowerCase() : source;
  const hit = hasOwn.call(map.entries, key) ? map.entries[key] : undefined;
  if (hit) return { code: hit[0], scheme: map.scheme, label: hit[2], sourceCode: source, sourceScheme: map.sourceScheme, mappingQuality: hit[1] };
  if (map.fallback) return { code: map.fallback[0], scheme: map.scheme, label: map.fallback[1], sourceCode: source, sourceScheme: map.sourceScheme, mappingQuality: 'unmapped' };
  throw new RejectSignal(RUN_CODES.unmapped, `Value ${JSON.stringify(source)} has no mapping in value map "${map.name}" (its unmapped policy is reject).`);
}

function roleOf(table: Record<string, string>, mapName: string, v: unknown, rule: string): string {
  const source = codeText(v);
  if (source === undefined) throw new RejectSignal(RUN_CODES.emptyRole, `Link rule "${rule}" computed an empty role.`, 'role');
  if (!hasOwn.call(table, source)) throw new RejectSignal(RUN_CODES.unmapped, `Value ${JSON.stringify(source)} has no mapping in value map "${mapName}" (its unmapped policy is reject).`);
  return table[source];
}

const coded = (code: string, scheme: string) => ({ code, scheme });
const utcAt = (v: unknown, pattern: string, precision: string): Obj | undefined => {
  if (blank(v)) return undefined;
  const value = dates.toUtc(dates.parseDate(v, pattern), 'Europe/London');
  return present(value) ? { value, precision } : undefined;
};

function obj(entries: [string, unknown][]): Obj | undefined {
  let o: Obj | undefined;
  for (const [k, v] of entries) if (present(v)) (o ??= {})[k] = v;
  return o;
}

function list(v: unknown): unknown[] {
  if (v === undefined || v === null) return [];
  return (Array.isArray(v) ? v : [v]).filter((x) => x !== undefined && x !== null);
}

function field(o: unknown, k: string): unknown {
  return o !== null && typeof o === 'object' && !Array.isArray(o) ? (o as Obj)[k] : undefined;
}

/** First instance of an id wins field by field (the compiled transform's duplicate rule). */
function addUnique(into: Obj[], byId: Map<string, Obj>, o: Obj): void {
  const prev = byId.get(o.id as string);
  if (!prev) {
    byId.set(o.id as string, o);
    into.push(o);
    return;
  }
  for (const k of Object.keys(o)) if (!hasOwn.call(prev, k)) prev[k] = o[k];
}

/** Transforms one Acme offence record into a POLE document (or a reject). */
export function transformAcme(record: unknown, ctx: HandContext): HandResult {
  if (record === null || typeof record !== 'object' || Array.isArray(record)) return { ok: false, reject: { code: RUN_CODES.notObject, message: 'The record is not an object.' } };
  try {
    const rec = record as Obj;
    const crimeRef = text.upper(text.trim(rec.crime_ref));
    const joinHits = crimeRef === null ? undefined : ctx.joins?.['j-vehicle-rows']?.get(crimeRef);
    const vehicleRows = joinHits ? list(joinHits) : [];
    const offence = rec.offence as Obj | undefined;
    const offenceCode = field(offence, 'code');

    if (blank(rec.crime_ref)) return filtered('The record has no crime reference', 'r-filter-ref');
    if (text.upper(rec.status) === 'CANCELLED') return filtered('Cancelled crimes must not be sent on', 'r-filter-cancelled');
    if (blank(offenceCode)) return filtered('The record has no offence code', 'r-filter-offence');
    if (blank(dates.partialDate(rec.committed_from, ['dd/MM/yyyy HH:mm', 'MM/yyyy']))) return filtered('The committed-from date is not a real date', 'r-filter-date');

    const rid = typeof rec.crime_ref === 'string' ? rec.crime_ref : typeof rec.crime_ref === 'number' ? String(rec.crime_ref) : undefined;
    const recordRef = rid ?? ctx.record ?? null;
    const baseProvenance: Obj = { sourceSystem: 'ACME-RMS' };
    if (rid !== undefined) baseProvenance.sourceRecordId = rid;
    if (ctx.file !== undefined) baseProvenance.sourceFile = ctx.file;
    if (ctx.record !== undefined) baseProvenance.sourceRow = ctx.record;
    baseProvenance.mappingId = MAPPING_ID;
    baseProvenance.mappingVersion = '1.0.0';
    const provenance = (rule: string) => ({ ...baseProvenance, ruleIds: [rule] });

    const entities: Obj[] = [];
    const links: Obj[] = [];
    const byId = new Map<string, Obj>();

    // --- Event
    const eventId = present(crimeRef) ? keyedId(NS, 'Event', [crimeRef]) : positionalId(NS, 'Event', 'r-event', recordRef, []);
    const event: Obj = { id: eventId, entityType: 'Event', identifiers: [obj([['scheme', coded('CRIME_REF', 'IDENTIFIER_SCHEME')], ['value', crimeRef]])], provenance: provenance('r-event') };
    const notes = vehicleRows.map((r) => field(r, 'Notes')).filter(present);
    if (notes.length) event.notes = notes.map((n) => (typeof n === 'string' ? n : JSON.stringify(n))).join('; ');
    let extensions: Obj | undefined;
    for (const k of Object.keys(rec)) if (!READ.has(k) && present(rec[k])) (extensions ??= {})[k] = rec[k];
    if (extensions) event.extensions = extensions;
    event.eventType = coded('OFFENCE', 'EVENT_TYPE');
    const cf = rec.committed_from;
    let from: unknown;
    if (typeof cf === 'string' && MONTH_ONLY.test(cf)) from = dates.partialDate(cf, 'MM/yyyy');
    else if (typeof cf === 'string' && DAY_TIME.test(cf)) from = utcAt(cf, 'dd/MM/yyyy HH:mm', 'minute');
    else from = dates.partialDate(cf);
    const occurred = obj([['from', from], ['to', utcAt(rec.committed_to, 'dd/MM/yyyy HH:mm', 'minute')]]);
    if (occurred) event.occurred = occurred;
    const reported = utcAt(rec.reported, 'dd/MM/yyyy HH:mm', 'minute');
    if (reported) event.reported = reported;
    const recorded = utcAt(rec.created, 'dd/MM/yyyy HH:mm:ss', 'second');
    if (recorded) event.recorded = recorded;
    const force = translate(FORCE, rec.force_code);
    if (force) event.owningOrganisation = force;
    const summary = text.trim(field(offence, 'description'));
    if (present(summary)) event.summary = summary;
    if (present(crimeRef)) event.crimeReference = crimeRef;
    const category = translate(OFFENCE, offenceCode);
    if (category) event.category = category;
    const attempted = values.toBoolean(field(offence, 'attempted'));
    if (attempted !== null) event.attempted = attempted;
    if (text.upper(text.trim(rec.domestic_flag)) === 'Y') event.flags = [coded('DOMESTIC', 'OFFENCE_FLAG')];
    if (!blank(rec.outcome)) event.outcome = { type: translate(OUTCOME, rec.outcome) };
    addUnique(entities, byId, event);

    // --- Location
    const loc = rec.location as Obj | undefined;
    const description = field(loc, 'description');
    const onOrNear = text.startsWith(text.lower(description), 'on or near');
    const locationId = positionalId(NS, 'Location', 'r-location', recordRef, []);
    const location: Obj = { id: locationId, entityType: 'Location', provenance: provenance('r-location') };
    location.locationType = coded(!blank(field(loc, 'postcode')) ? 'ADDRESS' : onOrNear ? 'STREET' : !blank(description) ? 'AREA' : 'POINT', 'LOCATION_TYPE');
    const lines = field(loc, 'address_lines');
    const address = obj([
      ['lines', lists.count(lines) > 0 ? lines : undefined],
      ['town', text.titleCase(text.trim(field(loc, 'town')))],
      ['postcode', uk.normalisePostcode(field(loc, 'postcode'))],
    ]);
    if (address) location.address = address;
    const easting = field(loc, 'easting');
    const northing = field(loc, 'northing');
    let point: unknown;
    if (!blank(easting) && !blank(northing)) point = geo.bngToWgs84(easting, northing);
    else if (!blank(field(loc, 'lat'))) point = obj([['lat', geo.roundCoord(field(loc, 'lat'))], ['lon', geo.roundCoord(field(loc, 'lon'))]]);
    if (present(point)) location.point = point;
    if (!blank(easting)) location.gridRef = obj([['easting', easting], ['northing', northing], ['crs', 'EPSG:27700']]);
    const firstLine = list(lines).find(present);
    const displayText = values.defaultIfEmpty(description, text.concat(firstLine, ', ', text.titleCase(field(loc, 'town'))));
    if (present(displayText)) location.displayText = displayText;
    location.isAnonymised = onOrNear;
    entities.push(location);

    // --- People
    const persons = list(rec.persons);
    const personIds: string[] = [];
    persons.forEach((p, i) => {
      const name = field(p, 'name');
      const dob = field(p, 'dob');
      const k0 = text.lower(text.collapseSpaces(name));
      const k1 = values.defaultIfEmpty(dob, '');
      const id = present(k0) || present(k1) ? keyedId(NS, 'Person', [k0, k1]) : positionalId(NS, 'Person', 'r-person', recordRef, [i]);
      const person: Obj = { id, entityType: 'Person' };
      const collar = field(p, 'collar_number');
      if (!blank(collar)) person.identifiers = [obj([['scheme', coded('COLLAR_NO', 'IDENTIFIER_SCHEME')], ['value', collar]])];
      person.provenance = provenance('r-person');
      const born = blank(dob) ? undefined : dates.parseDate(dob, DOB_PATTERNS, 2010);
      if (!blank(dob) && blank(born)) person.notes = text.concat('Date of birth not understood, as recorded: ', dob);
      const split = names.splitName(name) as Obj | null;
      let personName: Obj | undefined;
      if (field(p, 'role') === 'OFF') personName = obj([['fullText', name], ['use', coded('USUAL', 'NAME_USE')]]);
      else if (blank(split)) personName = obj([['fullText', text.trim(name)]]);
      else
        personName = obj([
          ['use', coded('USUAL', 'NAME_USE')],
          ['title', field(split, 'title')],
          ['given', field(split, 'given')],
          ['family', text.titleCase(text.trim(field(split, 'family')))],
          ['fullText', text.collapseSpaces(text.trim(name))],
        ]);
      if (personName) person.names = [personName];
      if (!blank(dob) && present(born)) person.dateOfBirth = { value: born, precision: 'day' };
      const sex = translate(SEX, field(p, 'sex'));
      if (sex) person.sex = sex;
      const ethnicity = translate(ETHNICITY, field(p, 'ethnicity'));
      if (ethnicity) person.ethnicitySelfDefined = ethnicity;
      person.isUnknownPerson = blank(split);
      addUnique(entities, byId, person);
      personIds[i] = id;
    });

    // --- Vehicles: embedded in the record, else the joined vehicle-table rows
    const vehicles = list(rec.vehicles);
    const vehicleIds: string[] = [];
    vehicles.forEach((v, i) => {
      const vrm = uk.normaliseVrm(field(v, 'vrm'));
      const id = present(vrm) ? keyedId(NS, 'Object', [vrm]) : positionalId(NS, 'Object', 'r-vehicle', recordRef, [i]);
      const o: Obj = { id, entityType: 'Object' };
      if (!blank(vrm)) o.identifiers = [{ scheme: coded('VRM', 'IDENTIFIER_SCHEME'), value: vrm }];
      o.provenance = provenance('r-vehicle');
      o.objectType = coded('VEHICLE', 'OBJECT_TYPE');
      if (present(vrm)) o.vrm = vrm;
      const make = text.upper(text.trim(field(v, 'make')));
      if (present(make)) o.make = make;
      const model = text.trim(field(v, 'model'));
      if (present(model)) o.model = model;
      const colour = translate(COLOUR, field(v, 'colour'));
      if (colour) o.colour = colour;
      addUnique(entities, byId, o);
      vehicleIds[i] = id;
    });
    const rowIds: string[] = [];
    if (lists.count(rec.vehicles) === 0) {
      vehicleRows.forEach((row, i) => {
        const vrm = uk.normaliseVrm(field(row, 'VRM'));
        const id = present(vrm) ? keyedId(NS, 'Object', [vrm]) : positionalId(NS, 'Object', 'r-vehicle-row', recordRef, [i]);
        const o: Obj = { id, entityType: 'Object', provenance: provenance('r-vehicle-row') };
        const rowNotes = field(row, 'Notes');
        if (present(rowNotes)) o.notes = rowNotes;
        o.objectType = coded('VEHICLE', 'OBJECT_TYPE');
        if (present(vrm)) o.vrm = vrm;
        const make = text.upper(text.trim(field(row, 'Make')));
        if (present(make)) o.make = make;
        const model = field(row, 'Model');
        if (present(model)) o.model = model;
        const colour = translate(COLOUR, field(row, 'Colour'));
        if (colour) o.colour = colour;
        addUnique(entities, byId, o);
        rowIds[i] = id;
      });
    }

    // --- Property
    const property = list(rec.property);
    const propertyIds: string[] = [];
    property.forEach((item, i) => {
      const id = positionalId(NS, 'Object', 'r-property', recordRef, [i]);
      const o: Obj = { id, entityType: 'Object', provenance: provenance('r-property') };
      const value = field(item, 'value');
      const amount = numbers.parseNumber(value);
      if (!blank(value) && blank(amount)) o.notes = text.concat('Value as recorded: ', value);
      const kind = offenceCode === 'WPN-BLADE' ? 'WEAPON' : text.lower(field(item, 'description')) === 'cash' && !blank(amount) ? 'CURRENCY' : 'PROPERTY';
      o.objectType = coded(kind, 'OBJECT_TYPE');
      const desc = text.trim(field(item, 'description'));
      if (present(desc)) o.description = desc;
      const status = translate(PROPERTY_STATUS, field(item, 'status'));
      if (status) o.status = status;
      if (!blank(amount)) o.value = { amount, currency: 'GBP' };
      if (text.startsWith(offenceCode, 'WPN-BLADE')) o.weaponType = coded('BLADED', 'WEAPON_TYPE');
      entities.push(o);
      propertyIds[i] = id;
    });

    // --- Links
    const link = (fromId: string, roleCode: string, rule: string, extra?: Obj) => {
      const role = { code: roleCode, scheme: 'LINK_ROLE', label: ROLE_LABEL[roleCode] };
      const l: Obj = { id: keyedId(NS, 'Link', [fromId, eventId, roleCode]), from: fromId, to: eventId, role, ...extra, provenance: provenance(rule) };
      addUnique(links, byId, l);
    };
    const committedFrom = (dates.partialDate(rec.committed_from) as Obj | null)?.value;
    persons.forEach((p, i) => {
      const role = roleOf(PERSON_ROLE, 'Acme person roles → link role', field(p, 'role'), 'r-link-person');
      const dob = field(p, 'dob');
      const born = blank(dob) ? null : dates.parseDate(dob, DOB_PATTERNS, 2010);
      const years = blank(born) ? undefined : dates.age(born, committedFrom);
      link(personIds[i], role, 'r-link-person', present(years) ? { ageAtEvent: { years } } : undefined);
    });
    // Event → Location keeps its own direction.
    addUnique(links, byId, { id: keyedId(NS, 'Link', [eventId, locationId, 'OCCURRED_AT']), from: eventId, to: locationId, role: { code: 'OCCURRED_AT', scheme: 'LINK_ROLE', label: 'Occurred at' }, provenance: provenance('r-link-location') });
    const vehicleRole = offenceCode === 'TOMV' ? 'STOLEN_IN' : offenceCode === 'CD-VEH' || offenceCode === 'TFMV' ? 'DAMAGED_IN' : 'USED_IN';
    for (const id of vehicleIds) link(id, vehicleRole, 'r-link-vehicle');
    for (const id of rowIds) if (id !== undefined) link(id, 'USED_IN', 'r-link-vehicle-row');
    property.forEach((item, i) => {
      const status = field(item, 'status');
      if (status === 'L') return;
      link(propertyIds[i], roleOf(PROPERTY_ROLE, 'Acme property status → link role', status, 'r-link-property'), 'r-link-property');
    });

    return { ok: true, output: { modelVersion: '1.0.0', mapping: { id: MAPPING_ID, version: '1.0.0' }, entities, links } };
  } catch (e) {
    return { ok: false, reject: errorReject(e) };
  }
}

function filtered(reason: string, ruleId: string): HandResult {
  return { ok: false, reject: { code: RUN_CODES.filtered, message: `Filtered out: ${reason}`, ruleId } };
}
