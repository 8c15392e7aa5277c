import { editFile } from "./edit-file";
import { findSymbol } from "./find-symbol";
import { listFiles } from "./list-files";
import { readFile } from "./read-file";
import { runCommand } from "./run-command";
import { searchCode } from "./search-code";
import { searchFiles } from "./search-files";
import type { ToolContext } from "./tool-context";
import { writeFile } from "./write-file";

/**
 * The coding agent's tools, under the names the model (and scripts) call them by;
 * search_code and find_symbol only when the project has a code index.
 */
export function codingTools(context: ToolContext) {
  return {
    list_files: listFiles(context),
    read_file: readFile(context),
    search_files: searchFiles(context),
    write_file: writeFile(context),
    edit_file: editFile(context),
    run_command: runCommand(context),
    ...(context.codeIndex ? { search_code: searchCode(context), find_symbol: findSymbol(context) } : {}),
  };
}

export type CodingTools = ReturnType<typeof codingTools>;
