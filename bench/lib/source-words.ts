// Word forms the generated sources are written with.
export const sourceWords = {
  upper: (word: string) => word[0]!.toUpperCase() + word.slice(1),
  an: (word: string) => (/^[aeiou]/i.test(word) ? `an ${word}` : `a ${word}`),
  snake: (word: string) => word.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`),
};
