import { migration001 } from './001-init';
import { migration002 } from './002-bundles';
import type { Migration } from './types';

export type { Migration } from './types';

/** Every migration this build knows, in order. Append only; never edit a released one. */
export const MIGRATIONS: readonly Migration[] = [migration001, migration002];

/** The schema version this build writes. */
export const LATEST_SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version;
