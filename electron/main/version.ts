import pkg from '../../package.json';

/** The app version, from package.json (bundled in, so it is right inside an asar archive too). */
export const APP_VERSION: string = pkg.version;
