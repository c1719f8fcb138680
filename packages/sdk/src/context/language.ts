// The language to answer in: the request's locale when the platform sent one ("ja-JP" → "ja",
// cek-custom-extension.md §3.3), otherwise the extension's default language.
import type { CekRequest } from "../message/types.js";
import type { Language } from "../response/speech.js";

const LANGUAGES: ReadonlySet<string> = new Set(["ja", "ko", "en"]);

export function localeOf(request: CekRequest): string | undefined {
  const locale = (request.request as { locale?: unknown }).locale;
  return typeof locale === "string" && locale !== "" ? locale : undefined;
}

export function languageOf(locale: string | undefined, fallback: Language): Language {
  if (!locale) return fallback;
  const primary = locale.slice(0, 2).toLowerCase();
  return LANGUAGES.has(primary) ? (primary as Language) : fallback;
}
