// Test inputs made from the sample (with python3's zipfile), the `movies` command's
// output for them, and a small CSV reader to compare with it.

import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** Runs `movies process INPUT... --out DIR [--format FORMAT]` (one input or a list) and returns DIR. */
export function runCli(cli, input, out, format = "both") {
  const inputs = [].concat(input);
  execFileSync(cli, ["process", ...inputs, "--out", out, "--format", format], { stdio: ["ignore", "ignore", "pipe"] });
  return out;
}

/** Rows of a Parquet file as DuckDB reads it (the cross-engine tests' Python). */
export function parquetRows(python, file) {
  const sql = "import duckdb, sys; print(duckdb.connect().execute(\"select count(*) from read_parquet(?)\", [sys.argv[1]]).fetchall()[0][0])";
  return Number(execFileSync(python, ["-c", sql, file], { encoding: "utf8" }).trim());
}

/** Extracts a zip into `dir` (python3 -m zipfile). */
export function extractZip(zip, dir) {
  mkdirSync(dir, { recursive: true });
  execFileSync("python3", ["-m", "zipfile", "-e", zip, dir]);
  return dir;
}

function python(script, ...args) {
  return execFileSync("python3", ["-c", script, ...args], { encoding: "utf8" });
}

/** The first half of `zip`'s bytes, saved as `out`. */
export function truncatedZip(zip, out) {
  const bytes = readFileSync(zip);
  writeFileSync(out, bytes.subarray(0, Math.floor(bytes.length / 2)));
  return out;
}

/** A text file with a .zip name. */
export function textAsZip(out) {
  writeFileSync(out, "These are notes about movies, not an archive.\n");
  return out;
}

/** Markup placed in the data by `hostileZip`. */
export const HOSTILE = {
  company: "<img src=x onerror=alert(1)>",
  company2: "</svg><script>alert(1)</script>",
  title: "</svg><script>alert(1)</script>",
  genre: "<svg onload=alert(1)>",
  budget: "<script>alert(1)</script>",
};

// Rewrites movies_metadata.csv of a zip: renames two companies, a genre and a title,
// and appends two records whose budget / release_date carry markup (rejected / nulled,
// so the markup reaches the error log). Other entries are copied.
const HOSTILE_SCRIPT = `
import csv, io, json, sys, zipfile
src, dst, names = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
renames = [("'name': 'Starling Bros. Studios'", "'name': '%s'" % names["company"]),
           ("'name': 'Meridian Pictures'", "'name': '%s'" % names["company2"]),
           ("'name': 'Music'", "'name': '%s'" % names["genre"]),
           ("Return to Yarrow City", names["title"])]
with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
    for info in zin.infolist():
        data = zin.read(info)
        if info.filename.endswith("movies_metadata.csv"):
            text = data.decode("utf-8")
            for old, new in renames:
                assert old in text, old
                text = text.replace(old, new)
            header, first = list(csv.reader(io.StringIO(text)))[:2]
            extra = io.StringIO()
            writer = csv.writer(extra, lineterminator="\\n")
            for new_id, column, value in [("999999991", "budget", names["budget"]),
                                          ("999999992", "release_date", names["company"])]:
                row = dict(zip(header, first), id=new_id, imdb_id="")
                row[column] = value
                writer.writerow([row[h] for h in header])
            text = text.rstrip("\\n") + "\\n" + extra.getvalue()
            data = text.encode("utf-8")
        zout.writestr(info, data)
`;

/** The sample with markup in company, genre and title names and in bad values. */
export function hostileZip(sample, out) {
  python(HOSTILE_SCRIPT, sample, out, JSON.stringify(HOSTILE));
  return out;
}

// Appends `count` ratings rows with a non-numeric user id to ratings.csv.
const MANY_ERRORS_SCRIPT = `
import sys, zipfile
src, dst, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
    for info in zin.infolist():
        data = zin.read(info)
        if info.filename.endswith("ratings.csv"):
            bad = "".join("user%d,22,4.5,911508444\\n" % i for i in range(count))
            data = data.rstrip(b"\\n") + b"\\n" + bad.encode()
        zout.writestr(info, data)
`;

// Writes a later snapshot of a dataset zip: in movies_metadata.csv one movie is
// removed, one gets another budget and one new movie is added. Prints the three ids.
const NEXT_SNAPSHOT_SCRIPT = `
import collections, csv, io, sys, zipfile
src, dst = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
    for info in zin.infolist():
        data = zin.read(info)
        if info.filename.endswith("movies_metadata.csv"):
            rows = list(csv.reader(io.StringIO(data.decode("utf-8"))))
            header, body = rows[0], rows[1:]
            at = header.index("id")
            counts = collections.Counter(r[at] for r in body if len(r) == len(header))
            plain = [i for i, r in enumerate(body) if len(r) == len(header) and r[at].isdigit() and counts[r[at]] == 1]
            removed, changed, template = body[plain[0]][at], plain[1], list(body[plain[2]])
            body[changed][header.index("budget")] = "123456789"
            template[at] = "999999990"
            template[header.index("title")] = "A Brand New Movie"
            body = [r for r in body if not (len(r) == len(header) and r[at] == removed)] + [template]
            out = io.StringIO()
            csv.writer(out, lineterminator="\\n").writerows([header] + body)
            data = out.getvalue().encode("utf-8")
        zout.writestr(info, data)
`;

/** A later snapshot of `sample` (one movie removed, one budget changed, one movie added). */
export function nextSnapshotZip(sample, out) {
  python(NEXT_SNAPSHOT_SCRIPT, sample, out);
  return out;
}

/** The sample with `count` broken ratings rows (a long error log). */
export function manyErrorsZip(sample, out, count) {
  python(MANY_ERRORS_SCRIPT, sample, out, String(count));
  return out;
}

/** The dataset generator, in the shared folder beside the repository (never in it). */
export const GENERATOR = resolve(dirname(fileURLToPath(import.meta.url)), "../../../../shared/bench/make_dataset.py");

/** A synthetic dataset at `scale` (the shared generator), or null when it is absent. */
export function generatedZip(scale, out) {
  const generator = GENERATOR;
  if (!existsSync(generator)) return null;
  execFileSync("python3", [generator, "--scale", String(scale), "--out", out], { stdio: "ignore" });
  return out;
}

/** Parses RFC 4180 CSV text into rows of strings. */
export function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      row.push(field);
      field = "";
    } else if (c === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else field += c;
  }
  if (field !== "" || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** A CSV file of an export directory as objects keyed by header. */
export function readTable(dir, table) {
  const [header, ...rows] = parseCsv(readFileSync(join(dir, "csv", `${table}.csv`), "utf8"));
  return rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]])));
}

/** The CSV header of a table in an export directory. */
export function readHeader(dir, table) {
  return parseCsv(readFileSync(join(dir, "csv", `${table}.csv`), "utf8").split("\n")[0] + "\n")[0];
}

/** The counts of a manifest, without where the files were read from. */
export function manifestCounts(manifest) {
  const files = Object.fromEntries(
    Object.entries(manifest.files).map(([name, e]) => [
      name,
      {
        status: e.status,
        records_read: e.records_read,
        rows_accepted: e.rows_accepted,
        rows_rejected: e.rows_rejected,
        warnings: e.warnings,
        records_repaired: e.records_repaired,
        encoding: e.encoding ?? null,
      },
    ]),
  );
  return { files, tables: manifest.tables, coverage: manifest.coverage };
}

/**
 * The sample's CSV files in `dir`, 12 folders down, ratings and credits gzip-compressed
 * (`ratings.csv.gz`): the folder and compressed files users have on disk. Returns the
 * top folder.
 */
export function deepFolderWithGzip(sample, dir) {
  const code = `
import gzip, shutil, sys, zipfile, os
sample, top = sys.argv[1], sys.argv[2]
deep = os.path.join(top, *"abcdefghijkl")
os.makedirs(deep, exist_ok=True)
with zipfile.ZipFile(sample) as z:
    for info in z.infolist():
        name = os.path.basename(info.filename)
        if not name.endswith(".csv"):
            continue
        data = z.read(info)
        if name in ("ratings.csv", "credits.csv"):
            with gzip.open(os.path.join(deep, name + ".gz"), "wb") as out:
                out.write(data)
        else:
            with open(os.path.join(deep, name), "wb") as out:
                out.write(data)
`;
  execFileSync("python3", ["-c", code, sample, dir]);
  return dir;
}

/**
 * `input` (a CSV file of the dataset) with its Python-literal columns re-exported as
 * JSON, as pandas users do (`json.dumps(ast.literal_eval(x))`), written to `out`.
 */
export function asJsonLiterals(input, out, columns) {
  const code = `
import ast, csv, json, sys
csv.field_size_limit(1 << 30)
src, dst, columns = sys.argv[1], sys.argv[2], sys.argv[3].split(",")
with open(src, newline="", encoding="utf-8") as f, open(dst, "w", newline="", encoding="utf-8") as g:
    reader = csv.DictReader(f)
    writer = csv.DictWriter(g, fieldnames=reader.fieldnames, lineterminator="\\n")
    writer.writeheader()
    for row in reader:
        for column in columns:
            try:
                row[column] = json.dumps(ast.literal_eval(row[column]))
            except Exception:
                pass
        writer.writerow(row)
`;
  mkdirSync(dirname(out), { recursive: true });
  execFileSync("python3", ["-c", code, input, out, columns.join(",")]);
  return out;
}
