// GET /api/docs: interactive reference of the REST API (Scalar, served from this app: works offline)

// Scalar fetches the document itself; the page only loads the bundle and points it there.
// Everything that would reach scalar.com (default fonts, telemetry, the AI agent, the
// share/deploy toolbar) is off, so the page works offline and sends nothing out.
const page = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Mergeline API reference</title>
  </head>
  <body>
    <div id="app"></div>
    <script src="/api/docs/scalar.js"></script>
    <script>
      Scalar.createApiReference("#app", {
        url: "/api/v1/openapi.json",
        withDefaultFonts: false,
        telemetry: false,
        agent: { disabled: true },
        mcp: { disabled: true },
        showToolbar: "never",
        showDeveloperTools: "never",
      });
    </script>
  </body>
</html>
`;

export function GET(): Response {
  return new Response(page, {
    headers: {
      "content-type": "text/html; charset=utf-8",
      "cache-control": "no-cache",
      "x-content-type-options": "nosniff",
      // Same-origin only: the bundle, the document and requests made from the "try it" client.
      "content-security-policy":
        "default-src 'self'; script-src 'self' 'unsafe-inline' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'",
    },
  });
}
