//! What a window or browser needs before its first page, in one answer: whether the office is
//! set up, whether this seat must log in and who is logged in, and — once both are settled — the
//! organisation tree, the dictionaries every form offers and the commands refused to the seat.

use serde::Serialize;
use ts_rs::TS;

use crate::{
    core::dict::Dict,
    db::org::OrgNode,
    dict, org,
    service::{Permission, Seat, Service},
    setup::{self, SetupStatus},
    user::{self, Session},
    Result,
};

#[derive(Debug, Clone, Serialize, TS)]
pub struct Start {
    pub status: SetupStatus,
    /// Whether this seat must log in: the office has named users, or the seat is another PC on
    /// the office network.
    pub must_login: bool,
    /// Who is logged in here.
    pub session: Option<Session>,
    /// The rest is empty until the office is set up and the seat may use it.
    pub org: Vec<OrgNode>,
    /// 民族 and 学历, which the forms of every register offer.
    pub nations: Vec<String>,
    pub educations: Vec<String>,
    /// The commands refused outright to this seat (another PC, a community's user): the pages
    /// that need them are left out of the menu.
    pub refused: Vec<String>,
}

/// The start of a window or browser (`session.start`); `refused` names the commands refused to
/// another PC (`remote`) or a community's user (`community`), as the command table says.
pub fn start(
    service: &Service,
    seat: &Seat,
    refused: fn(remote: bool, community: bool) -> Vec<String>,
) -> Result<Start> {
    let status = status(service, seat)?;
    let must_login = seat.address().is_some() || service.unguarded(|db, _| user::any(db))?;
    let session = seat.session();
    let mut start = Start {
        status,
        must_login,
        session,
        org: Vec::new(),
        nations: Vec::new(),
        educations: Vec::new(),
        refused: Vec::new(),
    };
    if !start.status.initialized || (start.must_login && start.session.is_none()) {
        return Ok(start);
    }
    // Read as the seat's user, as `org.tree` and `dict.values` are.
    (start.org, start.nations, start.educations) =
        service.as_seat(seat, (Permission::Read, true), |db, _| {
            Ok((
                org::tree(db)?,
                dict::values(db, Dict::Nation)?,
                dict::values(db, Dict::Education)?,
            ))
        })?;
    let community = start.session.as_ref().is_some_and(|s| s.unit.is_some());
    start.refused = refused(seat.address().is_some(), community);
    Ok(start)
}

/// Whether the office is set up; another PC is not told where the host keeps the file.
pub fn status(service: &Service, seat: &Seat) -> Result<SetupStatus> {
    let mut status = service.unguarded(|db, _| setup::status(db))?;
    if seat.address().is_some() {
        status.db_path.clear();
    }
    Ok(status)
}
