// The smallest server: `npm start` runs it.
require("node:http").createServer((_req, res) => res.end("hello\n")).listen(3000);
