//! What the integration tests share: a PDF read back with poppler's tools, as a reader would, and
//! counts read straight from the database.

/// What a poppler tool prints about a PDF.
fn poppler(tool: &str, args: &[&str], bytes: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("x.pdf");
    std::fs::write(&path, bytes).unwrap();
    let out = std::process::Command::new(tool)
        .args(args)
        .arg(&path)
        .args(if tool == "pdftotext" { &["-"][..] } else { &[] })
        .output()
        .unwrap_or_else(|e| panic!("{tool} (poppler-utils): {e}"));
    String::from_utf8(out.stdout).unwrap()
}

/// The text of a PDF, as `pdftotext` prints it.
#[allow(dead_code)] // not every test file reads text
pub fn pdftotext(bytes: &[u8]) -> String {
    poppler("pdftotext", &[], bytes)
}

/// One line per embedded image, as `pdfimages -list` prints it (headers dropped).
#[allow(dead_code)] // not every test file looks at images
pub fn pdfimages(bytes: &[u8]) -> Vec<String> {
    poppler("pdfimages", &["-list"], bytes)
        .lines()
        .skip(2)
        .map(str::to_owned)
        .collect()
}

/// Party members not in the recycle bin, counted in the database itself.
#[allow(dead_code)] // not every test file counts members
pub fn members(db: &taizhang_app::Db) -> i64 {
    db.conn()
        .query_row(
            "SELECT count(*) FROM party_member WHERE deleted_at IS NULL",
            [],
            |r| r.get(0),
        )
        .unwrap()
}

/// The id of the community (社区/村) named `name`.
#[allow(dead_code)] // not every test file looks units up
pub fn community(db: &taizhang_app::Db, name: &str) -> i64 {
    use taizhang_app::core::org::OrgKind;
    taizhang_app::db::org::all(db.conn())
        .unwrap()
        .into_iter()
        .find(|n| n.kind == OrgKind::Community && n.name == name)
        .unwrap()
        .id
}
