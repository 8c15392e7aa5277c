import { describe, expect, it } from "vitest";
import { queryTerms } from "./query-terms";

describe("queryTerms", () => {
  it("widens a query of 3 words or more to every word but one, before any word", () => {
    const terms = queryTerms("retry webhook delivery");
    expect(terms.allWords).toBe("retri & webhook & deliveri");
    expect(terms.mostWords).toBe("(webhook & deliveri) | (retri & deliveri) | (retri & webhook)");
    expect(terms.anyWord).toBe("retri | webhook | deliveri");
  });

  it("takes the parts of a lone identifier as its words", () => {
    const terms = queryTerms("findCustomerByEmail");
    expect(terms.allWords).toBe("(findcustomerbyemail | (find & custom & email))");
    expect(terms.mostWords).toBe("(custom & email) | (find & email) | (find & custom)");
  });

  it("has no middle step under 3 words: all but one would be any", () => {
    expect(queryTerms("cache get").mostWords).toBeNull();
    expect(queryTerms("cartTotal").mostWords).toBeNull();
    expect(queryTerms("!!!")).toMatchObject({ allWords: null, mostWords: null, anyWord: null });
  });
});
