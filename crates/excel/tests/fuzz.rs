//! The in-repo fuzz harness: every fixture, mutated many ways (bit flips, byte runs, cuts,
//! splices), must be read or refused, never panic. Deterministic, so a failure reproduces;
//! `TAIZHANG_FUZZ_ITERATIONS=100000 cargo test -p taizhang-excel --release --test fuzz` runs longer.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test fails loudly on purpose

use std::path::PathBuf;

use taizhang_core::{party_member::IMPORT_FIELDS, progress::Quiet};
use taizhang_excel::check::{dry_run, AsWritten, Options};

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

fn seeds() -> Vec<Vec<u8>> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures");
    let mut out: Vec<Vec<u8>> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| {
            let p = e.ok()?.path();
            (p.extension()? != "py")
                .then(|| std::fs::read(p).ok())
                .flatten()
        })
        .collect();
    out.push(
        "姓名,身份证号\n王国民,141130195603020018\n"
            .as_bytes()
            .to_vec(),
    );
    out.push(
        b"<table><tr><td colspan=3>x</td></tr><tr><td>\xe5\xa7\x93\xe5\x90\x8d</td></tr></table>"
            .to_vec(),
    );
    out
}

fn mutate(rng: &mut Rng, seed: &[u8], others: &[Vec<u8>]) -> Vec<u8> {
    let mut b = seed.to_vec();
    for _ in 0..1 + rng.below(4) {
        if b.is_empty() {
            break;
        }
        let at = rng.below(b.len());
        match rng.below(5) {
            0 => b[at] ^= 1 << rng.below(8),
            1 => b[at] = rng.next() as u8,
            2 => b.truncate(at),
            3 => {
                let run = rng.below(64).min(b.len() - at);
                for x in &mut b[at..at + run] {
                    *x = 0xFF;
                }
            }
            _ => {
                let other = &others[rng.below(others.len())];
                let from = rng.below(other.len());
                let len = rng.below(256).min(other.len() - from);
                b.splice(at..at, other[from..from + len].iter().copied());
            }
        }
    }
    b
}

#[test]
fn mutated_files_never_panic() {
    let iterations: usize = std::env::var("TAIZHANG_FUZZ_ITERATIONS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(300);
    let seeds = seeds();
    let mut rng = Rng(0x7A12_2026);
    let (mut read, mut refused) = (0, 0);
    for seed in &seeds {
        for _ in 0..iterations {
            let bytes = mutate(&mut rng, seed, &seeds);
            if std::env::var_os("TAIZHANG_FUZZ_SAVE").is_some() {
                std::fs::write("/tmp/current.bin", &bytes).unwrap();
            }
            match taizhang_excel::read(bytes) {
                Ok(book) => {
                    let _ = dry_run(
                        &book,
                        IMPORT_FIELDS,
                        &AsWritten,
                        &Options::default(),
                        &Quiet,
                    );
                    read += 1;
                }
                Err(e) => {
                    assert!(!e.to_string().is_empty());
                    refused += 1;
                }
            }
        }
    }
    assert_eq!(read + refused, seeds.len() * iterations);
    println!("{read} mutated files read, {refused} refused with a message, none panicked");
}
