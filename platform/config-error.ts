/** A setting that stops the process at boot; its message names the setting and what to put there. */
export class ConfigError extends Error {
  readonly code = 'invalid_config';
}
