//! What every register knows of a person beyond its own fields.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::labelled::labelled_enum;

labelled_enum!(
    /// 性别, derived from the 公民身份号码.
    Sex { Male => "男", Female => "女" }
);

/// What every screen and paper calls a person's own fields (those the person record keeps, not
/// a register's).
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Labels {
    /// 姓名.
    pub name: &'static str,
    /// 性别.
    pub sex: &'static str,
    /// 公民身份号码.
    pub id_number: &'static str,
    /// 出生日期.
    pub birth_date: &'static str,
    /// 民族.
    pub nation: &'static str,
    /// 学历.
    pub education: &'static str,
    /// 联系电话.
    pub phone: &'static str,
    /// 住址.
    pub address: &'static str,
    /// 所属网格.
    pub grid: &'static str,
}

/// The person's labels, declared once (the page reads them as `PERSON_LABELS`).
pub const LABELS: Labels = Labels {
    name: "姓名",
    sex: "性别",
    id_number: "公民身份号码",
    birth_date: "出生日期",
    nation: "民族",
    education: "学历",
    phone: "联系电话",
    address: "住址",
    grid: "所属网格",
};
