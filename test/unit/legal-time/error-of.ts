import { LegalTimeError } from '../../../domain/legal-time';

/** The LegalTimeError `fn` throws; fails the test if it throws nothing or something else. */
export function errorOf(fn: () => unknown): LegalTimeError {
  try {
    fn();
  } catch (error) {
    if (error instanceof LegalTimeError) return error;
    throw error;
  }
  throw new Error('expected a LegalTimeError');
}
