/** A GitHub REST call as a person, with their OAuth token (not the App's). */
export async function fetchAsUser(apiUrl: string, token: string, path: string): Promise<Response> {
  return fetch(`${apiUrl.replace(/\/+$/, "")}${path}`, {
    headers: {
      authorization: `Bearer ${token}`,
      accept: "application/vnd.github+json",
      "x-github-api-version": "2022-11-28",
      "user-agent": "mergeline",
    },
  });
}
