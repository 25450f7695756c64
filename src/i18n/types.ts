/** One user-facing text in both languages. `{name}` marks a parameter. */
export interface Text {
  da: string;
  en: string;
}
export type Lang = 'da' | 'en';
export const languages: readonly Lang[] = ['da', 'en'];
