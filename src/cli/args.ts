import { parseArgs } from "node:util";

/**
 * The CLI's command line (architecture §6): `node:util`'s `parseArgs`, one option set per command,
 * help per command, and "did you mean" for unknown commands and flags. Pure: argv in, a
 * {@link Parsed} command line or a {@link UsageError} out (exit 2).
 */

export class UsageError extends Error {
  /** The command whose usage the message is about: its help is printed after the message. */
  readonly command: string | undefined;
  constructor(message: string, command?: string) {
    super(message);
    this.command = command;
  }
}

interface OptionSpec {
  type: "string" | "boolean";
  short?: string;
  /** Placeholder shown in help, e.g. `FILE`. */
  value?: string;
  help: string;
}

interface CommandSpec {
  usage: string;
  summary: string;
  options: Record<string, OptionSpec>;
  /** More lines of help, after the options. */
  details?: string;
}

const format = (values: string, fallback: string): OptionSpec => ({
  type: "string",
  short: "f",
  value: values,
  help: `output format (default ${fallback})`,
});
const output: OptionSpec = { type: "string", short: "o", value: "FILE", help: "write the output to FILE, not stdout" };
const dataRoot: OptionSpec = {
  type: "string",
  value: "DIR",
  help: "the folder the document's CSV paths resolve under (default: the document's folder)",
};
const moduleVersion: OptionSpec = {
  type: "string",
  value: "V",
  help: "the methodology version (default: the latest bundled)",
};

/** Options every command takes. */
const GLOBAL: Record<string, OptionSpec> = {
  help: { type: "boolean", short: "h", help: "show this help" },
  V: { type: "boolean", help: "print the version of jcm-mrv (also --version, except in schema and template)" },
};

const DOCUMENT_INPUT =
  "A document is a JSON file, a workbook (.xlsx, from template), or - for JSON on stdin. The CSV files\n" +
  "a document names resolve under its folder, or under --data-root DIR (needed for a document on stdin).";

export const COMMANDS: Record<string, CommandSpec> = {
  calculate: {
    usage: "calculate <doc.json|doc.xlsx|-> [more documents …] [options]",
    summary: "compute one monitoring document, or several periods of one project",
    options: {
      format: format("text|json|md|html|xlsx", "text"),
      output,
      "data-root": dataRoot,
      jobs: {
        type: "string",
        value: "N",
        help: "with several documents: read and calculate them on up to N threads (default 1; at most one per document and per CPU); the output is the same",
      },
    },
    details:
      `${DOCUMENT_INPUT}\n\n` +
      "Several documents are a project run: periods of one project and methodology, checked not to\n" +
      "overlap, calculated each, with totals (the credited total is the sum of each period's floored ER_p).\n" +
      "Text shows one row per period; --format json prints the ProjectCalculation.\n" +
      "--format md|html renders the report of one document; --format xlsx writes a result workbook (-o file).",
  },
  verify: {
    usage: "verify <doc.json|doc.xlsx|-> [options]",
    summary: "recompute and compare with the document's reported figures",
    options: { format: format("text|json|xlsx", "text"), output, "data-root": dataRoot },
    details: DOCUMENT_INPUT,
  },
  report: {
    usage: "report <doc.json|doc.xlsx|-> [-o report.html] [options]",
    summary: "self-contained calculation report with charts",
    options: { format: format("html|md", "html"), output, "data-root": dataRoot },
    details: DOCUMENT_INPUT,
  },
  list: {
    usage: "list [options]",
    summary: "list the bundled methodology modules",
    options: {
      format: format("text|json", "text"),
      family: { type: "string", value: "NAME", help: "only the modules of one family (e.g. solar-pv)" },
    },
    details:
      "--format json prints an array of { id, version, title, status, basis, family, hostCountry, sectoralScope }.",
  },
  schema: {
    usage: "schema <id> [options]",
    summary: "JSON Schema of a module's monitoring document",
    options: { version: moduleVersion, format: format("json", "json"), output },
  },
  template: {
    usage: "template <id> -o sheet.xlsx [options]",
    summary: "monitoring workbook to fill in (Project sheet, Table 1)",
    options: { version: moduleVersion, output, format: format("xlsx", "xlsx") },
    details: "Needs the optional peer exceljs 4 (npm install exceljs@4).",
  },
  help: {
    usage: "help [command]",
    summary: "show the help of jcm-mrv or of one command",
    options: {},
  },
};

const EXIT_CODES = `Exit codes:
  0  ok (verify: every reported figure matches)
  1  verify found discrepancies
  2  invalid input: a document or file (unreadable, malformed, invalid), a command or a flag
  3  internal error (a bug: please report it)
  4  an output that cannot be written (an -o path, a full disk)`;

/** The help of jcm-mrv: every command with its summary. */
export function globalHelp(): string {
  const names = Object.keys(COMMANDS);
  const width = Math.max(...names.map((n) => n.length));
  return `Usage: jcm-mrv <command> [options]

Commands:
${names.map((n) => `  ${n.padEnd(width)}  ${COMMANDS[n]!.summary}`).join("\n")}

Options of every command:
  -h, --help     show the help (jcm-mrv <command> --help, or jcm-mrv help <command>: that command's)
  -V, --version  print the version of jcm-mrv

${DOCUMENT_INPUT}

${EXIT_CODES}
`;
}

/** The help of one command: its usage, options and details. */
export function commandHelp(command: string): string {
  const spec = COMMANDS[command]!;
  const rows = Object.entries({ ...spec.options, ...GLOBAL }).map(([name, o]) => {
    const flag = name === "V" ? "-V, --version" : `${o.short ? `-${o.short}, ` : "    "}--${name}`;
    return [`${flag}${o.value ? ` ${o.value}` : ""}`, name === "V" ? "print the version of jcm-mrv" : o.help];
  });
  if ("version" in spec.options) rows[rows.length - 1] = ["-V", "print the version of jcm-mrv"];
  const width = Math.max(...rows.map(([f]) => f!.length));
  return `Usage: jcm-mrv ${spec.usage}

${spec.summary[0]!.toUpperCase()}${spec.summary.slice(1)}.

Options:
${rows.map(([f, h]) => `  ${f!.padEnd(width)}  ${h}`).join("\n")}
${spec.details ? `\n${spec.details}\n` : ""}
${EXIT_CODES}
`;
}

/** After a usage error: the command's usage line and where its help is. */
export function usageHint(command: string | undefined): string {
  const spec = commandSpec(command);
  if (command === undefined || !spec)
    return `Usage: jcm-mrv <command> [options] (commands: ${Object.keys(COMMANDS).join(", ")}; jcm-mrv --help)\n`;
  return `Usage: jcm-mrv ${spec.usage} (jcm-mrv ${command} --help)\n`;
}

/**
 * `table[name]` only where the table itself has `name`: a command line is input, and `toString`,
 * `constructor` or `__proto__` must be unknown names, not Object.prototype's members.
 */
function ownEntry<T>(table: Record<string, T>, name: string): T | undefined {
  return Object.hasOwn(table, name) ? table[name] : undefined;
}

function commandSpec(name: string | undefined): CommandSpec | undefined {
  return name === undefined ? undefined : ownEntry(COMMANDS, name);
}

/** A command line, read. */
export interface Parsed {
  command: string;
  positional: string[];
  format: string | undefined;
  output: string | undefined;
  version: string | undefined;
  dataRoot: string | undefined;
  family: string | undefined;
  jobs: string | undefined;
}

/** The largest `--jobs` accepted (threads are further limited to the documents and the CPUs). */
const MAX_JOBS = 256;

/** `--jobs N` read: 1 when absent; a {@link UsageError} unless a whole number from 1 to 256. */
export function jobsOf(p: Parsed): number {
  if (p.jobs === undefined) return 1;
  if (!/^[1-9][0-9]{0,3}$/.test(p.jobs) || Number(p.jobs) > MAX_JOBS)
    throw new UsageError(
      `--jobs must be a whole number from 1 to ${MAX_JOBS} (got ${JSON.stringify(p.jobs)})`,
      p.command,
    );
  return Number(p.jobs);
}

/** What the command line asks for: help, the version, or a command to run. */
export type CommandLine =
  | { kind: "help"; command?: string; exitCode: 0 | 2 }
  | { kind: "version" }
  | { kind: "run"; parsed: Parsed };

/** Every string option of any command, so that the first pass finds the command past option values. */
const ALL_STRING_OPTIONS = Object.fromEntries(
  Object.values(COMMANDS).flatMap((c) =>
    Object.entries(c.options)
      .filter(([name, o]) => o.type === "string" && name !== "version")
      .map(([name, o]) => [name, { type: "string" as const, ...(o.short && { short: o.short }) }]),
  ),
);

type Token = NonNullable<ReturnType<typeof parseArgs>["tokens"]>[number];

function tokensOf(argv: readonly string[], options: Record<string, { type: "string" | "boolean"; short?: string }>) {
  return parseArgs({ args: [...argv], options, strict: false, allowPositionals: true, tokens: true }).tokens;
}

/** Reads the command line (never throws but {@link UsageError}). */
export function parseCommandLine(argv: readonly string[]): CommandLine {
  // First pass: where the command is (the first positional), whatever options come before it.
  const first = tokensOf(argv, {
    ...ALL_STRING_OPTIONS,
    help: { type: "boolean", short: "h" },
    V: { type: "boolean", short: "V" },
    version: { type: "boolean" },
  });
  const command = first.find((t) => t.kind === "positional")?.value;
  const asked = (names: string[]) => first.some((t) => t.kind === "option" && names.includes(t.name));
  if (command === undefined) {
    if (asked(["help"])) return { kind: "help", exitCode: 0 };
    if (asked(["V", "version"])) return { kind: "version" };
    return { kind: "help", exitCode: 2 };
  }
  const spec = commandSpec(command);
  if (!spec)
    throw new UsageError(`unknown command ${JSON.stringify(command)}${suggestion(command, Object.keys(COMMANDS))}`);

  // Second pass: the command's own options.
  const takesVersion = "version" in spec.options;
  const options: Record<string, { type: "string" | "boolean"; short?: string }> = {
    help: { type: "boolean", short: "h" },
    V: { type: "boolean", short: "V" },
    ...(!takesVersion && { version: { type: "boolean" } }),
  };
  for (const [name, o] of Object.entries(spec.options))
    options[name] = { type: o.type, ...(o.short && { short: o.short }) };
  const tokens = tokensOf(argv, options);
  if (tokens.some((t) => t.kind === "option" && t.name === "help")) {
    if (command === "help") return helpFor(tokens);
    return { kind: "help", command, exitCode: 0 };
  }
  if (
    tokens.some(
      (t) => t.kind === "option" && (t.name === "V" || t.name === "version") && options[t.name]?.type === "boolean",
    )
  )
    return { kind: "version" };

  const parsed: Parsed = {
    command,
    positional: [],
    format: undefined,
    output: undefined,
    version: undefined,
    dataRoot: undefined,
    family: undefined,
    jobs: undefined,
  };
  let seenCommand = false;
  for (const token of tokens) {
    if (token.kind === "option-terminator") continue;
    if (token.kind === "positional") {
      if (seenCommand) parsed.positional.push(token.value);
      seenCommand = true;
      continue;
    }
    const option = ownEntry(spec.options, token.name);
    if (!option) throw unknownOption(command, token);
    const value = optionValue(command, token, option);
    const key =
      ({ "data-root": "dataRoot" } as Record<string, keyof Parsed>)[token.name] ?? (token.name as keyof Parsed);
    if (parsed[key] !== undefined) throw new UsageError(`${token.rawName} is given twice`, command);
    (parsed as unknown as Record<string, string>)[key] = value;
  }
  if (command === "help") return helpFor(tokens);
  return { kind: "run", parsed };
}

/** `help`, `help <command>`. */
function helpFor(tokens: Token[]): CommandLine {
  const positional = tokens.filter((t) => t.kind === "positional").map((t) => t.value);
  const topic = positional[1];
  if (positional.length > 2) throw new UsageError("help takes at most one command", "help");
  if (topic === undefined) return { kind: "help", exitCode: 0 };
  if (!commandSpec(topic))
    throw new UsageError(`unknown command ${JSON.stringify(topic)}${suggestion(topic, Object.keys(COMMANDS))}`);
  return { kind: "help", command: topic, exitCode: 0 };
}

function optionValue(command: string, token: Extract<Token, { kind: "option" }>, option: OptionSpec): string {
  if (option.type === "boolean") {
    if (token.value !== undefined) throw new UsageError(`${token.rawName} takes no value`, command);
    return "true";
  }
  if (token.value === undefined) throw new UsageError(`${token.rawName} needs a value (${option.value})`, command);
  // `--format -o x`: the next argument is an option, not this one's value.
  if (!token.inlineValue && token.value.length > 1 && token.value.startsWith("-"))
    throw new UsageError(
      `${token.rawName} needs a value (${option.value}), not the option ${JSON.stringify(token.value)}; write ${token.rawName.startsWith("--") ? `${token.rawName}=${token.value}` : `--${token.name}=${token.value}`} if that is the value`,
      command,
    );
  return token.value;
}

function unknownOption(command: string, token: Extract<Token, { kind: "option" }>): UsageError {
  const spec = COMMANDS[command]!;
  const raw = token.rawName;
  const owners = Object.entries(COMMANDS)
    .filter(([, c]) => token.name.length > 1 && ownEntry(c.options, token.name) !== undefined)
    .map(([name]) => name);
  if (owners.length > 0)
    return new UsageError(
      `${command} has no option ${raw} (${owners.join(", ")} ${owners.length === 1 ? "has" : "have"} it)`,
      command,
    );
  const longs = Object.keys(spec.options)
    .concat(["help", "version"])
    .map((n) => `--${n}`);
  const shorts = Object.values(spec.options)
    .flatMap((o) => (o.short ? [`-${o.short}`] : []))
    .concat(["-h", "-V"]);
  const guess = raw.startsWith("--") ? suggestion(raw, longs) : suggestion(raw, [...shorts, ...longs]);
  return new UsageError(`unknown option ${raw} for ${command}${guess}`, command);
}

/** "; did you mean …?" for the closest candidate within a small edit distance, else nothing. */
export function suggestion(given: string, candidates: readonly string[]): string {
  if (given.length > 64) return "";
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const c of candidates) {
    const d = editDistance(given.toLowerCase(), c.toLowerCase());
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  const allowed = Math.max(1, Math.floor(given.replace(/^-+/, "").length / 3));
  return best !== undefined && bestDistance <= allowed ? `; did you mean ${best}?` : "";
}

/** Optimal-string-alignment distance: insertions, deletions, substitutions and swaps of neighbours. */
export function editDistance(a: string, b: string): number {
  const rows: number[][] = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, rows[i - 2]![j - 2]! + 1);
      rows[i]![j] = d;
    }
  return rows[a.length]![b.length]!;
}
