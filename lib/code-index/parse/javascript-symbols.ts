import type { Node } from "web-tree-sitter";
import type { SymbolCollector } from "./symbol-collector";
import type { SymbolKind } from "./types";

// Symbols of JavaScript, TypeScript and TSX (one walker: TypeScript's grammar extends
// JavaScript's). Only declarations at the top of the module, in namespaces and in class
// bodies are visited: function bodies are not, so a helper inside a function is not a symbol.

const functionValues = new Set([
  "arrow_function",
  "function_expression",
  "function",
  "generator_function",
  "generator_function_expression",
]);
const classValues = new Set(["class", "class_expression"]);

const declarationKinds: Record<string, SymbolKind> = {
  function_declaration: "function",
  generator_function_declaration: "function",
  function_signature: "function",
  class_declaration: "class",
  abstract_class_declaration: "class",
  interface_declaration: "interface",
  type_alias_declaration: "type",
  enum_declaration: "enum",
  internal_module: "namespace",
  module: "namespace",
};

const memberTypes = new Set([
  "method_definition",
  "method_signature",
  "abstract_method_signature",
  "public_field_definition",
  "field_definition",
]);

type Scope = { exported: boolean; container: string | null; parent?: number };

const nameOf = (node: Node | null): string | null => {
  if (!node) return null;
  // Quoted module names (`declare module "x"`) and computed keys are named by their text.
  return node.text.replace(/^["'`]|["'`]$/g, "").slice(0, 200) || null;
};

function visitClassBody(body: Node, collector: SymbolCollector, className: string, parent: number): void {
  for (const member of body.namedChildren) {
    if (!memberTypes.has(member.type)) continue;
    const name = nameOf(member.childForFieldName("name") ?? member.childForFieldName("property"));
    if (!name) continue;
    const value = member.childForFieldName("value");
    // Fields are symbols only when they hold a function (`handle = () => {...}`).
    const isField = member.type === "public_field_definition" || member.type === "field_definition";
    if (isField && !(value && functionValues.has(value.type))) continue;
    collector.add(member, { name, kind: "method", exported: false, container: className, parent });
  }
}

function visitDeclarators(declaration: Node, collector: SymbolCollector, scope: Scope, range: Node): void {
  const constant = declaration.firstChild?.text === "const";
  for (const declarator of declaration.namedChildren) {
    if (declarator.type !== "variable_declarator") continue;
    const nameNode = declarator.childForFieldName("name");
    // Destructuring declares many names at once; none of them is a definition worth listing.
    if (nameNode?.type !== "identifier") continue;
    const value = declarator.childForFieldName("value");
    const kind: SymbolKind =
      value && functionValues.has(value.type)
        ? "function"
        : value && classValues.has(value.type)
          ? "class"
          : constant
            ? "constant"
            : "variable";
    // One declarator in the statement: the symbol spans the statement (with `export`/`const`).
    const single = declaration.namedChildren.filter((child) => child.type === "variable_declarator").length === 1;
    const index = collector.add(declarator, { name: nameNode.text, kind, ...scope }, single ? range : declarator);
    if (kind === "class" && value) {
      const body = value.childForFieldName("body");
      if (body) visitClassBody(body, collector, nameNode.text, index);
    }
  }
}

/** `Foo.prototype.bar = function () {}` and `exports.baz = () => {}`: functions by assignment. */
function visitAssignment(statement: Node, collector: SymbolCollector, scope: Scope): void {
  const assignment = statement.firstNamedChild;
  if (assignment?.type !== "assignment_expression") return;
  const left = assignment.childForFieldName("left");
  const right = assignment.childForFieldName("right");
  if (!left || !right || !(functionValues.has(right.type) || classValues.has(right.type))) return;
  const kind: SymbolKind = classValues.has(right.type) ? "class" : "function";
  if (left.type === "identifier") {
    collector.add(assignment, { name: left.text, kind, ...scope }, statement);
    return;
  }
  if (left.type !== "member_expression") return;
  if (left.text === "module.exports") {
    // `module.exports = function name() {}`: the module's one export, known by the function's own name.
    const name = nameOf(right.childForFieldName("name"));
    if (name) collector.add(assignment, { name, kind, exported: true, container: null }, statement);
    return;
  }
  const property = nameOf(left.childForFieldName("property"));
  if (!property) return;
  const object = left.childForFieldName("object");
  const target = object?.text ?? "";
  const prototype = /^([A-Za-z_$][\w$]*)\.prototype$/.exec(target)?.[1];
  const exported = target === "exports" || target === "module.exports";
  collector.add(
    assignment,
    {
      name: property,
      kind: prototype ? "method" : kind,
      exported,
      container: prototype ?? (exported || !object ? null : target.slice(0, 200)),
    },
    statement,
  );
}

function visitStatement(node: Node, collector: SymbolCollector, scope: Scope, range: Node = node): void {
  switch (node.type) {
    case "export_statement": {
      const declaration = node.childForFieldName("declaration");
      if (declaration) visitStatement(declaration, collector, { ...scope, exported: true }, node);
      return;
    }
    case "ambient_declaration":
    case "expression_statement": {
      const inner = node.firstNamedChild;
      if (inner && (inner.type in declarationKinds || inner.type.endsWith("declaration")))
        visitStatement(inner, collector, scope, range);
      else if (node.type === "expression_statement") visitAssignment(node, collector, scope);
      return;
    }
    case "lexical_declaration":
    case "variable_declaration":
      visitDeclarators(node, collector, scope, range);
      return;
  }
  const kind = declarationKinds[node.type];
  if (!kind) return;
  const name = nameOf(node.childForFieldName("name"));
  if (!name) return;
  const index = collector.add(node, { name, kind, ...scope }, range);
  const body = node.childForFieldName("body");
  if (!body) return;
  if (kind === "class") visitClassBody(body, collector, name, index);
  else if (kind === "namespace")
    for (const child of body.namedChildren)
      visitStatement(child, collector, { exported: scope.exported, container: name, parent: index });
}

/** `export { a, b as c }`: the local names it exports, whose declarations are then exported too. */
function exportedNames(root: Node): Set<string> {
  const names = new Set<string>();
  for (const statement of root.namedChildren) {
    if (statement.type !== "export_statement" || statement.childForFieldName("source")) continue;
    for (const clause of statement.namedChildren) {
      if (clause.type !== "export_clause") continue;
      for (const specifier of clause.namedChildren) {
        const name = specifier.childForFieldName("name")?.text;
        if (name) names.add(name);
      }
    }
  }
  return names;
}

export function javascriptSymbols(root: Node, collector: SymbolCollector): void {
  for (const statement of root.namedChildren)
    visitStatement(statement, collector, { exported: false, container: null });
  const later = exportedNames(root);
  if (later.size === 0) return;
  for (const symbol of collector.symbols)
    if (symbol.container === null && later.has(symbol.name)) symbol.exported = true;
}
