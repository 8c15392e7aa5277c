import { describe, expect, it } from "vitest";
import { functionComplexity } from "./function-complexity";

describe("functionComplexity", () => {
  it("counts decision points per function in TypeScript, nested functions apart", async () => {
    const content = `class Cart {
  total(items: number[], coupon?: string) {
    let sum = 0;
    for (const item of items) if (item > 0 && item < 100) sum += item;
    const round = (value: number) => (value > 10 ? Math.round(value) : value);
    return coupon ?? round(sum);
  }
}
export const plain = () => 1;
`;
    expect(await functionComplexity({ language: "typescript", content })).toEqual([
      { name: "Cart.total", startLine: 2, endLine: 7, complexity: 5 },
      { name: "round", startLine: 5, endLine: 5, complexity: 2 },
      { name: "plain", startLine: 9, endLine: 9, complexity: 1 },
    ]);
  });

  it("reads Python and Go too", async () => {
    const python = `def grade(score):
    if score > 90 and score <= 100:
        return "A"
    elif score > 80:
        return "B"
    return "C"
`;
    expect(await functionComplexity({ language: "python", content: python })).toMatchObject([
      { name: "grade", complexity: 4 },
    ]);
    const go = `package main

func (c *Cart) Total(items []int) int {
	sum := 0
	for _, item := range items {
		if item > 0 || item == -1 {
			sum += item
		}
	}
	switch {
	case sum > 100:
		return 100
	default:
		return sum
	}
}
`;
    expect(await functionComplexity({ language: "go", content: go })).toMatchObject([
      { name: "Cart.Total", complexity: 5 },
    ]);
  });
});
