/**
 * The quarry CLI: scripted, reproducible analysis over the same core the app
 * uses. `--json` prints JSON on stdout; errors print one line on stderr and
 * exit 1; usage errors exit 2.
 */
import { isAbsolute, resolve } from 'node:path';
import { diskProblem, errorPath } from '../shared/fsx/diskErrors.js';
import { UsageError, type CliIo } from './io.js';
import { commandHelp } from './commandHelp.js';

type Command = (argv: string[], io: CliIo) => number | Promise<number>;

/**
 * A command's module is loaded only when that command runs: a run pays for
 * what it uses (`quarry info` never loads the Word writer or the importers'
 * libraries), which keeps start-up near a bare `node` (npm run bench).
 */
const lazy =
  <M>(load: () => Promise<M>, pick: (m: M) => Command): Command =>
  async (argv, io) =>
    pick(await load())(argv, io);

const project = () => import('./commands/projectCommands.js');
const codes = () => import('./commands/codeCommands.js');
const coauthors = () => import('./commands/coauthorCommands.js');
const queries = () => import('./commands/queryCommands.js');

const COMMANDS: Record<string, Command> = {
  new: lazy(project, (m) => m.cmdNew),
  info: lazy(project, (m) => m.cmdInfo),
  import: lazy(project, (m) => m.cmdImport),
  sources: lazy(project, (m) => m.cmdSources),
  text: lazy(project, (m) => m.cmdText),
  codes: lazy(codes, (m) => m.cmdCodes),
  code: lazy(codes, (m) => m.cmdCode),
  codings: lazy(codes, (m) => m.cmdCodings),
  demo: lazy(() => import('./commands/demoCommand.js'), (m) => m.cmdDemo),
  clean: lazy(() => import('./commands/cleanCommand.js'), (m) => m.cmdClean),
  cases: lazy(() => import('./commands/casesCommand.js'), (m) => m.cmdCases),
  export: lazy(() => import('./commands/exportCommand.js'), (m) => m.cmdExport),
  'import-qdpx': lazy(coauthors, (m) => m.cmdImportQdpx),
  merge: lazy(coauthors, (m) => m.cmdMerge),
  agreement: lazy(coauthors, (m) => m.cmdAgreement),
  search: lazy(queries, (m) => m.cmdSearch),
  query: lazy(queries, (m) => m.cmdQuery),
  matrix: lazy(queries, (m) => m.cmdMatrix),
  frameworks: lazy(queries, (m) => m.cmdFrameworks),
  media: lazy(() => import('./commands/mediaCommand.js'), (m) => m.cmdMedia),
  sets: lazy(() => import('./commands/setsCommand.js'), (m) => m.cmdSets),
};

export const HELP = `quarry — qualitative data analysis from the command line

Projects
  quarry new <project.quarry>                      create an empty project (never overwrites)
  quarry info <project> [--json]                    schema version and counts
  quarry demo <project.quarry>                      build the demo study (14 interviews, coded)
  quarry clean <project> [--out FILE] [--json]      copy the data of a file Quarry refused (it holds things
                                                    Quarry did not create) into a new project, "<name> (cleaned).quarry"
Sources
  quarry import <project> <file>... [--case-from-name] [--json]
                                                    import .txt .md .docx .pdf transcripts, .vtt .srt timed
                                                    transcripts, and recordings (.mp3 .m4a .aac .wav .ogg .opus .mp4 .webm)
  quarry import <project> <recording> --transcript FILE
                                                    a recording with its timed transcript (.vtt .srt, or timestamped .txt .docx)
  quarry media <project> <source> --out FILE        write a source's recording to a file
  quarry media <project> <source> --relink FILE     point a linked recording that has moved at its new place
  quarry media <project> <source> --transcript FILE attach a timed transcript to a recording imported without one
  quarry sources <project> [--json]                 list sources (with their source attributes)
  quarry sources set <project> <source> NAME=VALUE...
                                                    set source attributes (Wave=2; a new name is created)
  quarry text <project> <source>                    print a source's stored text exactly
Codes and coding (positions are Unicode code points, half-open [start, end))
  quarry codes <project> [--coder NAME] [--json]    the code tree with reference counts
  quarry codes add <project> <path> [--color #rrggbb] [--description TEXT]
  quarry codes rename <project> <path> <new-name> [--json]
                                                    rename a code (its codings and subcodes stay with it)
  quarry codes color <project> <path> (#rrggbb | none) [--json]
                                                    set a code's colour, or take it away (none: drawn in a colour Quarry picks, exported without one)
  quarry codes move <project> <path> (<new-parent> | --top) [--json]
                                                    move a code, with its subcodes, under another code or to the top level
  quarry codes merge <project> <path> <into-path> [--json]
                                                    move a code's codings, memos and subcodes into another code and remove it
  quarry codes delete <project> <path> [--json]     delete a code, its subcodes and their codings
  quarry code <project> <source> <start> <end> <code-path> [--coder NAME]
  quarry codings <project> [--code PATH] [--source NAME] [--coder NAME] [--json]
Cases and classification sheets
  quarry cases <project> [--json]                   cases with parent, classification, sources and attribute values
  quarry cases add <project> <case> [--parent CASE] [--classification NAME]
                                                    add a case (nested under CASE; classification created if missing)
  quarry cases import <project> <file.csv> [--classification NAME] [--json]
                                                    import a classification sheet (first column = case; a Parent column nests);
                                                    <file.xlsx> reads an Excel workbook's first filled sheet
  quarry cases export <project> <file.csv> [--raw-numbers]
                                                    export the classification sheet (UTF-8 BOM, CRLF);
                                                    <file.xlsx> writes an Excel workbook with typed cells
  quarry cases assign <project> <source> <case>     put a source in a case (created if missing)
  quarry sets <project> [--json]                    the sets: [{"name","kind","members"}]; kind cases|sources|codes,
                                                    members are case names, source names or code paths
  quarry sets add <project> <name> (--where "ATTR=VALUE"... [--any] | --cases A,B | --sources A,B | --codes PATH,PATH)
                 [--description TEXT] [--json]      a case set by a rule (ATTR=V, != < <= > >=; all must hold, --any: one)
                                                    that keeps its members up to date, or by hand-picked cases; a source
                                                    set; a code set (paths like Motivations/Intermediaries)
                                                    --set NAME (queries, matrices, reports) takes a set of any kind: a case
                                                    set keeps those cases, a source set those sources, a code set those
                                                    codes; write cases:NAME, sources:NAME or codes:NAME when two kinds
                                                    share the name
Exports (Word tables and reports for papers; written atomically)
  quarry export <project> framework <matrix-name> --out F.docx [--caption TEXT] [--quotes] [--label TEMPLATE]
  quarry export <project> matrix --rows cases|attribute:NAME|set:NAME|sets|sets:sources|sets:codes|codes [--row PATH]... --cols codes|children:PATH [--col PATH]...
                 [--measure references|sources|cases|words|coverage] [--coder NAME] [--where "ATTR=VALUE"]... [--set NAME]
                 [--row-header TEXT] [--note TEXT] [--style apa] [--row-percentages] [--shading] --out F.docx|F.csv
                 the table as the matrix query shows it; --col PATH (repeatable) makes exactly those codes the columns;
                 Word: columns sized so no word breaks, landscape when wide, --style apa = horizontal rules only
  quarry export <project> cases [--group-by ATTR] [--attribute NAME]... [--case NAME]... [--set NAME] [--where "ATTR=VALUE"]...
                 [--source NAME]... [--caption TEXT] [--raw-numbers] --out F.docx|F.csv
  quarry export <project> codebook [--examples] [--no-guide] --out F.docx
  quarry export <project> quotes (--code PATH [--code PATH]... | --set CODESET) [--label TEMPLATE] [--order case|source] [--memos] [--by-subcode]
                 [--case NAME]... [--set NAME] [--where "ATTR=VALUE"]... [--source NAME]... --out F.docx|F.csv
                 CSV cells starting = + - @ (or tab, CR) get a leading ' so spreadsheets show them as text, not formulas;
                 --raw-numbers leaves cells that are plain numbers (-3, +1.5) as they are
                 label templates: "[{case}]" → [E4]; "Firm {Firm}’s {Role}" → Firm C’s COO; "{Firm|case}" → the case when Firm is missing
Co-authors and REFI-QDA exchange (NVivo, ATLAS.ti, MAXQDA, QualCoder)
  quarry export <project> qdpx --out F.qdpx [--for standard|nvivo|atlasti|maxqda|qualcoder]
                                                    the whole project as a REFI-QDA package, laid out for
                                                    the program that will read it (lists what it drops)
  quarry export <project> qdc --out F.qdc [--for …]  the code book as a REFI-QDA codebook
  quarry import-qdpx <file.qdpx|file.qde> <new-project.quarry> [--json] [--strict]
                                                    a new project from a REFI-QDA file (--strict: refuse if anything would be left out)
  quarry merge <project> <other.quarry> [--json]    bring in a co-author's copy (conflicts: keep both, else keep mine)
  quarry agreement <project> --coders A,B [--code PATH]... [--source NAME]... [--exclude-uncoded] [--json]
                                                    % agreement, Cohen's kappa and Krippendorff's alpha per character
Queries (read-only: they never change the project)
  quarry search <project> <query> [--stem] [--json] text search: words, "phrases", prefix*, AND OR NOT, NEAR/n, ( );
                                                    ignores case and accents; --stem also finds other forms of a word
  quarry query <project> --code PATH [--and PATH] [--or PATH] [--not PATH] [--where "NAME OP VALUE"]... [--set NAME]
                 [--coder NAME] [--own] [--json]   passages coded at a combination of codes (left to right; a code
                                                    includes its children unless --own), in the cases the filters allow
  quarry matrix <project> --rows cases|cases:CLASSIFICATION|attribute:NAME|set:NAME|sets[:sources|:codes]|codes [--row PATH]...
                 --cols codes|children:PATH [--col PATH]... [--measure references|sources|cases|cases:CLASSIFICATION|words|coverage]
                 [--where "NAME OP VALUE"]... [--set NAME] [--coder NAME] [--format json|csv] [--out FILE]
                                                    matrix coding query (a column counts its code's children);
                                                    set:NAME takes a case, source or code set; sets:sources, sets:codes
Framework matrices (summaries per case and theme, for papers)
  quarry frameworks <project> [--json]              the saved framework matrices with their rows and columns
  quarry frameworks add <project> <name> [--rows cases] [--row CASE]... [--cols codes|children:PATH] [--col CODE]...
                 [--caption TEXT] [--json]         a new framework matrix; a --row is a case and a --col a code path
                                                    unless written case:NAME, code:PATH or text:LABEL
  quarry frameworks set <project> <matrix> <row> <column> <summary> [--json]
                                                    write a cell's summary (rows and columns are named by their labels;
                                                    "- " starts a bullet line: put -- before a summary starting with -)
  quarry frameworks link <project> <matrix> <row> <column> [--source NAME]... [--start N --end N] [--coder NAME] [--json]
                                                    link the coded passages that fit the cell (the row's case, the
                                                    column's code), or those of the sources or the span given

Code paths use "/" between levels; a "/" inside a name is written "\\/".
The coder is --coder, else $QUARRY_CODER, else your user name.
`;

function projectArgument(rest: string[], io: CliIo): string | undefined {
  const path = rest.find((a) => /\.quarry$/i.test(a));
  return path === undefined || isAbsolute(path) ? path : resolve(io.cwd, path);
}

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.out(HELP);
    return name ? 0 : 2;
  }
  if (name === '--version') {
    io.out('0.1.0\n');
    return 0;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.err(`quarry: unknown command “${name}”. Run quarry --help for the list.\n`);
    return 2;
  }
  // `--help` anywhere (but after a "--" that ends the options) asks for this command's usage.
  const options = rest.includes('--') ? rest.slice(0, rest.indexOf('--')) : rest;
  if (options.includes('--help') || options.includes('-h')) {
    io.out(commandHelp(HELP, name) ?? HELP);
    return 0;
  }
  try {
    return await command(rest, io);
  } catch (err) {
    if (err instanceof UsageError) {
      io.err(`quarry ${name}: ${err.message}\n`);
      return 2;
    }
    // A full or read-only disk is the user's to fix, never an internal error; the project is the first argument.
    const typed = diskProblem(err, { path: errorPath(err) ?? projectArgument(rest, io) });
    if (typed) {
      const hint = typed.code === 'untrusted_file' ? ` Run \`quarry clean "${String(typed.details?.file ?? '<file>')}"\` to make the cleaned copy.` : '';
      io.err(`quarry ${name}: ${typed.message.replace(/\s*\n\s*/g, ' ')}${hint}\n`);
      return 1;
    }
    io.err(`quarry ${name}: internal error: ${(err as Error)?.message ?? String(err)}\n`);
    return 1;
  }
}
