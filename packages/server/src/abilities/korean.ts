// Korean particles change with the word before them: 이/가, 을/를, 은/는, 으로/로, 이에요/예요.

/** The word and its particle: the first form after a final consonant (batchim). */
export function withParticle(word: string, withFinal: string, withoutFinal: string): string {
  const last = word.charCodeAt(word.length - 1) - 0xac00;
  const final = last >= 0 && last < 11172 && last % 28 !== 0;
  return `${word}${final ? withFinal : withoutFinal}`;
}
