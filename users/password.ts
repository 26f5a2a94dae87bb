import { randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';

/**
 * argon2id with OWASP's minimum parameters (19 MiB, 2 passes, 1 lane): slow enough to make a stolen table
 * expensive to crack, fast enough (~30 ms) for a sign-in. The PHC string keeps its parameters, so raising them
 * later still verifies old hashes. @node-rs/argon2's default algorithm is argon2id; the table's CHECK insists.
 */
const OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const MIN_PASSWORD_LENGTH = 12;

export const hashPassword = (password: string): Promise<string> => hash(password, OPTIONS);

/** False for a wrong password and for a malformed stored hash alike. */
export const verifyPassword = (stored: string, password: string): Promise<boolean> => verify(stored, password).catch(() => false);

/** 20 characters of base64url (120 bits): printed once by `dsar user create` when no password is given. */
export const generatePassword = (): string => randomBytes(15).toString('base64url');

/** Why a chosen password is refused, or undefined. Length is what matters (NIST SP 800-63B); no composition rules. */
export function passwordProblem(password: string): string | undefined {
  if ([...password].length < MIN_PASSWORD_LENGTH) return `the password must be at least ${MIN_PASSWORD_LENGTH} characters long`;
  if ([...password].length > 256) return 'the password must be at most 256 characters long';
  if (/[\p{Cc}]/u.test(password)) return 'the password must not contain control characters';
  return undefined;
}
