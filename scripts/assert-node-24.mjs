// npm scripts put node_modules/.bin first on PATH, so the `node` devDependency (Node 24) runs them.
const major = Number(process.versions.node.split('.')[0]);
if (major !== 24) {
  console.error(
    `credit-plus runs on Node 24 (the node@24 devDependency), but this is Node ${process.version}. Run it through npm (npm test, npm start) after npm ci.`,
  );
  process.exit(1);
}
