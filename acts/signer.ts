import { readFileSync } from 'node:fs';
import { ConfigError } from '../platform/config-error';
import { p12Signer } from './p12-signer';

/** Signs an act's PDF. Pluggable: a CMS signer from a PKCS#12 file first; a token or HSM signer can follow. */
export interface ActSigner {
  /** What `destruction_acts.signature_format` records. */
  readonly format: 'cms-detached';
  /** Who signs, for the register (the certificate's subject common name). */
  readonly signedBy: string;
  /** A detached signature over exactly these bytes (DER). */
  sign(data: Buffer): Buffer;
}

/** DSAR_ACT_SIGNER_P12 + DSAR_ACT_SIGNER_PASSWORD_FILE, checked at start-up; none set: acts are not signed. */
export function actSignerFromEnv(env: NodeJS.ProcessEnv, readFile: (p: string) => Buffer = (p) => readFileSync(p)): ActSigner | undefined {
  const file = env.DSAR_ACT_SIGNER_P12;
  const passwordFile = env.DSAR_ACT_SIGNER_PASSWORD_FILE;
  if (!file && !passwordFile) return undefined;
  if (!file) throw new ConfigError('DSAR_ACT_SIGNER_PASSWORD_FILE is set without DSAR_ACT_SIGNER_P12: set both (the PKCS#12 file and its password) or neither.');
  const read = (p: string, what: string) => {
    try {
      return readFile(p);
    } catch (err) {
      throw new ConfigError(`${what}=${p} cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'}): point it at ${what === 'DSAR_ACT_SIGNER_P12' ? 'the signer\'s PKCS#12 (.p12/.pfx) file' : 'a file holding the PKCS#12 password'}.`);
    }
  };
  const password = passwordFile ? read(passwordFile, 'DSAR_ACT_SIGNER_PASSWORD_FILE').toString('utf8').replace(/\r?\n$/, '') : '';
  try {
    return p12Signer(read(file, 'DSAR_ACT_SIGNER_P12'), password);
  } catch (err) {
    if (err instanceof ConfigError) throw err;
    throw new ConfigError(`DSAR_ACT_SIGNER_P12=${file} cannot be opened (${(err as Error).message}): check the file and DSAR_ACT_SIGNER_PASSWORD_FILE.`);
  }
}
