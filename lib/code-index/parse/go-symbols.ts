import type { Node } from "web-tree-sitter";
import type { SymbolCollector } from "./symbol-collector";
import type { SymbolKind } from "./types";

// Symbols of Go: functions, methods (contained by their receiver's type), types (structs,
// interfaces and the rest), constants and package-level variables. Exported means
// capitalised, as the language defines it.

const isExported = (name: string) => /^\p{Lu}/u.test(name);

/** `func (s *Server[T]) Serve()`: the receiver's type name, `Server`. */
function receiverType(method: Node): string | null {
  const receiver = method.childForFieldName("receiver");
  const parameter = receiver?.namedChildren.find((child) => child.type === "parameter_declaration");
  let type = parameter?.childForFieldName("type") ?? null;
  while (type && type.type !== "type_identifier") {
    type =
      type.type === "pointer_type" || type.type === "parenthesized_type"
        ? (type.namedChildren[0] ?? null)
        : type.type === "generic_type"
          ? type.childForFieldName("type")
          : null;
  }
  return type?.text ?? null;
}

function typeKind(spec: Node): SymbolKind {
  const type = spec.childForFieldName("type")?.type;
  return type === "struct_type" ? "struct" : type === "interface_type" ? "interface" : "type";
}

function visitSpecs(declaration: Node, collector: SymbolCollector, kind: "constant" | "variable"): void {
  const specs = declaration.namedChildren.filter((child) => child.type === "const_spec" || child.type === "var_spec");
  // `var x = 1` spans its declaration; each spec of a `const ( ... )` block spans itself.
  for (const spec of specs) {
    for (const name of spec.childrenForFieldName("name")) {
      if (!name || name.text === "_") continue;
      collector.add(
        spec,
        { name: name.text, kind, exported: isExported(name.text) },
        specs.length === 1 ? declaration : spec,
      );
    }
  }
}

export function goSymbols(root: Node, collector: SymbolCollector): void {
  for (const node of root.namedChildren) {
    switch (node.type) {
      case "function_declaration":
      case "method_declaration": {
        const name = node.childForFieldName("name")?.text;
        if (!name) break;
        const container = node.type === "method_declaration" ? receiverType(node) : null;
        collector.add(node, {
          name,
          kind: container ? "method" : "function",
          exported: isExported(name),
          container,
        });
        break;
      }
      case "type_declaration": {
        const specs = node.namedChildren.filter((child) => child.type === "type_spec" || child.type === "type_alias");
        for (const spec of specs) {
          const name = spec.childForFieldName("name")?.text;
          if (name)
            collector.add(
              spec,
              { name, kind: typeKind(spec), exported: isExported(name) },
              specs.length === 1 ? node : spec,
            );
        }
        break;
      }
      case "const_declaration":
        visitSpecs(node, collector, "constant");
        break;
      case "var_declaration":
        visitSpecs(node, collector, "variable");
        break;
    }
  }
}
