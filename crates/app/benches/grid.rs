//! The grid's screens at a large 街道's size: 120 grids (12 communities of 10), 5万 households,
//! 20万 residents, a year of care visits and the 诉求 and disputes they raised. p50/p99 of the
//! household list as a clerk uses it (browse, one grid, each kind of search, a care tag, due
//! visits) and of the 网格工作月报 — beside what the office does today with the same households:
//! open the 住户信息表 workbook (exported here, read with calamine) and look through its rows
//! for the same text. A benchmark, not a test: it never fails on time.
//!
//!     cargo bench -p taizhang-app --bench grid [-- HOUSEHOLDS_PER_GRID]

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test or bench fails loudly on purpose

use std::time::{Duration, Instant};

use calamine::{Data, Reader};
use chrono::Datelike;
use taizhang_app::{
    core::org::OrgKind,
    db::{org, rusqlite},
    demo, export, grid,
    household::{self, HouseholdQuery},
    registers::{self, Register},
    setup, Ctx,
};

const QUERIES_PER_KIND: usize = 200;
const COMMUNITIES: usize = 12;
const GRIDS_PER_COMMUNITY: usize = 10;

fn main() {
    let per_grid: usize = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(417);
    let dir = tempfile::tempdir().expect("temp dir");
    let path = std::env::var_os("TAIZHANG_BENCH_DB")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| dir.path().join("grid.db"));
    let _ = std::fs::remove_file(&path);
    // Opened as the app opens it: the built-in dictionaries (care tags with their visit
    // intervals among them) seeded.
    let mut db = setup::open(&path, None).expect("open");
    let ctx = Ctx::now();

    let started = Instant::now();
    let households = db
        .write(|tx| {
            // The demo office's three communities and twelve grids, grown to 12 × 10.
            demo::write(tx, ctx.today, 0)?;
            let street = org::all(tx)?
                .into_iter()
                .find(|n| n.kind == OrgKind::Street)
                .expect("the street")
                .id;
            let communities: Vec<i64> = org::all(tx)?
                .into_iter()
                .filter(|n| n.kind == OrgKind::Community)
                .map(|n| n.id)
                .collect();
            let mut all = communities.clone();
            for c in communities.len()..COMMUNITIES {
                all.push(org::insert(
                    tx,
                    Some(street),
                    OrgKind::Community,
                    &format!("第{}社区", c + 1),
                )?);
            }
            for community in all {
                let has = org::all(tx)?
                    .iter()
                    .filter(|n| n.parent_id == Some(community) && n.kind == OrgKind::Grid)
                    .count();
                for g in has..GRIDS_PER_COMMUNITY {
                    org::insert(
                        tx,
                        Some(community),
                        OrgKind::Grid,
                        &format!("第{}网格", g + 1),
                    )?;
                }
            }
            let written = demo::write_grid_sized(
                tx,
                ctx.today,
                demo::Sizing {
                    per_grid,
                    members_at_least: 4,
                },
            )?;
            demo::write_disputes(tx, ctx.today)?;
            Ok::<_, taizhang_app::AppError>(written)
        })
        .expect("grid work");
    let conn = db.conn();
    let count = |sql: &str| -> i64 { conn.query_row(sql, [], |r| r.get(0)).expect(sql) };
    println!(
        "{households} households, {} residents, {} grids, {} visits, {} 诉求 written in one transaction in {:.1} s (file database, WAL)\n",
        count("SELECT count(*) FROM household_member"),
        count("SELECT count(*) FROM org_unit WHERE kind = '网格'"),
        count("SELECT count(*) FROM visit"),
        count("SELECT count(*) FROM appeal"),
        started.elapsed().as_secs_f64()
    );

    let sample = |sql: &str| -> Vec<String> {
        let mut stmt = conn.prepare(sql).expect("sample query");
        stmt.query_map([QUERIES_PER_KIND as i64], |r| r.get(0))
            .expect("sample")
            .collect::<rusqlite::Result<_>>()
            .expect("sample rows")
    };
    let residents = "SELECT {} FROM person p JOIN household_member m ON m.person_id = p.id
                     ORDER BY random() LIMIT ?1";
    let searches: Vec<(&str, Vec<String>)> = vec![
        (
            "name, 1 character",
            sample(&residents.replace("{}", "substr(p.name, 2, 1)")),
        ),
        (
            "name, 2 characters",
            sample(&residents.replace("{}", "substr(p.name, 1, 2)")),
        ),
        (
            "pinyin initials",
            sample(&residents.replace("{}", "p.name_initials")),
        ),
        (
            "ID tail (4)",
            sample(&residents.replace("{}", "substr(p.id_number, 15)")),
        ),
        (
            "address (estate + building)",
            sample("SELECT estate || building FROM household ORDER BY random() LIMIT ?1"),
        ),
    ];
    let grids: Vec<i64> = {
        let mut stmt = conn
            .prepare("SELECT id FROM org_unit WHERE kind = '网格' ORDER BY id")
            .expect("grids");
        stmt.query_map([], |r| r.get(0))
            .expect("grids")
            .collect::<rusqlite::Result<_>>()
            .expect("grid rows")
    };

    println!("| what the clerk does | runs | median matches | p50 | p99 | max |");
    println!("|---|---:|---:|---:|---:|---:|");
    let mut queries: Vec<(String, Vec<HouseholdQuery>)> = vec![
        (
            "household list, page 1".into(),
            vec![HouseholdQuery::default(); QUERIES_PER_KIND],
        ),
        (
            "one grid's households".into(),
            (0..QUERIES_PER_KIND)
                .map(|i| HouseholdQuery {
                    grid_id: Some(grids[i % grids.len()]),
                    ..Default::default()
                })
                .collect(),
        ),
        (
            "care tag 独居老人".into(),
            vec![
                HouseholdQuery {
                    care: Some("独居老人".into()),
                    ..Default::default()
                };
                QUERIES_PER_KIND
            ],
        ),
        (
            "visits due today".into(),
            vec![
                HouseholdQuery {
                    due: true,
                    ..Default::default()
                };
                QUERIES_PER_KIND / 4
            ],
        ),
    ];
    for (kind, inputs) in &searches {
        queries.push((
            format!("search: {kind}"),
            inputs
                .iter()
                .map(|s| HouseholdQuery {
                    search: s.clone(),
                    ..Default::default()
                })
                .collect(),
        ));
    }
    for (what, inputs) in queries {
        let runs: Vec<(Duration, usize)> = inputs
            .into_iter()
            .map(|q| {
                let t = Instant::now();
                let n = household::page(&db, &ctx, &q, (1, 20)).expect("list").total as usize;
                (t.elapsed(), n)
            })
            .collect();
        row(&what, runs);
    }
    let last_month = {
        let first = ctx.today.with_day(1).expect("first of the month");
        first
            .pred_opt()
            .expect("a day before")
            .format("%Y-%m")
            .to_string()
    };
    let runs: Vec<(Duration, usize)> = (0..20)
        .map(|_| {
            let t = Instant::now();
            let m = grid::monthly(&db, &ctx, &last_month).expect("month");
            (t.elapsed(), m.rows.len())
        })
        .collect();
    row(&format!("网格工作月报 {last_month} (lines)"), runs);

    // The alternative, measured now: the same households as the workbook an office keeps.
    let book = dir.path().join("住户信息表.xlsx");
    let t = Instant::now();
    let exported = registers::export(
        &mut db,
        &ctx,
        Register::Households,
        &book,
        export::Request::default(),
    )
    .expect("export");
    let export_time = t.elapsed();
    let t = Instant::now();
    let mut workbook: calamine::Xlsx<_> = calamine::open_workbook(&book).expect("open workbook");
    let sheet = workbook.worksheets().remove(0).1;
    let rows: Vec<String> = sheet
        .rows()
        .map(|r| {
            r.iter()
                .map(|c| match c {
                    Data::String(s) => s.clone(),
                    other => other.to_string(),
                })
                .collect::<Vec<_>>()
                .join("\t")
        })
        .collect();
    let read_time = t.elapsed();
    println!(
        "\n**Alternative — the 住户信息表 in a spreadsheet** ({} rows, {:.1} MB; our export wrote it in {}):\n",
        exported.rows,
        std::fs::metadata(&book).map_or(0.0, |m| m.len() as f64 / 1e6),
        ms(export_time)
    );
    println!("| what the clerk does | runs | median matches | p50 | p99 | max |");
    println!("|---|---:|---:|---:|---:|---:|");
    row(
        "open the workbook (calamine: read every cell)",
        vec![(read_time, rows.len())],
    );
    for (kind, inputs) in &searches {
        if kind.contains("ID") || kind.contains("pinyin") {
            continue; // masked IDs and no pinyin in a sheet: Ctrl+F cannot find these
        }
        let runs = inputs
            .iter()
            .map(|s| {
                let t = Instant::now();
                let n = rows.iter().filter(|r| r.contains(s.as_str())).count();
                (t.elapsed(), n)
            })
            .collect();
        row(&format!("find in the open sheet: {kind}"), runs);
    }
    println!(
        "\nOur rows are what the screen sends: filter, count all matches, fetch page 1 of 20 with each household's next visit, mask. The sheet's finds scan rows already in memory (a person a row); its addresses are masked, as every export's are, so a find by address finds nothing there."
    );
}

fn row(what: &str, mut runs: Vec<(Duration, usize)>) {
    let mut times: Vec<Duration> = runs.iter().map(|r| r.0).collect();
    times.sort();
    runs.sort_by_key(|r| r.1);
    let pct = |p: f64| times[((times.len() - 1) as f64 * p).round() as usize];
    println!(
        "| {what} | {} | {} | {} | {} | {} |",
        times.len(),
        runs[runs.len() / 2].1,
        ms(pct(0.5)),
        ms(pct(0.99)),
        ms(*times.last().unwrap_or(&Duration::ZERO)),
    );
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}
