/**
 * Where a page's bytes go: its HTML regions (by element id) and the inline RSC payload (the
 * `self.__next_f.push` chunks), whose client-component props are attributed to the component receiving them.
 */
export type PageWeight = {
  html: number;
  /** The decoded RSC payload the page carries inline, in bytes (UTF-8). */
  rsc: number;
  /** The markup of each region found, by id, in bytes. */
  regions: Record<string, number>;
  /** Bytes of props (children excluded) passed to each client component in the payload, largest first. */
  props: { component: string; count: number; bytes: number }[];
};

const bytes = (text: string) => Buffer.byteLength(text);

/** The element whose opening tag carries id="…", nested tags of its name counted. */
function elementById(html: string, id: string): string | null {
  const idAt = html.indexOf(` id="${id}"`);
  if (idAt < 0) return null;
  const start = html.lastIndexOf("<", idAt);
  const name = /^<([a-z0-9]+)/.exec(html.slice(start))![1]!;
  const tag = new RegExp(`<(/?)${name}[\\s>]`, "g");
  tag.lastIndex = start;
  let depth = 0;
  for (let match = tag.exec(html); match; match = tag.exec(html)) {
    depth += match[1] ? -1 : 1;
    if (depth === 0) return html.slice(start, html.indexOf(">", match.index) + 1);
  }
  return null;
}

/** The inline flight data: every `self.__next_f.push([1,"…"])` string, decoded and joined. */
export function flightOf(html: string): string {
  let flight = "";
  for (const match of html.matchAll(/self\.__next_f\.push\(\[1,("(?:[^"\\]|\\.)*")\]\)/g)) flight += JSON.parse(match[1]!) as string;
  return flight;
}

/** Client-component props in the flight rows: `I` rows name the modules, `["$","$Lid",key,props]` pass them. */
function propsByComponent(flight: string): PageWeight["props"] {
  const names = new Map<string, string>();
  for (const match of flight.matchAll(/(?:^|\n)([0-9a-f]+):I(\[.*?\])(?=\n|$)/g)) {
    const [module, , exported] = JSON.parse(match[2]!) as [string, unknown, string];
    names.set(`$L${match[1]}`, exported && exported !== "default" ? exported : module);
  }
  const totals = new Map<string, { count: number; bytes: number }>();
  const walk = (node: unknown): void => {
    if (!Array.isArray(node)) {
      if (node && typeof node === "object") for (const value of Object.values(node)) walk(value);
      return;
    }
    if (node[0] === "$" && typeof node[1] === "string" && node[3] && typeof node[3] === "object") {
      const { children, ...rest } = node[3] as Record<string, unknown>;
      const name = names.get(node[1]);
      if (name) {
        const entry = totals.get(name) ?? { count: 0, bytes: 0 };
        entry.count += 1;
        entry.bytes += bytes(JSON.stringify(rest));
        totals.set(name, entry);
      }
      for (const value of Object.values(rest)) walk(value);
      walk(children);
      return;
    }
    for (const item of node) walk(item);
  };
  for (const row of flight.split("\n")) {
    const match = /^[0-9a-f]+:(\[.*|\{.*)$/s.exec(row);
    if (!match) continue;
    try {
      walk(JSON.parse(match[1]!));
    } catch {
      // a text row or a row split across chunks: not JSON on its own
    }
  }
  return [...totals].map(([component, entry]) => ({ component, ...entry })).sort((a, b) => b.bytes - a.bytes);
}

export function pageWeight(html: string, regionIds: string[]): PageWeight {
  const flight = flightOf(html);
  const regions = Object.fromEntries(regionIds.flatMap((id) => {
    const element = elementById(html, id);
    return element === null ? [] : [[id, bytes(element)]];
  }));
  return { html: bytes(html), rsc: bytes(flight), regions, props: propsByComponent(flight) };
}

/** The weight as a few printed lines. */
export function describeWeight(weight: PageWeight, top = 8): string {
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
  const regions = Object.entries(weight.regions).map(([id, n]) => `#${id} ${kb(n)}`).join(", ");
  const props = weight.props.slice(0, top).map((p) => `${p.component} ×${p.count} ${kb(p.bytes)}`).join(", ");
  return `HTML ${kb(weight.html)}, inline RSC payload ${kb(weight.rsc)}; markup: ${regions}; client props: ${props}`;
}
