// A path as one shell word: quoted unless it is plainly safe.
const shellWord = (value: string) => (/^[\w@%+=:,./-]+$/.test(value) ? value : `'${value.replaceAll("'", `'\\''`)}'`);

/** The command that checks out the run's branch where its commits are: the local repository, or a clone of the GitHub one. */
export function checkoutCommand({
  provider,
  repository,
  branch,
}: {
  provider: string;
  repository: string;
  branch: string;
}): string {
  const name = shellWord(branch);
  if (provider === "local") return `git -C ${shellWord(repository)} switch ${name}`;
  return `git fetch origin ${name} && git switch ${name}`;
}
