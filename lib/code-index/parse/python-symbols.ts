import type { Node } from "web-tree-sitter";
import type { SymbolCollector } from "./symbol-collector";

// Symbols of Python: functions and classes at module level, methods and nested classes in
// class bodies, and module-level assignments to a plain name (constants when in CAPITALS).
// A leading underscore marks a name private, as Python's own tools read it.

const isPublic = (name: string) => !name.startsWith("_") || (name.startsWith("__") && name.endsWith("__"));

function visit(
  node: Node,
  collector: SymbolCollector,
  container: { name: string; index: number } | null,
  range: Node = node,
): void {
  switch (node.type) {
    case "decorated_definition": {
      const definition = node.childForFieldName("definition");
      if (definition) visit(definition, collector, container, node);
      return;
    }
    case "function_definition":
    case "class_definition": {
      const name = node.childForFieldName("name")?.text;
      if (!name) return;
      const isClass = node.type === "class_definition";
      const index = collector.add(
        node,
        {
          name,
          kind: isClass ? "class" : container ? "method" : "function",
          exported: isPublic(name) && (container === null || isPublic(container.name)),
          container: container?.name ?? null,
          ...(container ? { parent: container.index } : {}),
        },
        range,
      );
      const body = node.childForFieldName("body");
      if (isClass && body) for (const child of body.namedChildren) visit(child, collector, { name, index });
      return;
    }
    case "expression_statement": {
      if (container) return;
      const assignment = node.firstNamedChild;
      if (assignment?.type !== "assignment") return;
      const left = assignment.childForFieldName("left");
      if (left?.type !== "identifier") return;
      const name = left.text;
      collector.add(
        assignment,
        { name, kind: /^[A-Z][A-Z0-9_]*$/.test(name) ? "constant" : "variable", exported: isPublic(name) },
        node,
      );
    }
  }
}

export function pythonSymbols(root: Node, collector: SymbolCollector): void {
  for (const statement of root.namedChildren) visit(statement, collector, null);
}
