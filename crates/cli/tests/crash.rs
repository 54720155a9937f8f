//! Crash safety, measured: the `taizhang` process is killed (SIGKILL) at a random moment during an
//! import, a redemption, a backup, a restore, an archive merge and setting a database password,
//! again and again; after each kill the database must pass `PRAGMA integrity_check` and
//! `taizhang check`, and the operation must have happened wholly or not at all. Nothing of the
//! office's may be left readable: the system temporary folder (each round's own) stays empty, and
//! the working folder a killed run left beside the database is gone once the next run starts. Prints a table of what the kills found.
//!
//! The suite runs 25 rounds; the full run is
//! `TAIZHANG_CRASH_ROUNDS=200 cargo test -p taizhang-cli --test crash -- --nocapture`
//! (`TAIZHANG_CRASH_SEED=N` repeats a run).
//!
//! The shared host too: `serve --local` killed while four clerks write over HTTP, then started
//! again (`a_host_killed_under_load_…`).

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test or bench fails loudly on purpose

use std::{
    fmt::Write as _,
    path::{Path, PathBuf},
    process::Command,
    time::{Duration, Instant},
};

use taizhang_app::db::{encryption::is_keyed, rusqlite::Connection};

/// The program on `db`, with a temporary folder of its own beside it (`tmp`), which must stay
/// empty.
fn taizhang(db: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_taizhang"));
    let tmp = temp_of(db);
    std::fs::create_dir_all(&tmp).unwrap();
    c.arg("--db")
        .arg(db)
        .env_remove("TAIZHANG_DB")
        .env("TMPDIR", &tmp)
        .env("TMP", &tmp)
        .env("TEMP", &tmp);
    c
}

fn temp_of(db: &Path) -> PathBuf {
    db.parent().unwrap().join("tmp")
}

/// What a round left that someone could read: files in the temporary folder, and working
/// folders beside the database.
fn leftovers(db: &Path) -> Vec<String> {
    let list = |dir: PathBuf| -> Vec<String> {
        std::fs::read_dir(&dir)
            .into_iter()
            .flatten()
            .flatten()
            .map(|e| e.path().display().to_string())
            .collect()
    };
    let mut found = list(temp_of(db));
    found.extend(list(db.parent().unwrap().join(".taizhang-work")));
    found
}

fn run(db: &Path, args: &[&str]) -> String {
    let out = taizhang(db).args(args).output().unwrap();
    assert!(
        out.status.success(),
        "taizhang {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// xorshift64*: a reproducible sequence from the printed seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
}

/// An ID number with its check character, for generated members.
fn id_number(n: u32) -> String {
    let first = format!(
        "1411301990{:02}{:02}{:03}",
        1 + n / 2800 % 12,
        1 + n / 100 % 28,
        n % 100 * 10 + 1
    );
    let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    let sum: u32 = first
        .bytes()
        .zip(weights)
        .map(|(b, w)| u32::from(b - b'0') * w)
        .sum();
    format!("{first}{}", b"10X98765432"[(sum % 11) as usize] as char)
}

const NEW_MEMBERS: u32 = 1000;

/// The database password the encrypting operation sets.
const KEY: &str = "crash-pass";

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Op {
    Import,
    Redeem,
    Backup,
    Restore,
    ArchiveImport,
    Encrypt,
}

impl Op {
    const ALL: [Op; 6] = [
        Op::Import,
        Op::Redeem,
        Op::Backup,
        Op::Restore,
        Op::ArchiveImport,
        Op::Encrypt,
    ];

    fn label(self) -> &'static str {
        match self {
            Op::Import => "import 1000 members",
            Op::Redeem => "redeem goods",
            Op::Backup => "backup",
            Op::Restore => "restore a backup",
            Op::ArchiveImport => "merge an archive",
            Op::Encrypt => "encrypt the database",
        }
    }
}

/// What the database looked like, for the all-or-nothing check.
#[derive(Debug, PartialEq, Eq, Clone, Copy)]
struct State {
    members: i64,
    batches: i64,
    balance: i64,
    stock: i64,
}

/// A connection to `db`, with the password when the file is encrypted.
fn open(db: &Path) -> Result<Connection, String> {
    let conn = Connection::open(db).map_err(|e| e.to_string())?;
    if is_keyed(db) {
        conn.pragma_update(None, "key", KEY)
            .map_err(|e| e.to_string())?;
    }
    Ok(conn)
}

fn state(db: &Path) -> State {
    let conn = open(db).unwrap();
    let one = |sql: &str| -> i64 { conn.query_row(sql, [], |r| r.get(0)).unwrap() };
    State {
        members: one("SELECT count(*) FROM party_member WHERE deleted_at IS NULL"),
        batches: one("SELECT count(*) FROM import_batch"),
        balance: one("SELECT coalesce(sum(points), 0) FROM points_entry WHERE account_id = 1"),
        stock: one("SELECT coalesce(sum(quantity), 0) FROM stock_move WHERE goods_id = 1"),
    }
}

fn integrity(db: &Path) -> Result<(), String> {
    let conn = open(db)?;
    let ok: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .map_err(|e| e.to_string())?;
    (ok == "ok").then_some(()).ok_or(ok)
}

struct Setup {
    base: PathBuf,
    members_csv: PathBuf,
    restore_from: PathBuf,
    archive: PathBuf,
}

/// A fresh copy of the base database for one round.
fn fresh(setup: &Setup, dir: &Path) -> PathBuf {
    let _ = std::fs::remove_dir_all(dir);
    std::fs::create_dir_all(dir).unwrap();
    let db = dir.join("taizhang.db");
    std::fs::copy(&setup.base, &db).unwrap();
    db
}

fn start(op: Op, db: &Path, setup: &Setup) -> std::process::Child {
    let mut c = taizhang(db);
    match op {
        Op::Import => c.args(["import", "party-members"]).arg(&setup.members_csv),
        Op::Redeem => c.args(["points", "redeem", "1", "1=2"]),
        Op::Backup => c.arg("backup"),
        Op::Restore => c.arg("restore").arg(&setup.restore_from),
        Op::ArchiveImport => c.args(["archive", "import", "--merge"]).arg(&setup.archive),
        Op::Encrypt => c
            .args(["db-password", "set"])
            .env("TAIZHANG_NEW_DB_PASSWORD", KEY),
    };
    c.stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap()
}

/// Whether the kill left the operation done (`Ok(true)`), not done (`Ok(false)`), or half done.
fn outcome(op: Op, db: &Path, before: State, done: State) -> Result<bool, String> {
    integrity(db).map_err(|e| format!("integrity_check: {e}"))?;
    let check = taizhang(db)
        .arg("check")
        .env("TAIZHANG_DB_PASSWORD", KEY)
        .output()
        .unwrap();
    if !check.status.success() {
        return Err(format!(
            "taizhang check: {}{}",
            String::from_utf8_lossy(&check.stdout),
            String::from_utf8_lossy(&check.stderr)
        ));
    }
    // `check` opened the database, so it swept what the killed run left.
    let left = leftovers(db);
    if !left.is_empty() {
        return Err(format!("left behind: {left:?}"));
    }
    let now = state(db);
    match op {
        Op::Backup => {
            if now != before {
                return Err(format!("a backup changed the database: {now:?}"));
            }
            // Every backup file present is a whole database; a .part may be left, never a
            // half file under a backup's name.
            let folder = db.parent().unwrap().join("备份");
            let mut whole = false;
            for e in std::fs::read_dir(&folder).into_iter().flatten().flatten() {
                let name = e.file_name().to_string_lossy().into_owned();
                if name.ends_with(".db") {
                    integrity(&e.path()).map_err(|why| format!("{name}: {why}"))?;
                    if state(&e.path()) != before {
                        return Err(format!("{name} does not hold the database"));
                    }
                    whole = true;
                }
            }
            Ok(whole)
        }
        // The data stays what it was; the file is either still plain or wholly encrypted.
        Op::Encrypt if now == before => Ok(is_keyed(db)),
        _ if now == before => Ok(false),
        _ if now == done => Ok(true),
        _ => Err(format!(
            "half done: before {before:?}, done {done:?}, found {now:?}"
        )),
    }
}

#[derive(Default)]
struct Tally {
    rounds: u32,
    exited_first: u32,
    done: u32,
    not_done: u32,
    failures: Vec<String>,
}

#[test]
fn killed_at_random_moments_every_operation_is_all_or_nothing() {
    let rounds: u32 = std::env::var("TAIZHANG_CRASH_ROUNDS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(25);
    let seed: u64 = std::env::var("TAIZHANG_CRASH_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap()
                .as_nanos() as u64
                | 1
        });
    let mut rng = Rng(seed);
    let dir = tempfile::tempdir().unwrap();

    // The base: the demo office. A sheet of new members; a backup holding them, to restore.
    let base = dir.path().join("base").join("taizhang.db");
    run(&base, &["init", "--demo"]);
    let members_csv = dir.path().join("新党员.csv");
    let branch = run(&base, &["party-members", "list", "--limit", "1", "--json"]);
    let branch: serde_json::Value = serde_json::from_str(&branch).unwrap();
    let branch = branch[0]["branch"].as_str().unwrap().to_owned();
    let mut csv = String::from("姓名,公民身份号码,民族,所在党支部,入党时间\n");
    for n in 0..NEW_MEMBERS {
        writeln!(csv, "新党员{n},{},汉族,{branch},2015-07-01", id_number(n)).unwrap();
    }
    std::fs::write(&members_csv, csv).unwrap();
    let setup = Setup {
        base,
        members_csv,
        restore_from: dir.path().join("恢复用.db"),
        archive: dir.path().join("档案.zip"),
    };
    {
        let db = fresh(&setup, &dir.path().join("prepare"));
        let csv = setup.members_csv.to_str().unwrap();
        run(&db, &["import", "party-members", csv]);
        run(&db, &["backup", setup.restore_from.to_str().unwrap()]);
        run(&db, &["archive", "export", setup.archive.to_str().unwrap()]);
    }

    // Each operation run to the end once: how long it takes, and what "done" looks like.
    let before = state(&setup.base);
    let mut plan = Vec::new();
    for op in Op::ALL {
        let db = fresh(&setup, &dir.path().join("measure"));
        let t = Instant::now();
        let status = start(op, &db, &setup).wait().unwrap();
        assert!(status.success(), "{op:?} did not finish on its own");
        plan.push((op, t.elapsed(), state(&db)));
    }

    let mut tallies: Vec<Tally> = Op::ALL.iter().map(|_| Tally::default()).collect();
    for round in 0..rounds {
        let i = (round as usize) % Op::ALL.len();
        let (op, took, done) = plan[i];
        let db = fresh(&setup, &dir.path().join("round"));
        // Anywhere from the start to a little past the usual end.
        let at = Duration::from_micros(rng.next() % (took.as_micros() as u64 * 11 / 10 + 1));
        let mut child = start(op, &db, &setup);
        std::thread::sleep(at);
        let exited = child.try_wait().unwrap().is_some();
        let _ = child.kill(); // SIGKILL
        child.wait().unwrap();
        let t = &mut tallies[i];
        t.rounds += 1;
        t.exited_first += u32::from(exited);
        match outcome(op, &db, before, done) {
            Ok(true) => t.done += 1,
            Ok(false) => t.not_done += 1,
            Err(e) => t
                .failures
                .push(format!("round {round}, killed at {at:?}: {e}")),
        }
    }

    println!("\ncrash harness: {rounds} rounds, seed {seed}");
    println!(
        "| operation | usual time | rounds | killed while running | found done | found not done | integrity or all-or-nothing failures |"
    );
    println!("|---|---:|---:|---:|---:|---:|---:|");
    for ((op, took, _), t) in plan.iter().zip(&tallies) {
        println!(
            "| {} | {:.0} ms | {} | {} | {} | {} | {} |",
            op.label(),
            took.as_secs_f64() * 1000.0,
            t.rounds,
            t.rounds - t.exited_first,
            t.done,
            t.not_done,
            t.failures.len()
        );
    }
    let failures: Vec<&String> = tallies.iter().flat_map(|t| &t.failures).collect();
    assert!(failures.is_empty(), "seed {seed}: {failures:#?}");
}

/// One call to a `serve --local` host, over HTTP/1.0 so the answer is not chunked and ends
/// with the connection: the cookie the host set, if any, and the answer's line.
fn post(
    port: u16,
    name: &str,
    cookie: Option<&str>,
    args: &serde_json::Value,
) -> std::io::Result<(Option<String>, serde_json::Value)> {
    use std::io::{Error, Read, Write};
    let mut stream = std::net::TcpStream::connect(("127.0.0.1", port))?;
    stream.set_read_timeout(Some(Duration::from_secs(120)))?;
    let body = args.to_string();
    let cookie = cookie
        .map(|c| format!("Cookie: taizhang={c}\r\n"))
        .unwrap_or_default();
    write!(
        stream,
        "POST /api/call/{name} HTTP/1.0\r\nHost: 127.0.0.1:{port}\r\nOrigin: http://127.0.0.1:{port}\r\n\
         Content-Type: application/json\r\nContent-Length: {}\r\n{cookie}\r\n{body}",
        body.len()
    )?;
    let mut answer = String::new();
    stream.read_to_string(&mut answer)?;
    let (head, line) = answer
        .split_once("\r\n\r\n")
        .ok_or_else(|| Error::other(format!("no answer: {answer:?}")))?;
    let set = head.lines().find_map(|l| {
        let (key, value) = l.split_once(':')?;
        let value = value.trim().strip_prefix("taizhang=")?;
        key.eq_ignore_ascii_case("set-cookie")
            .then(|| value.split(';').next().unwrap_or("").to_owned())
    });
    let line = serde_json::from_str(line.trim()).map_err(Error::other)?;
    Ok((set, line))
}

/// `serve --local` on `port`, started once it says where it listens.
fn serve(db: &Path, port: u16) -> std::process::Child {
    use std::io::BufRead;
    let mut host = taizhang(db)
        .args(["serve", "--local", "--no-browser", "--listen"])
        .arg(format!("127.0.0.1:{port}"))
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let out = std::io::BufReader::new(host.stdout.take().unwrap());
    let mut lines = out.lines();
    let listening = lines
        .by_ref()
        .any(|line| line.is_ok_and(|l| l.contains("在本机浏览器中打开")));
    if !listening {
        let _ = host.wait();
        panic!("the host stopped before it listened");
    }
    // The rest of what it says is read too: a closed pipe would fail its next line.
    std::thread::spawn(move || lines.for_each(drop));
    host
}

/// Logs `clerk` in; the session's cookie.
fn log_in(port: u16, clerk: &str) -> String {
    let (cookie, line) = post(
        port,
        "session_login",
        None,
        &serde_json::json!({ "name": clerk, "password": "clerk-2026" }),
    )
    .unwrap();
    assert!(line.get("ok").is_some(), "{clerk}: {line}");
    cookie.unwrap()
}

#[test]
fn a_host_killed_under_load_keeps_every_write_it_acknowledged_and_takes_its_clerks_back() {
    const CLERKS: usize = 4;
    // Acknowledged writes before the kill: enough that some are surely in flight at it.
    const BEFORE_KILL: usize = 60;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("host").join("taizhang.db");
    run(&db, &["init", "--demo"]);
    // (The first user is the 街道's 管理员.)
    for (n, role) in ["管理员", "录入员", "录入员", "录入员"].iter().enumerate() {
        let out = taizhang(&db)
            .args(["users", "add", &format!("录入{n}"), "--role", role])
            .env("TAIZHANG_USER_PASSWORD", "clerk-2026")
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let members: serde_json::Value = serde_json::from_str(&run(
        &db,
        &["party-members", "list", "--limit", "4", "--json"],
    ))
    .unwrap();
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let mut host = serve(&db, port);

    // Each clerk records contacts with a member, each marked by its own `way`, until the host
    // is gone; the ways the host acknowledged are kept.
    let acked = std::sync::Mutex::new(Vec::<String>::new());
    std::thread::scope(|s| {
        for n in 0..CLERKS {
            let (acked, member) = (&acked, members[n]["id"].as_i64().unwrap());
            s.spawn(move || {
                let cookie = log_in(port, &format!("录入{n}"));
                for k in 0.. {
                    let way = format!("走访-{n}-{k}");
                    let args = serde_json::json!({ "memberId": member,
                        "input": { "contacted_on": "2026-11-20", "way": way, "note": "" } });
                    match post(port, "party_members_add_contact", Some(&cookie), &args) {
                        Ok((_, line)) if line.get("ok").is_some() => {
                            acked.lock().unwrap().push(way)
                        }
                        Ok((_, line)) => panic!("{way}: {line}"),
                        Err(_) => return, // the host is gone
                    }
                }
            });
        }
        let deadline = Instant::now() + Duration::from_secs(300);
        while acked.lock().unwrap().len() < BEFORE_KILL {
            assert!(
                Instant::now() < deadline,
                "the clerks' writes were not acknowledged"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
        host.kill().unwrap(); // SIGKILL, in the middle of the clerks' writes
        host.wait().unwrap();
    });
    let acked = acked.into_inner().unwrap();

    // The file is whole, and `check` passes.
    integrity(&db).unwrap();
    run(&db, &["check"]);
    // Every acknowledged write is there; every write there is whole: its contact and its audit
    // entry, one transaction, both or neither.
    let conn = open(&db).unwrap();
    let ways: Vec<String> = conn
        .prepare("SELECT way FROM party_member_contact WHERE way LIKE '走访-%'")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let audited: Vec<String> = conn
        .prepare("SELECT summary FROM audit_log WHERE summary LIKE '%联系记录%（走访-%'")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let lost: Vec<&String> = acked.iter().filter(|w| !ways.contains(w)).collect();
    assert!(lost.is_empty(), "acknowledged, then lost: {lost:?}");
    for way in &ways {
        let entries = audited
            .iter()
            .filter(|a| a.ends_with(&format!("（{way}）")))
            .count();
        assert_eq!(entries, 1, "{way}: half written");
    }
    assert_eq!(
        ways.len(),
        audited.len(),
        "an audit entry without its contact"
    );
    println!(
        "host killed after {} acknowledged writes; {} found written ({} committed but not yet answered)",
        acked.len(),
        ways.len(),
        ways.len() - acked.len()
    );

    // Started again, the host knows no session of before: the clerk logs in again and goes on.
    let mut host = serve(&db, port);
    let args = serde_json::json!({ "memberId": members[0]["id"],
        "input": { "contacted_on": "2026-11-20", "way": "重启后", "note": "" } });
    let stale = "0".repeat(64);
    let (_, refused) = post(port, "party_members_add_contact", Some(&stale), &args).unwrap();
    assert!(
        refused["error"]["message"]
            .as_str()
            .unwrap_or("")
            .contains("登录"),
        "{refused}"
    );
    let cookie = log_in(port, "录入0");
    let (_, line) = post(port, "party_members_add_contact", Some(&cookie), &args).unwrap();
    assert!(line.get("ok").is_some(), "{line}");
    host.kill().unwrap();
    host.wait().unwrap();
    integrity(&db).unwrap();
}
