// The inside half of the port relay (port-relay.ts has the host's half), run by Node.js as
// the sandbox's first process: `node -e RELAY_SCRIPT <spec> <command...>`. It sets up the
// forwarding, then runs the command and exits as it does. Kept in plain CommonJS because
// it runs in the sandbox, from the argument list, with no access to Mergeline's code.
//
// Only the host creates sockets in the relay directory, and the sandbox sees it read-only:
// nothing inside can swap a socket for a symlink to some other socket of the host's.
// - A host port H: listen on 127.0.0.1:H inside; each connection goes to host-H.sock,
//   whose other end (the host) connects to 127.0.0.1:H on the host.
// - A published port P: keep a few idle connections to publish-P.sock. When a client
//   connects to 127.0.0.1:P on the host, the host hands it one of them and writes one byte;
//   on that byte the relay connects to 127.0.0.1:P inside and joins the two.
export const RELAY_SCRIPT = `"use strict";
const net = require("node:net");
const { spawn } = require("node:child_process");
const [specText, ...command] = process.argv.slice(1);
const spec = JSON.parse(specText);
const IDLE = 4;
const socketPath = (kind, port) => spec.dir + "/" + kind + "-" + port + ".sock";
const join = (a, b) => {
  const done = () => { a.destroy(); b.destroy(); };
  a.on("error", done).on("close", done);
  b.on("error", done).on("close", done);
  a.pipe(b);
  b.pipe(a);
};
const offer = (port) => {
  let claimed = false;
  const up = net.connect(socketPath("publish", port));
  up.on("error", () => up.destroy());
  up.once("close", () => { if (!claimed) setTimeout(() => offer(port), 250).unref(); });
  up.once("data", (chunk) => {
    claimed = true;
    up.pause();
    offer(port);
    const down = net.connect(port, "127.0.0.1");
    if (chunk.length > 1) down.write(chunk.subarray(1));
    join(up, down);
  });
};
const listen = (port) => new Promise((resolve, reject) => {
  const server = net.createServer((client) => join(client, net.connect(socketPath("host", port))));
  server.once("error", reject).listen(port, "127.0.0.1", resolve);
});
Promise.all(spec.hostPorts.map(listen)).then(() => {
  for (const port of spec.publishedPorts) for (let i = 0; i < IDLE; i++) offer(port);
  const child = spawn(command[0], command.slice(1), { stdio: "inherit" });
  child.on("error", (error) => { process.stderr.write("[sandbox: " + error.message + "]\\n"); process.exit(127); });
  child.on("exit", (code, signal) => {
    if (signal) process.kill(process.pid, signal);
    else process.exit(code === null ? 1 : code);
  });
}, (error) => {
  process.stderr.write("[sandbox: could not relay a port: " + error.message + "]\\n");
  process.exit(125);
});
`;
