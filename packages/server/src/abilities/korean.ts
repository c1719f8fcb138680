// Korean particles change with the word before them: 이/가, 을/를, 은/는, 으로/로, 이에요/예요.

/** The word and its particle: the first form after a final consonant (batchim). */
export function withParticle(word: string, withFinal: string, withoutFinal: string): string {
  const last = word.charCodeAt(word.length - 1) - 0xac00;
  const final = last >= 0 && last < 11172 && last % 28 !== 0;
  return `${word}${final ? withFinal : withoutFinal}`;
}

/**
 * Korean spacing that varies from writer to writer, made one way before recognizing (and in
 * the models' own phrases): the helping verb 주다 joined to its verb ("켜 줘" and "켜줘" →
 * "켜줘", "연결해 주세요" → "연결해주세요"), and 몇 apart from its counter ("몇시" → "몇 시").
 */
export function koreanSpacing(text: string): string {
  return text
    .replace(
      /(\S)\s+(?=(?:줘|주세요|줄래|주라|주실래요|주시겠어요|주겠니)(?:요)?(?:[\s?.!]|$))/g,
      "$1",
    )
    .replace(/몇(?=[시분초월])/g, "몇 ");
}
