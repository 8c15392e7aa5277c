/** A parser stops here: a 5 MB output of one repeated warning must not cost a 5 MB array. */
export const MAX_PROBLEMS = 2000;
