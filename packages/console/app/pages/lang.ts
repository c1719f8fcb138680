// The language of a text by its script, so the browser picks Japanese or Korean glyph forms.
export function langOf(text: string): "ja" | "ko" | undefined {
  if (/[\uac00-\ud7af\u1100-\u11ff\u3130-\u318f]/.test(text)) return "ko";
  if (/[\u3040-\u30ff\u4e00-\u9fff\uff66-\uff9f]/.test(text)) return "ja";
  return undefined;
}
