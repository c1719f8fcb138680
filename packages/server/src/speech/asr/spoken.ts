// Written text → the words a speaker says: lower case, no punctuation, digits as English
// number words ("12" → "twelve"), hyphens and slashes as spaces.

const ONES = [
  "zero",
  "one",
  "two",
  "three",
  "four",
  "five",
  "six",
  "seven",
  "eight",
  "nine",
  "ten",
  "eleven",
  "twelve",
  "thirteen",
  "fourteen",
  "fifteen",
  "sixteen",
  "seventeen",
  "eighteen",
  "nineteen",
];
const TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];

/** English words for 0 ≤ n < 1,000,000 ("one hundred twenty three"). */
export function numberWords(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n >= 1_000_000) return String(n);
  if (n < 20) return ONES[n] ?? "";
  if (n < 100) return `${TENS[Math.floor(n / 10)]}${n % 10 ? ` ${ONES[n % 10]}` : ""}`;
  if (n < 1000) {
    const rest = n % 100;
    return `${ONES[Math.floor(n / 100)]} hundred${rest ? ` ${numberWords(rest)}` : ""}`;
  }
  const rest = n % 1000;
  return `${numberWords(Math.floor(n / 1000))} thousand${rest ? ` ${numberWords(rest)}` : ""}`;
}

/** The word sequence a user would say for a written phrase. */
export function spokenWords(text: string): string[] {
  const words: string[] = [];
  const cleaned = text
    .toLowerCase()
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .replace(/[’‘`]/g, "'")
    .replace(/&/g, " and ")
    .replace(/(\d)[,](\d{3})/g, "$1$2")
    .replace(/[^a-z0-9']+/g, " ");
  for (const token of cleaned.split(" ")) {
    const word = token.replace(/^'+|'+$/g, "");
    if (!word) continue;
    const parts = word.match(/\d+|[^\d]+/g) ?? [];
    for (const part of parts) {
      if (/^\d+$/.test(part)) words.push(...numberWords(Number(part)).split(" "));
      else words.push(part);
    }
  }
  return words;
}
