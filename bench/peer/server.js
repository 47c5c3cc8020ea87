// The bench's peer (bench/README.md): the Neo4j GraphQL Library on Apollo Server 5, in
// production mode, as PEER_WORKERS Node processes under the cluster module sharing one port
// (the way Node's documentation scales a server over the cores).
//
// Environment: PEER_PORT, PEER_HOST (default 127.0.0.1), PEER_WORKERS (default 2),
// NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD, NEO4J_DATABASE.
import cluster from "node:cluster";
import { readFileSync } from "node:fs";
import http from "node:http";

const port = Number(process.env.PEER_PORT);
const host = process.env.PEER_HOST || "127.0.0.1";
const workers = Number(process.env.PEER_WORKERS || 2);

if (cluster.isPrimary) {
  let listening = 0;
  const stop = () => {
    for (const w of Object.values(cluster.workers)) w.process.kill("SIGTERM");
    process.exit(0);
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
  cluster.on("listening", () => {
    listening += 1;
    // /readyz answers 200 only once every worker serves, so timing never starts on one.
    if (listening === workers) {
      for (const w of Object.values(cluster.workers)) w.send("all-ready");
      console.log(`peer: ${workers} workers on http://${host}:${port}`);
    }
  });
  cluster.on("exit", (worker, code) => {
    console.error(`peer: worker ${worker.process.pid} exited (${code})`);
    process.exit(1);
  });
  for (let i = 0; i < workers; i += 1) cluster.fork();
} else {
  await serve();
}

async function serve() {
  const [{ ApolloServer, HeaderMap }, { Neo4jGraphQL }, neo4j] = await Promise.all([
    import("@apollo/server"),
    import("@neo4j/graphql"),
    import("neo4j-driver"),
  ]);
  const driver = neo4j.default.driver(
    process.env.NEO4J_URI,
    neo4j.default.auth.basic(process.env.NEO4J_USER || "neo4j", process.env.NEO4J_PASSWORD || ""),
  );
  const typeDefs = readFileSync(new URL("./typeDefs.graphql", import.meta.url), "utf8");
  const schema = await new Neo4jGraphQL({ typeDefs, driver }).getSchema();
  const server = new ApolloServer({
    schema,
    introspection: false,
    includeStacktraceInErrorResponses: false,
  });
  await server.start();
  const context = process.env.NEO4J_DATABASE
    ? { sessionConfig: { database: process.env.NEO4J_DATABASE } }
    : {};
  let ready = false;
  process.on("message", (m) => {
    if (m === "all-ready") ready = true;
  });

  // Apollo's documented integration API (executeHTTPGraphQLRequest) on node:http: the
  // standalone server would hide the socket options set here.
  const httpServer = http.createServer({ noDelay: true, keepAliveTimeout: 65_000 }, (req, res) => {
    if (req.url === "/readyz") {
      res.writeHead(ready ? 200 : 503).end();
      return;
    }
    const chunks = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", async () => {
      try {
        const headers = new HeaderMap();
        for (const [k, v] of Object.entries(req.headers)) {
          if (v !== undefined) headers.set(k, Array.isArray(v) ? v.join(", ") : v);
        }
        const text = Buffer.concat(chunks).toString("utf8");
        const url = new URL(req.url, "http://peer");
        const result = await server.executeHTTPGraphQLRequest({
          httpGraphQLRequest: {
            method: req.method.toUpperCase(),
            headers,
            search: url.search,
            body: text ? JSON.parse(text) : undefined,
          },
          context: async () => ({ ...context }),
        });
        for (const [k, v] of result.headers) res.setHeader(k, v);
        res.statusCode = result.status || 200;
        if (result.body.kind === "complete") {
          res.end(result.body.string);
        } else {
          for await (const chunk of result.body.asyncIterator) res.write(chunk);
          res.end();
        }
      } catch (err) {
        res.writeHead(400, { "content-type": "application/json" });
        res.end(JSON.stringify({ errors: [{ message: String(err && err.message) }] }));
      }
    });
  });
  httpServer.on("connection", (socket) => socket.setNoDelay(true));
  httpServer.listen(port, host);
}
