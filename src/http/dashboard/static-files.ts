/**
 * The dashboard's files (src/web: plain ES modules and CSS, no build step), served by the node
 * at `/` without a key: the shell holds no data; everything it shows comes from the API with
 * the operator key. Files are read once at start-up, from a fixed list of names, so a request
 * can name nothing else; a strict Content-Security-Policy allows only the node's own scripts.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';

const mediaTypes: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
};

/** Files in the folder at most (a guard against serving a folder that is not the dashboard's). */
const webFilesMax = 64;

const securityHeaders = {
  'content-security-policy': "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-cache',
} as const;

/** src/web beside this module in the sources; from dist/, the package's src/web (published with it). */
export function webRoot(): string {
  for (const relative of ['../../web/', '../../../src/web/']) {
    const path = fileURLToPath(new URL(relative, import.meta.url));
    if (existsSync(`${path}index.html`)) return path;
  }
  throw new Error('the dashboard files (src/web) are missing');
}

export function registerDashboardFiles(app: FastifyInstance, root: string = webRoot()): void {
  const names = readdirSync(root).filter((name) => /^[a-z0-9-]+\.(html|js|css|svg)$/.test(name));
  if (names.length > webFilesMax) throw new Error(`${root} holds ${names.length} files; the dashboard has at most ${webFilesMax}`);
  const files = new Map(names.map((name) => [name, { body: readFileSync(root + name), type: mediaTypes[name.slice(name.lastIndexOf('.'))]! }]));
  const index = files.get('index.html')!;
  app.get('/', (_request, reply) => reply.headers(securityHeaders).type(index.type).send(index.body));
  app.get('/web/:file', (request, reply) => {
    const file = files.get((request.params as { file: string }).file);
    if (file === undefined) return reply.callNotFound();
    return reply.headers(securityHeaders).type(file.type).send(file.body);
  });
}
