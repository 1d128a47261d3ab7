// The languages a work can be written in: BCP 47 codes with each language's name in itself, as
// AO3's language menu shows them, sorted by name for the select.

export interface Language {
  /** Canonical BCP 47 tag, e.g. "en", "pt-BR", "fil". */
  code: string;
  /** The name in the language itself. */
  name: string;
}

const nameOrder = new Intl.Collator("en", { sensitivity: "base" });

export const languages: Language[] = [
  { code: "ar", name: "العربية" },
  { code: "bg", name: "Български" },
  { code: "ca", name: "Català" },
  { code: "cs", name: "Čeština" },
  { code: "cy", name: "Cymraeg" },
  { code: "da", name: "Dansk" },
  { code: "de", name: "Deutsch" },
  { code: "el", name: "Ελληνικά" },
  { code: "en", name: "English" },
  { code: "eo", name: "Esperanto" },
  { code: "es", name: "Español" },
  { code: "et", name: "eesti keel" },
  { code: "eu", name: "Euskara" },
  { code: "fa", name: "فارسی" },
  { code: "fi", name: "Suomi" },
  { code: "fil", name: "Filipino" },
  { code: "fr", name: "Français" },
  { code: "ga", name: "Gaeilge" },
  { code: "gl", name: "Galego" },
  { code: "he", name: "עברית" },
  { code: "hi", name: "हिन्दी" },
  { code: "hr", name: "Hrvatski" },
  { code: "hu", name: "Magyar" },
  { code: "id", name: "Bahasa Indonesia" },
  { code: "it", name: "Italiano" },
  { code: "ja", name: "日本語" },
  { code: "ko", name: "한국어" },
  { code: "la", name: "Lingua latina" },
  { code: "lt", name: "Lietuvių kalba" },
  { code: "lv", name: "Latviešu valoda" },
  { code: "ms", name: "Bahasa Malaysia" },
  { code: "nb", name: "Norsk bokmål" },
  { code: "nl", name: "Nederlands" },
  { code: "pl", name: "Polski" },
  { code: "pt-BR", name: "Português brasileiro" },
  { code: "pt-PT", name: "Português europeu" },
  { code: "ro", name: "Română" },
  { code: "ru", name: "Русский" },
  { code: "sk", name: "Slovenčina" },
  { code: "sl", name: "Slovenščina" },
  { code: "sr", name: "Српски" },
  { code: "sv", name: "Svenska" },
  { code: "th", name: "ภาษาไทย" },
  { code: "tr", name: "Türkçe" },
  { code: "uk", name: "Українська" },
  { code: "vi", name: "Tiếng Việt" },
  { code: "zh", name: "中文-普通话 國語" },
].sort((a, b) => nameOrder.compare(a.name, b.name));

export const defaultLanguage = "en";

/**
 * The language with this code. The code is canonicalised first, so case doesn't matter and old
 * aliases work ("pt-br" finds "pt-BR", "tl" finds "fil", "iw" finds "he").
 */
export function languageByCode(code: string): Language | undefined {
  let wanted: string | undefined;
  try {
    wanted = Intl.getCanonicalLocales(code.trim())[0];
  } catch {
    return undefined; // not a well-formed language tag
  }
  return languages.find((l) => l.code === wanted);
}
