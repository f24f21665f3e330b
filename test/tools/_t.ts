import Database from 'better-sqlite3';
const db = new Database('/tmp/scale50/bench.db', { readonly: true });
const ranges = db.prepare('SELECT plan_id, min(id) lo, max(id) hi, count(*) n FROM units GROUP BY plan_id').all() as {plan_id:string,lo:number,hi:number,n:number}[];
const terms = db.prepare("SELECT term, doc FROM unit_terms WHERE col='own' AND term IN ('elev','nombr','class','2027','classe')").all();
console.log(terms, db.prepare('select count(*) from units').pluck().get());
for (const match of ['"elev" OR "nombr" OR "class" OR "2027"', '"class" OR "2027"', '"elev"']) {
  for (const plan of ['cf-casf-2025', 'cf-psa-2023']) {
    const r = ranges.find((x) => x.plan_id === plan)!;
    let t = process.hrtime.bigint();
    const ranged = db.prepare(`SELECT u.ref FROM unit_fts JOIN units u ON u.id = unit_fts.rowid WHERE unit_fts MATCH ? AND unit_fts.rowid BETWEEN ? AND ? ORDER BY bm25(unit_fts, 1.0, 0.4) LIMIT 400`).all(match, r.lo, r.hi);
    console.log(match, plan, ranged.length, (Number(process.hrtime.bigint() - t) / 1e6).toFixed(2));
  }
}
