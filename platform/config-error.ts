/** A setting that stops the process at boot; its message names the setting and what to put there. */
export class ConfigError extends Error {
  readonly code = 'invalid_config';
}

/**
 * How a process refused its configuration exits (sysexits' EX_CONFIG): `npm start`'s supervisor does not restart a
 * child that exits so, since a restart reads the same settings, and `npm start` itself exits so.
 */
export const EXIT_CONFIG = 78;
