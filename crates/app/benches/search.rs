//! Roster search at 100,000 members: p50/p99 latency of each kind of query a clerk types, as a
//! table. A benchmark, not a test: it never fails on time.
//!
//!     cargo bench -p taizhang-app --bench search [-- MEMBERS]

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test or bench fails loudly on purpose

use std::time::{Duration, Instant};

use taizhang_app::{
    db::{party_member::PartyMemberQuery, rusqlite},
    demo, party_member, Ctx, Db,
};

const QUERIES_PER_KIND: usize = 300;
const BROWSE_BRANCH: &str = "one branch, page 1";
const LIMIT: i64 = QUERIES_PER_KIND as i64;

fn main() {
    let members: usize = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(100_000);
    // TAIZHANG_BENCH_DB keeps the generated file, e.g. to look at query plans afterwards.
    let dir = tempfile::tempdir().expect("temp dir");
    let path = std::env::var_os("TAIZHANG_BENCH_DB")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| dir.path().join("bench.db"));
    let _ = std::fs::remove_file(&path);
    let mut db = Db::open(&path).expect("open");
    let ctx = Ctx::now();
    let started = Instant::now();
    let written = db
        .write(|tx| demo::write(tx, ctx.today, members))
        .expect("demo data");
    println!(
        "{written} members written in one transaction in {:.2} s (file database, WAL)\n",
        started.elapsed().as_secs_f64()
    );

    let conn = db.conn();
    let sample = |sql: &str| -> Vec<String> {
        let mut stmt = conn.prepare(sql).expect("sample query");
        stmt.query_map([LIMIT], |r| r.get(0))
            .expect("sample")
            .collect::<rusqlite::Result<_>>()
            .expect("sample rows")
    };
    let kinds: Vec<(&str, Vec<String>)> = vec![
        (
            "name, 1 character",
            sample("SELECT substr(name, 2, 1) FROM person ORDER BY random() LIMIT ?1"),
        ),
        (
            "name, 2 characters",
            sample("SELECT substr(name, 1, 2) FROM person ORDER BY random() LIMIT ?1"),
        ),
        (
            "name, 3+ characters",
            sample("SELECT name FROM person WHERE length(name) >= 3 ORDER BY random() LIMIT ?1"),
        ),
        (
            "pinyin initials",
            sample("SELECT name_initials FROM person ORDER BY random() LIMIT ?1"),
        ),
        (
            "full pinyin prefix",
            sample("SELECT substr(name_pinyin, 1, 7) FROM person ORDER BY random() LIMIT ?1"),
        ),
        (
            "ID tail (4)",
            sample("SELECT substr(id_number, 15) FROM person ORDER BY random() LIMIT ?1"),
        ),
        (
            "phone tail (4)",
            sample("SELECT substr(phone, 8) FROM person ORDER BY random() LIMIT ?1"),
        ),
        ("no search, page 1", vec![String::new(); QUERIES_PER_KIND]),
        (BROWSE_BRANCH, vec![String::new(); QUERIES_PER_KIND]),
    ];
    let branches: Vec<i64> = {
        let mut stmt = conn
            .prepare("SELECT id FROM org_unit WHERE kind = '党支部' ORDER BY id")
            .expect("branches");
        stmt.query_map([], |r| r.get(0))
            .expect("branches")
            .collect::<rusqlite::Result<_>>()
            .expect("branch rows")
    };

    println!("| query kind | queries | median matches | p50 | p99 | max |");
    println!("|---|---:|---:|---:|---:|---:|");
    for (kind, inputs) in kinds {
        let mut times = Vec::with_capacity(inputs.len());
        let mut matches = Vec::with_capacity(inputs.len());
        for (i, search) in inputs.into_iter().enumerate() {
            let q = PartyMemberQuery {
                search,
                // The browse rows also filter by one branch, as a clerk of one branch does.
                branch_id: (kind == BROWSE_BRANCH).then(|| branches[i % branches.len()]),
                page: 1,
                page_size: 20,
                ..Default::default()
            };
            let t = Instant::now();
            let page = party_member::list(&db, &ctx, &q).expect("list");
            times.push(t.elapsed());
            matches.push(page.total);
        }
        times.sort();
        matches.sort();
        let pct = |p: f64| times[((times.len() - 1) as f64 * p).round() as usize];
        println!(
            "| {kind} | {} | {} | {} | {} | {} |",
            times.len(),
            matches[matches.len() / 2],
            ms(pct(0.5)),
            ms(pct(0.99)),
            ms(*times.last().unwrap_or(&Duration::ZERO)),
        );
    }
    println!("\nEach query is what the roster screen sends: filter, count all matches, fetch page 1 of 20, mask.");
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}
