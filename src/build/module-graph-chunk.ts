/**
 * A code-splitting group (vite.config.ts) that puts what `roots` reach through static imports
 * into one chunk, leaving out what `besides` reach (another entry's code, or another such
 * chunk's). A cold records page fetched ~25 small chunks in waves over HTTP/1.1's six connections
 * per host; grouped, it fetches a few.
 */
import type { Rolldown } from 'vite';

type Group = Rolldown.CodeSplittingGroup;
type Context = Parameters<Extract<Group['name'], (...args: never[]) => unknown>>[1];

/** Every module `roots` reach through static imports, themselves included. */
function reach(roots: readonly string[], context: Context): Set<string> {
  const seen = new Set<string>();
  const pending = [...roots];
  for (let id = pending.pop(); id !== undefined; id = pending.pop()) {
    if (seen.has(id)) continue;
    const info = context.getModuleInfo(id);
    if (!info) continue;
    seen.add(id);
    pending.push(...info.importedIds);
  }
  return seen;
}

export function moduleGraphChunk(name: string, roots: string[], besides: string[]): Group {
  // One chunking pass asks about every module with the same context: walk the graph once per pass.
  const passes = new WeakMap<Context, { mine: Set<string>; theirs: Set<string> }>();
  return {
    debugName: name,
    // Rolldown would otherwise pull in the dependencies the entries also have.
    includeDependenciesRecursively: false,
    name: (id, context) => {
      let pass = passes.get(context);
      if (!pass) {
        pass = { mine: reach(roots, context), theirs: reach(besides, context) };
        passes.set(context, pass);
      }
      return pass.mine.has(id) && !pass.theirs.has(id) ? name : null;
    },
  };
}
