// Architecture lint (plain Node, no dependencies): the few rules that keep the layers honest.
// Prints `file:line rule: message` per violation and exits 1 if there is any error.
// Comments are blanked before matching, so a comment may mention what the code must not do.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// An optional argument lints another tree (used to try the rules on deliberate violations).
const root = path.resolve(process.argv[2] ?? path.join(path.dirname(fileURLToPath(import.meta.url)), '..'));
const CODE = /\.(ts|tsx|mts|cts|js|mjs|cjs|jsx)$/;
const MAX_LINES = 600;

const errors = [];
const warnings = [];
const report = (list, file, line, rule, message) => list.push({ file, line, text: `${file}:${line} ${rule}: ${message}` });
const byPlace = (a, b) => a.file.localeCompare(b.file) || a.line - b.line;

function walk(dir, out = []) {
  const abs = path.join(root, dir);
  if (!fs.existsSync(abs)) return out;
  for (const e of fs.readdirSync(abs, { withFileTypes: true })) {
    if (e.name === 'node_modules' || e.name === 'dist' || e.name.startsWith('.')) continue;
    const rel = path.posix.join(dir, e.name);
    if (e.isDirectory()) walk(rel, out);
    else if (e.isFile()) out.push(rel);
  }
  return out;
}

/**
 * Blank out comments (keeping newlines, so line numbers hold), and with `blankStrings` the
 * contents of strings too (but not the code inside a template's `${…}`): import rules read
 * the specifiers in strings, pattern rules must not match text. Regex literals are recognised by the
 * usual heuristic (a `/` where an operand is expected) so that a quote inside one does
 * not open a string.
 */
function stripComments(src, blankStrings = false) {
  let out = '';
  let i = 0;
  let last = ''; // last significant code character, for the regex heuristic
  const templateDepth = []; // brace depth at each `${` we are inside of
  let braces = 0;
  while (i < src.length) {
    const c = src[i];
    const n = src[i + 1];
    if (c === '/' && n === '/') {
      while (i < src.length && src[i] !== '\n') (out += ' '), i++;
    } else if (c === '/' && n === '*') {
      const end = src.indexOf('*/', i + 2);
      const stop = end === -1 ? src.length : end + 2;
      out += src.slice(i, stop).replace(/[^\n]/g, ' ');
      i = stop;
    } else if (c === '"' || c === "'" || c === '`' || (c === '}' && templateDepth.at(-1) === braces)) {
      // A string, or a template literal (also its continuation after a `${…}`).
      if (c === '}') templateDepth.pop(), braces--;
      const quote = c === '}' ? '`' : c;
      out += c;
      i++;
      while (i < src.length && src[i] !== quote) {
        if (src[i] === '\\') (out += src[i] + (src[i + 1] ?? '')), (i += 2);
        else if (quote === '`' && src[i] === '$' && src[i + 1] === '{') break;
        else if (quote !== '`' && src[i] === '\n') break; // unterminated: do not eat the file
        else (out += blankStrings && src[i] !== '\n' ? ' ' : src[i]), i++;
      }
      if (src[i] === quote) (out += quote), i++;
      else if (src[i] === '$') (out += '${'), (i += 2), templateDepth.push(++braces);
      last = 'x';
    } else if (c === '/' && (last === '' || '(,=:[!&|?{};+-*%<>~^'.includes(last) || /\b(return|typeof|case|of|in)\s*$/.test(out.slice(-20)))) {
      // A regex literal: copy to its closing slash (character classes may hold a slash).
      let inClass = false;
      out += c;
      i++;
      while (i < src.length && src[i] !== '\n' && (inClass || src[i] !== '/')) {
        if (src[i] === '\\') (out += src[i] + (src[i + 1] ?? '')), (i += 2);
        else {
          if (src[i] === '[') inClass = true;
          else if (src[i] === ']') inClass = false;
          out += src[i++];
        }
      }
      if (src[i] === '/') (out += '/'), i++;
      last = 'x';
    } else {
      if (c === '{') braces++;
      else if (c === '}') braces--;
      if (!/\s/.test(c)) last = c;
      out += c;
      i++;
    }
  }
  return out;
}

const lineAt = (text, index) => text.slice(0, index).split('\n').length;

/** Every module specifier a file imports, with its line and whether it is type-only. */
function imports(code) {
  const found = [];
  const patterns = [
    // import/export … from '…' (the clause may span lines; it holds no quotes or semicolons)
    /(?:^|[;\n])[ \t]*(?:import|export)\b([^;'"`]*?)\bfrom\s*(['"])([^'"]+)\2/g,
    // side-effect import '…'
    /(?:^|[;\n])[ \t]*import\s*()(['"])([^'"]+)\2/g,
    // import('…') and require('…')
    /\b(?:import|require)\s*\(\s*()(['"])([^'"]+)\2/g,
  ];
  for (const re of patterns) {
    for (const m of code.matchAll(re)) {
      const at = m.index + m[0].search(/\S/);
      found.push({ spec: m[3], line: lineAt(code, at), typeOnly: /^\s*type\s/.test(m[1]) });
    }
  }
  return found;
}

/** A relative specifier as a repo path without extension, so '../../db/connect.ts' → 'src/db/connect'. */
function resolved(file, spec) {
  if (!spec.startsWith('.')) return spec;
  return path.posix.normalize(path.posix.join(path.posix.dirname(file), spec)).replace(/\.(ts|tsx|mts|js|mjs)$/, '');
}

const isPkg = (spec, names) => names.some((n) => spec === n || spec.startsWith(`${n}/`));

const files = [...walk('src'), ...walk('web/src'), ...walk('test'), ...walk('e2e'), ...walk('bench')];

for (const file of files) {
  const src = fs.readFileSync(path.join(root, file), 'utf8');
  const lines = src.split('\n').length - (src.endsWith('\n') ? 1 : 0);
  if ((file.startsWith('src/') || file.startsWith('web/src/')) && lines > MAX_LINES) {
    report(warnings, file, 1, 'max-lines', `${lines} lines (over ${MAX_LINES}: split it by concept)`);
  }
  if (!CODE.test(file)) continue;
  const code = stripComments(src);
  const bare = stripComments(src, true);
  const isTest = /\.test\.[cm]?[jt]sx?$/.test(file);

  // (a) Modules reach data only through src/access/scope.ts. Type-only imports carry no access.
  if (file.startsWith('src/modules/')) {
    for (const imp of imports(code)) {
      if (imp.typeOnly) continue;
      const target = resolved(file, imp.spec);
      if (target === 'src/db/connect' || isPkg(imp.spec, ['pg', '@electric-sql'])) {
        report(errors, file, imp.line, 'modules-data-access', `imports '${imp.spec}' (data only through src/access/scope.ts)`);
      }
    }
  }

  // (b) The domain is pure: no I/O, no framework, and the clock is an argument.
  if (file.startsWith('src/domain/') && !isTest) {
    const banned = ['node:fs', 'fs', 'node:net', 'net', 'node:http', 'http', 'node:https', 'https', 'pg', 'kysely', 'fastify'];
    for (const imp of imports(code)) {
      if (!imp.typeOnly && isPkg(imp.spec, banned)) {
        report(errors, file, imp.line, 'domain-pure', `imports '${imp.spec}' (domain rules do no I/O)`);
      }
    }
    for (const m of bare.matchAll(/\bDate\.now\s*\(\s*\)|\bnew\s+Date\s*\(\s*\)/g)) {
      report(errors, file, lineAt(bare, m.index), 'domain-clock', `${m[0].replace(/\s+/g, ' ')} (pass the clock or the date in)`);
    }
  }

  // (c) Logging goes through pino (which redacts); only the CLIs talk to a terminal.
  if (file.startsWith('src/') && !file.startsWith('src/cli/')) {
    for (const m of bare.matchAll(/\bconsole\.log\s*\(/g)) {
      report(errors, file, lineAt(bare, m.index), 'no-console-log', 'console.log outside src/cli (use the logger)');
    }
  }

  // (d) A focused or skipped test must not reach main: it silently stops the others running.
  if (isTest && /^(src|test|e2e|bench)\//.test(file)) {
    const focus = /\.(only|skip|todo)\s*\(|\b(only|skip|todo)\s*:\s*(true\b|['"`])/g;
    for (const m of bare.matchAll(focus)) {
      const what = m[1] ? `.${m[1]}(…)` : `{ ${m[2]}: … }`;
      report(errors, file, lineAt(bare, m.index), 'no-focused-tests', `${what} (run or delete the test)`);
    }
  }
}

for (const w of warnings.sort(byPlace)) process.stdout.write(`${w.text} (warning)\n`);
for (const e of errors.sort(byPlace)) process.stdout.write(`${e.text}\n`);
if (errors.length) {
  process.stdout.write(`\n${errors.length} architecture lint error${errors.length === 1 ? '' : 's'}\n`);
  process.exit(1);
}
