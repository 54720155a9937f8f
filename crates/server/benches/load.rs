//! 共享模式 under load: clerks (30) for a while (120 s) against a host on 127.0.0.1 holding the
//! demo office at 100,000 members, each a browser with its own login, giving a mix of reads
//! (roster page, search, member detail) and writes (member edit, service record, redemption).
//! Each clerk pauses between actions as a person does (`TAIZHANG_LOAD_THINK_MS`, 1,000 ms on
//! average, spread evenly from none to twice that). Prints p50/p99 per kind, throughput and
//! errors; then the same mix at the same pace called in-process through `command::dispatch` — the
//! named alternative: what HTTP and the server cost; then the clerks over HTTP with no pause at
//! all — what the host takes at its limit, on this machine's cores. Afterwards every acknowledged
//! write must be in the database and the integrity check clean. A program, not a test: it prints,
//! it never fails on a stopwatch.
//!
//! `cargo bench -p taizhang-server --bench load` (release). Smaller runs:
//! `TAIZHANG_LOAD_CLERKS=10 TAIZHANG_LOAD_SECONDS=20 TAIZHANG_LOAD_MEMBERS=5000`.
//!
//! The host serves plain HTTP on the loopback address (`--local`): TLS is the same rustls
//! handshake once per connection and is left out of the measure.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a benchmark fails loudly on purpose

use std::{
    collections::BTreeMap,
    net::SocketAddr,
    sync::{Arc, Mutex},
    time::{Duration, Instant},
};

use http_body_util::{BodyExt, Full};
use hyper_util::{client::legacy::Client, rt::TokioExecutor};
use serde_json::{json, Value};
use taizhang_app::{
    command::{self, Reply},
    db::setting,
    demo,
    service::{Seat, Service},
    user, Ctx,
};
use taizhang_server::{Options, Started};

fn setting(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// What a clerk may do, and how often (of 100).
const MIX: [(&str, u32); 6] = [
    ("roster", 30),
    ("search", 25),
    ("detail", 25),
    ("edit", 10),
    ("service", 5),
    ("redeem", 5),
];

/// What the office holds that the writes aim at.
struct Office {
    members: Vec<i64>,
    accounts: Vec<i64>,
    goods: Vec<i64>,
    rule: String,
}

/// Each kind's latencies and outcomes.
#[derive(Default)]
struct Tally {
    took: BTreeMap<&'static str, Vec<Duration>>,
    /// Refused by a rule a clerk would meet too (a balance too low, a colleague's newer edit).
    refused: BTreeMap<&'static str, usize>,
    errors: Vec<String>,
    /// Acknowledged writes: (kind, the token or id that must be found afterwards).
    acknowledged: Vec<(&'static str, String)>,
}

/// A tiny xorshift: each clerk its own sequence.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

/// One call of the mix: its command, arguments, and what is acknowledged if it succeeds.
fn choose(
    rng: &mut Rng,
    office: &Office,
    clerk: usize,
    n: usize,
) -> (&'static str, &'static str, Value) {
    let mut pick = rng.below(100) as u32;
    let kind = MIX
        .iter()
        .find(|(_, w)| {
            if pick < *w {
                true
            } else {
                pick -= w;
                false
            }
        })
        .map_or("roster", |(k, _)| k);
    let member = office.members[rng.below(office.members.len() as u64) as usize];
    match kind {
        "roster" => (
            "roster",
            "party_members_list",
            json!({ "query": { "page": 1 + rng.below(20), "page_size": 20 } }),
        ),
        "search" => {
            let texts = [
                "w", "wg", "王", "zh", "李", "0077", "138", "wgm", "刘", "chen",
            ];
            let text = texts[rng.below(texts.len() as u64) as usize];
            (
                "search",
                "party_members_list",
                json!({ "query": { "search": text, "page": 1, "page_size": 20 } }),
            )
        }
        "detail" => ("detail", "party_members_get", json!({ "id": member })),
        "edit" => (
            "edit",
            "party_members_get",
            json!({ "id": member, "token": format!("负载{clerk}-{n}") }),
        ),
        "service" => (
            "service",
            "points_record_service",
            json!({ "input": {
                "account_id": office.accounts[rng.below(office.accounts.len() as u64) as usize],
                "rule": office.rule, "activity": format!("负载{clerk}-{n}"),
                // Spread over the year: a rule's daily cap would refuse most of one day's records.
                "served_on": (chrono::Local::now().date_naive() - chrono::Days::new(rng.below(365))).to_string(),
                "hours": "1", "certified_by": "", "approve": false,
            } }),
        ),
        _ => (
            "redeem",
            "points_redeem",
            json!({
                "accountId": office.accounts[rng.below(office.accounts.len() as u64) as usize],
                "basket": [[office.goods[rng.below(office.goods.len() as u64) as usize], 1]],
            }),
        ),
    }
}

/// How a clerk reaches the host: over HTTP, or in-process.
trait Transport: Sync {
    fn call(&self, clerk: usize, name: &str, args: Value) -> Result<Value, (String, String)>;
}

struct InProcess {
    service: Arc<Service>,
    seats: Vec<Seat>,
}

impl Transport for InProcess {
    fn call(&self, clerk: usize, name: &str, args: Value) -> Result<Value, (String, String)> {
        match command::dispatch(&self.service, &self.seats[clerk], name, args, None) {
            Ok(Reply::Json(json)) => Ok(serde_json::from_str(&json).unwrap()),
            Ok(Reply::Bytes(_)) => Ok(Value::Null),
            Err(e) => Err((format!("{:?}", e.code), e.message)),
        }
    }
}

struct OverHttp {
    runtime: tokio::runtime::Handle,
    client: Client<hyper_util::client::legacy::connect::HttpConnector, Full<bytes::Bytes>>,
    origin: String,
    cookies: Vec<String>,
}

impl Transport for OverHttp {
    fn call(&self, clerk: usize, name: &str, args: Value) -> Result<Value, (String, String)> {
        let request = hyper::Request::post(format!("{}/api/call/{name}", self.origin))
            .header("Origin", &self.origin)
            .header("Content-Type", "application/json")
            .header("Cookie", format!("taizhang={}", self.cookies[clerk]))
            .body(Full::new(bytes::Bytes::from(args.to_string())))
            .unwrap();
        let body = self.runtime.block_on(async {
            let response = self
                .client
                .request(request)
                .await
                .map_err(|e| e.to_string())?;
            let body = response
                .into_body()
                .collect()
                .await
                .map_err(|e| e.to_string())?;
            Ok::<_, String>(body.to_bytes())
        });
        let body = body.map_err(|e| ("Http".to_owned(), e))?;
        let line: Value =
            serde_json::from_slice(&body).map_err(|e| ("Json".to_owned(), e.to_string()))?;
        match line.get("error") {
            Some(e) => Err((
                e["code"].as_str().unwrap_or("").to_owned(),
                e["message"].as_str().unwrap_or("").to_owned(),
            )),
            None => Ok(line["ok"].clone()),
        }
    }
}

/// The mix for `seconds` from `clerks` threads, each pausing `think` on average between actions.
fn run(
    transport: &dyn Transport,
    office: &Office,
    (clerks, seconds, think): (usize, u64, Duration),
) -> (Tally, Duration) {
    let tally = Mutex::new(Tally::default());
    let start = Instant::now();
    let end = start + Duration::from_secs(seconds);
    std::thread::scope(|s| {
        for clerk in 0..clerks {
            let tally = &tally;
            s.spawn(move || {
                let mut rng = Rng(0x9E37_79B9_7F4A_7C15 ^ ((clerk as u64 + 1) * 0x1000_0001));
                let mut n = 0;
                while Instant::now() < end {
                    if !think.is_zero() {
                        let pause = rng.below(2 * think.as_millis() as u64 + 1);
                        std::thread::sleep(Duration::from_millis(pause));
                    }
                    n += 1;
                    let (kind, name, args) = choose(&mut rng, office, clerk, n);
                    let began = Instant::now();
                    let outcome = if kind == "edit" {
                        // The form: read the member, save it with a token in 备注 and the version read.
                        transport.call(clerk, name, json!({ "id": args["id"] })).and_then(|d| {
                            let mut input = d["input"].clone();
                            input["note"] = args["token"].clone();
                            transport
                                .call(clerk, "party_members_update", json!({ "id": args["id"], "input": input, "version": d["version"] }))
                                .map(|_| args["token"].clone())
                        })
                    } else {
                        transport.call(clerk, name, args)
                    };
                    let took = began.elapsed();
                    let mut t = tally.lock().unwrap();
                    match outcome {
                        Ok(v) => {
                            t.took.entry(kind).or_default().push(took);
                            match kind {
                                "edit" => t.acknowledged.push((kind, v.as_str().unwrap().to_owned())),
                                "service" => t.acknowledged.push((kind, v["record_id"].to_string())),
                                "redeem" => t.acknowledged.push((kind, v["redemption_id"].to_string())),
                                _ => {}
                            }
                        }
                        Err((code, _)) if code == "conflict" || code == "Conflict" || code == "validation" || code == "Validation" => {
                            *t.refused.entry(kind).or_default() += 1;
                        }
                        Err((code, message)) => t.errors.push(format!("{kind}: {code} {message}")),
                    }
                }
            });
        }
    });
    (tally.into_inner().unwrap(), start.elapsed())
}

fn percentile(sorted: &[Duration], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i].as_secs_f64() * 1000.0
}

fn print(title: &str, tally: &mut Tally, took: Duration) {
    println!("\n{title}");
    println!(
        "{:<10} {:>8} {:>10} {:>10} {:>9}",
        "kind", "calls", "p50 ms", "p99 ms", "refused"
    );
    let mut total = 0;
    for (kind, _) in MIX {
        let times = tally.took.entry(kind).or_default();
        times.sort();
        total += times.len();
        println!(
            "{kind:<10} {:>8} {:>10.1} {:>10.1} {:>9}",
            times.len(),
            percentile(times, 0.5),
            percentile(times, 0.99),
            tally.refused.get(kind).copied().unwrap_or(0)
        );
    }
    println!(
        "throughput {:.0} calls/s, errors {}{}",
        total as f64 / took.as_secs_f64(),
        tally.errors.len(),
        tally
            .errors
            .first()
            .map(|e| format!(" (first: {e})"))
            .unwrap_or_default()
    );
}

fn main() {
    let clerks = setting("TAIZHANG_LOAD_CLERKS", 30);
    let seconds = setting("TAIZHANG_LOAD_SECONDS", 120) as u64;
    let members = setting("TAIZHANG_LOAD_MEMBERS", 100_000);
    let think = Duration::from_millis(setting("TAIZHANG_LOAD_THINK_MS", 1000) as u64);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("taizhang.db");
    let ctx = Ctx::now();
    let began = Instant::now();
    {
        let mut db = taizhang_app::setup::open(&path, None).unwrap();
        db.write(|tx| {
            demo::write(tx, ctx.today, members)?;
            demo::write_points(tx, ctx.today)?;
            setting::set(tx, setting::OFFICE_NAME, demo::OFFICE)?;
            Ok::<_, taizhang_app::AppError>(())
        })
        .unwrap();
        for c in 0..clerks {
            let role = if c == 0 {
                taizhang_core_role("管理员")
            } else {
                taizhang_core_role("录入员")
            };
            user::add(
                &mut db,
                &ctx,
                &format!("clerk{c}"),
                (role, None),
                "load-2026",
            )
            .unwrap();
        }
    }
    let office = {
        let db = taizhang_app::setup::open(&path, None).unwrap();
        let ids = |sql: &str| -> Vec<i64> {
            let mut stmt = db.conn().prepare(sql).unwrap();
            stmt.query_map([], |r| r.get(0))
                .unwrap()
                .map(Result::unwrap)
                .collect()
        };
        let rule: String = db
            .conn()
            .query_row(
                "SELECT name FROM points_rule WHERE basis = '每小时' AND valid_to IS NULL LIMIT 1",
                [],
                |r| r.get(0),
            )
            .unwrap();
        Office {
            members: ids("SELECT id FROM party_member WHERE deleted_at IS NULL"),
            accounts: ids("SELECT id FROM points_account"),
            goods: ids("SELECT id FROM goods"),
            rule,
        }
    };
    println!(
        "{members} members, {} accounts, {} goods written in {:.1} s; {clerks} clerks for {seconds} s each way, pausing {} ms on average",
        office.accounts.len(),
        office.goods.len(),
        began.elapsed().as_secs_f64(),
        think.as_millis()
    );

    let service = Arc::new(Service::open(&path));
    // The host, on the loopback address, in its own runtime.
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    let (address, told) = std::sync::mpsc::channel::<String>();
    {
        let service = Arc::clone(&service);
        let path = path.clone();
        runtime.spawn(async move {
            let options = Options {
                database: path,
                listen: SocketAddr::from(([127, 0, 0, 1], 0)),
                local: true,
            };
            let told = move |s: &Started| address.send(s.address.clone()).unwrap();
            let _ = taizhang_server::serve(service, options, told, std::future::pending()).await;
        });
    }
    let link = told.recv().unwrap();
    let origin = link.split("/?").next().unwrap().to_owned();
    let client = Client::builder(TokioExecutor::new()).build_http();
    let http = OverHttp {
        runtime: runtime.handle().clone(),
        client,
        origin,
        cookies: Vec::new(),
    };
    // Each clerk logs in from its own browser.
    let mut cookies = Vec::new();
    for c in 0..clerks {
        let request = hyper::Request::post(format!("{}/api/call/session_login", http.origin))
            .header("Origin", &http.origin)
            .header("Content-Type", "application/json")
            .body(Full::new(bytes::Bytes::from(
                json!({ "name": format!("clerk{c}"), "password": "load-2026" }).to_string(),
            )))
            .unwrap();
        let response = runtime.block_on(http.client.request(request)).unwrap();
        let cookie = response.headers()["set-cookie"].to_str().unwrap();
        cookies.push(
            cookie
                .split(';')
                .next()
                .unwrap()
                .trim_start_matches("taizhang=")
                .to_owned(),
        );
    }
    let http = OverHttp { cookies, ..http };
    let (mut over_http, took) = run(&http, &office, (clerks, seconds, think));
    print("over HTTP (the host on 127.0.0.1)", &mut over_http, took);

    let seats: Vec<Seat> = (0..clerks)
        .map(|c| {
            let seat = Seat::remote(format!("10.0.0.{c}"));
            command::dispatch(
                &service,
                &seat,
                "session_login",
                json!({ "name": format!("clerk{c}"), "password": "load-2026" }),
                None,
            )
            .unwrap();
            seat
        })
        .collect();
    let direct = InProcess {
        service: Arc::clone(&service),
        seats,
    };
    let (mut in_process, took) = run(&direct, &office, (clerks, seconds, think));
    print(
        "in-process (command::dispatch, no HTTP): the alternative",
        &mut in_process,
        took,
    );
    let (mut flat_out, took) = run(&http, &office, (clerks, seconds, Duration::ZERO));
    print(
        "over HTTP with no pause between actions: the host at its limit",
        &mut flat_out,
        took,
    );

    // Every acknowledged write is there, and the database is sound.
    let db = taizhang_app::setup::open(&path, None).unwrap();
    let mut missing = 0;
    let acknowledged: Vec<_> = over_http
        .acknowledged
        .iter()
        .chain(&in_process.acknowledged)
        .chain(&flat_out.acknowledged)
        .collect();
    for (kind, token) in &acknowledged {
        let sql = match *kind {
            "edit" => "SELECT count(*) FROM audit_log WHERE entity = '党员' AND changes LIKE '%' || ?1 || '%'",
            "service" => "SELECT count(*) FROM service_record WHERE id = CAST(?1 AS INTEGER)",
            _ => "SELECT count(*) FROM redemption WHERE id = CAST(?1 AS INTEGER)",
        };
        let found: i64 = db.conn().query_row(sql, [token], |r| r.get(0)).unwrap();
        if found == 0 {
            missing += 1;
        }
    }
    let problems = taizhang_app::db_check(&db).unwrap();
    println!(
        "\n{} acknowledged writes, {missing} missing; integrity check: {}",
        acknowledged.len(),
        if problems.is_empty() {
            "clean".to_owned()
        } else {
            format!("{problems:?}")
        }
    );
}

fn taizhang_core_role(label: &str) -> taizhang_app::core::user::Role {
    taizhang_app::core::user::Role::from_label(label).unwrap()
}
