/** Builds the html and API urls of GitHub Enterprise Server's layout from the emulator's base url. */
export class Urls {
  constructor(readonly base: string) {}
  get api(): string {
    return `${this.base}/api/v3`;
  }
  html(path: string): string {
    return `${this.base}/${path}`;
  }
  repoApi(fullName: string, rest = ""): string {
    return `${this.api}/repos/${fullName}${rest}`;
  }
}

export function nodeId(type: string, id: number): string {
  return Buffer.from(`${type}:${id}`).toString("base64");
}

export function parseNodeId(value: string): { type: string; id: number } | undefined {
  const match = /^(\w+):(\d+)$/.exec(Buffer.from(value, "base64").toString("utf8"));
  return match ? { type: match[1], id: Number(match[2]) } : undefined;
}
