//! What every benchmark program needs: its contenders run as child processes, each printing
//! "seconds peak_mb rows" on one line, so each one's peak memory is its own. Shared by the
//! read benchmark here and the app's round-trip benchmark (included by path).

use std::process::Command;

/// Peak resident memory of this process, in MB.
pub fn peak_mb() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        .map_or(f64::NAN, |kb| kb / 1024.0)
}

/// Runs a contender; its stderr is passed through, its stdout read as "seconds peak_mb rows".
pub fn measure(cmd: &mut Command) -> Option<(f64, f64, usize)> {
    let out = cmd.output().ok()?;
    eprint!("{}", String::from_utf8_lossy(&out.stderr));
    if !out.status.success() {
        return None;
    }
    let text = String::from_utf8_lossy(&out.stdout);
    let mut parts = text.split_whitespace();
    Some((
        parts.next()?.parse().ok()?,
        parts.next()?.parse().ok()?,
        parts.next()?.parse().ok()?,
    ))
}
