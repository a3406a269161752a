/**
 * POLE common model v1.0.0 as data: the JSON Schema, its code lists and crosswalks. Imported
 * statically (not read from disk) so the pure domain, the renderer and bundles all carry the same
 * copy. Add a list by adding its JSON file and one import below.
 */
import type { CodeList, Crosswalk } from '../../code-lists';
import schema from './pole.schema.json';
import ageBandPoliceUkList from './code-lists/AGE_BAND_POLICE_UK.json';
import areaSchemeList from './code-lists/AREA_SCHEME.json';
import confidenceList from './code-lists/CONFIDENCE.json';
import contactKindList from './code-lists/CONTACT_KIND.json';
import drugClassList from './code-lists/DRUG_CLASS.json';
import ethBroad51List from './code-lists/ETH_BROAD_5_1.json';
import eventTypeList from './code-lists/EVENT_TYPE.json';
import forceList from './code-lists/FORCE.json';
import genderList from './code-lists/GENDER.json';
import ic61List from './code-lists/IC_6_1.json';
import identifierSchemeList from './code-lists/IDENTIFIER_SCHEME.json';
import incidentChannelList from './code-lists/INCIDENT_CHANNEL.json';
import linkRoleList from './code-lists/LINK_ROLE.json';
import locationPrecisionList from './code-lists/LOCATION_PRECISION.json';
import locationTypeList from './code-lists/LOCATION_TYPE.json';
import nameUseList from './code-lists/NAME_USE.json';
import objectTypeList from './code-lists/OBJECT_TYPE.json';
import offenceFlagList from './code-lists/OFFENCE_FLAG.json';
import policeUkCategoryList from './code-lists/POLICE_UK_CATEGORY.json';
import policeUkOutcomeList from './code-lists/POLICE_UK_OUTCOME.json';
import policeUkSdeLabelList from './code-lists/POLICE_UK_SDE_LABEL.json';
import propertyStatusList from './code-lists/PROPERTY_STATUS.json';
import quantityUnitList from './code-lists/QUANTITY_UNIT.json';
import sde161List from './code-lists/SDE_16_1.json';
import sde181List from './code-lists/SDE_18_1.json';
import sexList from './code-lists/SEX.json';
import ssLegislationList from './code-lists/SS_LEGISLATION.json';
import ssObjectList from './code-lists/SS_OBJECT.json';
import ssOutcomeList from './code-lists/SS_OUTCOME.json';
import ssSearchTypeList from './code-lists/SS_SEARCH_TYPE.json';
import vehicleColourList from './code-lists/VEHICLE_COLOUR.json';
import weaponTypeList from './code-lists/WEAPON_TYPE.json';
import ic61ToEthBroad51Walk from './code-lists/crosswalks/IC_6_1-to-ETH_BROAD_5_1.json';
import policeUkSdeLabelToSde181Walk from './code-lists/crosswalks/POLICE_UK_SDE_LABEL-to-SDE_18_1.json';
import sde161ToSde181Walk from './code-lists/crosswalks/SDE_16_1-to-SDE_18_1.json';
import sde181ToEthBroad51Walk from './code-lists/crosswalks/SDE_18_1-to-ETH_BROAD_5_1.json';
import sde181ToSde161Walk from './code-lists/crosswalks/SDE_18_1-to-SDE_16_1.json';

export const POLE_V1_ID = 'pole';
export const POLE_V1_VERSION = '1.0.0';
/** Repository-relative file of the schema; tree positions refer to it. */
export const POLE_V1_SCHEMA_FILE = 'mappings/model/pole/v1/pole.schema.json';
export const poleV1Schema = schema as Record<string, unknown>;

/** Code lists in scheme order. */
export const poleV1CodeLists: CodeList[] = [
  ageBandPoliceUkList,
  areaSchemeList,
  confidenceList,
  contactKindList,
  drugClassList,
  ethBroad51List,
  eventTypeList,
  forceList,
  genderList,
  ic61List,
  identifierSchemeList,
  incidentChannelList,
  linkRoleList,
  locationPrecisionList,
  locationTypeList,
  nameUseList,
  objectTypeList,
  offenceFlagList,
  policeUkCategoryList,
  policeUkOutcomeList,
  policeUkSdeLabelList,
  propertyStatusList,
  quantityUnitList,
  sde161List,
  sde181List,
  sexList,
  ssLegislationList,
  ssObjectList,
  ssOutcomeList,
  ssSearchTypeList,
  vehicleColourList,
  weaponTypeList,
] as CodeList[];

export const poleV1Crosswalks: Crosswalk[] = [
  ic61ToEthBroad51Walk,
  policeUkSdeLabelToSde181Walk,
  sde161ToSde181Walk,
  sde181ToEthBroad51Walk,
  sde181ToSde161Walk,
] as Crosswalk[];

/** File of each code list (by scheme) and crosswalk (by id), for diagnostics. */
export const poleV1CodeListFiles: Record<string, string> = Object.fromEntries([
  ...poleV1CodeLists.map((l) => [l.scheme, `mappings/model/pole/v1/code-lists/${l.scheme}.json`]),
  ...poleV1Crosswalks.map((c) => [c.id, `mappings/model/pole/v1/code-lists/crosswalks/${c.id}.json`]),
]);
