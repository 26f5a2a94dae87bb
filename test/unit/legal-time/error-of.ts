import { LegalTimeError } from '../../../domain/legal-time';
import { thrown } from '../../helpers/thrown';

/** The LegalTimeError `fn` throws; fails the test if it throws nothing or something else. */
export const errorOf = (fn: () => unknown): LegalTimeError => thrown(fn, LegalTimeError);
