/**
 * The pure implementations of every library function, by name — what compiled expressions reach as
 * `$fn`. No documentation here so bundles stay small; the documented registry is `../registry.ts`.
 * Context functions (see `FunctionDef.context`) take the run-time context as their first argument.
 */
import * as text from './text';
import * as names from './names';
import * as dates from './dates';
import * as numbers from './numbers';
import * as uk from './uk';
import * as geo from './geo';
import * as ids from './ids';
import * as values from './values';
import * as lists from './lists';

export { ExprRuntimeError, LIMITS, RUNTIME_CODES } from './errors';
export type { FunctionContext } from './ids';

export const FUNCTION_IMPLS = Object.freeze({
  trim: text.trim,
  collapseSpaces: text.collapseSpaces,
  upper: text.upper,
  lower: text.lower,
  titleCase: text.titleCase,
  split: text.split,
  join: text.join,
  replace: text.replace,
  regexTest: text.regexTest,
  regexExtract: text.regexExtract,
  regexReplace: text.regexReplace,
  padStart: text.padStart,
  padEnd: text.padEnd,
  substring: text.substring,
  length: text.length,
  concat: text.concat,
  contains: text.contains,
  startsWith: text.startsWith,
  endsWith: text.endsWith,
  digitsOnly: text.digitsOnly,
  splitName: names.splitName,
  givenNames: names.givenNames,
  familyName: names.familyName,
  nameTitle: names.nameTitle,
  parseDate: dates.parseDate,
  partialDate: dates.partialDate,
  excelDate: dates.excelDate,
  toUtc: dates.toUtc,
  fromUtc: dates.fromUtc,
  formatDate: dates.formatDate,
  age: dates.age,
  daysBetween: dates.daysBetween,
  dateOnly: dates.dateOnly,
  parseNumber: numbers.parseNumber,
  round: numbers.round,
  toInteger: numbers.toInteger,
  normalisePostcode: uk.normalisePostcode,
  isValidPostcode: uk.isValidPostcode,
  postcodeOutward: uk.postcodeOutward,
  normaliseVrm: uk.normaliseVrm,
  isValidVrm: uk.isValidVrm,
  formatVrm: uk.formatVrm,
  normaliseNino: uk.normaliseNino,
  isValidNino: uk.isValidNino,
  normaliseUkPhone: uk.normaliseUkPhone,
  isValidLatLon: geo.isValidLatLon,
  bngToWgs84: geo.bngToWgs84,
  wgs84ToBng: geo.wgs84ToBng,
  roundCoord: geo.roundCoord,
  pseudonymise: ids.pseudonymise,
  uuid5: ids.uuid5,
  coalesce: values.coalesce,
  isEmpty: values.isEmpty,
  defaultIfEmpty: values.defaultIfEmpty,
  toString: values.toString,
  toBoolean: values.toBoolean,
  first: lists.first,
  last: lists.last,
  count: lists.count,
  distinct: lists.distinct,
  pluck: lists.pluck,
  compact: lists.compact,
  sum: lists.sum,
  flatten: lists.flatten,
});

export type FunctionName = keyof typeof FUNCTION_IMPLS;
