//! The party-member register (党员花名册): its values, its labels and its rules.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{
    date::{self, LooseDate},
    dict::Dict,
    form::FieldError,
    id_number::IdNumber,
    import::{self, FieldKind, FieldSpec, ID_NUMBER_SYNONYMS, PHONE_SYNONYMS},
    labelled::labelled_enum,
    org::OrgKind,
    person::Sex,
    phone,
};

labelled_enum!(
    /// 人员类别: the development stage a person has reached.
    Category {
        Applicant => "入党申请人",
        Activist => "入党积极分子",
        Candidate => "发展对象",
        Probationary => "预备党员",
        Full => "正式党员",
    }
);

labelled_enum!(
    /// 党籍状态.
    Status {
        Normal => "正常",
        Flowing => "流动党员",
        LostContact => "失联党员",
        TransferredOut => "已转出",
        Deceased => "已去世",
    }
);

labelled_enum!(
    /// 在职党员到社区报到: the post a member chose.
    ReportPost {
        Organisation => "组织建设",
        Legal => "法律咨询",
        Assistance => "助困扶残",
        Governance => "社区治理",
        Health => "健康医疗",
        Culture => "文化体育",
        Safety => "安全宣传/治安巡逻",
        Other => "其他",
    }
);

/// What a clerk enters for one party member. Sex and birth date are not here: they come from
/// the 公民身份号码.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct PartyMemberInput {
    /// 姓名.
    pub name: String,
    /// 公民身份号码: sex and birth date are read from it.
    pub id_number: String,
    /// 民族.
    pub nation: String,
    /// 籍贯.
    pub native_place: String,
    /// 学历.
    pub education: String,
    /// 联系电话.
    pub phone: String,
    /// 家庭住址 (masked when shown).
    pub address: String,
    /// The 网格 they live in.
    pub grid_id: Option<i64>,
    /// Their 党支部.
    pub branch_id: Option<i64>,
    /// Their 党小组.
    pub group_id: Option<i64>,
    /// 人员类别 (正式党员 …).
    pub category: Category,
    /// 递交入党申请书日期.
    pub applied_on: Option<String>,
    /// 确定为入党积极分子日期.
    pub activist_on: Option<String>,
    /// 确定为发展对象日期.
    pub candidate_on: Option<String>,
    /// 入党日期.
    pub joined_on: Option<String>,
    /// 转正日期.
    pub confirmed_on: Option<String>,
    /// 工作单位.
    pub work_unit: String,
    /// 党员状态 (正常, 流动 …).
    pub status: Status,
    /// 外出流向 (流动党员).
    pub outflow_place: String,
    /// 党费交至 (year-month).
    pub dues_paid_to: Option<String>,
    /// 中心户 (联系户长).
    pub is_center_household: bool,
    /// 备注.
    pub note: String,
}

/// The Chinese label of each field, in roster order. Every screen, sheet and page that names a
/// field takes its label from here.
pub const FIELDS: &[(&str, &str)] = &[
    ("name", "姓名"),
    ("sex", "性别"),
    ("nation", "民族"),
    ("birth_date", "出生日期"),
    ("id_number", "公民身份号码"),
    ("native_place", "籍贯"),
    ("education", "学历"),
    ("category", "人员类别"),
    ("applied_on", "递交申请书日期"),
    ("activist_on", "确定积极分子日期"),
    ("candidate_on", "确定发展对象日期"),
    ("joined_on", "入党日期"),
    ("confirmed_on", "转正日期"),
    ("branch_id", "所在党支部"),
    ("group_id", "党小组"),
    ("grid_id", "所在网格"),
    ("work_unit", "工作单位及职务"),
    ("phone", "联系电话"),
    ("address", "家庭住址"),
    ("status", "党籍状态"),
    ("outflow_place", "外出流向"),
    ("dues_paid_to", "党费交至年月"),
    ("is_center_household", "党员中心户"),
    ("note", "备注"),
    ("age", "年龄"),
    ("party_age", "党龄"),
];

/// Fields that follow from the others, computed for a day (an export's, or `--as-of`): 年龄
/// from the ID's birth date, 党龄 in whole years from 转正 (党章: 党龄从预备期满转为正式党员之日
/// 算起). A form's column for them is filled; an imported column for them is read and ignored;
/// the import template leaves them out. (性别 and 出生日期 follow from the ID too, and are read
/// against it on import.)
pub const DERIVED: &[&str] = &["age", "party_age"];

/// Whole years from `since` to `on` (a year-month counts from its first day); None before it.
pub fn years_since(since: &str, on: NaiveDate) -> Option<i32> {
    let d = import::loose_date(since).ok()?.day;
    (d <= on).then(|| date::age_on(d, on))
}

/// How sheets that arrive name each field, and what kind of value it holds. The canonical header
/// is the field's label in [`FIELDS`].
pub const IMPORT_FIELDS: &[FieldSpec] = &[
    spec("name", &["党员姓名", "名字"], FieldKind::Name, true),
    spec("sex", &[], FieldKind::Sex, false),
    spec("nation", &["族别"], FieldKind::Dict(Dict::Nation), false),
    spec(
        "birth_date",
        &["出生年月", "出生时间", "生日"],
        FieldKind::Date,
        false,
    ),
    spec("id_number", ID_NUMBER_SYNONYMS, FieldKind::IdNumber, true),
    spec("native_place", &[], FieldKind::Text, false),
    spec(
        "education",
        &["文化程度", "最高学历", "全日制学历"],
        FieldKind::Dict(Dict::Education),
        false,
    ),
    spec(
        "category",
        &["党员类别", "类别", "党员身份"],
        FieldKind::Choice(Category::LABELS),
        false,
    ),
    spec(
        "applied_on",
        &["申请入党日期", "递交入党申请书日期", "申请入党时间"],
        FieldKind::Date,
        false,
    ),
    spec(
        "activist_on",
        &["列为积极分子日期", "确定为入党积极分子日期", "积极分子日期"],
        FieldKind::Date,
        false,
    ),
    spec(
        "candidate_on",
        &["列为发展对象日期", "确定为发展对象日期", "发展对象日期"],
        FieldKind::Date,
        false,
    ),
    spec(
        "joined_on",
        &["入党时间", "入党年月", "加入党组织日期", "入党日期(预备)"],
        FieldKind::Date,
        false,
    ),
    spec(
        "confirmed_on",
        &["转正时间", "转正年月", "转为正式党员日期"],
        FieldKind::Date,
        false,
    ),
    spec(
        "branch_id",
        &[
            "党支部",
            "支部",
            "所属支部",
            "所在支部",
            "所属党支部",
            "党组织",
            "所在党组织",
            "所属党组织",
            "党组织名称",
            "党支部名称",
            "支部名称",
        ],
        FieldKind::Org(OrgKind::Branch),
        false,
    ),
    spec(
        "group_id",
        &["所在党小组"],
        FieldKind::Org(OrgKind::PartyGroup),
        false,
    ),
    spec(
        "grid_id",
        &["网格", "所属网格"],
        FieldKind::Org(OrgKind::Grid),
        false,
    ),
    spec(
        "work_unit",
        &[
            "工作单位",
            "单位及职务",
            "现工作单位",
            "工作单位及职务(职称)",
            "工作单位和职务",
        ],
        FieldKind::Text,
        false,
    ),
    spec("phone", PHONE_SYNONYMS, FieldKind::Phone, false),
    spec(
        "address",
        &["住址", "现住址", "居住地址", "家庭地址", "现居住地址"],
        FieldKind::Address,
        false,
    ),
    spec(
        "status",
        &["党员状态", "状态"],
        FieldKind::Choice(Status::LABELS),
        false,
    ),
    spec(
        "outflow_place",
        &["流向", "外出地点", "流出地"],
        FieldKind::Text,
        false,
    ),
    spec(
        "dues_paid_to",
        &["党费缴至", "党费交至", "党费缴纳至", "党费缴至年月"],
        FieldKind::YearMonth,
        false,
    ),
    spec(
        "is_center_household",
        &["是否党员中心户"],
        FieldKind::Bool,
        false,
    ),
    spec("note", &[], FieldKind::Text, false),
    // 年龄（岁）, 党龄（年）: the note in brackets is dropped when headers are matched.
    spec("age", &["周岁", "实际年龄"], FieldKind::Count, false),
    spec("party_age", &["实际党龄"], FieldKind::Count, false),
];

/// A field labelled from [`FIELDS`].
const fn spec(
    key: &'static str,
    synonyms: &'static [&'static str],
    kind: FieldKind,
    required: bool,
) -> FieldSpec {
    import::field(key, const_label(key), synonyms, kind, required)
}

/// [`label`] at compile time.
const fn const_label(key: &str) -> &'static str {
    let mut i = 0;
    while i < FIELDS.len() {
        if const_eq(FIELDS[i].0, key) {
            return FIELDS[i].1;
        }
        i += 1;
    }
    ""
}

const fn const_eq(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

/// The Chinese label of `field`, as every screen, sheet and page names it.
pub fn label(field: &str) -> &'static str {
    FIELDS
        .iter()
        .find(|(k, _)| *k == field)
        .map_or("", |(_, l)| l)
}

/// The stage dates in order, as (field, date).
const STAGES: [&str; 5] = [
    "applied_on",
    "activist_on",
    "candidate_on",
    "joined_on",
    "confirmed_on",
];

/// A checked and normalised input.
#[derive(Debug, Clone, PartialEq)]
pub struct Valid {
    /// The input, trimmed and normalised.
    pub input: PartyMemberInput,
    /// Its 公民身份号码, checked.
    pub id_number: IdNumber,
    /// Read from the ID.
    pub sex: Sex,
    /// Read from the ID.
    pub birth_date: NaiveDate,
}

/// Collapses runs of spaces (incl. U+3000) and trims; names lose inner spaces entirely.
pub fn normalise_text(s: &str) -> String {
    s.split(|c: char| c.is_whitespace())
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Checks one input against the register's rules. Every broken rule is reported, not just the
/// first, each against its field.
pub fn validate(input: PartyMemberInput, today: NaiveDate) -> Result<Valid, Vec<FieldError>> {
    validate_lacking(input, today, |_| false).map(|(valid, _)| valid)
}

/// [`validate`], except that a required field for which `may_lack` is true may be empty (an
/// import whose file has no such column): the record is valid, and the fields it still lacks
/// come back (待补录). A field that is present but wrong is an error as always.
pub fn validate_lacking(
    mut input: PartyMemberInput,
    today: NaiveDate,
    may_lack: impl Fn(&str) -> bool,
) -> Result<(Valid, Vec<&'static str>), Vec<FieldError>> {
    let mut errors = Vec::new();
    let mut lacking: Vec<&'static str> = Vec::new();
    let mut err = |field: &str, message: String| {
        errors.push(FieldError {
            field: field.to_owned(),
            message,
        })
    };
    // A required field left empty: an error, unless it may be completed later.
    let mut missing = |field: &'static str, message: &str, err: &mut dyn FnMut(&str, String)| {
        if may_lack(field) {
            lacking.push(field);
        } else {
            err(field, message.to_owned());
        }
    };

    input.name = normalise_text(&input.name).replace(' ', "");
    for s in [
        &mut input.nation,
        &mut input.native_place,
        &mut input.education,
        &mut input.address,
        &mut input.work_unit,
        &mut input.outflow_place,
        &mut input.note,
    ] {
        *s = normalise_text(s);
    }

    if input.address.contains('*') {
        err(
            "address",
            "住址带有 *（打码后的住址）：请重新填写完整住址".into(),
        );
    }
    if input.name.is_empty() {
        err("name", "请填写姓名".into());
    } else if input.name.chars().count() > 30 {
        err("name", "姓名不能超过30个字".into());
    }

    let id = match IdNumber::parse(&input.id_number) {
        Ok(id) if id.birth_date() > today => {
            err("id_number", "公民身份号码中的出生日期晚于今天".into());
            None
        }
        Ok(id) => Some(id),
        Err(e) => {
            err("id_number", e.to_string());
            None
        }
    };

    // Every member is kept under a branch (the register's lists and counts are by branch).
    if input.branch_id.is_none() {
        err("branch_id", "请选择所在党支部".into());
    }
    if input.nation.is_empty() {
        missing("nation", "请选择民族", &mut err);
    }

    input.phone = input.phone.trim().to_owned();
    if !input.phone.is_empty() {
        match phone::parse(&input.phone) {
            Ok(p) => input.phone = p,
            Err(e) => err("phone", e.to_string()),
        }
    }

    // Stage dates: each a real day or year-month, not in the future, in stage order.
    let mut dates: Vec<(&str, LooseDate)> = Vec::new();
    for field in STAGES {
        let slot = stage_slot(&mut input, field);
        let text = slot.as_deref().map(str::trim).unwrap_or("");
        if text.is_empty() {
            *slot = None;
            continue;
        }
        match import::loose_date(text) {
            Ok(d) if d.day > today => err(field, format!("{}不能晚于今天", label(field))),
            Ok(d) => {
                *slot = Some(d.to_string());
                if let Some((prev, pd)) = dates.last() {
                    if d.before(*pd) {
                        err(
                            field,
                            format!("{}不能早于{}（{}）", label(field), label(prev), pd),
                        );
                    }
                }
                dates.push((field, d));
            }
            Err(why) => err(field, format!("{}：{why}", label(field))),
        }
    }
    let has = |f: &str| dates.iter().any(|(k, _)| *k == f);
    let on = |f: &str| dates.iter().find(|(k, _)| *k == f).map(|(_, d)| *d);

    if let (Some(id), Some(applied)) = (&id, on("applied_on")) {
        if !applied.month_only && date::age_on(id.birth_date(), applied.day) < 18 {
            err("applied_on", "递交入党申请书时应年满18周岁".into());
        }
    }
    match input.category {
        Category::Full => {
            if !has("joined_on") {
                missing("joined_on", "正式党员须填写入党日期", &mut err);
            }
            if !has("confirmed_on") {
                missing("confirmed_on", "正式党员须填写转正日期", &mut err);
            }
        }
        Category::Probationary => {
            if !has("joined_on") {
                missing("joined_on", "预备党员须填写入党日期", &mut err);
            }
            if has("confirmed_on") {
                err(
                    "confirmed_on",
                    "预备党员尚未转正，不应填写转正日期；已转正请将人员类别改为正式党员".into(),
                );
            }
        }
        Category::Applicant | Category::Activist | Category::Candidate => {
            if has("joined_on") || has("confirmed_on") {
                err(
                    "category",
                    format!("{}尚未入党，不应填写入党或转正日期", input.category.label()),
                );
            }
        }
    }
    if let (Some(joined), Some(confirmed)) = (on("joined_on"), on("confirmed_on")) {
        if confirmed.within_months_of(joined, 12) {
            err(
                "confirmed_on",
                "预备期为一年：转正日期应在入党日期满一年之后".into(),
            );
        }
    }

    if input.status == Status::Flowing && input.outflow_place.is_empty() {
        err("outflow_place", "流动党员须填写外出流向".into());
    }
    if let Some(ym) = input.dues_paid_to.as_deref().map(str::trim) {
        if ym.is_empty() {
            input.dues_paid_to = None;
        } else {
            match date::parse_year_month(ym) {
                Some(ym) => input.dues_paid_to = Some(ym),
                None => err(
                    "dues_paid_to",
                    format!("党费交至年月“{ym}”应写作 2026-06 的形式"),
                ),
            }
        }
    }

    match id {
        Some(id) if errors.is_empty() => Ok((
            Valid {
                sex: id.sex(),
                birth_date: id.birth_date(),
                id_number: id.clone(),
                input: PartyMemberInput {
                    id_number: id.as_str().to_owned(),
                    ..input
                },
            },
            lacking,
        )),
        _ => Err(errors),
    }
}

fn stage_slot<'a>(input: &'a mut PartyMemberInput, field: &str) -> &'a mut Option<String> {
    match field {
        "applied_on" => &mut input.applied_on,
        "activist_on" => &mut input.activist_on,
        "candidate_on" => &mut input.candidate_on,
        "joined_on" => &mut input.joined_on,
        _ => &mut input.confirmed_on,
    }
}

// Unit tests: an unwrap below is an assertion; none of this is compiled into the app.
#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
    }

    pub(crate) fn sample() -> PartyMemberInput {
        PartyMemberInput {
            name: " 王 国民 ".into(),
            id_number: "11010519491231002x".into(),
            nation: "汉族".into(),
            native_place: "山西吕梁".into(),
            education: "大学本科".into(),
            phone: "138 1234 5678".into(),
            address: "交口街道幸福里3号".into(),
            grid_id: None,
            branch_id: Some(1),
            group_id: None,
            category: Category::Full,
            applied_on: Some("1970-01-05".into()),
            activist_on: None,
            candidate_on: None,
            joined_on: Some("1971-07-01".into()),
            confirmed_on: Some("1972-07-01".into()),
            work_unit: "".into(),
            status: Status::Normal,
            outflow_place: "".into(),
            dues_paid_to: Some("2026-6".into()),
            is_center_household: false,
            note: "".into(),
        }
    }

    fn fields(r: Result<Valid, Vec<FieldError>>) -> Vec<String> {
        r.unwrap_err().into_iter().map(|e| e.field).collect()
    }

    #[test]
    fn a_valid_member_is_normalised_and_derives_sex_and_birth() {
        let v = validate(sample(), today()).unwrap();
        assert_eq!(v.input.name, "王国民", "inner spaces in names are dropped");
        assert_eq!(v.input.id_number, "11010519491231002X");
        assert_eq!(v.input.phone, "13812345678");
        assert_eq!(v.input.dues_paid_to.as_deref(), Some("2026-06"));
        assert_eq!(v.sex, Sex::Female);
        assert_eq!(v.birth_date.to_string(), "1949-12-31");
    }

    #[test]
    fn every_broken_rule_is_reported_against_its_field() {
        let mut m = sample();
        m.id_number = "110105194912310021".into();
        m.phone = "12345".into();
        m.branch_id = None;
        let errs = validate(m, today()).unwrap_err();
        let msg = &errs
            .iter()
            .find(|e| e.field == "id_number")
            .unwrap()
            .message;
        assert!(
            msg.contains("应为 X"),
            "the expected check character is named: {msg}"
        );
        assert_eq!(
            errs.iter().map(|e| e.field.as_str()).collect::<Vec<_>>(),
            ["id_number", "branch_id", "phone"]
        );
    }

    #[test]
    fn stage_dates_are_typed_as_clerks_write_them_and_a_year_month_stays_one() {
        let mut m = sample();
        m.joined_on = Some("1971.7".into());
        m.confirmed_on = Some("1972年7月1日".into());
        let v = validate(m, today()).map(|v| (v.input.joined_on, v.input.confirmed_on));
        assert_eq!(v, Ok((Some("1971-07".into()), Some("1972-07-01".into()))));

        let mut m = sample();
        m.joined_on = Some("七一".into());
        let e = validate(m, today()).unwrap_err();
        assert_eq!(e[0].field, "joined_on");
        assert!(e[0].message.starts_with("入党日期："), "{}", e[0].message);
    }

    #[test]
    fn stage_dates_must_be_in_order_and_match_the_category() {
        let mut m = sample();
        m.joined_on = Some("1969-01-01".into());
        assert!(fields(validate(m, today())).contains(&"joined_on".to_owned()));

        let mut m = sample();
        m.category = Category::Probationary;
        assert_eq!(fields(validate(m, today())), ["confirmed_on"]);

        let mut m = sample();
        m.confirmed_on = Some("1972-03-01".into());
        assert_eq!(
            fields(validate(m, today())),
            ["confirmed_on"],
            "a year's probation"
        );

        let mut m = sample();
        m.category = Category::Activist;
        assert_eq!(fields(validate(m, today())), ["category"]);

        let mut m = sample();
        m.applied_on = Some("2027-01-01".into());
        m.joined_on = None;
        m.confirmed_on = None;
        m.category = Category::Applicant;
        assert_eq!(
            fields(validate(m, today())),
            ["applied_on"],
            "no future dates"
        );
    }

    #[test]
    fn applicants_must_be_adults_and_flowing_members_need_a_destination() {
        let mut m = sample();
        m.applied_on = Some("1960-01-01".into());
        assert_eq!(fields(validate(m, today())), ["applied_on"]);
        let mut m = sample();
        m.status = Status::Flowing;
        assert_eq!(fields(validate(m, today())), ["outflow_place"]);
    }

    #[test]
    fn import_fields_have_labels() {
        for f in IMPORT_FIELDS {
            assert!(!f.label.is_empty(), "{} has no label", f.key);
        }
    }

    #[test]
    fn branch_headers_web_systems_write_are_known() {
        for h in [
            "所属党组织",
            "所在党组织",
            "党支部名称",
            "支部名称",
            "所属党支部",
        ] {
            assert_eq!(
                import::match_header(IMPORT_FIELDS, h).map(|f| f.key),
                Some("branch_id"),
                "{h}"
            );
        }
    }

    #[test]
    fn labels_cover_every_input_field() {
        let value = serde_json::to_value(sample()).unwrap();
        for key in value.as_object().unwrap().keys() {
            assert!(!label(key).is_empty(), "{key} has no Chinese label");
        }
    }
}
