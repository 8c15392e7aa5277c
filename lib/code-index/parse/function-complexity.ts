import type { Node } from "web-tree-sitter";
import { loadParser } from "./load-grammar";
import type { CodeLanguage } from "./types";

/** A function (or method, arrow function, closure) and its cyclomatic complexity. */
export type FunctionComplexity = {
  /** `Class.method`, the declared or assigned name, or `<anonymous>`. */
  name: string;
  startLine: number;
  endLine: number;
  /** McCabe's: 1 + the decision points in its own body (nested functions count for themselves). */
  complexity: number;
};

type Rules = { functions: Set<string>; decisions: Set<string>; logical: Set<string>; logicalNode: string };

const javascript: Rules = {
  functions: new Set([
    "function_declaration",
    "generator_function_declaration",
    "function_expression",
    "function",
    "generator_function",
    "arrow_function",
    "method_definition",
  ]),
  decisions: new Set([
    "if_statement",
    "for_statement",
    "for_in_statement",
    "while_statement",
    "do_statement",
    "switch_case",
    "catch_clause",
    "ternary_expression",
  ]),
  logical: new Set(["&&", "||", "??"]),
  logicalNode: "binary_expression",
};

const rules: Record<CodeLanguage, Rules> = {
  typescript: javascript,
  tsx: javascript,
  javascript,
  python: {
    functions: new Set(["function_definition", "lambda"]),
    decisions: new Set([
      "if_statement",
      "elif_clause",
      "for_statement",
      "while_statement",
      "except_clause",
      "conditional_expression",
      "case_clause",
      "for_in_clause",
      "if_clause",
    ]),
    logical: new Set(["and", "or"]),
    logicalNode: "boolean_operator",
  },
  go: {
    functions: new Set(["function_declaration", "method_declaration", "func_literal"]),
    decisions: new Set(["if_statement", "for_statement", "expression_case", "type_case", "communication_case"]),
    logical: new Set(["&&", "||"]),
    logicalNode: "binary_expression",
  },
};

/** The name a function is known by: its own, its variable's, its property's, with its class. */
function functionName(node: Node): string {
  let name = node.childForFieldName("name")?.text;
  const parent = node.parent;
  if (!name && parent) {
    if (parent.type === "variable_declarator" || parent.type === "assignment")
      name = parent.childForFieldName("name")?.text ?? parent.childForFieldName("left")?.text;
    else if (parent.type === "pair") name = parent.childForFieldName("key")?.text;
    else if (parent.type === "assignment_expression") name = parent.childForFieldName("left")?.text;
    else if (parent.type === "public_field_definition" || parent.type === "field_definition")
      name = (parent.childForFieldName("name") ?? parent.childForFieldName("property"))?.text;
  }
  if (node.type === "method_declaration") {
    const receiver = node.childForFieldName("receiver")?.descendantsOfType("type_identifier")[0]?.text;
    if (receiver && name) return `${receiver}.${name}`;
  }
  for (let up = node.parent; up; up = up.parent) {
    if (up.type === "class_declaration" || up.type === "class_definition" || up.type === "class") {
      const className = up.childForFieldName("name")?.text;
      if (className && name) return `${className}.${name}`;
      break;
    }
    if (rules.javascript.functions.has(up.type) || up.type === "function_definition") break;
  }
  return (name ?? "<anonymous>").slice(0, 200);
}

/**
 * Cyclomatic complexity of every function in a source file, from the same tree-sitter
 * grammars the code index parses with (loaded once per thread). The reviews compare it
 * before and after a change.
 */
export async function functionComplexity({
  language,
  content,
}: {
  language: CodeLanguage;
  content: string;
}): Promise<FunctionComplexity[]> {
  const parser = await loadParser(language);
  const tree = parser.parse(content);
  if (!tree) return [];
  const rule = rules[language];
  const found: FunctionComplexity[] = [];
  try {
    // Iterative walk with the enclosing function's record on the stack: deep code cannot overflow it.
    const stack: { node: Node; owner: FunctionComplexity | null }[] = [{ node: tree.rootNode, owner: null }];
    while (stack.length > 0) {
      const { node, owner: outer } = stack.pop()!;
      let owner = outer;
      if (rule.functions.has(node.type)) {
        owner = {
          name: functionName(node),
          startLine: node.startPosition.row + 1,
          endLine: node.endPosition.row + 1,
          complexity: 1,
        };
        found.push(owner);
      } else if (owner) {
        if (rule.decisions.has(node.type)) owner.complexity++;
        else if (node.type === rule.logicalNode) {
          const operator = node.childForFieldName("operator")?.type ?? node.child(1)?.type;
          if (operator && rule.logical.has(operator)) owner.complexity++;
        }
      }
      for (let i = node.namedChildCount - 1; i >= 0; i--) {
        const child = node.namedChild(i);
        if (child) stack.push({ node: child, owner });
      }
    }
  } finally {
    tree.delete();
  }
  return found.sort((a, b) => a.startLine - b.startLine);
}
