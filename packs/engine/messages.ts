/** Languages of user-facing text. English is the default of the CLI and the pack. */
export type Language = 'ja' | 'en';

export const LANGUAGES: readonly Language[] = ['en', 'ja'];

export function isLanguage(value: unknown): value is Language {
  return value === 'ja' || value === 'en';
}
